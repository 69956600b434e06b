"""The notifications as a list model: newest first, each with its kind in words, its
time in Vietnam's time and the server's text; unseen ones in bold."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ecabinet.timeutil import vietnam_time_text
from ui.theme.icons import icon

if TYPE_CHECKING:
    from ecabinet.client.notifications import Notice

NOTICE_ROLE = Qt.ItemDataRole.UserRole + 1
DEADLINE_NEAR = "deadline_near"  # ecabinet/client/notifications.py (worked out locally)
ROOT = QModelIndex()

ICONS = {
    "meeting_published": "notice_meeting",
    "paper_new": "notice_paper",
    "paper_updated": "updated",
    "ballot_new": "ballot",
    "deadline_changed": "notice_deadline_changed",
    DEADLINE_NEAR: "deadline",
    "reminder": "notice_reminder",
}


def kind_label(kind: str) -> str:
    labels = {
        "meeting_published": QCoreApplication.translate("Notifications", "New meeting"),
        "paper_new": QCoreApplication.translate("Notifications", "New paper"),
        "paper_updated": QCoreApplication.translate("Notifications", "Updated paper"),
        "ballot_new": QCoreApplication.translate("Notifications", "New ballot"),
        "deadline_changed": QCoreApplication.translate("Notifications", "Deadline extended"),
        DEADLINE_NEAR: QCoreApplication.translate("Notifications", "Deadline near"),
        "reminder": QCoreApplication.translate("Notifications", "Reminder"),
    }
    return labels.get(kind) or QCoreApplication.translate("Notifications", "Notification")


def is_unseen(notice: Notice) -> bool:
    """Shown in bold and counted: a stored notice not seen yet ("deadline near" is a
    state of a ballot, shown with its own mark until the ballot is answered)."""
    return not notice.seen and notice.kind != DEADLINE_NEAR


class NoticeListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.notices: list[Notice] = []

    def set_notices(self, notices: list[Notice]) -> None:
        self.beginResetModel()
        self.notices = list(notices)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.notices)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.notices):
            return None
        notice = self.notices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = vietnam_time_text(notice.created_at)
            return f"{kind_label(notice.kind)} · {when}\n{notice.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return notice.text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(ICONS.get(notice.kind, "notifications"))
        if role == Qt.ItemDataRole.FontRole and is_unseen(notice):
            font = QFont()
            font.setBold(True)
            return font
        if role == NOTICE_ROLE:
            return notice
        return None

    def retranslate(self) -> None:
        if self.notices:
            self.dataChanged.emit(self.index(0), self.index(len(self.notices) - 1))
