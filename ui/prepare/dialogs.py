"""The forms of the preparation workspace: a meeting, an agenda item, a ballot.

Each dialog only collects and checks what the person typed and hands back a draft
(ecabinet/client/preparation.py); the workspace window sends it in the background.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ecabinet.client.preparation import (
    CLASSIFICATIONS,
    BallotDraft,
    ItemDraft,
    MeetingDraft,
    Person,
    guests_of,
)
from ecabinet.collation import GOVERNMENT_ORDER
from ecabinet.domain import MeetingKind
from ecabinet.timeutil import parse_iso, utcnow
from ui.prepare.guests_editor import GuestsEditor

ID_ROLE = Qt.ItemDataRole.UserRole


VN_ZONE = QTimeZone(7 * 3600)  # meetings and deadlines are set in Vietnam's time


def _time_edit(parent: QWidget, name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("HH:mm dd/MM/yyyy")
    edit.setTimeZone(VN_ZONE)
    return edit


def _aware(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), tz=UTC)


def _qt_time(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), VN_ZONE)


def _checklist(parent: QWidget, people: list[tuple[str, str]], checked: set[str]) -> QListWidget:
    box = QListWidget(parent)
    for person_id, text in people:
        entry = QListWidgetItem(text)
        entry.setData(ID_ROLE, person_id)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        on = person_id in checked
        entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        box.addItem(entry)
    return box


def _checked(box: QListWidget) -> tuple[str, ...]:
    return tuple(
        str(box.item(row).data(ID_ROLE))
        for row in range(box.count())
        if box.item(row).checkState() == Qt.CheckState.Checked
    )


class _Form(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def _check_and_accept(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        if not problem:
            self.accept()

    def problem(self) -> str | None:
        return None


class MeetingDialog(_Form):
    """Title, kind, date and time, place, and the members invited, in protocol order."""

    def __init__(
        self,
        parent: QWidget | None,
        members: list[Person],
        meeting: dict[str, object] | None,
        deputies: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.deputies = dict(deputies or {})
        self._labels = {p.id: f"{p.full_name} — {p.title}" for p in members}
        self.setWindowTitle(self.tr("Meeting") if meeting else self.tr("New meeting"))
        self.title = QLineEdit(self)
        self.title.setObjectName("meetingTitle")
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Regular meeting"), MeetingKind.REGULAR.value)
        self.kind.addItem(self.tr("Thematic meeting"), MeetingKind.THEMATIC.value)
        self.starts_at = _time_edit(self, "meetingStart")
        self.location = QLineEdit(self)
        chosen: set[str] = set()
        start = utcnow().replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
        if meeting:
            self.title.setText(str(meeting.get("title") or ""))
            self.kind.setCurrentIndex(max(0, self.kind.findData(meeting.get("kind"))))
            self.location.setText(str(meeting.get("location") or ""))
            start = parse_iso(str(meeting["starts_at"]))
            chosen = {str(p) for p in meeting.get("participants") or []}  # type: ignore[attr-defined]
        else:
            self.location.setText(self.tr("Government meeting room"))
            chosen = {p.id for p in members}
        self.starts_at.setDateTime(_qt_time(start))
        self.participants = _checklist(self, list(self._labels.items()), chosen)
        self.participants.setObjectName("participants")
        self.deputy = QLineEdit(self)
        self.deputy.setObjectName("deputyName")
        self.deputy.setPlaceholderText(self.tr("Name and title of the deputy, if one attends"))
        self.participants.currentRowChanged.connect(self._show_deputy)
        self.deputy.textEdited.connect(self._deputy_edited)
        for row in range(self.participants.count()):
            self._label_row(row)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Kind:"), self.kind)
        self.form.addRow(self.tr("&Date and time:"), self.starts_at)
        self.form.addRow(self.tr("&Place:"), self.location)
        label = QLabel(self.tr("&Members (protocol order):"), self)
        label.setBuddy(self.participants)
        self.form.addRow(label, self.participants)
        self.form.addRow(self.tr("Deputy attending in the selected member's &place:"), self.deputy)
        self.guests = GuestsEditor(self, guests_of(meeting) if meeting else ())
        guests_label = QLabel(self.tr("Invited &guests:"), self)
        guests_label.setBuddy(self.guests.table)
        self.form.addRow(guests_label, self.guests)
        self.participants.setCurrentRow(0)
        self.finish_layout()
        self.resize(640, 720)

    def _member_at(self, row: int) -> str | None:
        entry = self.participants.item(row)
        return str(entry.data(ID_ROLE)) if entry is not None else None

    def _label_row(self, row: int) -> None:
        member = self._member_at(row)
        if member is None:
            return
        text = self._labels[member]
        if self.deputies.get(member):
            text += " — " + self.tr("deputy attending: {name}").format(name=self.deputies[member])
        self.participants.item(row).setText(text)

    def _show_deputy(self, row: int) -> None:
        member = self._member_at(row)
        self.deputy.setText(self.deputies.get(member, "") if member else "")

    def _deputy_edited(self, text: str) -> None:
        row = self.participants.currentRow()
        member = self._member_at(row)
        if member is None:
            return
        self.deputies[member] = text.strip()
        self._label_row(row)

    def problem(self) -> str | None:
        if not self.title.text().strip():
            return self.tr("Enter the meeting's title.")
        if not _checked(self.participants):
            return self.tr("Choose at least one member to invite.")
        return self.guests.problem()

    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            title=self.title.text(),
            starts_at=_aware(self.starts_at),
            kind=MeetingKind(self.kind.currentData()),
            location=self.location.text(),
            participant_ids=_checked(self.participants),
            deputies=tuple((m, name) for m, name in self.deputies.items() if name),
            guests=self.guests.guests(),
        )


class ItemDialog(_Form):
    """An agenda item: its content, the presenting ministry, its classification."""

    def __init__(self, parent: QWidget | None, item: ItemDraft | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self.setWindowTitle(self.tr("Agenda item"))
        self.title = QLineEdit(self)
        self.title.setObjectName("itemTitle")
        self.presenter = QComboBox(self)
        self.presenter.setObjectName("itemPresenter")
        self.presenter.setEditable(True)
        self.presenter.addItem("")
        self.presenter.addItems(list(GOVERNMENT_ORDER))
        self.classification = QComboBox(self)
        self.classification.setObjectName("itemClassification")
        for code, name in CLASSIFICATIONS.items():
            # The levels are legal terms, the same in every interface language.
            self.classification.addItem(name or self.tr("Not classified"), code)
        if item:
            self.title.setText(item.title)
            self.presenter.setCurrentText(item.presenter)
            self.classification.setCurrentIndex(
                max(0, self.classification.findData(item.classification))
            )
        self.form.addRow(self.tr("&Content:"), self.title)
        self.form.addRow(self.tr("&Presenting ministry:"), self.presenter)
        self.form.addRow(self.tr("C&lassification:"), self.classification)
        self.finish_layout()
        self.resize(560, 200)

    def problem(self) -> str | None:
        return None if self.title.text().strip() else self.tr("Enter the item's content.")

    def draft(self) -> ItemDraft:
        return ItemDraft(
            self.title.text(), self.presenter.currentText(), self.classification.currentData()
        )


class BallotDialog(_Form):
    """A written-opinion ballot: question, deadline, who is asked, which papers, and
    which options need a comment."""

    def __init__(
        self,
        parent: QWidget | None,
        members: list[tuple[str, str]],
        papers: list[tuple[str, str]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ballotDialog")
        self.setWindowTitle(self.tr("Issue a written-opinion ballot"))
        self.question = QPlainTextEdit(self)
        self.question.setObjectName("ballotQuestion")
        self.question.setTabChangesFocus(True)
        self.question.setFixedHeight(80)
        self.deadline = _time_edit(self, "ballotDeadline")
        self.deadline.setDateTime(_qt_time(utcnow() + timedelta(days=3)))
        self.comment_for: dict[str, QCheckBox] = {
            "agree": QCheckBox(self.tr("Agree needs a comment"), self),
            "disagree": QCheckBox(self.tr("Disagree needs a comment"), self),
            "other": QCheckBox(self.tr("Other opinion needs a comment"), self),
        }
        self.comment_for["other"].setChecked(True)
        self.eligible = _checklist(self, members, {m for m, _ in members})
        self.eligible.setObjectName("ballotEligible")
        self.papers = _checklist(self, papers, {p for p, _ in papers})
        self.papers.setObjectName("ballotPapers")
        self.open_now = QCheckBox(self.tr("Open the ballot now"), self)
        self.open_now.setChecked(True)
        self.form.addRow(self.tr("&Question:"), self.question)
        self.form.addRow(self.tr("&Deadline:"), self.deadline)
        for box in self.comment_for.values():
            self.form.addRow("", box)
        self.form.addRow(self.tr("&Members asked:"), self.eligible)
        self.form.addRow(self.tr("Attached &papers:"), self.papers)
        self.form.addRow("", self.open_now)
        self.finish_layout()
        self.resize(640, 600)

    def problem(self) -> str | None:
        if not self.question.toPlainText().strip():
            return self.tr("Enter the question the members answer.")
        if _aware(self.deadline) <= utcnow():
            return self.tr("The deadline has passed. Choose a time in the future.")
        if not _checked(self.eligible):
            return self.tr("Choose at least one member to ask.")
        return None

    def draft(self) -> BallotDraft:
        return BallotDraft(
            question=self.question.toPlainText(),
            deadline=_aware(self.deadline),
            eligible=_checked(self.eligible),
            comment_required=tuple(k for k, box in self.comment_for.items() if box.isChecked()),
            document_ids=_checked(self.papers),
        )


class VersionDialog(_Form):
    """A new version of a paper: the file and a note saying what changed."""

    def __init__(self, parent: QWidget | None, paper_title: str) -> None:
        super().__init__(parent)
        self.setObjectName("versionDialog")
        self.setWindowTitle(self.tr("New version of “{title}”").format(title=paper_title))
        self.path = QLineEdit(self)
        self.path.setObjectName("versionPath")
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("versionNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.form.addRow(self.tr("PDF &file:"), row)
        self.form.addRow(self.tr("What &changed:"), self.note)
        self.finish_layout()
        self.resize(560, 220)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("New version"), "", self.tr("PDF files (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen)

    def problem(self) -> str | None:
        if not self.path.text().strip():
            return self.tr("Choose the PDF file of the new version.")
        if not self.note.toPlainText().strip():
            return self.tr("Say what changed: members see this note beside the paper.")
        return None
