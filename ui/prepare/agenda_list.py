"""The agenda as a list the clerk rearranges: drag and drop, or Alt+Up / Alt+Down.

Dropping PDF files on an item attaches them to it; the list only reports what the
person did (signals), the window sends it to the server.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole


def _pdf_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class AgendaList(QListWidget):
    # The item ids in their new order, after a drag or Alt+Up/Down.
    reordered = Signal(list)
    # (item id, local file paths) dropped on an item.
    files_dropped = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaList")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)

    def set_items(self, rows: list[tuple[str, str]]) -> None:
        """(id, text) per agenda item, in agenda order; keeps the selection if it can."""
        current = self.current_id()
        self.clear()
        for item_id, text in rows:
            entry = QListWidgetItem(text)
            entry.setData(ID_ROLE, item_id)
            self.addItem(entry)
            if item_id == current:
                self.setCurrentItem(entry)
        if self.currentItem() is None and self.count():
            self.setCurrentRow(0)

    def current_id(self) -> str | None:
        entry = self.currentItem()
        return str(entry.data(ID_ROLE)) if entry is not None else None

    def ids(self) -> list[str]:
        return [str(self.item(row).data(ID_ROLE)) for row in range(self.count())]

    # -- keyboard reordering ------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        entry = self.takeItem(row)
        self.insertItem(target, entry)
        self.setCurrentRow(target)
        self.reordered.emit(self.ids())

    # -- drag and drop --------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _pdf_paths(event):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _pdf_paths(event):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _pdf_paths(event)
        if paths:
            entry = self.itemAt(event.position().toPoint()) or self.currentItem()
            event.acceptProposedAction()
            if entry is not None:
                self.setCurrentItem(entry)
                self.files_dropped.emit(str(entry.data(ID_ROLE)), paths)
            return
        before = self.ids()
        super().dropEvent(event)
        if self.ids() != before:
            self.reordered.emit(self.ids())
