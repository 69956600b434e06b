"""The secretariat's table of who has answered a ballot, and how."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ecabinet.timeutil import vietnam_time_text
from ui.views.ballot_view import choice_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def state_label(state: str) -> str:
    return {
        "answered": QCoreApplication.translate("Progress", "Answered"),
        "outdated": QCoreApplication.translate("Progress", "Answered on an outdated draft"),
        "not_answered": QCoreApplication.translate("Progress", "Not answered"),
    }.get(state, state)


class ProgressModel(QAbstractTableModel):
    COLUMNS = ("member", "title", "state", "choice", "comment", "received")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("Progress", "Member"),
            QCoreApplication.translate("Progress", "Title"),
            QCoreApplication.translate("Progress", "State"),
            QCoreApplication.translate("Progress", "Choice"),
            QCoreApplication.translate("Progress", "Comment"),
            QCoreApplication.translate("Progress", "Received"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "member": row["full_name"],
                "title": row["title"],
                "state": state_label(row["state"]),
                "choice": choice_label(row["choice"]) if row["choice"] else "",
                "comment": row["comment"],
                "received": vietnam_time_text(row["received_at"]),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            color = {"answered": "#1b7f3b", "outdated": "#b35c00"}.get(row["state"], "#8a8a8a")
            return QBrush(QColor(color))
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1)
            )
