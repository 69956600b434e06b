"""Drawing a page's image: whole while it is small, in sharp tiles when zoomed far in.

A whole page image is made at most MAX_PAGE_PIXELS (24 MB); beyond that (400 % on a
high-density screen is 50 million pixels) the whole image is a blurred stand-in and the
visible part is drawn from TILE-sized tiles rendered at full size, so memory stays
bounded at any zoom and scrolling reuses tiles already made.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtPdf import QPdfSelection

from ui.reader.layers import PageFrame
from ui.reader.render_cache import RenderCache
from ui.reader.selection import selection_rects

FIND_COLOR = QColor(255, 213, 0, 90)
CURRENT_FIND_COLOR = QColor(255, 120, 0, 150)
SELECTION_COLOR = QColor(0, 110, 220, 80)
MAX_PAGE_PIXELS = 6_000_000
TILE = 1024  # device pixels


def whole_page_size(rect: QRectF, ratio: float) -> tuple[QSize, QSize]:
    """The page's full size in device pixels, and the size its whole image is made at."""
    full = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
    area = full.width() * full.height()
    if area <= MAX_PAGE_PIXELS:
        return full, full
    shrink = math.sqrt(MAX_PAGE_PIXELS / area)
    return full, QSize(int(full.width() * shrink), int(full.height() * shrink))


def paint_page(
    painter: QPainter, cache: RenderCache, frame: PageFrame, ratio: float, viewport: QRectF
) -> None:
    rect = frame.rect
    full, whole = whole_page_size(rect, ratio)
    image, _exact = cache.image(frame.page, whole)
    if image is not None:
        painter.drawImage(rect, image)
    if whole == full:
        return
    seen = rect.intersected(viewport)
    left, top = (seen.left() - rect.left()) * ratio, (seen.top() - rect.top()) * ratio
    right, bottom = (seen.right() - rect.left()) * ratio, (seen.bottom() - rect.top()) * ratio
    page_box = QRect(QPoint(), full)
    for ty in range(int(top) // TILE, int(bottom) // TILE + 1):
        for tx in range(int(left) // TILE, int(right) // TILE + 1):
            clip = QRect(tx * TILE, ty * TILE, TILE, TILE).intersected(page_box)
            tile = cache.tile(frame.page, full, clip) if not clip.isEmpty() else None
            if tile is not None:
                target = QRectF(
                    rect.left() + clip.x() / ratio, rect.top() + clip.y() / ratio,
                    clip.width() / ratio, clip.height() / ratio,
                )  # fmt: skip
                painter.drawImage(target, tile)


def paint_marks(
    painter: QPainter,
    frame: PageFrame,
    found: list[QRectF],
    current: list[QRectF],
    selection: QPdfSelection | None,
) -> None:
    """Find hits (the current one stronger) and the text selection; QtPdf points."""
    for rect in found:
        painter.fillRect(frame.qt_rect_to_view(rect), FIND_COLOR)
    for rect in current:
        painter.fillRect(frame.qt_rect_to_view(rect), CURRENT_FIND_COLOR)
    if selection is not None:
        for rect in selection_rects(selection):
            painter.fillRect(frame.qt_rect_to_view(rect), SELECTION_COLOR)
