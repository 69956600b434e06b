"""The notifications dock: the list, and "mark all as seen"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.notifications.model import NOTICE_ROLE, NoticeListModel


class NotificationsDock(QDockWidget):
    open_requested = Signal(object)  # a Notice: Enter or double-click on it
    mark_all_requested = Signal()
    retranslated = Signal()  # the language changed: the toolbar's words follow

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsDock")
        body = QWidget(self)
        self.model = NoticeListModel()
        self.list = QListView(body)
        self.list.setObjectName("notificationList")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Enter, Return and a double-click all "activate" a row (QAbstractItemView).
        self.list.activated.connect(self._activated)
        self.empty = QLabel(body)
        self.empty.setObjectName("notificationsEmpty")
        self.empty.setWordWrap(True)
        self.mark_all_button = QPushButton(body)
        self.mark_all_button.setObjectName("markAllSeen")
        self.mark_all_button.clicked.connect(self.mark_all_requested)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.mark_all_button)
        self.setWidget(body)
        self.model.modelReset.connect(self._show_empty)
        self._show_empty()
        self.retranslate()

    def _activated(self, index: QModelIndex) -> None:
        notice = index.data(NOTICE_ROLE)
        if notice is not None:
            self.open_requested.emit(notice)

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.model.notices)

    def reveal(self) -> None:
        self.show()
        self.raise_()
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.model.notices:
            self.list.setCurrentIndex(self.model.index(0))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Notifications"))
        self.empty.setText(self.tr("No notifications yet. They arrive with each sync."))
        self.mark_all_button.setText(self.tr("&Mark all as seen"))
        self.list.setAccessibleName(self.tr("Notifications, newest first"))
        self.model.retranslate()
        self.retranslated.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
