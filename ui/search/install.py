"""Wiring the search panel into the main window: a dock, and Ctrl+Shift+F to reach it.

search = install(window, window.workspace, tabs)   # tabs: the window's PaperTabs
window.view_menu.addAction(search.action)          # wherever the lead wants it
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from ecabinet.client.workspace import Workspace
from ui.reader.tabs import PaperTabs
from ui.search.opening import OpenRequest, open_in_tabs
from ui.search.panel import SearchPanel

SHORTCUT = "Ctrl+Shift+F"


class SearchDock(QDockWidget):
    """The dock holding the panel, and the action that shows it with the query focused."""

    def __init__(
        self, window: QMainWindow, workspace: Workspace,
        open_request: Callable[[OpenRequest], None],
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.setObjectName("searchDock")
        self.panel = SearchPanel(workspace, self)
        self.setWidget(self.panel)
        self.action = QAction(window)
        self.action.setObjectName("searchAction")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.reveal)
        window.addAction(self.action)  # the shortcut works with no menu holding it
        self.panel.open_requested.connect(open_request)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Search"))
        self.action.setText(self.tr("&Search all papers…"))
        self.action.setToolTip(
            self.tr("Search the text of every paper and note (%1)").replace("%1", SHORTCUT)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reveal(self) -> None:
        self.show()
        self.raise_()
        self.panel.focus_query()


def install(
    window: QMainWindow, workspace: Workspace, tabs: PaperTabs | None = None,
    open_request: Callable[[OpenRequest], None] | None = None,
) -> SearchDock:  # fmt: skip
    """Add the search dock (right side) and its action to ``window``.

    A chosen result opens in ``tabs`` (``PaperTabs``) at its page with the hit
    highlighted, or is handed to ``open_request`` when given (annotation hits carry
    ``annotation_id`` for the notes list to select).
    """
    if open_request is None:
        if tabs is None:
            raise ValueError("install() needs the window's PaperTabs or an open_request")
        target = tabs

        def open_request(request: OpenRequest) -> None:
            open_in_tabs(target, request)

    dock = SearchDock(window, workspace, open_request)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return dock
