"""Check the PAdES signatures of a PDF: who signed, when, valid, trusted, changed since.

"Changed since signing" comes from pyHanko's coverage and difference analysis: a
signature covers the bytes of the file as it was signed; anything appended later is an
incremental update, which pyHanko classifies. A later signature or a timestamp is an
expected change; a page, text or annotation added or altered afterwards is not, and
bytes altered inside the signed range break the signature itself.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ecabinet.errors import ErrorKind, InputError

__all__ = [
    "Change",
    "PdfVerification",
    "SignatureReport",
    "TrustRootError",
    "load_trust_roots",
    "verify_pdf",
    "verify_pdf_bytes",
]


class TrustRootError(InputError):
    kind = ErrorKind.INPUT


class Change(StrEnum):
    """What happened to the document after this signature was made."""

    NONE = "none"  # the file is exactly as signed
    SIGNATURES_ONLY = "signatures_only"  # only later signatures, timestamps, form filling
    ANNOTATIONS = "annotations"  # comments or marks were added on top
    CONTENT = "content"  # anything else: pages, text, structure
    BROKEN = "broken"  # the signed bytes themselves were altered

    @property
    def acceptable(self) -> bool:
        return self in (Change.NONE, Change.SIGNATURES_ONLY)


_CHANGE_VI = {
    Change.NONE: "Tài liệu không thay đổi kể từ khi ký.",
    Change.SIGNATURES_ONLY: "Sau khi ký, tài liệu chỉ được thêm chữ ký số khác.",
    Change.ANNOTATIONS: "Tài liệu đã bị thêm ghi chú hoặc đánh dấu sau khi ký.",
    Change.CONTENT: "Tài liệu đã bị thay đổi nội dung sau khi ký.",
    Change.BROKEN: "Nội dung đã ký bị sửa: chữ ký không còn khớp với tài liệu.",
}


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str  # the certificate subject's common name
    signer_subject: str  # the whole subject, RFC 4514
    issuer_name: str
    signed_at: dt.datetime | None  # the time the signer's computer claimed
    intact: bool  # the signed bytes hash to the signed digest
    valid: bool  # ... and the signature over that digest verifies with the certificate
    trusted: bool  # the certificate chains to one of the given roots
    change: Change
    problems: tuple[str, ...] = ()  # plain Vietnamese, one sentence each

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.change.acceptable

    def describe(self) -> str:
        """The verdict in Vietnamese, e.g. for the app's signature panel and the CLI."""
        when = f" lúc {_vietnam_time(self.signed_at)}" if self.signed_at else ""
        verdict = "Chữ ký hợp lệ." if self.ok else "CHỮ KÝ KHÔNG HỢP LỆ."
        lines = [f"{verdict} Người ký: {self.signer_name}{when}.", *self.problems]
        if self.change is not Change.BROKEN:
            lines.append(_CHANGE_VI[self.change])
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field_name,
            "signer": self.signer_name,
            "subject": self.signer_subject,
            "issuer": self.issuer_name,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "change": self.change.value,
            "ok": self.ok,
            "message": self.describe(),
        }


DAMAGED_VI = "Tệp có chữ ký số nhưng chữ ký bị hỏng, không đọc được: tài liệu đã bị sửa."


@dataclass(frozen=True)
class PdfVerification:
    path: Path
    signatures: tuple[SignatureReport, ...] = field(default_factory=tuple)
    # A signature whose data cannot even be parsed (bytes of the signature itself altered).
    damaged: bool = False

    @property
    def signed(self) -> bool:
        return bool(self.signatures) or self.damaged

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and not self.damaged and all(s.ok for s in self.signatures)

    def describe(self) -> str:
        if not self.signed:
            return "Tài liệu không có chữ ký số."
        parts = [s.describe() for s in self.signatures]
        if self.damaged:
            parts.append(f"CHỮ KÝ KHÔNG HỢP LỆ. {DAMAGED_VI}")
        return "\n\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "signed": self.signed,
            "damaged": self.damaged,
            "ok": self.ok,
            "message": self.describe(),
            "signatures": [s.to_json() for s in self.signatures],
        }


def _vietnam_time(moment: dt.datetime) -> str:
    from ecabinet.timeutil import VIETNAM_TZ

    return moment.astimezone(VIETNAM_TZ).strftime("%H:%M ngày %d/%m/%Y")


def load_trust_roots(paths: Iterable[Path]) -> list[Any]:
    """Certificates (PEM or DER) a verifier trusts as roots, e.g. the VGCA root."""
    from pyhanko.keys import load_cert_from_pemder

    roots = []
    for path in paths:
        try:
            roots.append(load_cert_from_pemder(str(path)))  # type: ignore[no-untyped-call]
        except (OSError, ValueError) as exc:
            raise TrustRootError(
                "Không đọc được chứng thư gốc tin cậy (cần tệp PEM hoặc DER).",
                code="bad_trust_root",
                message_en=f"Cannot read a trust root certificate from {path}: {exc}",
            ) from exc
    return roots


def verify_pdf(path: Path, trust_roots: Iterable[Path] | Iterable[Any]) -> PdfVerification:
    """Verify every signature in ``path`` against ``trust_roots`` (paths or certificates).

    No network is used: revocation is not checked (the test CA and an offline laptop
    have none to ask); validity, trust and changes are.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            "Không đọc được tệp cần kiểm tra.",
            code="unreadable_pdf",
            message_en=f"Cannot read {path}: {exc.strerror or exc}",
        ) from exc
    return verify_pdf_bytes(data, trust_roots, path=path)


def verify_pdf_bytes(
    data: bytes, trust_roots: Iterable[Path] | Iterable[Any], *, path: Path = Path("<memory>")
) -> PdfVerification:
    """``verify_pdf`` of a PDF already in memory (a sealed paper, decrypted, never on disk)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    roots = [load_trust_roots([r])[0] if isinstance(r, Path) else r for r in trust_roots]
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        form = reader.root.get("/AcroForm")
        form = form.get_object() if form is not None else None  # may be a reference
        has_fields = form is not None and "/Fields" in form and len(form["/Fields"]) > 0
    except (PdfError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(
            "Tệp không đọc được như một tệp PDF.",
            code="broken_pdf",
            message_en=f"{path} cannot be read as a PDF: {exc}",
        ) from exc
    try:
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError):
        # The file reads, it has signature fields, but a signature's data does not parse.
        return PdfVerification(path=path, damaged=has_fields)
    reports = []
    damaged = False
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            reports.append(_check(signature, context))
        except (PdfError, ValueError, KeyError, TypeError):
            damaged = True
    return PdfVerification(path=path, signatures=tuple(reports), damaged=damaged)


def _check(signature: Any, context: Any) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature

    status = validate_pdf_signature(signature, context)
    cert = status.signing_cert
    names = cert.subject.native
    problems: list[str] = []
    change = _change(status)
    if not status.intact:
        problems.append(_CHANGE_VI[Change.BROKEN])
    elif not status.valid:
        problems.append("Chữ ký không khớp với chứng thư số của người ký.")
    if status.intact and status.valid and not status.trusted:
        problems.append(_trust_problem(status, cert.issuer.human_friendly))
    return SignatureReport(
        field_name=str(signature.field_name),
        signer_name=str(names.get("common_name") or cert.subject.human_friendly),
        signer_subject=cert.subject.human_friendly,
        issuer_name=cert.issuer.human_friendly,
        signed_at=status.signer_reported_dt,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        change=change,
        problems=tuple(problems),
    )


_TRUST_PROBLEMS_VI = {
    "CHAIN_CONSTRAINTS_FAILURE": "Chứng thư số của người ký không dùng để ký văn bản được "
    "(thiếu mục đích sử dụng “chống chối bỏ” hoặc vi phạm ràng buộc của bên cấp).",
    "EXPIRED": "Chứng thư số của người ký đã hết hạn.",
    "OUT_OF_BOUNDS_NO_POE": "Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực.",
    "OUT_OF_BOUNDS_NOT_REVOKED": "Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực.",
    "NOT_YET_VALID": "Chứng thư số của người ký chưa có hiệu lực.",
    "REVOKED_NO_POE": "Chứng thư số của người ký đã bị thu hồi.",
    "REVOKED_CA_NO_POE": "Chứng thư của tổ chức cấp cho người ký đã bị thu hồi.",
}


def _trust_problem(status: Any, issuer: str) -> str:
    """Why a well-formed signature is not trusted, in one Vietnamese sentence."""
    indication = getattr(status.trust_problem_indic, "name", "")
    if indication in _TRUST_PROBLEMS_VI:
        return _TRUST_PROBLEMS_VI[indication]
    if indication == "NO_CERTIFICATE_CHAIN_FOUND" or status.validation_path is None:
        return (
            "Chứng thư số của người ký không được cấp bởi tổ chức chứng thực tin cậy "
            f"(bên cấp: {issuer})."
        )
    return f"Chứng thư số của người ký không được xác nhận ({indication or 'không rõ lý do'})."


def _change(status: Any) -> Change:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return Change.BROKEN
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return Change.NONE
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return Change.CONTENT
    level = status.modification_level
    if level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
        return Change.SIGNATURES_ONLY if level is ModificationLevel.LTA_UPDATES else Change.NONE
    if level is ModificationLevel.FORM_FILLING:
        return Change.SIGNATURES_ONLY
    if level is ModificationLevel.ANNOTATIONS:
        return Change.ANNOTATIONS
    return Change.CONTENT
