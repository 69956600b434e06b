"""Reading mode (F11): the paper alone, full screen. Esc or F11 again leaves it.

The catalogue, the docks, the toolbar and the menu bar are hidden, and shown again as
they were; the status bar stays, so the sync state is never out of sight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReadingMode(QObject):
    def __init__(self, window: MainWindow, action: QAction, catalogue: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.action = action
        self.catalogue = catalogue
        self.active = False
        self._hidden: list[QWidget] = []
        self._was_maximized = False
        self.leave_action = QAction(window)
        self.leave_action.setObjectName("leaveReadingMode")
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.setEnabled(False)  # Esc belongs to the dialogs otherwise
        self.leave_action.triggered.connect(lambda: self.set_active(False))
        window.addAction(self.leave_action)
        action.toggled.connect(self.set_active)

    def set_active(self, active: bool) -> None:
        if active == self.active:
            return
        self.active = active
        self.action.setChecked(active)
        self.leave_action.setEnabled(active)
        window = self.window
        if active:
            self._was_maximized = window.isMaximized()
            direct = Qt.FindChildOption.FindDirectChildrenOnly
            docks = window.findChildren(QDockWidget, options=direct)
            toolbars = window.findChildren(QToolBar, options=direct)
            panes = [window.menuBar(), self.catalogue, *toolbars, *docks]
            self._hidden = [w for w in panes if w.isVisible()]
            for widget in self._hidden:
                widget.hide()
            window.showFullScreen()
        else:
            for widget in self._hidden:
                widget.show()
            self._hidden = []
            if self._was_maximized:
                window.showMaximized()
            else:
                window.showNormal()
        window.reading_mode_toggled.emit(active)
