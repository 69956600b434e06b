"""Reader: one paper on screen — bar, side panel, continuous view and find bar.

The paper is read from its sealed copy through ``ui/sealed_device.py``: decrypted and
authenticated into memory, never into a file. A paper that fails authentication is not
shown: the reader says so and emits ``damaged`` (it is fetched again).
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ecabinet.crypto.sealed_files import SealedReader
from ui.reader.find_bar import DocumentFinder, FindBar
from ui.reader.layers import PageLayer
from ui.reader.layout import ZoomMode
from ui.reader.reader_find import FindController
from ui.reader.selection import TextSelection, pdf_rect_to_qt
from ui.reader.side_panel import SidePanel
from ui.reader.toolbar import ReaderToolbar
from ui.reader.view import PaperView
from ui.sealed_device import SealedPaperDevice


class Reader(QWidget):
    page_changed = Signal(int)  # zero-based
    selection_changed = Signal()
    damaged = Signal()  # the paper failed authentication while read

    def __init__(
        self, document_id: str, version_sha256: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.document_id = document_id
        self.version_sha256 = version_sha256
        self.title = title
        self.document = QPdfDocument(self)
        self.device: SealedPaperDevice | None = None  # replaced only after the document closed
        self._panel_before = True
        self.jump_after_load: tuple[int, list[QRectF] | None] | None = None
        self.moved = False  # the minister (or a link) chose a page since opening
        self.toolbar = ReaderToolbar(self)
        self.message = QLabel(self)
        self.message.setObjectName("readerMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = PaperView(self)
        self.side_panel = SidePanel(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.finding: FindController | None = None

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.side_panel)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.splitter, 1)
        self._make_actions()
        self._connect()
        self.show_message(self.tr("Opening “%1”…").replace("%1", title))

    def _make_actions(self) -> None:
        def action(keys: list[QKeySequence], slot: object, name: str) -> QAction:
            made = QAction(self)
            made.setObjectName(name)
            made.setShortcuts(keys)
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # hidden tabs: inactive
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        std = QKeySequence.StandardKey
        self.find_action = action(QKeySequence.keyBindings(std.Find), self.open_find, "findInPaper")
        self.go_to_action = action([QKeySequence("Ctrl+G")], self.focus_page_box, "goToPage")
        zoom_in = [*QKeySequence.keyBindings(std.ZoomIn), QKeySequence("Ctrl+=")]
        self.zoom_in_action = action(zoom_in, self.view.zoom_in, "zoomInAction")
        self.zoom_out_action = action(
            QKeySequence.keyBindings(std.ZoomOut), self.view.zoom_out, "zoomOutAction"
        )

    def _connect(self) -> None:
        bar, view = self.toolbar, self.view
        bar.previous_button.clicked.connect(lambda: self.go_to(self.current_page - 1))
        bar.next_button.clicked.connect(lambda: self.go_to(self.current_page + 1))
        bar.page_entered.connect(self._page_entered)
        bar.zoom_in_button.clicked.connect(view.zoom_in)
        bar.zoom_out_button.clicked.connect(view.zoom_out)
        bar.zoom_chosen.connect(self._zoom_chosen)
        bar.side_panel_button.toggled.connect(self.set_side_panel_visible)
        view.current_page_changed.connect(self._on_page_changed)
        view.zoom_changed.connect(lambda: bar.show_zoom(view.zoom(), view.zoom_mode))
        view.selection_changed.connect(self.selection_changed)
        self.side_panel.page_requested.connect(self.go_to)

    # -- opening ------------------------------------------------------------
    def load(self, paper: SealedReader) -> bool:
        """Show a sealed paper; the reader owns ``paper`` from now on and closes it."""
        self.close_paper()
        device = SealedPaperDevice(paper, self)
        device.open(QIODevice.OpenModeFlag.ReadOnly)
        self.device = device
        if not device.failed:
            self.document.load(device)  # synchronous for a random-access device
        if device.failed or self.document.status() != QPdfDocument.Status.Ready:
            error = self.document.error()
            self.close_paper()
            if device.failed:
                self.show_damaged()
                self.damaged.emit()
            elif error == QPdfDocument.Error.IncorrectPassword:
                self.show_message(self.tr(
                    "“%1” is protected by a password, so eCabinet cannot show it. Ask the "
                    "Government Office for a copy without a password."
                ).replace("%1", self.title))  # fmt: skip
            else:
                self.show_message(self.tr(
                    "“%1” cannot be shown: the file is not a readable PDF (%2). Ask the "
                    "Government Office to publish it again."
                ).replace("%1", self.title).replace("%2", error.name))  # fmt: skip
            return False
        self.view.set_document(self.document)
        self.side_panel.set_document(self.document)
        self.finding = FindController(DocumentFinder(self.document, self), self.view, self.find_bar)
        self.message.hide()
        self.splitter.show()
        self._on_page_changed(0)
        return True

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.splitter.hide()
        self.toolbar.setEnabled(False)

    def show_damaged(self) -> None:
        self.show_message(
            self.tr(
                "This document cannot be shown (%1). Sync again to fetch a fresh copy."
            ).replace("%1", "IntegrityError")
        )

    def is_open(self) -> bool:
        return self.device is not None

    def close_paper(self) -> None:
        if self.finding is not None:
            self.finding.disconnect()
            self.finding = None
        self.view.set_document(None)
        self.side_panel.set_document(None)
        self.document.close()  # before the device: the document must never outlive it
        if self.device is not None:
            self.device.close()
            self.device.deleteLater()
            self.device = None

    # -- the contract other features use ------------------------------------
    @property
    def page_count(self) -> int:
        return self.view.page_count()

    @property
    def current_page(self) -> int:
        return self.view.current_page()

    def go_to(self, page: int, highlight: list[QRectF] | None = None) -> None:
        """Show ``page``; ``highlight`` rectangles are PDF points (origin bottom-left)."""
        if not 0 <= page < self.page_count or self.view.strip is None:
            return
        self.moved = True
        if highlight:
            height = self.view.strip.sizes[page][1]
            rects = [pdf_rect_to_qt(r, height) for r in highlight]
            self.view.current_mark = (page, rects)
            union = rects[0]
            for rect in rects[1:]:
                union = union.united(rect)
            self.view.go_to(page, union)
        else:
            self.view.go_to(page)

    def selection(self) -> TextSelection | None:
        return self.view.selection()

    def add_layer(self, layer: PageLayer) -> None:
        self.view.layers.append(layer)
        self.view.viewport().update()

    def remove_layer(self, layer: PageLayer) -> None:
        if layer in self.view.layers:
            self.view.layers.remove(layer)
            self.view.viewport().update()

    def update_page(self, page: int) -> None:
        if self.view.strip is not None and page in self.view.visible_pages():
            self.view.viewport().update(self.view.page_rect(page).toAlignedRect())

    # -- controls -----------------------------------------------------------
    def _on_page_changed(self, page: int) -> None:
        count = self.page_count
        if count:
            self.toolbar.setEnabled(True)
            self.toolbar.show_page(page, count, self.document.pageLabel(page))
            self.side_panel.show_page(page)
        self.page_changed.emit(page)

    def _page_entered(self, text: str) -> None:
        text = text.strip()
        for page in range(self.page_count):  # a label first ("iv"), then a number
            if self.document.pageLabel(page) == text:
                break
        else:
            page = int(text) - 1 if text.isdigit() else -1
        self.view.setFocus()
        if 0 <= page < self.page_count:
            self.go_to(page)
        self._on_page_changed(self.current_page)

    def focus_page_box(self) -> None:
        self.toolbar.page_box.setFocus()
        self.toolbar.page_box.selectAll()

    def _zoom_chosen(self, choice: object) -> None:
        if isinstance(choice, ZoomMode):
            self.view.set_zoom_mode(choice)
        elif isinstance(choice, float):
            self.view.set_zoom(choice)

    def open_find(self) -> None:
        if self.finding is not None:
            self.find_bar.open_bar()

    def toggle_side_panel(self) -> None:
        self.set_side_panel_visible(not self.side_panel.isVisible())

    def set_side_panel_visible(self, visible: bool) -> None:
        self.side_panel.setVisible(visible)
        self.toolbar.side_panel_button.setChecked(visible)

    def set_reading_mode(self, on: bool) -> None:
        """Full-screen reading: no side panel and no bar, just the pages."""
        if on and self.toolbar.isVisible():
            self._panel_before = self.side_panel.isVisible()
        self.toolbar.setVisible(not on)
        self.set_side_panel_visible(False if on else self._panel_before)
