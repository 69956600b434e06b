"""The reader's side panel: page thumbnails and the paper's outline.

Thumbnails are rendered on demand off the GUI thread: the list view only asks for the
rows it shows, a blank card stands in until the image arrives, so scrolling the list
(or the paper) never waits for a render.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtPdf import QPdfBookmarkModel, QPdfDocument
from PySide6.QtWidgets import QListView, QTabWidget, QTreeView, QWidget

from ui.reader.render_cache import RenderCache

THUMB_WIDTH = 110
THUMB_BUDGET = 24 << 20
Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    def __init__(self, document: QPdfDocument, ratio: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.ratio = ratio
        self.cache = RenderCache(document, THUMB_BUDGET, self)
        self.cache.rendered.connect(self._on_rendered)
        self._blank: dict[tuple[int, int], QImage] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.document.pageCount()

    def thumb_size(self, page: int) -> QSize:
        size = self.document.pagePointSize(page)
        width = THUMB_WIDTH * self.ratio
        height = width * size.height() / size.width() if size.width() else width * 1.414
        return QSize(round(width), round(height))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        page = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.document.pageLabel(page) or str(page + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            size = self.thumb_size(page)
            image, exact = self.cache.image(page, size)
            if image is None or not exact:
                return self._blank_image(size)
            image.setDevicePixelRatio(self.ratio)
            return image
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _blank_image(self, size: QSize) -> QImage:
        key = (size.width(), size.height())
        if key not in self._blank:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor("white"))
            image.setDevicePixelRatio(self.ratio)
            self._blank[key] = image
        return self._blank[key]

    def _on_rendered(self, page: int) -> None:
        index = self.index(page)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class SidePanel(QTabWidget):
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerSidePanel")
        self.thumbnails = QListView(self)
        self.thumbnails.setObjectName("thumbnails")
        self.thumbnails.setUniformItemSizes(True)  # else it asks every row for its size
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setFlow(QListView.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Movement.Static)
        self.thumbnails.setResizeMode(QListView.ResizeMode.Adjust)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.5)))
        self.thumbnails.setSpacing(6)
        palette = self.thumbnails.palette()  # white pages on the theme's mid tone
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Mid))
        self.thumbnails.setPalette(palette)
        self.thumbnails.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.outline = QTreeView(self)
        self.outline.setObjectName("outline")
        self.outline.setHeaderHidden(True)
        self.outline.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.addTab(self.thumbnails, "")
        self.addTab(self.outline, "")
        self.thumbnail_model: ThumbnailModel | None = None
        self.outline_model: QPdfBookmarkModel | None = None
        self.thumbnails.clicked.connect(lambda index: self.page_requested.emit(index.row()))
        self.outline.clicked.connect(self._outline_clicked)
        self.outline.activated.connect(self._outline_clicked)
        self.setMinimumWidth(THUMB_WIDTH + 50)
        self.retranslate()

    def set_document(self, document: QPdfDocument | None) -> None:
        """Show ``document``'s pages and outline; None empties both (the paper closed)."""
        self.thumbnails.setModel(None)
        self.outline.setModel(None)
        for old in (self.thumbnail_model, self.outline_model):
            if old is not None:
                old.deleteLater()
        self.thumbnail_model, self.outline_model = None, None
        if document is None:
            return
        self.thumbnail_model = ThumbnailModel(document, self.devicePixelRatioF(), self)
        self.thumbnails.setModel(self.thumbnail_model)
        self.outline_model = QPdfBookmarkModel(self)
        self.outline_model.setDocument(document)
        self.outline.setModel(self.outline_model)
        self.outline.expandToDepth(0)

    def show_page(self, page: int) -> None:
        if self.thumbnail_model is None:
            return
        index = self.thumbnail_model.index(page)
        self.thumbnails.setCurrentIndex(index)
        self.thumbnails.scrollTo(index)

    def _outline_clicked(self, index: QModelIndex) -> None:
        page = index.data(int(QPdfBookmarkModel.Role.Page))
        if isinstance(page, int) and page >= 0:
            self.page_requested.emit(page)

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("Pages"))
        self.setTabText(1, self.tr("Outline"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
