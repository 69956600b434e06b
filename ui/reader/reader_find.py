"""Connects the find bar, the incremental finder and the view's hit marks."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QObject, QRectF

from ui.reader.find_bar import DocumentFinder, FindBar, Hit
from ui.reader.view import PaperView


class FindController:
    def __init__(self, finder: DocumentFinder, view: PaperView, bar: FindBar) -> None:
        self.finder, self.view, self.bar = finder, view, bar
        self.current: Hit | None = None
        self._connections = [
            bar.query_changed.connect(self.search),
            bar.next_requested.connect(lambda: self.step(1)),
            bar.previous_requested.connect(lambda: self.step(-1)),
            bar.closed.connect(self.clear),
            finder.hits_changed.connect(self._on_hits),
            finder.finished.connect(self._show_count),
        ]
        if bar.isVisible() and bar.field.text().strip():
            self.search()

    def disconnect(self) -> None:
        """Let go of the bar (the reader opens another paper, or closes)."""
        self.finder.stop()
        for connection in self._connections:
            QObject.disconnect(connection)
        self.finder.deleteLater()

    def search(self) -> None:
        self.current = None
        self.view.current_mark = None
        self.finder.start(
            self.bar.field.text(), self.bar.ignore_diacritics.isChecked(), self.view.current_page()
        )

    def clear(self) -> None:
        self.finder.stop()
        self.current = None
        self.view.find_marks, self.view.current_mark = {}, None
        self.view.viewport().update()
        self.view.setFocus()

    def _on_hits(self) -> None:
        self.view.find_marks = self.finder.rects
        if self.current is None and self.finder.hits:
            self.step(1)  # the first hit from the current page on
        self._show_count()
        self.view.viewport().update()

    def step(self, direction: int) -> None:
        hits = self.finder.hits
        if not hits:
            return
        if self.current is None:
            at = bisect_left(hits, (self.view.current_page(), -1, 0))
            index = at if direction > 0 else at - 1
        else:
            at = bisect_left(hits, self.current)
            index = at + direction
        self.current = hits[index % len(hits)]
        page = self.current[0]
        rects = self.finder.hit_rects(self.current)
        self.view.current_mark = (page, rects)
        union = rects[0] if rects else QRectF()
        for rect in rects[1:]:
            union = union.united(rect)
        self.view.go_to(page, union if rects else None)
        self._show_count()

    def _show_count(self) -> None:
        hits = self.finder.hits
        index = None if self.current is None else bisect_left(hits, self.current)
        self.bar.show_count(index, len(hits), self.finder.searching())
