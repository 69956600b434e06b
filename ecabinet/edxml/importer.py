"""Import a package for the secretariat: its header and attachments, PDFs checked.

``import_package`` reads the whole package and checks every PDF attachment with the
project's PDF intake rules (``ecabinet.pdf.inspect``, the rules the upload check uses)
before returning anything, so a caller that stores what it gets never stores half a
package; when several PDFs are broken, the refusal names each of them.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ecabinet.edxml import errors
from ecabinet.edxml.model import Attachment, Header, Limits, SignatureReport
from ecabinet.edxml.reader import read_package
from ecabinet.pdf.inspect import InvalidPdf, PdfInfo, inspect_pdf


@dataclass(frozen=True)
class ImportedAttachment:
    attachment: Attachment
    pdf: PdfInfo | None  # pages and title when the attachment is a PDF

    @property
    def is_pdf(self) -> bool:
        return self.pdf is not None


@dataclass(frozen=True)
class ImportedPackage:
    source: Path
    sha256: str
    header: Header
    attachments: tuple[ImportedAttachment, ...]
    signature: SignatureReport

    @property
    def pdfs(self) -> tuple[ImportedAttachment, ...]:
        return tuple(item for item in self.attachments if item.is_pdf)


def is_pdf_attachment(attachment: Attachment) -> bool:
    info = attachment.info
    return info.content_type.lower() == "application/pdf" or info.name.lower().endswith(".pdf")


def import_package(path: Path, *, limits: Limits | None = None) -> ImportedPackage:
    package = read_package(path, limits=limits)
    imported: list[ImportedAttachment] = []
    broken: list[tuple[str, str, str]] = []  # every bad PDF is named, not only the first
    with tempfile.TemporaryDirectory(prefix="ecabinet-edxml-") as scratch:
        for index, attachment in enumerate(package.attachments):
            pdf = None
            if is_pdf_attachment(attachment):
                candidate = Path(scratch) / f"{index}.pdf"
                candidate.write_bytes(attachment.data)
                try:
                    pdf = inspect_pdf(candidate)
                except InvalidPdf as exc:
                    broken.append((attachment.info.name, exc.message, exc.message_en))
            imported.append(ImportedAttachment(attachment=attachment, pdf=pdf))
    if broken:
        raise errors.invalid_pdfs(broken)
    return ImportedPackage(
        source=path,
        sha256=package.sha256,
        header=package.header,
        attachments=tuple(imported),
        signature=package.signature,
    )
