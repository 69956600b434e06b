"""The layout of the "Chuẩn bị họp" window, and how it reads and runs calls.

Every server call runs through ui/worker.py; after each write the meeting is read
again from the server, so what the clerk sees is what members will get. The actions
(meetings, agenda, papers, ballots) are in ui/prepare/window.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client import preparation as prep
from ecabinet.client.preparation import MeetingContents, Person
from ecabinet.client.workspace import Workspace
from ecabinet.timeutil import vietnam_time_text
from ui.errors import describe
from ui.prepare.agenda_list import AgendaList
from ui.prepare.dashboard_view import DashboardWindow
from ui.prepare.meeting_day import MeetingDayWindow
from ui.worker import BackgroundOp

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient

ID_ROLE = Qt.ItemDataRole.UserRole


class PrepareBase(QWidget):
    # Every call has finished and the screen shows the server's state (tests wait on it).
    idle = Signal()
    # A call failed; the Vietnamese message shown.
    failed = Signal(str)
    # A file dialog is about to open (tests set its path through the dialog's API).
    file_dialog_shown = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("prepareWindow")
        self.workspace = workspace
        self.members: list[Person] = []
        self.meetings: list[dict[str, Any]] = []
        self.contents: MeetingContents | None = None
        self.dashboard: DashboardWindow | None = None
        self._busy = 0
        self.meeting_day: MeetingDayWindow | None = None  # the last one opened

        self.meeting_list = QListWidget(self)
        self.meeting_list.setObjectName("meetingList")
        self.meeting_list.currentItemChanged.connect(lambda *_: self._load_contents())
        self.new_button = self._button("newMeeting", self.new_meeting)
        self.edit_button = self._button("editMeeting", self.edit_meeting)
        self.cancel_button = self._button("cancelMeeting", self.cancel_meeting)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        self.meetings_label = QLabel(left)
        self.meetings_label.setBuddy(self.meeting_list)
        left_layout.addWidget(self.meetings_label)
        left_layout.addWidget(self.meeting_list, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.cancel_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        self.heading = QLabel(self)
        self.heading.setObjectName("meetingHeading")
        self.heading.setWordWrap(True)
        self.agenda = AgendaList(self)
        self.agenda.reordered.connect(self.reorder)
        self.agenda.files_dropped.connect(self.attach_files)
        self.agenda.currentItemChanged.connect(lambda *_: self._show_papers())
        self.agenda_label = QLabel(self)
        self.agenda_label.setBuddy(self.agenda)
        self.add_item_button = self._button("addItem", self.add_item)
        self.edit_item_button = self._button("editItem", self.edit_item)
        self.delete_item_button = self._button("deleteItem", self.delete_item)
        self.attach_button = self._button("attachPdf", self.choose_files)
        self.edxml_button = self._button("importEdxml", self.choose_edxml)
        self.papers = QListWidget(self)
        self.papers.setObjectName("itemPapers")
        self.papers_label = QLabel(self)
        self.papers_label.setBuddy(self.papers)
        self.version_button = self._button("newVersion", self.new_version)
        self.papers.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.ballot_button = self._button("issueBallot", self.issue_ballot)
        self.publish_button = self._button("publishMeeting", self.publish)
        self.dashboard_button = self._button("openDashboard", self.open_dashboard)
        self.consent_button = self._button("consentList", self.show_consent_list)
        self.meeting_day_button = self._button("meetingDay", self.open_meeting_day)
        self.message = QLabel(self)
        self.message.setObjectName("prepareMessage")
        self.message.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.agenda_label)
        right_layout.addWidget(self.agenda, 2)
        item_row = QHBoxLayout()
        for button in (
            self.add_item_button, self.edit_item_button, self.delete_item_button,
            self.attach_button, self.edxml_button,
        ):  # fmt: skip
            item_row.addWidget(button)
        right_layout.addLayout(item_row)
        right_layout.addWidget(self.papers_label)
        right_layout.addWidget(self.papers, 1)
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.version_button)
        paper_row.addStretch(1)
        right_layout.addLayout(paper_row)
        bottom = QHBoxLayout()
        bottom.addWidget(self.ballot_button)
        bottom.addWidget(self.dashboard_button)
        bottom.addWidget(self.consent_button)
        bottom.addWidget(self.meeting_day_button)
        bottom.addStretch(1)
        bottom.addWidget(self.publish_button)
        right_layout.addLayout(bottom)
        right_layout.addWidget(self.message)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        # Keyboard: Alt+Up/Down in the agenda; Ctrl+N a new meeting; Insert a new item.
        QShortcut(QKeySequence.StandardKey.New, self, self.new_meeting)
        # Only while the agenda has the focus: Delete in a text field deletes text.
        for key, slot in (
            (Qt.Key.Key_Insert, self.add_item),
            (Qt.Key.Key_Delete, self.delete_item),
        ):
            shortcut = QShortcut(QKeySequence(key), self.agenda, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.retranslate()
        self.resize(1200, 680)  # inside a 1366×768 screen with its panel
        self._update_buttons()

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Prepare meetings"))
        self.meetings_label.setText(self.tr("&Meetings"))
        self.new_button.setText(self.tr("&New…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.cancel_button.setText(self.tr("Ca&ncel meeting"))
        self.agenda_label.setText(
            self.tr("&Agenda (drag, or Alt+Up / Alt+Down, to reorder; drop PDFs on an item)")
        )
        self.add_item_button.setText(self.tr("Add &item…"))
        self.edit_item_button.setText(self.tr("Edi&t item…"))
        self.delete_item_button.setText(self.tr("&Delete item"))
        self.attach_button.setText(self.tr("Attach &PDF…"))
        self.edxml_button.setText(self.tr("Import ed&XML…"))
        self.edxml_button.setToolTip(
            self.tr("Import an official document received over the national document "
                    "interchange (edXML package): its PDFs become papers of the item")
        )  # fmt: skip
        self.papers_label.setText(self.tr("Pape&rs of the selected item"))
        self.version_button.setText(self.tr("Replace with a new &version…"))
        self.ballot_button.setText(self.tr("Issue &ballot…"))
        self.publish_button.setText(self.tr("Pu&blish to participants"))
        self.dashboard_button.setText(self.tr("F&ollow-up…"))
        self.consent_button.setText(self.tr("Consent &list…"))
        self.meeting_day_button.setText(self.tr("Attendance, conclusions, &minutes…"))
        self._show_heading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- running calls ------------------------------------------------------
    def _run(
        self, op: Callable[[], Any], done: Callable[[Any], None] | None = None,
        *, reload: bool = True,
    ) -> None:  # fmt: skip
        self._busy += 1
        if reload:  # a write: the last message no longer applies
            self._say("")
        self._update_buttons()

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
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(text)
            self.failed.emit(text)
            if reload:  # a refused write (say another clerk saved first): show the server's copy
                self.refresh()
            self._settled()

        BackgroundOp(parent=self, op=op, success=success, failure=failure).run()

    def _settled(self) -> None:
        self._update_buttons()
        if self._busy == 0:
            self.idle.emit()

    @property
    def api(self) -> ApiClient:
        return self.workspace.api

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _update_buttons(self) -> None:
        idle = self._busy == 0
        meeting = self.current_meeting()
        status = meeting.get("status") if meeting is not None else None
        editable = idle and status is not None and status != "cancelled"
        has_item = editable and self.agenda.current_id() is not None
        self.new_button.setEnabled(idle)
        for button in (self.edit_button, self.cancel_button, self.add_item_button):
            button.setEnabled(editable)
        for button in (
            self.edit_item_button, self.delete_item_button, self.attach_button,
            self.edxml_button,
        ):  # fmt: skip
            button.setEnabled(has_item)
        self.version_button.setEnabled(editable and self.papers.currentItem() is not None)
        self.ballot_button.setEnabled(editable and bool(self.agenda.count()))
        self.publish_button.setEnabled(editable and status == "draft")
        self.dashboard_button.setEnabled(meeting is not None)
        self.consent_button.setEnabled(status in ("published", "closed"))
        self.meeting_day_button.setEnabled(editable)

    # -- loading ------------------------------------------------------------
    def refresh(self) -> None:
        """Read the members, the meetings and the selected meeting again."""
        api = self.api

        def read() -> tuple[list[Person], list[dict[str, Any]]]:
            return prep.members_in_protocol_order(api), prep.list_meetings(api)

        def show(result: tuple[list[Person], list[dict[str, Any]]]) -> None:
            self.members, self.meetings = result
            self._show_meetings()
            self._load_contents()

        self._run(read, show, reload=False)

    def _show_meetings(self) -> None:
        current = self.current_meeting_id()
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        for meeting in self.meetings:
            when = vietnam_time_text(str(meeting["starts_at"]))
            entry = QListWidgetItem(
                f"{meeting['title']}\n{when} · {self._status_text(str(meeting['status']))}"
            )
            entry.setData(ID_ROLE, meeting["id"])
            self.meeting_list.addItem(entry)
            if meeting["id"] == current:
                self.meeting_list.setCurrentItem(entry)
        if self.meeting_list.currentItem() is None and self.meeting_list.count():
            self.meeting_list.setCurrentRow(0)
        self.meeting_list.blockSignals(False)

    def _status_text(self, status: str) -> str:
        return {
            "draft": self.tr("being prepared"),
            "published": self.tr("published"),
            "closed": self.tr("held"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def current_meeting_id(self) -> str | None:
        entry = self.meeting_list.currentItem()
        return str(entry.data(ID_ROLE)) if entry is not None else None

    def current_meeting(self) -> dict[str, Any] | None:
        wanted = self.current_meeting_id()
        return next((m for m in self.meetings if m["id"] == wanted), None)

    def _load_contents(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            self.contents = None
            self._show_contents()
            return
        api = self.api

        def show(contents: MeetingContents) -> None:
            self.contents = contents
            self._show_contents()

        self._run(lambda: prep.meeting_contents(api, meeting_id), show, reload=False)

    def _show_contents(self) -> None:
        rows: list[tuple[str, str]] = []
        for number, item in enumerate(self.contents.items if self.contents else [], start=1):
            text = f"{number}. {item['title']}"
            if item.get("presenter"):
                text += f"\n    {item['presenter']}"
            marking = item.get("classification")
            if marking:
                text += f"  [{prep.CLASSIFICATIONS.get(marking, marking)}]"
            rows.append((item["id"], text))
        self.agenda.set_items(rows)
        self._show_heading()
        self._show_papers()

    def _show_heading(self) -> None:
        meeting = self.contents.meeting if self.contents else None
        if meeting is None:
            self.heading.setText(self.tr("Choose a meeting, or create one with “New…”."))
            return
        when = vietnam_time_text(str(meeting["starts_at"]))
        kind = (
            self.tr("Thematic meeting")
            if meeting["kind"] == "thematic"
            else self.tr("Regular meeting")
        )
        count = len(meeting.get("participants") or [])
        self.heading.setText(
            self.tr("{title} — {kind}, {when}, {place}; {count} members invited ({status})").format(
                title=meeting["title"], kind=kind, when=when, place=meeting.get("location") or "",
                count=count, status=self._status_text(str(meeting["status"])),
            )
        )  # fmt: skip

    def _show_papers(self) -> None:
        self.papers.clear()
        item_id = self.agenda.current_id()
        if self.contents is not None and item_id is not None:
            for document in self.contents.documents_of(item_id):
                entry = QListWidgetItem(str(document.get("title") or document["id"]))
                entry.setData(ID_ROLE, document["id"])
                self.papers.addItem(entry)
        self._update_buttons()

    def open_dashboard(self) -> None:
        """The follow-up table of the selected meeting (ui/prepare/dashboard_view.py)."""
        meeting = self.current_meeting()
        if meeting is None:
            return
        if self.dashboard is None:
            self.dashboard = DashboardWindow(self.workspace, meeting, self)
            self.dashboard.refresh()
        else:
            self.dashboard.show_meeting(meeting)
        self.dashboard.show()
        self.dashboard.activateWindow()

    def show_consent_list(self) -> None:
        """The members' marks on the selected meeting's items (ui/prepare/consent_view.py)."""
        from ui.prepare.consent_view import ConsentView

        meeting = self.current_meeting()
        if meeting is None:
            return
        previous = getattr(self, "consent_view", None)
        if previous is not None:  # one list at a time: the newly selected meeting's
            previous.close()
            previous.deleteLater()
        names = {p.id: p.full_name for p in self.members}
        view = ConsentView(self.workspace, str(meeting["id"]), str(meeting["title"]), names, self)
        self.consent_view = view
        view.show()
        view.refresh()

    def open_meeting_day(self) -> None:
        """The selected meeting's attendance, conclusions and minutes (meeting_day.py)."""
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        window = self.meeting_day
        if window is None or window.meeting_id != meeting_id:  # one window, for one meeting
            if window is not None:
                window.close()
                window.deleteLater()
            window = self.meeting_day = MeetingDayWindow(self.workspace, meeting_id, self)
        window.refresh()
        window.show()
        window.activateWindow()

    # -- actions, in ui/prepare/window.py -----------------------------------------
    def new_meeting(self) -> None: ...
    def edit_meeting(self) -> None: ...
    def cancel_meeting(self) -> None: ...
    def add_item(self) -> None: ...
    def edit_item(self) -> None: ...
    def delete_item(self) -> None: ...
    def choose_files(self) -> None: ...
    def choose_edxml(self) -> None: ...
    def issue_ballot(self) -> None: ...
    def publish(self) -> None: ...
    def reorder(self, item_ids: list[str]) -> None: ...
    def attach_files(self, item_id: str, paths: list[Any]) -> None: ...
    def new_version(self) -> None: ...
