"""What changed between two versions of a paper on this computer, page by page.

Both versions are read from their sealed copies (decrypted in memory) and compared with
``ecabinet.annotations.version_diff``; pdfium runs under the process-wide lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.version_diff import PageDiff, VersionDiff
from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.errors import InputError
from ecabinet.pdf.pdfium_lock import PDFIUM_LOCK
from ecabinet.store.db import LocalStore


@dataclass(frozen=True)
class VersionRow:
    number: int
    sha256: str
    uploaded_at: str


def document_versions(store: LocalStore, document_id: str) -> list[VersionRow]:
    """The document's versions known here, oldest first."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalDocumentVersion

    with store.read() as session:
        rows = session.scalars(
            select(LocalDocumentVersion)
            .where(LocalDocumentVersion.document_id == document_id)
            .order_by(LocalDocumentVersion.version_no)
        )
        return [VersionRow(r.version_no, r.sha256, r.uploaded_at or "") for r in rows]


@dataclass(frozen=True)
class VersionChanges:
    old: VersionRow
    new: VersionRow
    pages: list[PageDiff]

    @property
    def changed(self) -> list[PageDiff]:
        return [p for p in self.pages if p.status != "unchanged"]


def compare_versions(
    open_paper: Callable[[str], SealedReader | None], old: VersionRow, new: VersionRow
) -> VersionChanges:
    """The page-by-page differences; ``InputError`` when a version's file is not here."""
    data: list[bytes] = []
    for version in (old, new):
        paper = open_paper(version.sha256)
        if paper is None:
            raise InputError(
                f"Phiên bản {version.number} chưa có trên máy này; hãy đồng bộ rồi thử lại.",
                message_en=f"Version {version.number} is not on this computer; sync first.",
                code="version_missing",
            )
        with paper:
            data.append(paper.read_all())
    with PDFIUM_LOCK, PdfText(data[0]) as before, PdfText(data[1]) as after:
        pages = VersionDiff(before.document, after.document).pages()
    return VersionChanges(old, new, pages)
