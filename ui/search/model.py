"""Search results as a Qt list model: one row per hit, best first."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ecabinet.search.results import SearchResult

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchResult itself
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the row as rich text, hits in bold

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._results: list[SearchResult] = []

    def set_results(self, results: list[SearchResult]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def result(self, row: int) -> SearchResult:
        return self._results[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        if role == RESULT_ROLE:
            return result
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._heading(result)}\n{self._where(result)}\n{result.hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.label.title or result.hit.document_id
        if role == HTML_ROLE:
            return self._html(result)
        return None

    def _heading(self, result: SearchResult) -> str:
        label = result.label
        title = label.title or self.tr("(paper no longer available)")
        return f"{title} ({label.number})" if label.number else title

    def _where(self, result: SearchResult) -> str:
        page = result.hit.page + 1
        if result.hit.kind == "annotation":
            where = self.tr("note, page %1").replace("%1", str(page))
        else:
            where = self.tr("page %1").replace("%1", str(page))
        meeting = result.label.meeting_title
        return f"{meeting} · {where}" if meeting else where

    def _html(self, result: SearchResult) -> str:
        hit = result.hit
        pieces, cursor = [], 0
        for start, end in hit.highlights:
            pieces.append(html.escape(hit.snippet[cursor:start]))
            pieces.append(f"<b>{html.escape(hit.snippet[start:end])}</b>")
            cursor = end
        pieces.append(html.escape(hit.snippet[cursor:]))
        return (
            f"<div><b>{html.escape(self._heading(result))}</b></div>"
            f"<div style='color: palette(mid)'><small>{html.escape(self._where(result))}"
            f"</small></div><div>{''.join(pieces)}</div>"
        )
