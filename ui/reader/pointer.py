"""Mouse and pen on the pages: layers first (in order), otherwise text selection.

A layer that consumes a press keeps the moves and the release that follow (it "grabs"
the pointer), on the page it was pressed on. Otherwise a left drag selects text on the
page where it started (one page at a time); a double click selects a word.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QTabletEvent
from PySide6.QtPdf import QPdfDocument, QPdfSelection

from ui.reader.layers import PageFrame, PageLayer

if TYPE_CHECKING:
    from ui.reader.view import PaperView

PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TabletPress)
RELEASES = (QEvent.Type.MouseButtonRelease, QEvent.Type.TabletRelease)
TABLET = (QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease)


Line = tuple[QRectF, int, int]  # a line's box (QtPdf points), first and end character


def text_lines(document: QPdfDocument, page: int) -> list[Line]:
    """The page's lines of text, top to bottom, with the characters each holds."""
    lines = []
    for polygon in document.getAllText(page).bounds():
        rect = polygon.boundingRect()
        middle = rect.center().y()
        span = document.getSelection(
            page, QPointF(rect.left() + 0.5, middle), QPointF(rect.right() - 0.5, middle)
        )
        if span.text():
            lines.append((rect, span.startIndex(), span.endIndex()))
    lines.sort(key=lambda line: line[0].top())
    return lines


def char_at(document: QPdfDocument, page: int, point: QPointF) -> int | None:
    """The index of the character under ``point`` (QtPdf points), or None."""
    for reach in (1.0, 2.0, 4.0):  # pdfium finds no character in too narrow a span
        span = QPointF(reach, 0)
        hit = document.getSelection(page, point - span, point + span)
        if hit.text():  # may hold a neighbour too: take the one whose box holds the point
            for index in range(hit.startIndex(), hit.endIndex()):
                box = document.getSelectionAtIndex(page, index, 1).boundingRectangle()
                if box.left() <= point.x() <= box.right():
                    return index
            return hit.startIndex()
    return None


def _in_word(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"  # letters, their marks, digits


class Pointer:
    def __init__(self, view: PaperView) -> None:
        self.view = view
        self.grabbed: PageLayer | None = None
        self.grabbed_page = -1
        self.selection: QPdfSelection | None = None
        self.page = -1  # the page being selected on, or -1
        self.anchor = QPointF()  # where the drag started, QtPdf points
        self._last = QPointF()  # the pointer while selecting, viewport pixels
        self._lines: dict[int, list[Line]] = {}
        self._edge_timer = QTimer(view)  # scrolls while a drag is held beyond an edge
        self._edge_timer.setInterval(30)
        self._edge_timer.timeout.connect(self._scroll_at_edge)

    def reset(self) -> None:
        self.grabbed, self.grabbed_page = None, -1
        self.selection, self.page = None, -1
        self._lines = {}

    def to_layers(self, event: QMouseEvent | QTabletEvent, frame: PageFrame | None) -> bool:
        if self.grabbed is not None:
            consumed = self.grabbed.mouse_event(event, self.view.frame(self.grabbed_page))
            if event.type() in RELEASES:
                self.grabbed = None
            return consumed
        if frame is None:
            return False
        for layer in self.view.layers:
            if layer.mouse_event(event, frame):
                if event.type() in PRESSES:
                    self.grabbed, self.grabbed_page = layer, frame.page
                return True
        return False

    def tablet(self, event: QTabletEvent) -> bool:
        """True when a layer took the pen event (else Qt makes a mouse event of it)."""
        return self.to_layers(event, self.view.frame_at(event.position()))

    def press(self, event: QMouseEvent) -> None:
        frame = self.view.frame_at(event.position())
        if self.to_layers(event, frame):
            return
        had = self.selection is not None
        self.selection, self.page = None, -1
        if frame is not None and event.button() == Qt.MouseButton.LeftButton:
            self.page = frame.page
            self.anchor = frame.view_to_qt(event.position())
        if had:
            self.view.viewport().update()
            self.view.selection_changed.emit()

    def move(self, event: QMouseEvent) -> None:
        if self.grabbed is not None:
            self.to_layers(event, None)
        elif event.buttons() & Qt.MouseButton.LeftButton and self.page >= 0:
            self._last = event.position()
            self._drag_to(self._last)
            beyond = not 0 <= self._last.y() < self.view.viewport().height()
            if beyond and not self._edge_timer.isActive():
                self._edge_timer.start()
        elif not event.buttons():  # hovering: layers may react; text takes an I-beam
            frame = self.view.frame_at(event.position())
            if not self.to_layers(event, frame):
                shape = Qt.CursorShape.IBeamCursor if frame else Qt.CursorShape.ArrowCursor
                self.view.viewport().setCursor(shape)

    def release(self, event: QMouseEvent) -> None:
        self._edge_timer.stop()
        if self.grabbed is not None:
            self.to_layers(event, None)
            return
        if self.page < 0:
            return
        self._drag_to(event.position())
        if self.selection is None or not self.selection.text():
            self.selection, self.page = None, -1
            return
        self.view.selection_changed.emit()

    def double_click(self, event: QMouseEvent) -> None:
        """Select the word under the pointer."""
        frame = self.view.frame_at(event.position())
        document = self.view.document
        if frame is None or document is None or self.to_layers(event, frame):
            return
        index = char_at(document, frame.page, frame.view_to_qt(event.position()))
        text = document.getAllText(frame.page).text()
        if index is None or not 0 <= index < len(text) or not _in_word(text[index]):
            return
        start, end = index, index
        while start > 0 and _in_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_word(text[end]):
            end += 1
        self.view.select(frame.page, start, end - start)

    def _scroll_at_edge(self) -> None:
        height = self.view.viewport().height()
        y = self._last.y()
        step = y if y < 0 else y - height if y >= height else 0
        if self.page < 0 or not step:
            self._edge_timer.stop()
            return
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + round(max(-80, min(80, step))))
        self._drag_to(self._last)

    def _drag_to(self, pos: QPointF) -> None:
        document, strip = self.view.document, self.view.strip
        if document is None or strip is None or self.page < 0:
            return
        point = self.view.frame(self.page).view_to_qt(pos)
        width, height = strip.sizes[self.page]
        point = QPointF(min(max(point.x(), 0.0), width), min(max(point.y(), 0.0), height))
        chosen = document.getSelection(self.page, self.anchor, point)
        if not chosen.text():  # an end in a margin or between lines: pdfium finds nothing
            first = self._caret(self.page, self.anchor)
            second = self._caret(self.page, point)
            start = min(first[0], second[0])
            end = max(first[1], second[1])
            if end > start:
                chosen = document.getSelectionAtIndex(self.page, start, end - start)
        self.selection = chosen
        self.view.viewport().update()

    def _caret(self, page: int, p: QPointF) -> tuple[int, int]:
        """The text position nearest ``p`` (QtPdf points), as the first character of a
        selection starting there and the end of one ending there."""
        document = self.view.document
        assert document is not None
        if page not in self._lines:
            self._lines = {page: text_lines(document, page)}  # one page at a time
        lines = self._lines[page]
        for rect, start, end in lines:
            if p.y() < rect.top():
                return start, start
            if p.y() <= rect.bottom():
                if p.x() <= rect.left():
                    return start, start
                if p.x() >= rect.right():
                    return end, end
                index = char_at(document, page, p)
                if index is not None:
                    return index, index + 1
                return start, start  # a gap between words: as a margin
        last = lines[-1][2] if lines else 0
        return last, last
