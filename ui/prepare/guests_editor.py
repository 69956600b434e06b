"""The invited guests (khách mời) of a meeting, as the clerk lists them in the meeting form.

A table of two columns, name and position or organisation, in the order they will be
listed; keyboard usable: type in a cell (F2 or just typing edits it), Tab moves on, the
buttons add a row (and start typing its name) or remove the current one. Guests have no
account: they never sync, never vote and do not count for the quorum.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MAX_GUESTS = 50  # as the server keeps (ecabinet/server/schemas.py)
LIMITS = (200, 300)  # characters of a name, of a position


class _CellDelegate(QStyledItemDelegate):
    """Enter ends the cell's edit and stays in the form: it must not press the dialog's
    OK button while the clerk is still listing guests. Cells keep the server's limits."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(LIMITS[min(index.column(), 1)])
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QWidget)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)


class GuestsEditor(QWidget):
    def __init__(self, parent: QWidget | None, guests: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("guestsEditor")
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("guestsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Position or organisation")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(True)
        self.table.setItemDelegate(_CellDelegate(self.table))
        self.table.setAccessibleName(self.tr("Invited guests"))
        self.add_button = QPushButton(self.tr("&Add guest"), self)
        self.add_button.setObjectName("addGuest")
        self.remove_button = QPushButton(self.tr("Remo&ve guest"), self)
        self.remove_button.setObjectName("removeGuest")
        self.add_button.clicked.connect(self.add_guest)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        for name, position in guests:
            self._append(name, position)
        self._update_buttons()

    def _append(self, name: str, position: str) -> QTableWidgetItem:
        """A new last row; answers its name cell."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_cell = QTableWidgetItem(name)
        self.table.setItem(row, 0, name_cell)
        self.table.setItem(row, 1, QTableWidgetItem(position))
        return name_cell

    def add_guest(self) -> None:
        if self.table.rowCount() >= MAX_GUESTS:
            return
        name_cell = self._append("", "")
        self.table.setFocus()
        self.table.setCurrentItem(name_cell)
        self.table.editItem(name_cell)
        self._update_buttons()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.table.rowCount() < MAX_GUESTS)
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return " ".join(item.text().split()) if item is not None else ""

    def guests(self) -> tuple[tuple[str, str], ...]:
        """(name, position) of each row, in order; rows left wholly empty are dropped."""
        rows = ((self._text(r, 0), self._text(r, 1)) for r in range(self.table.rowCount()))
        return tuple((name, position) for name, position in rows if name or position)

    def problem(self) -> str | None:
        if any(not name for name, _ in self.guests()):
            return self.tr("Enter the name of each invited guest, or remove the row.")
        return None
