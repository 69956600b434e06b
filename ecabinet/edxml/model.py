"""What an edXML package holds, as plain frozen records (no XML types leak out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
XLINK_NS = "http://www.w3.org/1999/xlink"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a package may hold before it is refused unread (a meeting paper is far smaller)."""

    package_bytes: int = 100 * MIB
    attachments: int = 50
    attachment_bytes: int = 50 * MIB  # one attachment, decoded
    total_attachment_bytes: int = 100 * MIB  # all attachments, decoded


@dataclass(frozen=True)
class Organisation:
    organ_id: str
    organ_name: str | None = None
    organ_in_charge: str | None = None


@dataclass(frozen=True)
class TraceHeader:
    organ_id: str
    timestamp: str | None = None


@dataclass(frozen=True)
class Header:
    sender: Organisation
    recipients: tuple[Organisation, ...]
    code_number: str
    code_notation: str
    promulgation_place: str | None
    promulgation_date: dt.date
    document_type: str
    document_type_name: str | None
    subject: str
    signer_name: str | None
    signer_position: str | None
    signer_competence: str | None
    due_date: dt.date | None
    document_id: str | None
    trace: tuple[TraceHeader, ...] = ()

    @property
    def code(self) -> str:
        """The official number as printed on the paper, e.g. "123/TTg-KTTH"."""
        return f"{self.code_number}/{self.code_notation}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["promulgation_date"] = self.promulgation_date.isoformat()
        data["due_date"] = self.due_date.isoformat() if self.due_date else None
        data["code"] = self.code
        return data


@dataclass(frozen=True)
class AttachmentInfo:
    name: str
    content_type: str
    size: int
    sha256: str
    content_id: str
    description: str | None = None


@dataclass(frozen=True)
class Attachment:
    info: AttachmentInfo
    data: bytes = field(repr=False)


class SignatureStatus(StrEnum):
    NOT_PRESENT = "not_present"
    VERIFIES = "verifies"
    DOES_NOT_VERIFY = "does_not_verify"


@dataclass(frozen=True)
class SignatureReport:
    """Whether the envelope's XML-DSig signature holds. ``VERIFIES`` means the signed
    content is unchanged since the holder of ``signer``'s key signed it; whether that
    certificate belongs to whom it claims (the Government CA chain) is not checked here.
    ``covers_attachments`` is False when the signature covers the envelope only (MIME
    parts lie outside the signed XML): then the attachments' bytes are not vouched for."""

    status: SignatureStatus
    reason: str | None = None
    signer: str | None = None
    covers_attachments: bool = False

    @property
    def label(self) -> str:
        return {
            SignatureStatus.NOT_PRESENT: "không có chữ ký — not present",
            SignatureStatus.VERIFIES: "có chữ ký, hợp lệ — present, verifies",
            SignatureStatus.DOES_NOT_VERIFY: "có chữ ký, KHÔNG hợp lệ — present, does not verify",
        }[self.status]


@dataclass(frozen=True)
class EdxmlPackage:
    form: str  # "inline" (base64 in AttachmentEncoded) or "mime" (multipart/related)
    header: Header
    attachments: tuple[Attachment, ...]
    signature: SignatureReport
    size: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "size": self.size,
            "sha256": self.sha256,
            "header": self.header.to_dict(),
            "attachments": [asdict(a.info) for a in self.attachments],
            "signature": {
                "status": self.signature.status.value,
                "reason": self.signature.reason,
                "signer": self.signature.signer,
                "covers_attachments": self.signature.covers_attachments,
            },
        }
