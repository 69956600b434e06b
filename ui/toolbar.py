"""The main toolbar: the few things a minister does all day, each an icon with a
Vietnamese tooltip and a keyboard shortcut.

The window's existing actions (sync, log out) are shown here as they are; the reading
actions (pages, zoom) act on whatever reader is bound (``bind_document_view``), and
the search action is a plain action the window connects to its search screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from ui.theme.icons import icon

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class PageReader(Protocol):
    """What the toolbar needs of a reader (ui/views/document_view.py today)."""

    def page_count(self) -> int: ...
    def current_page(self) -> int: ...
    def go_to_page(self, page: int) -> None: ...
    def zoom(self) -> float: ...
    def set_zoom(self, factor: float) -> None: ...
    def fit_width(self) -> None: ...


ZOOM_STEP = 1.25


class MainToolbar(QToolBar):
    def __init__(self, window: MainWindow, reading_area: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("mainToolbar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(22, 22))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.reader: PageReader | None = None

        def make(name: str, glyph: str, shortcut: QKeySequence) -> QAction:
            action = QAction(window)
            action.setObjectName(name)
            action.setProperty("glyph", glyph)
            action.setShortcut(shortcut)
            return action

        key = QKeySequence
        self.home_action = make("goHome", "home", key("Alt+Home"))
        self.sync_action = window.sync_action
        self.sync_action.setProperty("glyph", "sync")
        # No glyph here: ui/notifications draws this bell itself, with the unseen count.
        self.notifications_action = make("showNotifications", "", key("Ctrl+Shift+N"))
        self.previous_page_action = make("previousPage", "previous_page", key(Qt.Key.Key_PageUp))
        self.next_page_action = make("nextPage", "next_page", key(Qt.Key.Key_PageDown))
        self.zoom_in_action = make("zoomIn", "zoom_in", key(key.StandardKey.ZoomIn))
        self.zoom_out_action = make("zoomOut", "zoom_out", key(key.StandardKey.ZoomOut))
        self.fit_width_action = make("fitWidth", "fit_width", key("Ctrl+2"))
        # The window connects this to its search across papers (Ctrl+F stays the reader's
        # search within the open paper).
        self.search_action = make("searchPapers", "search", key("Ctrl+Shift+F"))
        self.full_screen_action = make("readingMode", "full_screen", key(Qt.Key.Key_F11))
        self.full_screen_action.setCheckable(True)
        self.logout_action = window.session.logout_action
        self.logout_action.setProperty("glyph", "log_out")

        # Page keys act on the paper only while the focus is in the reading area, so the
        # catalogue and text boxes keep Page Up / Page Down for themselves.
        for action in (self.previous_page_action, self.next_page_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            reading_area.addAction(action)
        for action in (
            self.home_action,
            self.notifications_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_width_action,
            self.search_action,
            self.full_screen_action,
        ):
            window.addAction(action)  # fmt: skip  (shortcuts work with the toolbar hidden)

        self.previous_page_action.triggered.connect(lambda: self._turn(-1))
        self.next_page_action.triggered.connect(lambda: self._turn(1))
        self.zoom_in_action.triggered.connect(lambda: self._zoom(ZOOM_STEP))
        self.zoom_out_action.triggered.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.fit_width_action.triggered.connect(self._fit_width)

        self.addActions([self.home_action, self.sync_action, self.notifications_action])
        self.addSeparator()
        self.addActions([self.previous_page_action, self.next_page_action])
        self.addSeparator()
        self.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_width_action])
        self.addSeparator()
        self.addActions([self.search_action, self.full_screen_action])
        spacer = QWidget(self)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)  # fmt: skip
        self.addWidget(spacer)
        self.addAction(self.logout_action)
        self.set_reader(None)
        self.refresh_icons()
        self.retranslate()

    def all_actions(self) -> list[QAction]:
        return [a for a in self.actions() if not a.isSeparator() and a.text()]

    # -- the reader ---------------------------------------------------------
    def set_reader(self, reader: PageReader | None) -> None:
        """Bind the reading actions to ``reader`` (None: nothing open, they are disabled)."""
        self.reader = reader
        for action in (
            self.previous_page_action,
            self.next_page_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_width_action,
        ):
            action.setEnabled(reader is not None)  # fmt: skip

    def _turn(self, step: int) -> None:
        if self.reader is not None and self.reader.page_count():
            page = self.reader.current_page() + step
            self.reader.go_to_page(max(0, min(page, self.reader.page_count() - 1)))

    def _zoom(self, factor: float) -> None:
        if self.reader is not None:
            self.reader.set_zoom(self.reader.zoom() * factor)

    def _fit_width(self) -> None:
        if self.reader is not None:
            self.reader.fit_width()

    # -- looks and words ----------------------------------------------------
    def refresh_icons(self, _scheme: str = "") -> None:
        for action in self.actions():
            glyph = action.property("glyph")
            if glyph:
                action.setIcon(icon(str(glyph), accent=False))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Toolbar"))
        self.home_action.setText(self.tr("&Home"))
        self.previous_page_action.setText(self.tr("Previous page"))
        self.next_page_action.setText(self.tr("Next page"))
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.fit_width_action.setText(self.tr("Fit width"))
        self.search_action.setText(self.tr("Search all papers…"))
        self.full_screen_action.setText(self.tr("Reading mode (full screen)"))
        tips = {
            self.home_action: self.tr("Home: unread papers and open ballots"),
            self.sync_action: self.tr("Sync now: receive new papers, send your answers"),
            self.previous_page_action: self.previous_page_action.text(),
            self.next_page_action: self.next_page_action.text(),
            self.zoom_in_action: self.zoom_in_action.text(),
            self.zoom_out_action: self.zoom_out_action.text(),
            self.fit_width_action: self.fit_width_action.text(),
            self.search_action: self.tr("Search the text of every paper on this computer"),
            self.full_screen_action: self.tr("Reading mode: the paper alone, full screen"),
            self.logout_action: self.tr("Log out of eCabinet on this computer"),
        }
        for action, tip in tips.items():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_icons()
        super().changeEvent(event)


def release_shortcuts(view: QWidget, toolbar: MainToolbar) -> None:
    """Take from a reader's own buttons and actions the shortcuts the toolbar now
    carries, so a key is never claimed twice (Qt then runs neither)."""
    from PySide6.QtWidgets import QAbstractButton

    taken = {key for a in toolbar.actions() for key in a.shortcuts() if not key.isEmpty()}
    for button in view.findChildren(QAbstractButton):
        if button.shortcut() in taken:
            button.setShortcut(QKeySequence())
    for action in [*view.actions(), *view.findChildren(QAction)]:
        keys = action.shortcuts()
        kept = [key for key in keys if key not in taken]
        if len(kept) != len(keys):
            action.setShortcuts(kept)
