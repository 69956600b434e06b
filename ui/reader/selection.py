"""A text selection as the rest of the app sees it: PDF points, origin bottom-left.

``char_start``/``char_end`` are pdfium's character indices within the page's text
(``QPdfSelection.startIndex()``/``endIndex()``; end exclusive), the same indices as
``QPdfDocument.getAllText(page)`` and pypdfium2's text page count them: a generated
space or line break between words counts as one character, as pdfium inserts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtPdf import QPdfSelection

Quad = tuple[float, float, float, float, float, float, float, float]


@dataclass(frozen=True)
class TextSelection:
    page: int
    # One quad per line in QuadPoints order: upper-left, upper-right, lower-left, lower-right.
    quads: tuple[Quad, ...]
    text: str
    char_start: int
    char_end: int


def qt_rect_to_quad(rect: QRectF, page_height: float) -> Quad:
    """A QtPdf rectangle (points, origin top-left) as a quad in PDF points (bottom-left)."""
    top, bottom = page_height - rect.top(), page_height - rect.bottom()
    return (rect.left(), top, rect.right(), top, rect.left(), bottom, rect.right(), bottom)


def pdf_rect_to_qt(rect: QRectF, page_height: float) -> QRectF:
    """A rectangle in PDF points (origin bottom-left, y up) as QtPdf points (top-left).

    ``rect`` is read as x, y of its lower-left corner, with a positive width and height.
    """
    r = rect.normalized()
    return QRectF(r.left(), page_height - r.top() - r.height(), r.width(), r.height())


def selection_rects(selection: QPdfSelection) -> list[QRectF]:
    """One rectangle per line of a QtPdf selection (points, origin top-left)."""
    return [polygon.boundingRect() for polygon in selection.bounds()]


def text_selection(page: int, selection: QPdfSelection, page_height: float) -> TextSelection:
    return TextSelection(
        page=page,
        quads=tuple(qt_rect_to_quad(r, page_height) for r in selection_rects(selection)),
        text=selection.text(),
        char_start=selection.startIndex(),
        char_end=selection.endIndex(),
    )
