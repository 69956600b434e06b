"""Search every paper on this device: a query box, results as a list, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.workspace import Workspace
from ecabinet.search.results import SearchResult
from ui.errors import describe
from ui.search.delegate import ResultDelegate
from ui.search.model import SearchResultsModel
from ui.search.opening import OpenRequest
from ui.worker import BackgroundOp

TYPING_PAUSE_MS = 250  # search once typing pauses, not at every key
LIMIT = 100


class SearchPanel(QWidget):
    searched = Signal(int)  # a search finished with this many results on screen
    open_requested = Signal(object)  # OpenRequest: the person chose a result
    failed = Signal(str)  # what went wrong, as shown

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.workspace = workspace
        self._generation = 0  # results of an older query are dropped
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.ignore_diacritics = QCheckBox()
        self.ignore_diacritics.setChecked(True)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.model = SearchResultsModel()
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("searchMessage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query)
        layout.addWidget(self.ignore_diacritics)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _: self._timer.start())
        self.query.returnPressed.connect(self.search_now)
        self.ignore_diacritics.toggled.connect(lambda _: self.search_now())
        self.results.clicked.connect(self.choose)
        self.query.installEventFilter(self)
        self.results.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("Search all papers on this computer…"))
        self.ignore_diacritics.setText(self.tr("Ignore diacritics"))
        self.ignore_diacritics.setToolTip(
            self.tr('"ngan sach" also finds "ngân sách"; exact accents come first')
        )
        if not self.query.text().strip():
            self._show_message(
                self.tr("Type words to search every paper and note on this computer.")
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        # Down arrow from the query box goes to the results, like a browser's address bar;
        # Enter on a result opens it (a click does too).
        if watched is self.query and event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0, 0))
            return True
        if watched is self.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose(self.results.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    # -- searching ------------------------------------------------------------------
    def search_now(self) -> None:
        self._timer.stop()
        query = self.query.text()
        self._generation += 1
        generation = self._generation
        if not query.strip():
            self.model.set_results([])
            self._show_message(
                self.tr("Type words to search every paper and note on this computer.")
            )
            return
        ignore = self.ignore_diacritics.isChecked()
        self._show_message(self.tr("Searching…"))
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.search(query, ignore_diacritics=ignore, limit=LIMIT),
            success=lambda results: self._show(generation, query, results),
            failure=lambda exc: self._fail(generation, exc),
        ).run()

    def _show(self, generation: int, query: str, results: list[SearchResult]) -> None:
        if generation != self._generation:
            return
        self.model.set_results(results)
        if results:
            self.message.hide()
        elif self.ignore_diacritics.isChecked():
            self._show_message(
                self.tr("No paper on this computer contains “%1”.").replace("%1", query.strip())
            )
        else:
            message = self.tr(
                "No paper on this computer contains “%1” with these accents. "
                "Tick “Ignore diacritics” to find it written any way."
            )
            self._show_message(message.replace("%1", query.strip()))
        self.searched.emit(len(results))

    def _fail(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_results([])
        text = describe(exc)
        self._show_message(text)
        self.failed.emit(text)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # -- choosing -------------------------------------------------------------------
    def choose(self, index: QModelIndex) -> None:
        """Open the chosen result: its rectangles are found off the GUI thread first."""
        if not index.isValid():
            return
        result = self.model.result(index.row())
        hit = result.hit
        title = result.label.title or hit.document_id

        def ask(rects: list[tuple[float, float, float, float]]) -> None:
            self.open_requested.emit(
                OpenRequest(hit.document_id, hit.version_sha256, title, hit.page,
                            tuple(rects), hit.annotation_id)
            )  # fmt: skip

        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.hit_rects(hit),
            success=ask,
            failure=lambda exc: self._open_anyway(exc, ask),
        ).run()

    def _open_anyway(
        self, exc: BaseException, ask: Callable[[list[tuple[float, float, float, float]]], None]
    ) -> None:
        # The paper itself may still open (its tab then says what is wrong with it).
        self._show_message(describe(exc))
        self.failed.emit(describe(exc))
        ask([])
