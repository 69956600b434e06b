"""Opening a chosen result: the paper in its tab, at the page, the hit highlighted."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QStackedWidget, QWidget

from ecabinet.search.locate import Rect
from ui.reader.reader import Reader
from ui.reader.tabs import PaperTabs


@dataclass(frozen=True)
class OpenRequest:
    document_id: str
    version_sha256: str
    title: str
    page: int  # 0-based
    rects: tuple[Rect, ...]  # the hit's words, PDF points (x0, bottom, x1, top)
    annotation_id: str | None = None  # set for a hit in an annotation's text


def highlight_rects(rects: tuple[Rect, ...]) -> list[QRectF]:
    """The reader's highlight rectangles: PDF points, corners (x0, bottom) and (x1, top)."""
    return [QRectF(QPointF(x0, y0), QPointF(x1, y1)) for x0, y0, x1, y1 in rects]


def open_in_tabs(tabs: PaperTabs, request: OpenRequest) -> Reader:
    """Open the paper (off the GUI thread) and go to the hit once its pages are there."""
    reader = tabs.open_paper(request.document_id, request.version_sha256, request.title)
    bring_forward(tabs)
    highlight = highlight_rects(request.rects) or None
    if reader.is_open():
        reader.go_to(request.page, highlight)
        return reader

    def opened(document_id: str) -> None:
        if document_id != request.document_id:
            return
        tabs.paper_opened.disconnect(opened)
        if reader.is_open() and reader.version_sha256 == request.version_sha256:
            reader.go_to(request.page, highlight)

    tabs.paper_opened.connect(opened)
    return reader


def bring_forward(widget: QWidget) -> None:
    """Make ``widget`` the shown page of every stacked widget holding it (the main
    window shows the tabs or a meeting's page in one)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
