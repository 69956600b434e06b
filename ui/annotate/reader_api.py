"""What the annotation tools need of the reader (ui/reader/), and of its selection.

Structural types, so this package depends on the reader's contract, not its classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, SignalInstance
from PySide6.QtGui import QPolygonF


class TextSelectionLike(Protocol):
    page: int
    quads: Any  # list of 8-number quads in PDF points (QPolygonF/QRectF accepted)
    text: str
    char_start: int
    char_end: int


class ReaderLike(Protocol):
    page_changed: SignalInstance
    selection_changed: SignalInstance
    destroyed: SignalInstance

    @property
    def document_id(self) -> str: ...

    @property
    def version_sha256(self) -> str: ...

    def selection(self) -> Any: ...

    def add_layer(self, layer: Any) -> None: ...

    def update_page(self, page: int) -> None: ...

    def go_to(self, page: int, highlight: list[QRectF] | None = None) -> None: ...


def quad_list(raw: Any) -> list[list[float]]:
    """A selection's quads as [[x1, y1, ..., x4, y4], ...] in QuadPoints order (UL, UR, LL, LR)."""
    out: list[list[float]] = []
    for quad in raw or ():
        if isinstance(quad, QRectF):
            r = quad.normalized()
            out.append(
                [r.left(), r.bottom(), r.right(), r.bottom(), r.left(), r.top(), r.right(), r.top()]
            )
        elif isinstance(quad, QPolygonF) and quad.count() >= 4:
            a, b, c, d = (quad.at(i) for i in range(4))  # drawn order: UL, UR, LR, LL
            out.append([a.x(), a.y(), b.x(), b.y(), d.x(), d.y(), c.x(), c.y()])
        elif isinstance(quad, Sequence) and len(quad) == 8:
            out.append([round(float(v), 3) for v in quad])
        elif isinstance(quad, Sequence) and len(quad) == 4 and isinstance(quad[0], QPointF):
            out.append([c for p in quad for c in (p.x(), p.y())])
    return out


def bounds_of(record: dict[str, Any]) -> list[QRectF]:
    """Rectangles in PDF points the reader highlights when jumping to an annotation."""
    rects: list[QRectF] = []
    for quad in record.get("quads") or ():
        if isinstance(quad, Sequence) and len(quad) == 8:
            xs, ys = quad[0::2], quad[1::2]
            rects.append(QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))))
    rect = record.get("rect")
    if isinstance(rect, Sequence) and len(rect) == 4:
        x0, y0, x1, y1 = rect
        rects.append(QRectF(QPointF(min(x0, x1), min(y0, y1)), QPointF(max(x0, x1), max(y0, y1))))
    points = [p for stroke in record.get("ink") or () for p in stroke if len(p) >= 2]
    if points:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        rects.append(QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))))
    return rects
