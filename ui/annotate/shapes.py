"""Annotation records turned into ready-to-paint shapes, built once per record.

Geometry stays in PDF points (origin bottom-left, the record's own space); painting
maps it with one transform per page, so zooming never rebuilds a path. Only what
must keep its pixel size (a note's icon, a text box's text, selection handles) is
drawn in widget pixels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

MARKUP_KINDS = frozenset({"highlight", "underline", "strikeout"})
NOTE_SIZE = 20.0  # points: a note's icon side at 100 %
INK_WIDTH = 2.0  # points: a stroke's width at pressure 0.5
DEFAULT_COLOR = "#FFD400"
Point = tuple[float, float, float]


@dataclass
class Shape:
    """One annotation, ready to paint: paths in PDF points, bounds for hit tests."""

    id: str
    kind: str
    page: int
    color: QColor
    fill: QPainterPath = field(default_factory=QPainterPath)
    lines: QPainterPath = field(default_factory=QPainterPath)
    line_width: float = 1.0
    rect: QRectF | None = None
    text: str = ""
    bounds: QRectF = field(default_factory=QRectF)
    quads: list[QPolygonF] = field(default_factory=list)
    strokes: list[list[Point]] = field(default_factory=list)
    state: str = "anchored"

    def hit(self, x: float, y: float, slack: float) -> bool:
        """True when (x, y) in PDF points lies on the annotation (``slack`` points around)."""
        if not self.bounds.adjusted(-slack, -slack, slack, slack).contains(QPointF(x, y)):
            return False
        point = QPointF(x, y)
        if self.kind in MARKUP_KINDS:
            grown = slack + self.line_width
            return any(
                q.boundingRect().adjusted(-grown, -grown, grown, grown).contains(point)
                for q in self.quads
            )
        if self.kind == "ink":
            near = (slack + INK_WIDTH) ** 2
            return any(
                (px - x) ** 2 + (py - y) ** 2 <= near for s in self.strokes for px, py, _ in s
            )
        return True


def _float(value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return float(value)


def _color(value: Any) -> QColor:
    color = QColor(value) if isinstance(value, str) else QColor()
    return color if color.isValid() else QColor(DEFAULT_COLOR)


def _quad_polygon(quad: Sequence[Any]) -> QPolygonF | None:
    if len(quad) != 8:
        return None
    x1, y1, x2, y2, x3, y3, x4, y4 = (_float(v) for v in quad)
    # QuadPoints order: upper-left, upper-right, lower-left, lower-right.
    return QPolygonF([QPointF(x1, y1), QPointF(x2, y2), QPointF(x4, y4), QPointF(x3, y3)])


def _markup(shape: Shape, quads: Sequence[Any]) -> None:
    heights = []
    for quad in quads:
        polygon = _quad_polygon(quad) if isinstance(quad, Sequence) else None
        if polygon is None:
            continue
        shape.quads.append(polygon)
        upper_left, upper_right, lower_right, lower_left = (polygon.at(i) for i in range(4))
        height = QLineF(upper_left, lower_left).length()
        heights.append(height)
        if shape.kind == "highlight":
            shape.fill.addPolygon(polygon)
            shape.fill.closeSubpath()
        elif shape.kind == "underline":
            # A little above the box's bottom: the loose box reaches the descenders.
            shape.lines.moveTo(_lerp(lower_left, upper_left, 0.12))
            shape.lines.lineTo(_lerp(lower_right, upper_right, 0.12))
        else:
            shape.lines.moveTo(_lerp(lower_left, upper_left, 0.45))
            shape.lines.lineTo(_lerp(lower_right, upper_right, 0.45))
    if heights:
        shape.line_width = max(0.6, sum(heights) / len(heights) * 0.08)
    shape.fill.setFillRule(Qt.FillRule.WindingFill)
    box = QRectF()
    for polygon in shape.quads:
        box = box.united(polygon.boundingRect())
    shape.bounds = box


def _lerp(a: QPointF, b: QPointF, t: float) -> QPointF:
    return QPointF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t)


def stroke_outline(points: Sequence[Point], base_width: float = INK_WIDTH) -> QPainterPath:
    """A filled outline of a stroke whose width follows the pen's pressure.

    One polygon per stroke (left edge forward, right edge back) plus round ends:
    a single fill instead of a line per segment, so long strokes stay cheap.
    """
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    if not points:
        return path
    widths = [base_width * (0.35 + 1.3 * min(max(p, 0.0), 1.0)) / 2 for _, _, p in points]
    if len(points) == 1:
        x, y, _ = points[0]
        path.addEllipse(QPointF(x, y), widths[0], widths[0])
        return path
    left: list[QPointF] = []
    right: list[QPointF] = []
    count = len(points)
    for i, (x, y, _) in enumerate(points):
        before = points[max(i - 1, 0)]
        after = points[min(i + 1, count - 1)]
        dx, dy = after[0] - before[0], after[1] - before[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length * widths[i], dx / length * widths[i]
        left.append(QPointF(x + nx, y + ny))
        right.append(QPointF(x - nx, y - ny))
    path.addPolygon(QPolygonF(left + right[::-1]))
    path.closeSubpath()
    for end in (0, count - 1):
        x, y, _ = points[end]
        path.addEllipse(QPointF(x, y), widths[end], widths[end])
    return path


def _ink(shape: Shape, strokes: Sequence[Any]) -> None:
    box = QRectF()
    for raw in strokes:
        if not isinstance(raw, Sequence):
            continue
        points: list[Point] = []
        for point in raw:
            if isinstance(point, Sequence) and len(point) in (2, 3):
                pressure = _float(point[2], 0.5) if len(point) == 3 else 0.5
                points.append((_float(point[0]), _float(point[1]), pressure))
        if points:
            shape.strokes.append(points)
            outline = stroke_outline(points)
            shape.fill.addPath(outline)
            box = box.united(outline.boundingRect())
    shape.fill.setFillRule(Qt.FillRule.WindingFill)
    shape.bounds = box


def rect_of(raw: Any) -> QRectF | None:
    """A record's ``rect`` [x0, y0, x1, y1] as a normalised QRectF in PDF points."""
    if not isinstance(raw, Sequence) or len(raw) != 4:
        return None
    x0, y0, x1, y1 = (_float(v) for v in raw)
    return QRectF(QPointF(min(x0, x1), min(y0, y1)), QPointF(max(x0, x1), max(y0, y1)))


def shape_of(record: Mapping[str, Any], *, orphans: bool = False) -> Shape | None:
    """The shape of one record; None when it has nothing to draw (or is not for a page).

    Orphans (not found in the new version) are drawn only where asked: on their old
    version, shown beside the new one.
    """
    page = record.get("page")
    kind = record.get("kind")
    if record.get("deleted") or not isinstance(page, int) or isinstance(page, bool):
        return None
    anchor = record.get("anchor")
    state = anchor.get("state", "anchored") if isinstance(anchor, Mapping) else "anchored"
    if state == "orphaned" and not orphans:
        return None
    shape = Shape(
        id=str(record.get("id", "")),
        kind=str(kind),
        page=page,
        color=_color(record.get("color")),
        text=str(record.get("text") or ""),
        state=str(state),
    )
    if kind in MARKUP_KINDS:
        _markup(shape, record.get("quads") or ())
    elif kind == "ink":
        _ink(shape, record.get("ink") or ())
    elif kind in ("note", "freetext"):
        shape.rect = rect_of(record.get("rect"))
        if shape.rect is None:
            return None
        shape.bounds = QRectF(shape.rect)
    else:
        return None
    return shape if not shape.bounds.isNull() or shape.rect is not None else None
