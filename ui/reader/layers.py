"""What other features need to draw over a page: its geometry, and the layer protocol.

Coordinates the rest of the app uses are PDF points in the page's unrotated user space,
origin bottom-left (like annotation quads). QtPdf uses points with the origin at the top
left; ``PageFrame`` converts between both and widget pixels.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QMouseEvent, QPainter, QTabletEvent


class PageGeometry(Protocol):
    """Where one visible page is on screen; passed to layers."""

    page: int
    scale: float  # widget pixels per PDF point

    def to_view(self, x: float, y: float) -> QPointF: ...

    def to_pdf(self, p: QPointF) -> tuple[float, float]: ...


class PageLayer(Protocol):
    def paint_page(self, painter: QPainter, geometry: PageGeometry) -> None: ...

    def mouse_event(self, event: QMouseEvent | QTabletEvent, geometry: PageGeometry) -> bool:
        """True when the layer consumed the event (no text selection then)."""
        ...


class PageFrame:
    """A page's place in the view: ``rect`` in widget pixels, ``height`` in points."""

    __slots__ = ("height", "page", "rect", "scale")

    def __init__(self, page: int, rect: QRectF, scale: float, height: float) -> None:
        self.page = page
        self.rect = rect
        self.scale = scale
        self.height = height

    def to_view(self, x: float, y: float) -> QPointF:
        """PDF points (origin bottom-left) to widget pixels."""
        return QPointF(
            self.rect.left() + x * self.scale, self.rect.top() + (self.height - y) * self.scale
        )

    def to_pdf(self, p: QPointF) -> tuple[float, float]:
        """Widget pixels to PDF points (origin bottom-left)."""
        return (p.x() - self.rect.left()) / self.scale, self.height - (
            p.y() - self.rect.top()
        ) / self.scale

    def qt_to_view(self, p: QPointF) -> QPointF:
        """QtPdf points (origin top-left) to widget pixels."""
        return QPointF(self.rect.left() + p.x() * self.scale, self.rect.top() + p.y() * self.scale)

    def view_to_qt(self, p: QPointF) -> QPointF:
        """Widget pixels to QtPdf points (origin top-left)."""
        return QPointF(
            (p.x() - self.rect.left()) / self.scale, (p.y() - self.rect.top()) / self.scale
        )

    def qt_rect_to_view(self, r: QRectF) -> QRectF:
        s = self.scale
        return QRectF(
            self.rect.left() + r.x() * s, self.rect.top() + r.y() * s, r.width() * s, r.height() * s
        )
