"""PaperTabs: one tab per open paper; a paper that cannot be opened says why in its tab.

Papers open off the GUI thread (the sealed file and the reading position are read by a
BackgroundOp); the rest of the app is never held up by one paper. The page each paper
was last read at is remembered (``Workspace.remember_position``) a moment after the
minister stops on it, and the paper reopens there.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QRectF, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QWidget

from ecabinet.client.workspace import Workspace
from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.errors import ECabinetError
from ui.errors import describe
from ui.reader.reader import Reader
from ui.reader.signature_bar import install_signature_bars
from ui.worker import BackgroundOp

SAVE_POSITION_AFTER_MS = 1000


class PaperTabs(QTabWidget):
    reader_changed = Signal(object)  # the current Reader, or None
    # A new Reader (a new tab), before its paper is loaded: the place to add its layers.
    reader_created = Signal(object)
    paper_opened = Signal(str)  # a document id, once its pages are on screen
    damaged = Signal()  # a paper failed authentication while read (it is fetched again)
    reading_mode_requested = Signal(bool)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.workspace = workspace
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(self._on_current_changed)
        self._unsaved: dict[str, int] = {}  # document id -> page not yet remembered
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_POSITION_AFTER_MS)
        self._save_timer.timeout.connect(self._save_positions)
        self.reading_mode_action = QAction(self)
        self.reading_mode_action.setObjectName("readingMode")
        self.reading_mode_action.setCheckable(True)
        self.reading_mode_action.setShortcut(QKeySequence("F11"))
        self.reading_mode_action.toggled.connect(self.set_reading_mode)
        self.reading_mode_action.toggled.connect(self.reading_mode_requested)
        self.side_panel_action = QAction(self)
        self.side_panel_action.setObjectName("sidePanel")
        self.side_panel_action.setShortcut(QKeySequence("F9"))
        self.side_panel_action.triggered.connect(self._toggle_side_panel)
        self.addActions([self.reading_mode_action, self.side_panel_action])
        self.retranslate()
        install_signature_bars(self)  # a signed paper says who signed it and if it changed

    # -- opening ------------------------------------------------------------
    def reader_for(self, document_id: str) -> Reader | None:
        for index in range(self.count()):
            widget = self.widget(index)
            if isinstance(widget, Reader) and widget.document_id == document_id:
                return widget
        return None

    def readers(self) -> list[Reader]:
        found = (self.widget(i) for i in range(self.count()))
        return [w for w in found if isinstance(w, Reader)]

    def current_reader(self) -> Reader | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, Reader) else None

    def _tab_for(self, document_id: str, sha256: str, title: str) -> Reader:
        """The paper's tab, made current; a tab showing another version is replaced."""
        reader = self.reader_for(document_id)
        if reader is not None and reader.version_sha256 != sha256:
            self.close_tab(self.indexOf(reader))
            reader = None
        if reader is None:
            reader = Reader(document_id, sha256, title, self)
            reader.damaged.connect(self.damaged)
            reader.page_changed.connect(lambda page, r=reader: self._page_changed(r, page))
            index = self.addTab(reader, title if len(title) <= 40 else title[:38] + "…")
            self.setTabToolTip(index, title)
            self.reader_created.emit(reader)
        self.setCurrentWidget(reader)
        return reader

    def open_paper(
        self,
        document_id: str,
        sha256: str,
        title: str,
        *,
        page: int | None = None,
        highlight: list[QRectF] | None = None,
    ) -> Reader:
        """Open (or bring forward) a paper, reading its sealed copy off the GUI thread.

        With ``page`` it opens there (``highlight``: rectangles in PDF points, as for
        ``Reader.go_to``) instead of at the page last read.
        """
        reader = self._tab_for(document_id, sha256, title)
        if page is not None:
            reader.jump_after_load = (page, highlight)
        if reader.is_open():
            if page is not None:
                reader.go_to(page, highlight)
            return reader

        def opened(paper: SealedReader | None) -> None:
            if self.indexOf(reader) < 0:
                if paper is not None:
                    paper.close()
                return  # the tab was closed meanwhile
            if paper is None:
                reader.show_message(self.tr(
                    "“%1” is not on this computer yet. It will be downloaded at the next sync."
                ).replace("%1", title))  # fmt: skip
            else:
                self._show(reader, paper)

        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.open_paper(sha256),
            success=opened,
            failure=lambda exc: reader.show_message(describe(exc)),
        ).run()
        return reader

    def show_paper(self, document_id: str, sha256: str, title: str, paper: SealedReader) -> bool:
        """Show a paper already opened off the GUI thread; False if it cannot be shown."""
        reader = self._tab_for(document_id, sha256, title)
        if reader.is_open():
            paper.close()
            return True
        return self._show(reader, paper)

    def _show(self, reader: Reader, paper: SealedReader) -> bool:
        if not reader.load(paper):
            return False
        if reader.jump_after_load is not None:
            reader.go_to(*reader.jump_after_load)  # a search hit: not the page last read
            reader.jump_after_load = None
        self.paper_opened.emit(reader.document_id)
        document_id = reader.document_id

        def restore(page: int | None) -> None:
            if page and self.indexOf(reader) >= 0 and reader.is_open() and not reader.moved:
                reader.go_to(page)
                reader.moved = False

        BackgroundOp(
            parent=reader,
            op=lambda: self.workspace.reading_position(document_id),
            success=restore,
            failure=lambda _exc: None,  # no position is no harm: it opens at its start
        ).run()
        return True

    # -- positions ----------------------------------------------------------
    def _page_changed(self, reader: Reader, page: int) -> None:
        if reader.is_open():
            self._unsaved[reader.document_id] = page
            self._save_timer.start()

    def _save_positions(self, *, wait: bool = False) -> None:
        unsaved, self._unsaved = self._unsaved, {}
        if not unsaved:
            return
        workspace = self.workspace

        def save() -> None:
            for document_id, page in unsaved.items():
                workspace.remember_position(document_id, page)

        if wait:  # closing: the write must land before the workspace closes
            with contextlib.suppress(ECabinetError):
                save()
            return
        BackgroundOp(parent=self, op=save, failure=lambda _exc: None).run()

    # -- closing ------------------------------------------------------------
    def close_tab(self, index: int) -> None:
        widget = self.widget(index)
        if widget is None:
            return
        self.removeTab(index)
        if isinstance(widget, Reader):
            widget.close_paper()
        widget.deleteLater()

    def clear(self) -> None:
        """Close every paper (logout, lock, quit); positions still unsaved are written."""
        self._save_timer.stop()
        self._save_positions(wait=True)
        while self.count():
            self.close_tab(0)

    def _on_current_changed(self, _index: int) -> None:
        current = self.current_reader()
        for reader in self.readers():  # hidden papers give their rendered pages back
            if reader is not current and reader.view.cache is not None:
                reader.view.cache.clear()
        self.reader_changed.emit(current)

    # -- reading mode and panels --------------------------------------------
    def set_reading_mode(self, on: bool) -> None:
        self.tabBar().setVisible(not on)
        for reader in self.readers():
            reader.set_reading_mode(on)

    def _toggle_side_panel(self) -> None:
        reader = self.current_reader()
        if reader is not None:
            reader.toggle_side_panel()

    def retranslate(self) -> None:
        self.reading_mode_action.setText(self.tr("&Reading mode"))
        self.side_panel_action.setText(self.tr("&Side panel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
