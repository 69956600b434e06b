"""The workspace's reading aids: offline search, where a hit is on its page, a
document's versions and what changed between two of them.

A mixin of ``Workspace`` (kept apart so the workspace stays small). Every method may block
on the disk or pdfium: call them off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.version_diff import VersionDiff
from ecabinet.client.files import FileCache
from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.errors import InputError, IntegrityError
from ecabinet.pdf.pdfium_lock import PDFIUM_LOCK
from ecabinet.search.hits import Hit
from ecabinet.search.locate import Rect, hit_rects
from ecabinet.store.db import LocalStore

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from ecabinet.search.results import SearchResult


@dataclass(frozen=True)
class VersionInfo:
    """One version of a document as this device knows it."""

    id: str
    document_id: str
    version_no: int
    sha256: str
    pages: int
    filename: str
    published_at: str  # ISO 8601 UTC, "" when the server did not say
    current: bool
    cached: bool  # its file is on this device, whole (it can be opened offline)


class ReviewMixin:
    store: LocalStore
    files: FileCache

    def open_paper(self, sha256: str) -> SealedReader | None:  # Workspace's
        raise NotImplementedError

    def search(
        self, query: str, *, ignore_diacritics: bool = False, limit: int = 50
    ) -> list[SearchResult]:
        """Offline full-text search of the cached papers and annotations, best first
        (``ecabinet search`` runs exactly this). Raises ``InputError`` for a bad query."""
        from ecabinet.search.results import find

        with self.store.read() as session:
            return find(session, query, ignore_diacritics=ignore_diacritics, limit=limit)

    def hit_rects(self, hit: Hit) -> list[Rect]:
        """Rectangles (PDF points, origin bottom-left) of a page hit's words on its page;
        empty for an annotation hit or a paper not on this device."""
        if hit.kind != "page" or not hit.matches:
            return []
        data = self._paper_bytes(hit.version_sha256)
        return [] if data is None else hit_rects(data, hit.page, hit.matches)

    def document_versions(self, document_id: str) -> list[VersionInfo]:
        """Every version of a document this device knows, oldest first."""
        from sqlalchemy import select

        from ecabinet.store.models import LocalDocument, LocalDocumentVersion, LocalFile

        with self.store.read() as session:
            current = session.scalar(
                select(LocalDocument.current_version_id).where(LocalDocument.id == document_id)
            )
            rows = session.execute(
                select(LocalDocumentVersion, LocalFile.verified_at)
                .outerjoin(LocalFile, LocalFile.sha256 == LocalDocumentVersion.sha256)
                .where(LocalDocumentVersion.document_id == document_id)
                .order_by(LocalDocumentVersion.version_no)
            ).all()
        return [
            VersionInfo(
                id=v.id, document_id=v.document_id, version_no=v.version_no, sha256=v.sha256,
                pages=v.pages, filename=v.filename, published_at=v.uploaded_at or "",
                current=v.id == current,
                cached=verified is not None and self.files.looks_intact(v.sha256, v.size),
            )
            for v, verified in rows
        ]  # fmt: skip

    def compare_versions(self, old_sha256: str, new_sha256: str) -> VersionDiff:
        """What changed from one version's text to another's, page by page.

        Raises ``InputError`` (``version_not_cached``) when either file is not on this
        device, and (``pdf_unreadable``/``pdf_password``) when one cannot be read.
        """
        texts = []
        for sha in (old_sha256, new_sha256):
            data = self._paper_bytes(sha)
            if data is None:
                raise InputError(
                    "Bản này của tài liệu không còn trên máy nên không so sánh được. "
                    "Hãy kết nối mạng và đồng bộ, hoặc chọn một bản khác.",
                    code="version_not_cached",
                    message_en=f"Version {sha} is not cached on this device.",
                )
            with PDFIUM_LOCK, PdfText(data) as pdf:
                texts.append(pdf.document)
        return VersionDiff(texts[0], texts[1])

    def _paper_bytes(self, sha256: str) -> bytes | None:
        try:
            reader = self.open_paper(sha256)
            if reader is None:
                return None
            with reader:
                return bytes(reader.read_at(0, reader.size))
        except (FileNotFoundError, IntegrityError):
            return None
