"""The secretariat's follow-up table of one meeting: a row per participant in protocol
order; columns for the synced pack, the last sync, each paper (how far read) and each
ballot (answered or not, never how), and why a member is overdue.

A refresh that brings the same members and columns changes the cells in place, so the
clerk's selection and scroll position stay; anything else resets the table (the view
then selects the same members again, by id).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ecabinet.client.secretariat_dashboard import in_protocol_order
from ecabinet.timeutil import vietnam_time_text

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
USER_ID_ROLE = Qt.ItemDataRole.UserRole
OVERDUE_BACKGROUND = QColor("#fde7e9")
HEADER_CHARS = 28  # a paper's title is shortened in the header, whole in its tooltip


def paper_text(paper: dict[str, Any]) -> str:
    if not paper["opened"]:
        return QCoreApplication.translate("Dashboard", "not opened")
    if paper["max_page"] is None:
        return (
            QCoreApplication.translate("Dashboard", "opened")
            if paper["read_current"]
            else QCoreApplication.translate("Dashboard", "opened an earlier version")
        )
    return f"{paper['max_page'] + 1}/{paper['pages'] or '?'}"


def ballot_text(answer: dict[str, Any] | None) -> str:
    if answer is None:
        return QCoreApplication.translate("Dashboard", "not asked")
    if not answer["answered"]:
        return QCoreApplication.translate("Dashboard", "not answered")
    return (
        QCoreApplication.translate("Dashboard", "answered")
        if answer["on_current_draft"]
        else QCoreApplication.translate("Dashboard", "answered an earlier draft")
    )


def overdue_text(row: dict[str, Any]) -> str:
    reasons = {
        "ballot": QCoreApplication.translate(
            "Dashboard", "ballot due within 24 hours not answered"
        ),
        "papers": QCoreApplication.translate(
            "Dashboard", "papers unread and the meeting is within 24 hours"
        ),
    }
    if not row["overdue"]:
        return ""
    return QCoreApplication.translate("Dashboard", "Overdue: %1").replace(
        "%1", "; ".join(reasons.get(r, r) for r in row["overdue_reasons"])
    )


class DashboardModel(QAbstractTableModel):
    FIXED = ("member", "pack", "last_sync")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.documents: list[dict[str, Any]] = []
        self.ballots: list[dict[str, Any]] = []

    # -- content ------------------------------------------------------------------
    def set_dashboard(self, dashboard: dict[str, Any] | None) -> bool:
        """Show a new answer; True when the rows or columns changed (a reset)."""
        rows = in_protocol_order(dashboard) if dashboard else []
        documents = list(dashboard["documents"]) if dashboard else []
        ballots = list(dashboard["ballots"]) if dashboard else []
        same_shape = (
            [r["user_id"] for r in rows] == [r["user_id"] for r in self.rows]
            and [d["id"] for d in documents] == [d["id"] for d in self.documents]
            and [b["id"] for b in ballots] == [b["id"] for b in self.ballots]
        )
        if same_shape:
            self.rows, self.documents, self.ballots = rows, documents, ballots
            if rows:
                last = self.index(len(rows) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            return False
        self.beginResetModel()
        self.rows, self.documents, self.ballots = rows, documents, ballots
        self.endResetModel()
        return True

    def user_id(self, row: int) -> str:
        return str(self.rows[row]["user_id"])

    def _column(self, column: int) -> tuple[str, int]:
        """("member" | "pack" | "last_sync" | "paper" | "ballot" | "overdue", position)."""
        if column < len(self.FIXED):
            return self.FIXED[column], 0
        column -= len(self.FIXED)
        if column < len(self.documents):
            return "paper", column
        column -= len(self.documents)
        if column < len(self.ballots):
            return "ballot", column
        return "overdue", 0

    # -- Qt -----------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        if parent.isValid():
            return 0
        return len(self.FIXED) + len(self.documents) + len(self.ballots) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        kind, position = self._column(section)
        if kind == "paper":
            title = str(self.documents[position]["title"])
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Dashboard", "Paper: %1 (furthest page read / pages)"
                ).replace("%1", title)
            short = title if len(title) <= HEADER_CHARS else title[: HEADER_CHARS - 1] + "…"
            return short if role == Qt.ItemDataRole.DisplayRole else None
        if kind == "ballot":
            question = str(self.ballots[position]["question"])
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Dashboard", "Ballot: %1 (whether answered; the choice is never shown)"
                ).replace("%1", question)
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("Dashboard", "Ballot %1").replace(
                    "%1", str(position + 1)
                )
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "member": QCoreApplication.translate("Dashboard", "Member"),
            "pack": QCoreApplication.translate("Dashboard", "Papers synced"),
            "last_sync": QCoreApplication.translate("Dashboard", "Last sync"),
            "overdue": QCoreApplication.translate("Dashboard", "Overdue"),
        }[kind]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == USER_ID_ROLE:
            return row["user_id"]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND) if row["overdue"] else None
        kind, position = self._column(index.column())
        if role == Qt.ItemDataRole.FontRole and kind == "overdue" and row["overdue"]:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return overdue_text(row) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if kind == "member":
            return f"{row['full_name']}\n{row['title']}" if row["title"] else row["full_name"]
        if kind == "pack":
            return (
                QCoreApplication.translate("Dashboard", "yes")
                if row["pack_synced"]
                else QCoreApplication.translate("Dashboard", "not yet")
            )
        if kind == "last_sync":
            return vietnam_time_text(row["last_sync_at"]) or QCoreApplication.translate(
                "Dashboard", "never"
            )
        if kind == "paper":
            return paper_text(row["papers"][position])
        if kind == "ballot":
            ballot_id = self.ballots[position]["id"]
            answer = next((b for b in row["ballots"] if b["ballot_id"] == ballot_id), None)
            return ballot_text(answer)
        return overdue_text(row)
