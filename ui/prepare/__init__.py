"""The secretariat's "Chuẩn bị họp" workspace: prepare, fill and publish meetings.

``install(window)`` adds the menu entry to the main window for the secretariat only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from ui.prepare.window import PrepareWindow

__all__ = ["PrepareWindow", "install"]


class _Opener(QObject):
    """Owns the menu action and the one preparation window of a main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.main = window
        self.prepare_window: PrepareWindow | None = None
        self.action = QAction(window)
        self.action.setObjectName("prepareMeetings")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.action.triggered.connect(self.open)
        self.menu = window.menuBar().addMenu("")
        self.menu.addAction(self.action)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(QCoreApplication.translate("PrepareMenu", "&Secretariat"))
        self.action.setText(QCoreApplication.translate("PrepareMenu", "&Prepare meetings…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def open(self) -> PrepareWindow:
        if self.prepare_window is None:
            self.prepare_window = PrepareWindow(self.main.workspace, self.main)  # type: ignore[attr-defined]
            self.prepare_window.refresh()
        self.prepare_window.show()
        self.prepare_window.activateWindow()
        return self.prepare_window


def install(window: QMainWindow) -> QAction | None:
    """Add "Thư ký > Chuẩn bị họp…" (Ctrl+Shift+P) for a secretariat user; nothing for
    anyone else. Returns the action, or None when the user may not prepare meetings."""
    workspace = getattr(window, "workspace", None)
    if workspace is None or workspace.user_role != "secretariat":
        return None
    opener = _Opener(window)
    window.prepare_opener = opener  # type: ignore[attr-defined]
    return opener.action
