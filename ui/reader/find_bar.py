"""Ctrl+F within a paper: a bar, and a search that reads page text a little at a time.

Never QPdfSearchModel (about 100 ms a page). Page text comes from
``QPdfDocument.getAllText`` (2–3 ms a page), once per page, starting at the current
page and wrapping round, 12 ms of it per event-loop turn so scrolling stays smooth.
Hits are painted by the view: all of them on visible pages, the current one stronger.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ui.reader.find_text import PageText
from ui.reader.selection import selection_rects

TICK_SECONDS = 0.012  # text read per event-loop turn: scrolling stays smooth

Hit = tuple[int, int, int]  # page, start, length (pdfium characters)


class DocumentFinder(QObject):
    """Finds a query in every page, incrementally; keeps the hits sorted."""

    hits_changed = Signal()
    finished = Signal()

    def __init__(self, document: QPdfDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._texts: dict[int, PageText] = {}
        self.hits: list[Hit] = []
        self.rects: dict[int, list[QRectF]] = {}  # QtPdf points, per page with hits
        self.query = ""
        self.ignore_diacritics = True
        self._order: list[int] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self, query: str, ignore_diacritics: bool, first_page: int) -> None:
        self.query, self.ignore_diacritics = query, ignore_diacritics
        self.hits, self.rects = [], {}
        count = self.document.pageCount()
        # Popped from the end: the current page first, then onwards, wrapping round.
        pages = [(first_page + i) % count for i in range(count)] if query.strip() else []
        self._order = pages[::-1]
        self._timer.start()
        self.hits_changed.emit()

    def searching(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()

    def page_text(self, page: int) -> PageText:
        if page not in self._texts:
            self._texts[page] = PageText(self.document.getAllText(page).text())
        return self._texts[page]

    def _step(self) -> None:
        """Pages until TICK_SECONDS have passed, then back to the event loop."""
        found = False
        deadline = time.perf_counter() + TICK_SECONDS
        while self._order and time.perf_counter() < deadline:
            page = self._order.pop()
            for start, length in self.page_text(page).find(self.query, self.ignore_diacritics):
                self.hits.append((page, start, length))
                selection = self.document.getSelectionAtIndex(page, start, length)
                self.rects.setdefault(page, []).extend(selection_rects(selection))
                found = True
        if found:
            self.hits.sort()
            self.hits_changed.emit()
        if not self._order:
            self._timer.stop()
            self.finished.emit()

    def hit_rects(self, hit: Hit) -> list[QRectF]:
        page, start, length = hit
        return selection_rects(self.document.getSelectionAtIndex(page, start, length))


class FindBar(QWidget):
    """The find bar's widgets; the Reader connects them to a DocumentFinder."""

    query_changed = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.ignore_diacritics = QCheckBox(self)
        self.ignore_diacritics.setObjectName("ignoreDiacritics")
        self.ignore_diacritics.setChecked(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.field, self.ignore_diacritics, self.previous_button, self.next_button):
            row.addWidget(widget)
        row.addWidget(self.count, 1)
        row.addWidget(self.close_button)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.query_changed)
        self.field.textEdited.connect(lambda _t: self._debounce.start())
        self.ignore_diacritics.toggled.connect(lambda _on: self.query_changed.emit())
        self.next_button.clicked.connect(self.next_requested)
        self.previous_button.clicked.connect(self.previous_requested)
        self.close_button.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self._debounce.stop()
                    self.query_changed.emit()
                    return True
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                (self.previous_requested if shift else self.next_requested).emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int | None, total: int, searching: bool) -> None:
        if not self.field.text().strip():
            self.count.clear()
        elif total == 0:
            self.count.setText(self.tr("Searching…") if searching else self.tr("Not found"))
        else:
            shown = "?" if current is None else str(current + 1)
            self.count.setText(f"{shown}/{total}" + ("…" if searching else ""))

    def retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Find in this paper"))
        self.ignore_diacritics.setText(self.tr("Ignore diacritics"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
