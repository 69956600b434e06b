"""The member's "Ý kiến về chương trình họp" window: one mark per agenda item before the
meeting (no objection, wish to speak, object with a reason, pull out of the consent list).

Marks are queued in the outbox through ``Workspace.mark_consent`` (the store's one
writer, off the GUI thread) and sent by the next sync, so this works offline; each item
shows the member's mark and whether the server has it yet. Keyboard: Up/Down in the
list, Alt+letter for a choice, Ctrl+Enter records and moves to the next item.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.consent_marks import MyMark
from ecabinet.client.workspace import Workspace
from ecabinet.store.queries import MeetingRow
from ui.consent import labels
from ui.errors import describe
from ui.theme.palette import danger_color, secondary_color
from ui.worker import BackgroundOp

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_REASON = 2000  # the server's limit (MarkConsentPayload)


class ConsentPanel(QDialog):
    # The marks were read and shown (tests wait on it).
    loaded = Signal()
    # A mark was queued: the MyMark now shown.
    saved = Signal(object)
    # A mark was refused here or by the core: the message shown.
    refused = Signal(str)

    def __init__(self, workspace: Workspace, meeting: MeetingRow, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("consentPanel")
        self.workspace = workspace
        self.meeting = meeting
        self.marks: dict[str, MyMark] = {}
        self.busy = False

        self.heading = QLabel(self)
        self.heading.setObjectName("consentHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.items_label = QLabel(self)
        self.items = QListWidget(self)
        self.items.setObjectName("consentItems")
        self.items.setWordWrap(True)
        self.items_label.setBuddy(self.items)
        self.items.currentItemChanged.connect(lambda *_: self._show_current())

        self.choices = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        choice_row = QVBoxLayout()
        for mark in labels.MARKS:
            button = QRadioButton(self)
            button.setObjectName(f"consent_{mark}")
            self.choices.addButton(button)
            self.choice_buttons[mark] = button
            choice_row.addWidget(button)
        self.choices.buttonToggled.connect(self._choice_toggled)
        self.reason_label = QLabel(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("consentReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_label.setBuddy(self.reason)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveConsent")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setObjectName("consentMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addLayout(choice_row)
        right.addWidget(self.reason_label)
        right.addWidget(self.reason)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        right.addWidget(self.message)
        right.addStretch(1)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.items_label)
        left.addWidget(self.items, 1)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.save)
        self.retranslate()
        self.resize(900, 520)
        self._fill_items()

    def set_meeting(self, meeting: MeetingRow) -> None:
        """The same meeting as the catalogue now has it (its agenda, its status)."""
        self.meeting = meeting
        self.retranslate()
        self._show_current()

    @property
    def is_open(self) -> bool:
        """Marks are taken until the meeting is held or cancelled."""
        return self.meeting.status == "published"

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Marks on the agenda"))
        self.items_label.setText(self.tr("Agenda &items"))
        for mark, button in self.choice_buttons.items():
            button.setText(labels.choice_text(mark))
        self.reason_label.setText(self.tr("&Reason or what you wish to raise"))
        self.save_button.setText(self.tr("Record &mark (Ctrl+Enter)"))
        e = html.escape
        note = (
            self.tr(
                "Before the meeting, mark each item. Items no one objects to, asks to speak "
                "on or pulls out are adopted without debate. Marks are sent at the next sync."
            )
            if self.is_open
            else self.tr("The meeting is held or cancelled: marks are no longer taken.")
        )
        self.heading.setText(
            f"<b>{e(self.meeting.title)}</b><br>"
            f"<span style='color:{secondary_color()}'>{e(note)}</span>"
        )
        self._fill_items()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- reading ------------------------------------------------------------
    def reload(self) -> None:
        """Read this member's marks again (after a sync, or a mark recorded)."""
        workspace, meeting_id = self.workspace, self.meeting.id
        BackgroundOp(
            parent=self,
            op=lambda: workspace.my_consent_marks(meeting_id),
            success=self._show_marks,
            failure=lambda exc: self._say(describe(exc), error=True),
        ).run()

    def _show_marks(self, marks: dict[str, MyMark]) -> None:
        self.marks = marks
        self._fill_items()
        self._show_current()
        self.loaded.emit()

    def _fill_items(self) -> None:
        current = self.current_item_id()
        self.items.blockSignals(True)
        self.items.clear()
        for number, item in enumerate(self.meeting.agenda, start=1):
            mark = self.marks.get(item.id)
            status = (
                f"{labels.mark_text(mark.mark)} — {labels.state_text(mark)}"
                if mark is not None
                else self.tr("not marked yet")
            )
            yours = self.tr("Your mark: %1").replace("%1", status)
            entry = QListWidgetItem(f"{number}. {item.title}\n    {yours}", self.items)
            entry.setData(ID_ROLE, item.id)
            if item.id == current:
                self.items.setCurrentItem(entry)
        if self.items.currentItem() is None and self.items.count():
            self.items.setCurrentRow(0)
        self.items.blockSignals(False)

    def current_item_id(self) -> str | None:
        entry = self.items.currentItem()
        return str(entry.data(ID_ROLE)) if entry is not None else None

    def select_item(self, item_id: str) -> None:
        for row in range(self.items.count()):
            if self.items.item(row).data(ID_ROLE) == item_id:
                self.items.setCurrentRow(row)
                return

    def _show_current(self) -> None:
        mark = self.marks.get(self.current_item_id() or "")
        self.choices.blockSignals(True)  # showing a mark is not choosing one
        self.choices.setExclusive(False)
        for name, button in self.choice_buttons.items():
            button.setChecked(mark is not None and mark.mark == name)
        self.choices.setExclusive(True)
        self.choices.blockSignals(False)
        self.reason.setPlainText(mark.reason if mark is not None else "")
        self._update_enabled()

    def _choice_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        self._say("")

    def _update_enabled(self) -> None:
        can_mark = self.is_open and not self.busy and self.current_item_id() is not None
        for button in self.choice_buttons.values():
            button.setEnabled(self.is_open)
        self.reason.setReadOnly(not self.is_open)
        self.save_button.setEnabled(can_mark)

    # -- writing ------------------------------------------------------------
    def chosen_mark(self) -> str | None:
        return next((m for m, b in self.choice_buttons.items() if b.isChecked()), None)

    def save(self) -> None:
        """Check the mark here (an objection needs a reason), then queue it."""
        item_id, mark = self.current_item_id(), self.chosen_mark()
        if not self.is_open or self.busy or item_id is None:
            return
        reason = self.reason.toPlainText().strip()
        if mark is None:
            self._refuse(self.tr("Choose one of the marks first."))
            return
        if mark == labels.OBJECT and not reason:
            self._refuse(labels.reason_required())
            self.reason.setFocus()
            return
        if len(reason) > MAX_REASON:
            self._refuse(self.tr("The reason is too long (at most 2,000 characters)."))
            return
        self.busy = True
        self._update_enabled()
        workspace = self.workspace
        BackgroundOp(
            parent=self,
            op=lambda: workspace.mark_consent(item_id, mark, reason),
            success=self._saved,
            failure=self._save_failed,
        ).run()

    def _saved(self, mark: MyMark) -> None:
        self.busy = False
        self.marks[mark.agenda_item_id] = mark
        self._fill_items()
        self._say(
            self.tr("Recorded: %1. It is sent at the next sync.").replace(
                "%1", labels.mark_text(mark.mark)
            )
        )
        row = self.items.currentRow()
        if row + 1 < self.items.count():  # on to the next item, for the keyboard
            self.items.setCurrentRow(row + 1)
        else:
            self._show_current()
        self.saved.emit(mark)

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._update_enabled()
        self._refuse(describe(exc))

    def _refuse(self, text: str) -> None:
        self._say(text, error=True)
        self.refused.emit(text)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {danger_color()}" if error else "")
        self.message.setText(text)
