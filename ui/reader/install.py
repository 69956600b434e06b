"""Wiring the reader's window-wide actions into a main window (called once by the lead).

    install_reader_actions(window, window.viewer, view_menu, hide=[window.tree, dock])

F11 (``tabs.reading_mode_action``) shows the paper full screen with the side panels, the
bars and ``hide`` hidden; F11 or Esc again brings everything back as it was. F9
(``tabs.side_panel_action``) shows or hides the current paper's side panel.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from ui.reader.tabs import PaperTabs


def install_reader_actions(
    window: QMainWindow,
    tabs: PaperTabs,
    menu: QMenu | None = None,
    hide: Sequence[QWidget] = (),
) -> None:
    was_visible: dict[int, bool] = {}
    was_maximised = False

    def reading_mode(on: bool) -> None:
        nonlocal was_maximised
        chrome: list[QWidget] = [*hide]
        for bar in (window.menuBar(), window.statusBar()):
            chrome.append(bar)
        if on:
            was_maximised = window.isMaximized()
            for widget in chrome:
                was_visible[id(widget)] = widget.isVisible()
                widget.hide()
            window.showFullScreen()
        else:
            for widget in chrome:
                widget.setVisible(was_visible.pop(id(widget), True))
            if was_maximised:
                window.showMaximized()
            else:
                window.showNormal()

    tabs.reading_mode_requested.connect(reading_mode)
    leave = QAction(window)
    leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    leave.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    leave.setEnabled(False)
    leave.triggered.connect(lambda: tabs.reading_mode_action.setChecked(False))
    tabs.reading_mode_requested.connect(leave.setEnabled)
    window.addAction(leave)
    for action in (tabs.side_panel_action, tabs.reading_mode_action):
        window.addAction(action)
        if menu is not None:
            menu.addAction(action)
