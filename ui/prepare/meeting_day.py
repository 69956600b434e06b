"""At and after the meeting: attendance with the quorum, each item's conclusion, and
"Lập biên bản" (the minutes and the resolution, signed and published).

Opened from the "Chuẩn bị họp" window for the meeting selected there. Every server call
runs through ui/worker.py; after each save the meeting is read again, so the screen
shows what the server holds. Calls: ecabinet/client/meeting_day.py and meeting_record.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client import meeting_day
from ecabinet.client import preparation as prep
from ecabinet.client.meeting_day import AttendanceReport, AttendanceRow
from ecabinet.errors import ECabinetError
from ecabinet.quorum import Attendance
from ui.errors import describe
from ui.worker import BackgroundOp

if TYPE_CHECKING:
    from ecabinet.client.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, TITLE, STATE, DEPUTY = range(4)


class MeetingDayWindow(QWidget):
    # Every call has finished (tests wait on it).
    idle = Signal()
    # A call failed; the message shown.
    failed = Signal(str)
    # The "Lập biên bản" form was opened (tests fill it).
    minutes_dialog_shown = Signal(object)

    def __init__(self, workspace: Workspace, meeting_id: str, parent: QWidget | None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("meetingDayWindow")
        self.workspace, self.meeting_id = workspace, meeting_id
        self.members: list[prep.Person] = []
        self.contents: prep.MeetingContents | None = None
        self.report: AttendanceReport | None = None
        self._busy = 0

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.attendance_table = QTableWidget(0, 4, self)
        self.attendance_table.setObjectName("attendanceTable")
        self.attendance_table.verticalHeader().setVisible(False)
        header = self.attendance_table.horizontalHeader()
        for column in (NAME, TITLE, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DEPUTY, QHeaderView.ResizeMode.Stretch)
        self.quorum_label = QLabel(self)
        self.quorum_label.setObjectName("quorumLine")
        self.quorum_label.setWordWrap(True)
        self.save_attendance_button = self._button("saveAttendance", self.save_attendance)
        attendance_page = QWidget(self)
        page = QVBoxLayout(attendance_page)
        page.addWidget(self.attendance_table, 1)
        page.addWidget(self.quorum_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_attendance_button)
        page.addLayout(row)

        self.items = QListWidget(self)
        self.items.setObjectName("conclusionItems")
        self.items.currentItemChanged.connect(lambda *_: self._show_conclusion())
        self.conclusion = QPlainTextEdit(self)
        self.conclusion.setObjectName("conclusionText")
        self.conclusion_label = QLabel(self)
        self.conclusion_label.setBuddy(self.conclusion)
        self.server_copy = QLabel(self)  # another clerk's text, after a refused save
        self.server_copy.setObjectName("serverConclusion")
        self.server_copy.setWordWrap(True)
        self.server_copy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_conclusion_button = self._button("saveConclusion", self.save_conclusion)
        conclusions_page = QWidget(self)
        page = QVBoxLayout(conclusions_page)
        split = QHBoxLayout()
        split.addWidget(self.items, 2)
        right = QVBoxLayout()
        right.addWidget(self.conclusion_label)
        right.addWidget(self.conclusion, 1)
        right.addWidget(self.server_copy)
        right.addWidget(self.save_conclusion_button, 0, Qt.AlignmentFlag.AlignRight)
        split.addLayout(right, 3)
        page.addLayout(split)
        self.attendance_page, self.conclusions_page = attendance_page, conclusions_page
        self.tabs.addTab(attendance_page, "")
        self.tabs.addTab(conclusions_page, "")

        self.minutes_button = self._button("makeMinutes", self.make_minutes)
        self.message = QLabel(self)
        self.message.setObjectName("meetingDayMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.minutes_button)
        layout.addLayout(bottom)
        self.retranslate()
        self.resize(1000, 620)
        self._update_buttons()

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("At the meeting"))
        self.tabs.setTabText(0, self.tr("Attendance"))
        self.tabs.setTabText(1, self.tr("Conclusions"))
        self.attendance_table.setHorizontalHeaderLabels(
            [
                self.tr("Member"),
                self.tr("Title"),
                self.tr("Attendance"),
                self.tr("Deputy attending"),
            ]
        )
        self.save_attendance_button.setText(self.tr("&Save attendance"))
        self.conclusion_label.setText(self.tr("Con&clusion of the selected item"))
        self.save_conclusion_button.setText(self.tr("Save c&onclusion"))
        self.minutes_button.setText(self.tr("Make the &minutes…"))
        self._show_heading()
        self._show_quorum()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def state_names(self) -> dict[Attendance | None, str]:
        return {
            None: self.tr("— not recorded —"),
            Attendance.PRESENT: self.tr("Present in the room"),
            Attendance.REMOTE: self.tr("Attending remotely"),
            Attendance.ABSENT_EXCUSED: self.tr("Absent, with the Prime Minister's consent"),
            Attendance.REPRESENTED: self.tr("Absent, represented by a deputy"),
        }

    # -- running calls -------------------------------------------------------
    def run(
        self, op: Callable[[], Any], done: Callable[[Any], None] | None = None,
        *, reload: bool = True, failed: Callable[[BaseException], None] | None = None,
    ) -> None:  # fmt: skip
        self._busy += 1
        self._update_buttons()
        if reload:
            self.say("")

        def success(result: Any) -> None:
            self._busy -= 1
            if done is not None:
                done(result)
            if reload:
                self.refresh()
            self._settled()

        def failure(exc: BaseException) -> None:
            self._busy -= 1
            text = describe(exc)
            self.say(text, error=True)
            self.failed.emit(text)
            if failed is not None:
                failed(exc)
            self._settled()

        BackgroundOp(parent=self, op=op, success=success, failure=failure).run()

    def _settled(self) -> None:
        self._update_buttons()
        if self._busy == 0:
            self.idle.emit()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020" if error else "")
        self.message.setText(text)

    def _update_buttons(self) -> None:
        idle = self._busy == 0
        self.save_attendance_button.setEnabled(idle and self.attendance_table.rowCount() > 0)
        self.save_conclusion_button.setEnabled(idle and self.items.currentItem() is not None)
        self.minutes_button.setEnabled(idle and self.contents is not None)

    # -- loading --------------------------------------------------------------
    def refresh(self) -> None:
        api, meeting_id = self.workspace.api, self.meeting_id

        def read() -> tuple[list[prep.Person], prep.MeetingContents, AttendanceReport]:
            return (
                prep.members_in_protocol_order(api),
                prep.meeting_contents(api, meeting_id),
                meeting_day.attendance(api, meeting_id),
            )

        def show(result: tuple[list[prep.Person], prep.MeetingContents, AttendanceReport]) -> None:
            self.members, self.contents, self.report = result
            self._show_attendance()
            self._show_items()
            self._show_heading()

        self.run(read, show, reload=False)

    def _show_heading(self) -> None:
        meeting = self.contents.meeting if self.contents else None
        self.heading.setText(f"<b>{meeting['title']}</b>" if meeting else self.tr("Loading…"))

    def _participants(self) -> list[prep.Person]:
        invited = set(self.contents.meeting.get("participants") or []) if self.contents else set()
        return [p for p in self.members if p.id in invited]

    def _show_attendance(self) -> None:
        table, names = self.attendance_table, self.state_names()
        rows = self.report.rows if self.report else {}
        people = self._participants()
        table.setRowCount(len(people))
        for number, person in enumerate(people):
            record = rows.get(person.id)
            for column, text in ((NAME, person.full_name), (TITLE, person.title)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                cell.setData(ID_ROLE, person.id)
                table.setItem(number, column, cell)
            states = QComboBox(table)
            for state, label in names.items():  # Qt keeps the code as a plain string
                states.addItem(label, state.value if state else "")
            states.setCurrentIndex(states.findData(record.state.value if record else ""))
            deputy = QLineEdit(record.deputy_name if record else "", table)
            deputy.setPlaceholderText(self.tr("Name and title of the deputy"))
            states.currentIndexChanged.connect(lambda *_: self._states_changed())
            table.setCellWidget(number, STATE, states)
            table.setCellWidget(number, DEPUTY, deputy)
        table.resizeRowsToContents()
        self._states_changed()

    def state_box(self, row: int) -> QComboBox:
        box = self.attendance_table.cellWidget(row, STATE)
        assert isinstance(box, QComboBox)
        return box

    def state_of(self, row: int) -> Attendance | None:
        code = self.state_box(row).currentData()
        return Attendance(code) if code else None

    def deputy_field(self, row: int) -> QLineEdit:
        field = self.attendance_table.cellWidget(row, DEPUTY)
        assert isinstance(field, QLineEdit)
        return field

    def _states_changed(self) -> None:
        for row in range(self.attendance_table.rowCount()):
            represented = self.state_of(row) is Attendance.REPRESENTED
            self.deputy_field(row).setEnabled(represented)
        self._show_quorum()
        self._update_buttons()

    def _show_quorum(self) -> None:
        if self.report is None:
            self.quorum_label.clear()
            return
        states = [self.state_of(r) for r in range(self.attendance_table.rowCount())]
        quorum = meeting_day.live_quorum(states, self.report.members)
        if quorum is None:
            self.quorum_label.setText(self.tr("The organisation has no member accounts yet."))
            return
        verdict = self.tr("quorum met") if quorum.met else self.tr("quorum NOT met")
        self.quorum_label.setStyleSheet("" if quorum.met else "color: #b00020")
        self.quorum_label.setText(
            self.tr("Members: %1 · attending: %2 · required (two thirds): %3 — %4")
            .replace("%1", str(quorum.members)).replace("%2", str(quorum.attending))
            .replace("%3", str(quorum.required)).replace("%4", verdict)
        )  # fmt: skip

    def _show_items(self) -> None:
        current = self.items.currentItem()
        wanted = current.data(ID_ROLE) if current is not None else None
        self.items.blockSignals(True)
        self.items.clear()
        for number, item in enumerate(self.contents.items if self.contents else [], start=1):
            mark = "✓ " if str(item.get("conclusion") or "").strip() else ""
            entry = QListWidgetItem(f"{mark}{number}. {item['title']}")
            entry.setData(ID_ROLE, item["id"])
            self.items.addItem(entry)
            if item["id"] == wanted:
                self.items.setCurrentItem(entry)
        if self.items.currentItem() is None and self.items.count():
            self.items.setCurrentRow(0)
        self.items.blockSignals(False)
        self._show_conclusion()

    def _item(self, item_id: str | None) -> dict[str, Any] | None:
        items = self.contents.items if self.contents else []
        return next((i for i in items if i["id"] == item_id), None)

    def current_item_id(self) -> str | None:
        entry = self.items.currentItem()
        return str(entry.data(ID_ROLE)) if entry is not None else None

    def _show_conclusion(self) -> None:
        item = self._item(self.current_item_id())
        self.server_copy.clear()
        self.conclusion.setPlainText(str(item.get("conclusion") or "") if item else "")
        # The revision this edit starts from: kept until the next save of this item.
        self.conclusion.setProperty("revision", item.get("revision") if item else None)
        self.conclusion.setProperty("itemId", item["id"] if item else None)
        self._update_buttons()

    # -- saving ---------------------------------------------------------------
    def save_attendance(self) -> None:
        rows = []
        for row in range(self.attendance_table.rowCount()):
            state, cell = self.state_of(row), self.attendance_table.item(row, NAME)
            if state is None or cell is None:
                continue
            user_id = str(cell.data(ID_ROLE))
            rows.append(AttendanceRow(user_id, state, self.deputy_field(row).text()))
        api, meeting_id = self.workspace.api, self.meeting_id

        def done(report: AttendanceReport) -> None:
            self.say(self.tr("Attendance saved. %1").replace("%1", report.quorum_text))

        self.run(lambda: meeting_day.save_attendance(api, meeting_id, rows), done)

    def save_conclusion(self) -> None:
        item_id = self.conclusion.property("itemId")
        if not item_id:
            return
        text, revision = self.conclusion.toPlainText(), self.conclusion.property("revision")
        api = self.workspace.api

        def done(_item: object) -> None:
            self.say(self.tr("Conclusion saved; members get it at their next sync."))

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ECabinetError) and exc.code == "edit_conflict":
                self._show_other_copy(str(item_id), text)

        self.run(
            lambda: meeting_day.save_conclusion(api, str(item_id), text, revision),
            done, failed=refused,
        )  # fmt: skip

    def _show_other_copy(self, item_id: str, mine: str) -> None:
        """Another clerk saved first: keep this clerk's text, show theirs, and let a second
        click on Save replace theirs knowingly (from the revision now on the server)."""
        api, meeting_id = self.workspace.api, self.meeting_id

        def show(contents: prep.MeetingContents) -> None:
            self.contents = contents
            current = self._item(item_id)
            if current is None or self.current_item_id() != item_id:
                return
            self.conclusion.setPlainText(mine)
            self.conclusion.setProperty("revision", current.get("revision"))
            self.server_copy.setText(
                self.tr("Saved by another clerk meanwhile: “%1”. Your text is kept above; "
                        "save again to replace theirs.").replace("%1", str(current["conclusion"]))
            )  # fmt: skip

        self.run(lambda: prep.meeting_contents(api, meeting_id), show, reload=False)

    # -- the minutes ----------------------------------------------------------
    def make_minutes(self) -> None:
        from ui.prepare.minutes_dialog import MinutesDialog

        if self.contents is None:
            return
        dialog = MinutesDialog(self, self.members, self.workspace.user_full_name or "")
        dialog.accepted.connect(lambda: self._make_minutes(dialog))
        dialog.open()
        self.minutes_dialog_shown.emit(dialog)

    def _make_minutes(self, dialog: Any) -> None:
        from ecabinet.client.meeting_record import make_and_publish

        options, signer = dialog.options(), dialog.signer()
        workspace, meeting_id = self.workspace, self.meeting_id

        def done(numbers: tuple[str, str, int]) -> None:
            self.say(
                self.tr("Minutes %1 (signed) and resolution %2 published to the participants, "
                        "with %n ballot result bundle(s) embedded in the minutes.", "",
                        numbers[2]).replace("%1", numbers[0]).replace("%2", numbers[1])
            )  # fmt: skip

        self.run(lambda: make_and_publish(workspace, meeting_id, options, signer), done)
