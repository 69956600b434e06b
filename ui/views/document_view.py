"""A PDF on screen: QtPdf in MultiPage mode, page navigation and zoom.

The paper is read from its sealed copy through a random-access device
(``ui/sealed_device.py``): decrypted into memory as QtPdf asks, never into a file.
QPdfView draws no PDF annotations (docs/platform-facts.md); our own annotations
will be painted as an overlay later, never written into the signed source file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.crypto.sealed_files import SealedReader
from ui.sealed_device import SealedPaperDevice

ZOOM_STEP = 1.2
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


class DocumentView(QWidget):
    page_changed = Signal(int)  # zero-based
    # The open paper failed authentication while being read (it is fetched again).
    damaged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        # Lives as long as the document reads from it: replaced only after close().
        self.device: SealedPaperDevice | None = None
        self._opened = 0  # counts papers opened, so a late notice finds its own

        self.title = QLabel(self)
        self.title.setObjectName("documentTitle")
        self.title.setWordWrap(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setObjectName("previousPage")
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("nextPage")
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pageNumber")
        self.page_spin.setMinimum(1)
        self.page_count_label = QLabel(self)
        self.zoom_out_button = QToolButton(self)
        self.zoom_out_button.setObjectName("zoomOut")
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_button = QToolButton(self)
        self.zoom_in_button.setObjectName("zoomIn")
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.fit_width_button = QToolButton(self)
        self.fit_width_button.setObjectName("fitWidth")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLevel")

        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.next_button,
            self.page_spin,
            self.page_count_label,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_width_button,
        ):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom() * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom() / ZOOM_STEP))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.view.zoomFactorChanged.connect(lambda _z: self._update_zoom_label())
        self.retranslate()
        self._update_controls()

    # -- opening ------------------------------------------------------------
    def open(self, paper: SealedReader, title: str) -> bool:
        """Show a sealed paper; the view owns ``paper`` from now on and closes it."""
        self._close_paper()
        self._opened += 1
        device = SealedPaperDevice(paper, self)
        opened = self._opened
        device.damaged.connect(lambda: self._on_damaged(opened), Qt.ConnectionType.QueuedConnection)
        device.open(QIODevice.OpenModeFlag.ReadOnly)
        self.device = device
        self.document.load(device)  # synchronous for a random-access device
        self.title.setText(title)
        if device.failed or self.document.status() != QPdfDocument.Status.Ready:
            reason = "IntegrityError" if device.failed else self.document.error().name
            self._close_paper()
            self._show_cannot_show(reason)
            if device.failed:
                self.damaged.emit()
            return False
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()
        self.go_to_page(0)
        return True

    def _show_cannot_show(self, reason: str) -> None:
        self.title.setText(
            self.tr(
                "This document cannot be shown (%1). Sync again to fetch a fresh copy."
            ).replace("%1", reason)
        )
        self._update_controls()

    def _on_damaged(self, opened: int) -> None:
        """A chunk failed while QtPdf read it: say so and show nothing half-read."""
        if opened != self._opened or self.device is None:
            return  # a paper closed since, or one whose opening already said so
        self._close_paper()
        self._show_cannot_show("IntegrityError")
        self.damaged.emit()

    def _close_paper(self) -> None:
        self.document.close()  # first: the document must never outlive its device
        if self.device is not None:
            self.device.close()
            self.device.deleteLater()
            self.device = None

    def clear(self) -> None:
        self._close_paper()
        self.title.clear()
        self._update_controls()

    # -- navigation ---------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if not 0 <= page < self.page_count():
            return
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom(self) -> float:
        return self.view.zoomFactor()

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _on_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._update_controls()
        self.page_changed.emit(page)

    def _update_controls(self) -> None:
        count = self.page_count()
        has_doc = count > 0
        self.page_spin.setMaximum(max(1, count))
        self.page_count_label.setText(self.tr("of %1").replace("%1", str(count)))
        page = self.current_page() if has_doc else 0
        self.previous_button.setEnabled(has_doc and page > 0)
        self.next_button.setEnabled(has_doc and page < count - 1)
        for widget in (
            self.page_spin,
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_width_button,
        ):
            widget.setEnabled(has_doc)
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom() * 100)}%")

    # -- language -----------------------------------------------------------
    def retranslate(self) -> None:
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.fit_width_button.setText(self.tr("Fit width"))
        self._update_controls()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
