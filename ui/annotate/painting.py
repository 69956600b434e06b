"""Painting shapes over a page: one transform per page, cached paths, pixel-sized extras."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QStaticText,
    QTextOption,
    QTransform,
)

from ui.annotate.shapes import Point, Shape, stroke_outline

HANDLE = 7.0  # pixels
FREETEXT_POINT_SIZE = 11.0  # the text of a text box, in PDF points (it zooms with the page)


class Geometry(Protocol):
    """The reader's ``PageGeometry`` (ui/reader/layers.py), as far as painting needs it."""

    page: int
    scale: float

    def to_view(self, x: float, y: float) -> QPointF: ...

    def to_pdf(self, p: QPointF) -> tuple[float, float]: ...


@dataclass
class PlainGeometry:
    """A page drawn at ``scale`` pixels per point with its top-left corner at ``origin``.

    What the reader gives for an unrotated page; used by the benchmark and by tests
    that paint into an image.
    """

    page: int
    scale: float
    page_height: float
    origin: QPointF

    def to_view(self, x: float, y: float) -> QPointF:
        return QPointF(
            self.origin.x() + x * self.scale,
            self.origin.y() + (self.page_height - y) * self.scale,
        )

    def to_pdf(self, p: QPointF) -> tuple[float, float]:
        return (
            (p.x() - self.origin.x()) / self.scale,
            self.page_height - (p.y() - self.origin.y()) / self.scale,
        )


def page_transform(geometry: Geometry) -> QTransform:
    """The affine map PDF points → widget pixels, read off three points of the geometry
    (so a rotated page maps right too)."""
    origin = geometry.to_view(0.0, 0.0)
    unit_x = geometry.to_view(1.0, 0.0)
    unit_y = geometry.to_view(0.0, 1.0)
    return QTransform(
        unit_x.x() - origin.x(),
        unit_x.y() - origin.y(),
        unit_y.x() - origin.x(),
        unit_y.y() - origin.y(),
        origin.x(),
        origin.y(),
    )


BATCHED = frozenset({"highlight"})
Batch = tuple[str, QColor, QPainterPath]


def batch(shapes: Iterable[Shape]) -> list[Batch]:
    """A page's highlights merged into one path per colour: a page with hundreds of them
    costs a few fills, and overlapping highlights of one colour tint once, not twice.
    (Ink is not merged: one path of many strokes fills slower than the strokes one by one.)"""
    merged: dict[tuple[str, int], tuple[QColor, QPainterPath]] = {}
    for shape in shapes:
        if shape.kind in BATCHED:
            key = (shape.kind, shape.color.rgba())
            if key not in merged:
                path = QPainterPath()
                path.setFillRule(Qt.FillRule.WindingFill)
                merged[key] = (shape.color, path)
            merged[key][1].addPath(shape.fill)
    ordered = sorted(merged.items(), key=lambda item: item[0][0] != "highlight")
    return [(kind, colour, path) for (kind, _), (colour, path) in ordered]


class ShapePainter:
    """Paints shapes; keeps laid-out text per (annotation, zoom) so repaints are cheap."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[str, float, QStaticText]] = {}

    def forget(self, keep: Iterable[str]) -> None:
        alive = set(keep)
        for key in [k for k in self._texts if k not in alive]:
            del self._texts[key]

    def paint(
        self,
        painter: QPainter,
        transform: QTransform,
        shapes: Iterable[Shape],
        selected: str | None = None,
        batches: list[Batch] | None = None,
        parts: str = "all",
    ) -> None:
        """Paint ``shapes``; highlights come from ``batches`` (see ``batch``) when given.

        ``parts``: "all"; "multiply" (the highlights only, multiplied onto the page); or
        "normal" (everything else, without selection handles).
        """
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # The reader may hand over a painter already translated (scrolling): keep it.
        base = painter.transform()
        full = transform * base
        chosen: Shape | None = None
        merged = batches is not None
        if parts != "normal":
            for _kind, colour, path in batches or ():
                painter.setTransform(full)
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
                painter.fillPath(path, colour)
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        for shape in shapes:
            if shape.id == selected:
                chosen = shape
            if merged and shape.kind in BATCHED:
                continue
            if parts != "all" and (parts == "multiply") != (shape.kind == "highlight"):
                continue
            if shape.kind == "highlight":
                self._highlight(painter, full, shape)
            elif shape.kind in ("underline", "strikeout"):
                self._lines(painter, full, shape)
            elif shape.kind == "ink":
                painter.setTransform(full)
                painter.fillPath(shape.fill, shape.color)
            elif shape.kind == "note":
                painter.setTransform(base)
                self._note(painter, transform, shape)
            elif shape.kind == "freetext":
                painter.setTransform(base)
                self._freetext(painter, transform, shape)
        if chosen is not None and parts == "all":
            painter.setTransform(base)
            self.handles(painter, transform, chosen)
        painter.restore()

    @staticmethod
    def _highlight(painter: QPainter, transform: QTransform, shape: Shape) -> None:
        # Multiply keeps the text under the marker black, as a real highlighter does.
        painter.setTransform(transform)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        painter.fillPath(shape.fill, shape.color)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    @staticmethod
    def _lines(painter: QPainter, transform: QTransform, shape: Shape) -> None:
        painter.setTransform(transform)
        pen = QPen(shape.color, shape.line_width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.strokePath(shape.lines, pen)

    @staticmethod
    def _note(painter: QPainter, transform: QTransform, shape: Shape) -> None:
        assert shape.rect is not None
        box = transform.mapRect(shape.rect)
        fold = box.width() * 0.3
        outline = QPolygonF(
            [
                box.topLeft(),
                box.topRight(),
                QPointF(box.right(), box.bottom() - fold),
                QPointF(box.right() - fold, box.bottom()),
                box.bottomLeft(),
            ]
        )
        painter.setPen(QPen(shape.color.darker(160), 1.0))
        painter.setBrush(shape.color)
        painter.drawPolygon(outline)
        painter.setPen(QPen(shape.color.darker(220), max(1.0, box.height() / 14)))
        for step in (0.3, 0.5, 0.7):
            y = box.top() + box.height() * step
            painter.drawLine(
                QPointF(box.left() + box.width() * 0.2, y),
                QPointF(box.right() - box.width() * (0.35 if step > 0.6 else 0.2), y),
            )

    def _freetext(self, painter: QPainter, transform: QTransform, shape: Shape) -> None:
        assert shape.rect is not None
        box = transform.mapRect(shape.rect)
        background = QColor(255, 255, 255, 210)
        painter.setPen(QPen(shape.color, 1.5))
        painter.setBrush(QBrush(background))
        painter.drawRect(box)
        if not shape.text:
            return
        scale = abs(transform.m11()) + abs(transform.m12())
        static = self._static_text(shape, scale, box.width() - 8)
        painter.setPen(QColor("#1a1a1a"))
        painter.setClipRect(box)
        painter.drawStaticText(QPointF(box.left() + 4, box.top() + 3), static)
        painter.setClipping(False)

    def _static_text(self, shape: Shape, scale: float, width: float) -> QStaticText:
        cached = self._texts.get(shape.id)
        if cached is not None and cached[0] == shape.text and abs(cached[1] - scale) < 1e-6:
            return cached[2]
        static = QStaticText(shape.text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setTextWidth(max(width, 10.0))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        static.setTextOption(option)
        font = QFont()
        font.setPixelSize(max(6, round(FREETEXT_POINT_SIZE * scale)))
        static.prepare(QTransform(), font)
        self._texts[shape.id] = (shape.text, scale, static)
        return static

    @staticmethod
    def handles(painter: QPainter, transform: QTransform, shape: Shape) -> None:
        """The frame and corner handles of the selected annotation."""
        box = transform.mapRect(shape.bounds).adjusted(-3, -3, 3, 3)
        pen = QPen(QColor("#1a73e8"), 1.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        painter.setPen(QPen(QColor("#1a73e8"), 1.0))
        painter.setBrush(QColor("white"))
        half = HANDLE / 2
        for corner in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()):
            painter.drawRect(QRectF(corner - QPointF(half, half), QSizeF(HANDLE, HANDLE)))


def paint_pending_ink(
    painter: QPainter, transform: QTransform, points: list[Point], color: QColor
) -> None:
    """The stroke being drawn, before it becomes an annotation."""
    if not points:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setTransform(transform, True)
    painter.fillPath(stroke_outline(points), color)
    painter.restore()


def paint_pending_box(
    painter: QPainter, transform: QTransform, rect: QRectF, color: QColor
) -> None:
    """The text box being dragged out."""
    painter.save()
    painter.setPen(QPen(color, 1.0, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(transform.mapRect(rect))
    painter.restore()
