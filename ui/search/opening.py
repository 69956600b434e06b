"""Opening a chosen result: the paper in its tab, at the page, the hit highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF

from ecabinet.search.locate import Rect


@dataclass(frozen=True)
class OpenRequest:
    document_id: str
    version_sha256: str
    title: str
    page: int  # 0-based
    rects: tuple[Rect, ...]  # the hit's words, PDF points (x0, bottom, x1, top)
    annotation_id: str | None = None  # set for a hit in an annotation's text


class ReaderLike(Protocol):  # ui/reader/reader.py Reader
    def go_to(self, page: int, highlight: list[QRectF] | None = None) -> None: ...


class PaperTabsLike(Protocol):  # ui/reader/tabs.py PaperTabs
    def open_paper(self, document_id: str, sha256: str, title: str) -> None: ...
    def current_reader(self) -> ReaderLike | None: ...


def highlight_rects(rects: tuple[Rect, ...]) -> list[QRectF]:
    """The reader's highlight rectangles: PDF points, corners (x0, bottom) and (x1, top)."""
    return [QRectF(QPointF(x0, y0), QPointF(x1, y1)) for x0, y0, x1, y1 in rects]


def open_in_tabs(tabs: PaperTabsLike, request: OpenRequest) -> None:
    tabs.open_paper(request.document_id, request.version_sha256, request.title)
    reader = tabs.current_reader()
    if reader is not None:
        reader.go_to(request.page, highlight_rects(request.rects) or None)
