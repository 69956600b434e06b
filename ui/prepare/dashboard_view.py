"""The "Theo dõi" (follow-up) window of one meeting: who has synced the papers, how far
each member has read each paper, who has answered each ballot, who is overdue and why.
The clerk reminds the chosen members, and saves the table as CSV or PDF.

Opened from the preparation window ("Theo dõi…"). The table refreshes itself while the
window is shown, keeping the clerk's selection. Every call runs through ui/worker.py.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client import secretariat_dashboard as board
from ecabinet.client.dashboard_pdf import render_dashboard_pdf
from ecabinet.client.workspace import Workspace
from ecabinet.timeutil import vietnam_time_text
from ui.errors import describe
from ui.models.dashboard import DashboardModel
from ui.worker import BackgroundOp

REFRESH_MS = 15_000


class DashboardWindow(QWidget):
    # The table shows the server's answer (tests wait on it).
    refreshed = Signal()
    # A reminder was recorded by the server: the ids reminded.
    reminded = Signal(list)
    # A file was written: its path.
    saved = Signal(str)
    # A call failed: the Vietnamese message shown.
    failed = Signal(str)
    # A save dialog is about to open (tests choose the path through the dialog's API).
    file_dialog_shown = Signal(object)

    def __init__(
        self, workspace: Workspace, meeting: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dashboardWindow")
        self.workspace = workspace
        self.meeting = meeting
        self.data: dict[str, Any] | None = None
        self.loading = False
        self.read_error = False  # the status line tells of a failed read

        self.heading = QLabel(self)
        self.heading.setObjectName("dashboardHeading")
        self.heading.setWordWrap(True)
        self.model = DashboardModel()
        self.table = QTableView(self)
        self.table.setObjectName("dashboardTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table_label = QLabel(self)
        self.table_label.setBuddy(self.table)

        self.refresh_button = self._button("refreshDashboard", self.refresh)
        self.remind_text = QLineEdit(self)
        self.remind_text.setObjectName("reminderText")
        self.remind_text.returnPressed.connect(self.remind_selected)
        self.remind_label = QLabel(self)
        self.remind_label.setBuddy(self.remind_text)
        self.remind_button = self._button("remindButton", self.remind_selected)
        self.csv_button = self._button("exportCsv", self.choose_csv)
        self.pdf_button = self._button("exportPdf", self.choose_pdf)
        self.status = QLabel(self)
        self.status.setObjectName("dashboardStatus")
        self.status.setWordWrap(True)

        remind_row = QHBoxLayout()
        remind_row.addWidget(self.remind_label)
        remind_row.addWidget(self.remind_text, 1)
        remind_row.addWidget(self.remind_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(remind_row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        # Tab follows the screen: the table, the reminder, then the other buttons.
        chain = (self.table, self.remind_text, self.remind_button, self.refresh_button,
                 self.csv_button, self.pdf_button)  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)  # F5
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)  # live: members sync while the clerk watches
        self.timer.timeout.connect(self.refresh)
        self.retranslate()
        self.resize(1100, 600)  # inside a 1366×768 screen with its panel
        self._update_buttons()

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def show_meeting(self, meeting: dict[str, Any]) -> None:
        """Follow another meeting (the clerk chose it in the preparation window)."""
        if meeting["id"] != self.meeting["id"]:
            self.data = None
            self.model.set_dashboard(None)
            self._say("")
        self.meeting = meeting
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Follow-up: %1").replace("%1", str(self.meeting["title"])))
        self.table_label.setText(
            self.tr("&Participants (Ctrl+click or Shift+arrows to choose several)")
        )
        self.refresh_button.setText(self.tr("Re&fresh (F5)"))
        self.remind_label.setText(self.tr("Reminder &text (optional):"))
        self.remind_text.setPlaceholderText(
            self.tr("Left empty: “The Government Office reminds you to prepare for …”")
        )
        self.remind_button.setText(self.tr("&Remind the chosen members"))
        self.csv_button.setText(self.tr("Save as &CSV…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self._show_heading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()  # nobody watching: no calls
        super().hideEvent(event)

    # -- reading ------------------------------------------------------------------
    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self._update_buttons()
        api, meeting_id = self.workspace.api, str(self.meeting["id"])
        BackgroundOp(
            parent=self,
            op=lambda: board.fetch(api, meeting_id),
            success=self._show,
            failure=self._read_failed,
        ).run()

    def _show(self, data: dict[str, Any]) -> None:
        self.loading = False
        if data.get("meeting_id") != self.meeting["id"]:
            self.refresh()  # an answer for the meeting shown before: ask for this one
            return
        chosen = self.selected_user_ids()
        current = self.table.currentIndex()
        current_id = self.model.user_id(current.row()) if current.isValid() else None
        self.data = data
        if self.model.set_dashboard(data):
            self._select(chosen, current_id)
        if self.read_error:  # the server answers again: the old failure no longer applies
            self.read_error = False
            self._say("")
        self._show_heading()
        self._update_buttons()
        self.refreshed.emit()

    def _read_failed(self, exc: BaseException) -> None:
        self.loading = False
        self._failed(exc)
        self.read_error = True

    def _failed(self, exc: BaseException) -> None:
        text = describe(exc)
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(text)
        self._update_buttons()
        self.failed.emit(text)

    def _say(self, text: str) -> None:
        self.read_error = False
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _show_heading(self) -> None:
        when = vietnam_time_text(str(self.meeting["starts_at"]))
        text = f"<b>{escape(str(self.meeting['title']))}</b> — {when}"
        if self.data is None:
            self.heading.setText(text + "<br>" + self.tr("Loading…"))
            return
        rows = self.model.rows
        late = sum(1 for r in rows if r["overdue"])
        self.heading.setText(
            text + "<br>" + self.tr("%1 participant(s), %2 overdue; figures of %3")
            .replace("%1", str(len(rows)))
            .replace("%2", str(late))
            .replace("%3", vietnam_time_text(self.data["generated_at"]))
        )  # fmt: skip

    # -- selection ----------------------------------------------------------------
    def selected_user_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.user_id(r) for r in rows]

    def select_user_ids(self, user_ids: list[str]) -> None:
        self._select(user_ids, user_ids[0] if user_ids else None)

    def _select(self, user_ids: list[str], current_id: str | None) -> None:
        wanted = set(user_ids)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        flags = QItemSelectionModel.SelectionFlag
        for row in range(self.model.rowCount()):
            if self.model.user_id(row) in wanted:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
            if self.model.user_id(row) == current_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), flags.NoUpdate
                )
        self.table.selectionModel().select(selection, flags.ClearAndSelect)

    def _update_buttons(self) -> None:
        has_data = self.data is not None
        self.remind_button.setEnabled(has_data and bool(self.selected_user_ids()))
        self.csv_button.setEnabled(has_data)
        self.pdf_button.setEnabled(has_data)
        self.refresh_button.setEnabled(not self.loading)

    # -- reminding ----------------------------------------------------------------
    def remind_selected(self) -> None:
        user_ids = self.selected_user_ids()
        if not user_ids:
            self._say(self.tr("Choose the members to remind in the table first."))
            return
        names = [r["full_name"] for r in self.model.rows if r["user_id"] in set(user_ids)]
        api, meeting_id = self.workspace.api, str(self.meeting["id"])
        text = self.remind_text.text().strip()
        self.remind_button.setEnabled(False)

        def done(sent: list[str]) -> None:
            self.remind_text.clear()
            self._say(
                self.tr("Reminder recorded; %1 get(s) it at their next sync.").replace(
                    "%1", ", ".join(names)
                )
            )
            self._update_buttons()
            self.reminded.emit(sent)

        BackgroundOp(
            parent=self,
            op=lambda: board.remind(api, meeting_id, user_ids, text),
            success=done,
            failure=self._failed,
        ).run()

    # -- saving -------------------------------------------------------------------
    def choose_csv(self) -> None:
        self._choose(self.tr("Save the table as CSV"), self.tr("CSV files (*.csv)"), "csv",
                     self.save_csv)  # fmt: skip

    def choose_pdf(self) -> None:
        self._choose(self.tr("Save the table as PDF"), self.tr("PDF files (*.pdf)"), "pdf",
                     self.save_pdf)  # fmt: skip

    def _choose(self, title: str, name_filter: str, suffix: str,
                save: Callable[[Path], None]) -> None:  # fmt: skip
        if self.data is None:
            return
        dialog = QFileDialog(self, title)
        dialog.setObjectName(f"save{suffix.capitalize()}Dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(name_filter)
        dialog.setDefaultSuffix(suffix)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.selectFile(f"theo-doi-phien-hop.{suffix}")
        dialog.fileSelected.connect(lambda path: save(Path(path)))
        dialog.open()
        self.file_dialog_shown.emit(dialog)

    def save_csv(self, path: Path) -> None:
        """Write the table as shown (the last answer) to ``path``, in the background."""
        data = self.data
        if data is not None:
            self._save(path, lambda: board.write_csv(data, path))

    def save_pdf(self, path: Path) -> None:
        data, meeting = self.data, dict(self.meeting)
        if data is not None:
            self._save(path, lambda: render_dashboard_pdf(data, meeting, path))

    def _save(self, path: Path, write: Callable[[], object]) -> None:
        def done(_result: object) -> None:
            self._say(self.tr("Saved: %1").replace("%1", str(path)))
            self.saved.emit(str(path))

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, OSError):
                self._failed(exc)
                return
            text = self.tr("Could not save %1: %2").replace("%1", str(path))
            text = text.replace("%2", exc.strerror or str(exc))
            self.status.setStyleSheet("color: #b00020")
            self.status.setText(text)
            self.failed.emit(text)

        BackgroundOp(parent=self, op=write, success=done, failure=failed).run()
