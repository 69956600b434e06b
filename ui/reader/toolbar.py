"""The reader's bar: page box with page labels, zoom controls and the true zoom."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ui.reader.layout import ZoomMode

ZOOM_PRESETS = (50, 75, 100, 125, 150, 200, 300, 400)


class ReaderToolbar(QWidget):
    page_entered = Signal(str)  # what the minister typed in the page box
    zoom_chosen = Signal(object)  # a ZoomMode, or a factor (float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerToolbar")
        self.side_panel_button = QToolButton(self)
        self.side_panel_button.setObjectName("sidePanelToggle")
        self.side_panel_button.setCheckable(True)
        self.side_panel_button.setChecked(True)
        self.side_panel_button.setText("☰")
        self.previous_button = QToolButton(self)
        self.previous_button.setObjectName("previousPage")
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("nextPage")
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.page_box = QLineEdit(self)
        self.page_box.setObjectName("pageNumber")
        self.page_box.setMaximumWidth(70)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_count = QLabel(self)
        self.page_count.setObjectName("pageCount")
        self.zoom_out_button = QToolButton(self)
        self.zoom_out_button.setObjectName("zoomOut")
        self.zoom_out_button.setText("−")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLevel")
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = QToolButton(self)
        self.zoom_in_button.setObjectName("zoomIn")
        self.zoom_in_button.setText("+")
        self.zoom_box = QComboBox(self)
        self.zoom_box.setObjectName("zoomMode")
        self.fit_width_button = QToolButton(self)
        self.fit_width_button.setObjectName("fitWidth")
        self.fit_page_button = QToolButton(self)
        self.fit_page_button.setObjectName("fitPage")

        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        left: tuple[QWidget, ...] = (self.side_panel_button, self.previous_button, self.next_button)
        for button in left:
            row.addWidget(button)
        row.addWidget(self.page_box)
        row.addWidget(self.page_count)
        row.addStretch(1)
        right: tuple[QWidget, ...] = (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.zoom_box,
            self.fit_width_button,
            self.fit_page_button,
        )
        for widget in right:
            row.addWidget(widget)

        # Dropped in this order when the bar is narrow (a laptop at 200 %, a ballot beside
        # the paper): each has a shortcut or a twin in the zoom list.
        self._optional: tuple[QWidget, ...] = (
            self.fit_page_button,
            self.fit_width_button,
            self.zoom_label,
            self.zoom_box,
            self.page_count,
            self.zoom_out_button,
            self.zoom_in_button,
        )
        self.page_box.returnPressed.connect(lambda: self.page_entered.emit(self.page_box.text()))
        self.zoom_box.activated.connect(self._zoom_picked)
        self.fit_width_button.clicked.connect(lambda: self.zoom_chosen.emit(ZoomMode.FIT_WIDTH))
        self.fit_page_button.clicked.connect(lambda: self.zoom_chosen.emit(ZoomMode.FIT_PAGE))
        self.retranslate()

    def minimumSizeHint(self) -> QSize:
        """Room for the page controls only: the rest gives way (``_fit``)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        spacing = max(0, layout.spacing())
        essential = [w for w in self._row_widgets() if w not in self._optional]
        width = sum(w.sizeHint().width() + spacing for w in essential)
        height = super().minimumSizeHint().height()
        return QSize(width + margins.left() + margins.right(), height)

    def _row_widgets(self) -> list[QWidget]:
        layout = self.layout()
        assert layout is not None
        items = (layout.itemAt(i) for i in range(layout.count()))
        return [w for item in items if item is not None and (w := item.widget()) is not None]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Hide the optional controls, least useful first, until the rest fits."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        spacing = max(0, layout.spacing())
        room = self.width() - margins.left() - margins.right()
        needed = sum(w.sizeHint().width() + spacing for w in self._row_widgets())
        for widget in self._optional:
            fits = needed <= room
            if widget.isHidden() == fits:
                widget.setVisible(fits)
            if not fits:
                needed -= widget.sizeHint().width() + spacing

    def _zoom_picked(self, row: int) -> None:
        self.zoom_chosen.emit(self.zoom_box.itemData(row))

    def show_page(self, page: int, count: int, label: str) -> None:
        """Shows "iv (4/120)" for a labelled page, "4 / 120" otherwise."""
        number = str(page + 1)
        if not self.page_box.hasFocus():
            self.page_box.setText(label or number)
        if label and label != number:
            self.page_count.setText(f"({number}/{count})")
        else:
            self.page_count.setText(f"/ {count}")
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)

    def show_zoom(self, factor: float, mode: ZoomMode) -> None:
        self.zoom_label.setText(f"{round(factor * 100)}%")
        row = self.zoom_box.findData(mode if mode is not ZoomMode.CUSTOM else None)
        self.zoom_box.setCurrentIndex(row if row >= 0 else self.zoom_box.count() - 1)
        if mode is ZoomMode.CUSTOM:
            self.zoom_box.setItemText(self.zoom_box.count() - 1, f"{round(factor * 100)}%")

    def retranslate(self) -> None:
        self.side_panel_button.setToolTip(self.tr("Show or hide the side panel (F9)"))
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.page_box.setToolTip(self.tr("Go to page (Ctrl+G)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.fit_width_button.setText(self.tr("Fit width"))
        self.fit_page_button.setText(self.tr("Fit page"))
        current = self.zoom_box.currentIndex()
        self.zoom_box.clear()
        self.zoom_box.addItem(self.tr("Fit width"), ZoomMode.FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Fit page"), ZoomMode.FIT_PAGE)
        for percent in ZOOM_PRESETS:
            self.zoom_box.addItem(f"{percent}%", percent / 100)
        self.zoom_box.addItem("", None)  # the custom zoom, shown as its percentage
        self.zoom_box.setCurrentIndex(max(0, current))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
