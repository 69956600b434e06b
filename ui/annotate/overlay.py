"""A page's annotations rendered once per zoom, then repainted as two images.

Scrolling, a blinking caret or a selection drag repaint the page many times a second;
with hundreds of annotations on one page, drawing every path each time costs more than
a frame. The shapes are drawn once into a "multiply" image (highlights on white, which
multiplying leaves unchanged) and a "normal" one (everything else, transparent), at the
device's pixel ratio and the page's sub-pixel offset, so the cached pixels are exactly
what direct painting would give. Selection handles and the stroke being drawn are
painted live, over them.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QTransform

from ui.annotate.painting import Batch, ShapePainter
from ui.annotate.shapes import Shape

MARGIN = 8  # device pixels around the shapes: pens, note icons' outlines
MAX_PIXELS = 6_000_000  # beyond this (deep zoom) the page is painted directly
PAGES_KEPT = 6
Key = tuple[float, ...]


@dataclass
class _Overlay:
    key: Key
    at: tuple[int, int]  # the images' top-left corner, in device pixels from the origin
    multiply: QImage | None
    normal: QImage | None


class OverlayCache:
    def __init__(self, shape_painter: ShapePainter) -> None:
        self._painter = shape_painter
        self._pages: OrderedDict[int, _Overlay] = OrderedDict()

    def holds(self, page: int) -> bool:
        return page in self._pages

    def forget(self, page: int | None = None) -> None:
        if page is None:
            self._pages.clear()
        else:
            self._pages.pop(page, None)

    def paint(
        self,
        painter: QPainter,
        transform: QTransform,
        page: int,
        shapes: Sequence[Shape],
        batches: list[Batch],
    ) -> bool:
        """Paint the page's shapes from the cache; False when they must be painted directly
        (a painter that scales or rotates, or an overlay too large to keep)."""
        base = painter.transform()
        plain = (QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate)
        if base.type() not in plain:
            return False
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        full = transform * base
        tx, ty = full.dx() * ratio, full.dy() * ratio
        ix, iy = math.floor(tx), math.floor(ty)
        fx, fy = tx - ix, ty - iy
        linear = (full.m11(), full.m12(), full.m21(), full.m22())
        key: Key = (*(round(v, 6) for v in linear), round(fx, 3), round(fy, 3), ratio)
        overlay = self._pages.get(page)
        if overlay is None or overlay.key != key:
            local = QTransform(*linear, fx / ratio, fy / ratio)
            overlay = self._render(local, key, ratio, shapes, batches)
            if overlay is None:
                return False
            self._pages[page] = overlay
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        self._pages.move_to_end(page)
        painter.save()
        painter.resetTransform()
        corner = QPointF((ix + overlay.at[0]) / ratio, (iy + overlay.at[1]) / ratio)
        if overlay.multiply is not None:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
            painter.drawImage(corner, overlay.multiply)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if overlay.normal is not None:
            painter.drawImage(corner, overlay.normal)
        painter.restore()
        return True

    def _render(
        self,
        local: QTransform,
        key: Key,
        ratio: float,
        shapes: Sequence[Shape],
        batches: list[Batch],
    ) -> _Overlay | None:
        bounds = QRectF()
        for shape in shapes:
            bounds = bounds.united(shape.bounds)
        box = local.mapRect(bounds)
        x0 = math.floor(box.left() * ratio) - MARGIN
        y0 = math.floor(box.top() * ratio) - MARGIN
        width = math.ceil(box.right() * ratio) + MARGIN - x0
        height = math.ceil(box.bottom() * ratio) + MARGIN - y0
        if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
            return None
        has_multiply = any(s.kind == "highlight" for s in shapes)
        has_normal = any(s.kind != "highlight" for s in shapes)
        images: list[QImage | None] = []
        for part, wanted in (("multiply", has_multiply), ("normal", has_normal)):
            if not wanted:
                images.append(None)
                continue
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.white if part == "multiply" else Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setTransform(QTransform.fromTranslate(-x0 / ratio, -y0 / ratio))
            self._painter.paint(painter, local, shapes, None, batches, parts=part)
            painter.end()
            images.append(image)
        return _Overlay(key, (x0, y0), images[0], images[1])
