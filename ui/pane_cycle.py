"""F6 / Shift+F6 move the keyboard focus between the window's panes (catalogue, the page
on the right, the ballot beside it), as in mail clients and file managers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

FOCUSABLE = (Qt.FocusPolicy.StrongFocus, Qt.FocusPolicy.TabFocus, Qt.FocusPolicy.WheelFocus)


def focus_into(pane: QWidget) -> bool:
    """Give the focus to the pane itself or to its first visible focusable widget."""
    candidates = [pane.focusProxy() or pane, *pane.findChildren(QWidget)]
    for widget in candidates:
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() in FOCUSABLE:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return True
    return False


class PaneCycle(QObject):
    def __init__(self, window: QWidget, panes: Callable[[], list[QWidget]]) -> None:
        super().__init__(window)
        self.panes = panes
        self.next_action = QAction(window)
        self.next_action.setObjectName("nextPane")
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.next_action.triggered.connect(lambda: self.move(1))
        self.previous_action = QAction(window)
        self.previous_action.setObjectName("previousPane")
        self.previous_action.setShortcut(QKeySequence("Shift+F6"))
        self.previous_action.triggered.connect(lambda: self.move(-1))
        window.addActions([self.next_action, self.previous_action])

    def current(self, panes: list[QWidget]) -> int:
        focus = QApplication.focusWidget()
        for number, pane in enumerate(panes):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return number
        return -1

    def move(self, step: int) -> None:
        panes = [p for p in self.panes() if p.isVisible()]
        if not panes:
            return
        start = self.current(panes)
        for n in range(1, len(panes) + 1):
            if focus_into(panes[(start + step * n) % len(panes)]):
                return

    def retranslate(self) -> None:
        self.next_action.setText(self.tr("Next pane"))
        self.previous_action.setText(self.tr("Previous pane"))
