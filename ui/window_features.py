"""The features the main window carries beyond the catalogue and the reader, wired once:
the toolbar's reading actions on the current paper tab, annotations, search, version
comparison, notifications, the meeting pack, and the secretariat's preparation workspace.

Each feature lives in its own package with an ``install`` function; this module only
connects them, so ``ui/main_window.py`` stays about the window itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from ui import compare, search
from ui.annotate.panel import AnnotationTools
from ui.annotate.panel import install as install_annotations
from ui.consent.action import install as install_consent
from ui.notifications import install as install_notifications
from ui.notifications.center import NotificationCenter
from ui.pack_action import PackAction
from ui.pack_action import install as install_pack_action
from ui.prepare import install as install_preparation
from ui.reader.layout import ZoomMode
from ui.reader.reader import Reader
from ui.reader.tabs import PaperTabs
from ui.toolbar import release_shortcuts

if TYPE_CHECKING:
    from ui.main_window import MainWindow


CATALOGUE_MIN_WIDTH = 180  # px: titles stay readable beside the paper and the docks


class CurrentPaper:
    """The toolbar's view of whichever paper tab is current (ui/toolbar.py PageReader)."""

    def __init__(self, tabs: PaperTabs) -> None:
        self.tabs = tabs

    def _reader(self) -> Reader | None:
        reader = self.tabs.current_reader()
        return reader if reader is not None and reader.is_open() else None

    def page_count(self) -> int:
        reader = self._reader()
        return reader.page_count if reader else 0

    def current_page(self) -> int:
        reader = self._reader()
        return reader.current_page if reader else 0

    def go_to_page(self, page: int) -> None:
        if reader := self._reader():
            reader.go_to(page)

    def zoom(self) -> float:
        reader = self._reader()
        return reader.view.zoom() if reader else 1.0

    def set_zoom(self, factor: float) -> None:
        if reader := self._reader():
            reader.view.set_zoom(factor)

    def fit_width(self) -> None:
        if reader := self._reader():
            reader.view.set_zoom_mode(ZoomMode.FIT_WIDTH)


class WindowFeatures:
    def __init__(self, window: MainWindow) -> None:
        tabs, toolbar = window.viewer, window.toolbar
        self.current_paper = CurrentPaper(tabs)
        # One owner per key: the toolbar's page, zoom and F11 actions win over the same
        # keys on each paper tab (a key claimed twice runs neither).
        release_shortcuts(tabs, toolbar)
        tabs.reader_created.connect(lambda reader: release_shortcuts(reader, toolbar))
        tabs.reader_changed.connect(self._follow_reader)
        window.reading_mode_toggled.connect(tabs.set_reading_mode)
        self.annotations: AnnotationTools = install_annotations(window, window.workspace, tabs)
        # The list of notes waits until asked for (View menu, Ctrl+Shift+A): on a laptop
        # the paper needs the width. The window's saved layout brings it back if it was
        # open when the minister last quit.
        self.annotations.panel.hide()
        notes_action = self.annotations.panel.toggleViewAction()
        notes_action.setObjectName("showAnnotationList")
        notes_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        window.menus.view_menu.addAction(notes_action)
        self.search = search.install(window, window.workspace, tabs)
        # The toolbar's search button and Ctrl+Shift+F reveal the dock; its own copy of
        # the shortcut would make the key ambiguous.
        window.removeAction(self.search.action)
        self.search.action.setShortcut("")
        toolbar.search_action.triggered.connect(self.search.reveal)
        # One column of docks beside the paper: search shares the annotations' place and
        # waits until asked for, so the catalogue keeps its width on a laptop screen.
        window.tabifyDockWidget(self.annotations.panel, self.search)
        self.search.hide()
        window.catalogue_pane.setMinimumWidth(CATALOGUE_MIN_WIDTH)
        # The toolbar's bell (Ctrl+Shift+N) reveals the list of notifications, in the
        # same column of docks, hidden until asked for.
        self.notifications: NotificationCenter = install_notifications(window)
        window.tabifyDockWidget(self.annotations.panel, self.notifications.dock)
        self.notifications.dock.hide()
        self.compare = compare.install(window, window.workspace, tabs)
        window.menus.view_menu.addAction(self.compare.action)
        self.pack: PackAction = install_pack_action(window)
        self.consent = install_consent(window, before=self.pack.action)  # members only
        self.preparation = install_preparation(window)  # secretariat only: "Chuẩn bị họp"
        self._toolbar = toolbar
        self._follow_reader(tabs.current_reader())

    def _follow_reader(self, reader: object) -> None:
        self._toolbar.set_reader(self.current_paper if reader is not None else None)

    def close(self) -> None:
        self.annotations.controller.close()
