"""Put an official document received over the national document interchange (an edXML
package, QCVN 102:2016/BTTTT) on an agenda item: each PDF attachment becomes a paper.

All or nothing. ``read_plan`` reads the package safely (ecabinet/edxml) and checks every
PDF attachment before anything is sent; one broken PDF refuses the whole package, naming
each bad attachment. ``import_plan`` refuses a package whose files the meeting already
holds, then uploads the PDFs one by one; if one is refused midway (the network, the
server's checks, another clerk uploading the same file meanwhile), the papers this
import already created are deleted again and the error names the failing attachment.
Attachments that are not PDFs are listed as skipped.

The server keeps a paper's title and number only, so the number is the document's
"số, ký hiệu" and the sending organisation and promulgation date go into the title.
Qt-free: the preparation window and ``ecabinet edxml import`` both call it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.client import preparation as prep
from ecabinet.edxml import (
    AttachmentInfo,
    Header,
    Limits,
    SignatureReport,
    errors,
    import_package,
)
from ecabinet.errors import ECabinetError, InputError

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient

TITLE_MAX = 1000  # the server's limits for a paper's title and number
NUMBER_MAX = 100
SENDER_MAX = 300  # of the title, so the subject keeps room
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")  # the server refuses them in one line

# Told before each upload: (papers done, papers in all, the attachment about to go).
Progress = Callable[[int, int, str], None]


class SkipReason(StrEnum):
    NOT_PDF = "not_pdf"
    SAME_FILE = "same_file"  # the same bytes as an earlier attachment of the package


@dataclass(frozen=True)
class AttachmentPlan:
    info: AttachmentInfo
    data: bytes = field(repr=False)
    pages: int | None  # for a PDF
    title: str  # the paper's title; "" when skipped
    skip: SkipReason | None = None
    same_as: str | None = None  # SAME_FILE: the attachment imported instead

    @property
    def will_import(self) -> bool:
        return self.skip is None


@dataclass(frozen=True)
class ImportPlan:
    """What a package holds and what importing it would do; nothing sent yet."""

    source: Path
    sha256: str
    header: Header
    signature: SignatureReport
    number: str  # the papers' number: the document's code, "1234/TTr-BKHĐT"
    attachments: tuple[AttachmentPlan, ...]

    @property
    def to_import(self) -> tuple[AttachmentPlan, ...]:
        return tuple(a for a in self.attachments if a.will_import)

    @property
    def skipped(self) -> tuple[AttachmentPlan, ...]:
        return tuple(a for a in self.attachments if not a.will_import)


@dataclass(frozen=True)
class ImportedPaper:
    name: str  # the attachment's name
    document_id: str
    title: str
    pages: int


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    papers: tuple[ImportedPaper, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.plan.source),
            "sha256": self.plan.sha256,
            "number": self.plan.number,
            "papers": [
                {"name": p.name, "document_id": p.document_id, "title": p.title,
                 "pages": p.pages}
                for p in self.papers
            ],
            "skipped": [
                {"name": a.info.name, "content_type": a.info.content_type,
                 "reason": str(a.skip), "same_as": a.same_as}
                for a in self.plan.skipped
            ],
        }  # fmt: skip


class ImportFailed(ECabinetError):
    """An upload was refused midway; what this import had uploaded was deleted again,
    except ``left_behind`` (titles) when even that failed. The cause's kind and code are
    kept, so a refusal by the server stays one."""

    def __init__(
        self, attachment: str, cause: ECabinetError, removed: int, left_behind: tuple[str, ...]
    ) -> None:
        if left_behind:
            shown = "; ".join(f"“{t}”" for t in left_behind)
            after = (
                f"Không gỡ được {len(left_behind)} tài liệu đã tải lên trong lần nhập này "
                f"({shown}): hãy xóa chúng khỏi nội dung họp.",
                f"{len(left_behind)} paper(s) uploaded by this import could not be deleted "
                f"again ({shown}): delete them from the agenda item.",
            )
        elif removed:
            after = (
                f"{removed} tài liệu đã tải lên trước đó trong lần nhập này đã được gỡ bỏ; "
                "phiên họp không có gì thay đổi.",
                f"The {removed} paper(s) this import had uploaded were deleted again; the "
                "meeting is as it was.",
            )
        else:
            after = ("Chưa có tài liệu nào được nhập.", "Nothing was imported.")
        super().__init__(
            f"Không nhập được gói tin edXML: tệp đính kèm «{attachment}» bị từ chối. "
            f"{cause.message.strip()} {after[0]}",
            code=cause.code,
            message_en=f"The edXML package was not imported: the attachment '{attachment}' "
            f"was refused. {cause.message_en.strip()} {after[1]}",
            kind=cause.kind,
        )
        self.attachment = attachment
        self.cause = cause
        self.left_behind = left_behind


# -- reading ------------------------------------------------------------------------
def _line(text: str | None) -> str:
    return " ".join(_CONTROL.sub(" ", text or "").split())


def paper_title(header: Header, attachment_name: str, *, several: bool) -> str:
    """The paper's title: "Subject (Sender, ngày dd/mm/yyyy)"; with several PDFs each
    title starts with its attachment's name, so the item's papers can be told apart."""
    sender = _line(header.sender.organ_name) or _line(header.sender.organ_id)
    sender = sender[:SENDER_MAX].rstrip()
    origin = f" ({sender}, ngày {header.promulgation_date:%d/%m/%Y})"
    subject = _line(header.subject)
    stem = _line(Path(attachment_name).stem) if several else ""
    base = f"{stem} — {subject}" if stem else subject
    room = TITLE_MAX - len(origin)
    if len(base) > room:
        base = base[: room - 1].rstrip() + "…"
    return base + origin


def read_plan(path: Path, *, limits: Limits | None = None) -> ImportPlan:
    """Read the package and check every PDF attachment; raises ``EdxmlError`` naming
    what is wrong (every broken PDF, when there are several)."""
    package = import_package(path, limits=limits)
    header = package.header
    number = _line(header.code)
    if len(number) > NUMBER_MAX:
        raise errors.bad_field("Code", number, f"at most {NUMBER_MAX} characters")
    pdf_count = len({a.attachment.info.sha256 for a in package.pdfs})
    seen: dict[str, str] = {}
    plans: list[AttachmentPlan] = []
    for entry in package.attachments:
        info, pages = entry.attachment.info, entry.pdf.pages if entry.pdf else None
        skip, same_as, title = None, None, ""
        if entry.pdf is None:
            skip = SkipReason.NOT_PDF
        elif info.sha256 in seen:  # the server keeps a file once per meeting
            skip, same_as = SkipReason.SAME_FILE, seen[info.sha256]
        else:
            seen[info.sha256] = info.name
            title = paper_title(header, info.name, several=pdf_count > 1)
        plans.append(AttachmentPlan(info, entry.attachment.data, pages, title, skip, same_as))
    return ImportPlan(path, package.sha256, header, package.signature, number, tuple(plans))


# -- importing ----------------------------------------------------------------------
def _check_target(api: ApiClient, meeting_id: str, item_id: str, plan: ImportPlan) -> None:
    """Refuse before any upload: no PDF, an item of another meeting, files already there."""
    if not plan.to_import:
        raise InputError(
            "Gói tin không có tệp đính kèm PDF nào để nhập; chưa có gì được tải lên.",
            code="edxml_no_pdf",
            message_en="The package holds no PDF attachment to import; nothing was uploaded.",
        )
    body = api.get_json(f"/api/v1/meetings/{meeting_id}")
    if item_id not in {i["id"] for i in body.get("agenda_items", [])}:
        raise InputError(
            "Nội dung họp đã chọn không thuộc phiên họp này (có thể vừa bị xóa). "
            "Hãy chọn lại nội dung; chưa có gì được tải lên.",
            code="agenda_item_mismatch",
            message_en="The agenda item is not part of this meeting; nothing was uploaded.",
        )
    titles = {d["id"]: str(d.get("title") or "") for d in body.get("documents", [])}
    versions = body.get("document_versions", [])
    held = {v["sha256"]: titles.get(v["document_id"], "") for v in versions}
    clashes = [(a.info.name, held[a.info.sha256]) for a in plan.to_import if a.info.sha256 in held]
    if clashes:
        named = "; ".join(f"«{name}» (tài liệu “{title}”)" for name, title in clashes)
        named_en = "; ".join(f"'{name}' (paper “{title}”)" for name, title in clashes)
        raise InputError(
            f"Phiên họp đã có tệp đính kèm của gói tin này: {named}. Có lẽ gói tin đã được "
            "nhập rồi; chưa có gì được tải lên.",
            code="duplicate_document",
            message_en=f"The meeting already holds this package's attachment(s): {named_en}. "
            "It was probably imported before; nothing was uploaded.",
        )


def _roll_back(api: ApiClient, papers: list[ImportedPaper]) -> tuple[str, ...]:
    """Delete what this import created; the titles of any that could not be deleted."""
    left: list[str] = []
    for paper in reversed(papers):
        try:
            prep.delete_document(api, paper.document_id)
        except Exception:  # reported: the person deletes it by hand
            left.append(paper.title)
    return tuple(left)


def import_plan(
    api: ApiClient,
    plan: ImportPlan,
    meeting_id: str,
    item_id: str,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """Upload the plan's PDFs as papers of the item, in the manifest's order, or none."""
    _check_target(api, meeting_id, item_id, plan)
    todo = plan.to_import
    done: list[ImportedPaper] = []
    with tempfile.TemporaryDirectory(prefix="ecabinet-edxml-import-") as scratch:
        for index, entry in enumerate(todo):
            if progress is not None:
                progress(index, len(todo), entry.info.name)
            try:
                # A safe file name here; the attachment's own name goes with the upload.
                path = Path(scratch) / f"{index}.pdf"
                path.write_bytes(entry.data)
                answer = prep.upload_pdf(
                    api, meeting_id, path, item_id=item_id, title=entry.title,
                    number=plan.number, filename=entry.info.name,
                )  # fmt: skip
            except BaseException as exc:
                left = _roll_back(api, done)
                if isinstance(exc, ECabinetError):
                    removed = len(done) - len(left)
                    raise ImportFailed(entry.info.name, exc, removed, left) from exc
                raise
            document = answer["document"]
            done.append(
                ImportedPaper(entry.info.name, str(document["id"]), str(document["title"]),
                              int(answer["version"]["pages"]))
            )  # fmt: skip
    if progress is not None:
        progress(len(todo), len(todo), "")
    return ImportResult(plan, tuple(done))


def import_edxml(
    api: ApiClient,
    path: Path,
    meeting_id: str,
    item_id: str,
    *,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Read, check and import a package in one call (the command line's way)."""
    return import_plan(api, read_plan(path, limits=limits), meeting_id, item_id, progress=progress)
