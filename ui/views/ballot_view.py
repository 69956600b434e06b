"""The minister's ballot panel: the question, the papers, choose, comment, sign.

Signing happens on this laptop with no network needed; the panel then shows the
answer's way to the server: waiting to send, delivered (with the receipt time),
rejected (with the reason), or delivered on an outdated draft.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.store.ballot_queries import (
    DELIVERED,
    NOT_ANSWERED,
    OUTDATED,
    REJECTED,
    WAITING,
    BallotRow,
    OpinionRow,
)
from ecabinet.timeutil import parse_iso, utcnow, vietnam_time_text

NEAR_DEADLINE_HOURS = 24


def choice_label(choice: str) -> str:
    return {
        "agree": QCoreApplication.translate("Ballot", "Agree"),
        "disagree": QCoreApplication.translate("Ballot", "Disagree"),
        "other": QCoreApplication.translate("Ballot", "Other opinion"),
    }.get(choice, choice)


def reason_text(code: str | None, server_message: str | None) -> str:
    known = {
        "ballot_closed": QCoreApplication.translate(
            "Ballot", "the ballot had closed when the server received your answer"
        ),
        "device_revoked": QCoreApplication.translate(
            "Ballot", "this computer's signing key has been revoked; contact the Government Office"
        ),
        "not_eligible": QCoreApplication.translate("Ballot", "you are not among the members asked"),
        "ballot_changed": QCoreApplication.translate(
            "Ballot", "the ballot changed after you signed; please answer again"
        ),
        "comment_required": QCoreApplication.translate("Ballot", "this choice needs a comment"),
        "bad_signature": QCoreApplication.translate(
            "Ballot", "the signature did not verify (the answer was altered after signing)"
        ),
    }
    return known.get(code or "", server_message or code or "")


def time_left(deadline: datetime, now: datetime) -> str:
    seconds = int((deadline - now).total_seconds())
    if seconds <= 0:
        return QCoreApplication.translate("Ballot", "the deadline has passed")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return (
            QCoreApplication.translate("Ballot", "%1 days %2 hours left")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    return (
        QCoreApplication.translate("Ballot", "%1 hours %2 minutes left")
        .replace("%1", str(hours))
        .replace("%2", str(minutes))
    )


class BallotView(QWidget):
    sign_requested = Signal(str, str, str)  # ballot id, choice, comment
    open_document = Signal(str)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ballot: BallotRow | None = None
        self.online: bool | None = None
        self.question = QLabel(self)
        self.question.setObjectName("ballotQuestion")
        self.question.setWordWrap(True)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("ballotDeadline")
        self.deadline.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setObjectName("ballotWarning")
        self.warning.setWordWrap(True)
        self.papers = QLabel(self)
        self.papers.setObjectName("ballotPapers")
        self.papers.setWordWrap(True)
        self.papers.linkActivated.connect(self.open_document.emit)
        self.state = QLabel(self)
        self.state.setObjectName("ballotState")
        self.state.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.choice_buttons: dict[str, QRadioButton] = {}
        choice_row = QVBoxLayout()
        for choice in ("agree", "disagree", "other"):
            button = QRadioButton(self)
            button.setObjectName(f"choice_{choice}")
            self.choices.addButton(button)
            self.choice_buttons[choice] = button
            choice_row.addWidget(button)
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("ballotComment")
        self.comment.setMaximumHeight(120)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(self._sign)
        self.error = QLabel(self)
        self.error.setObjectName("ballotError")
        self.error.setWordWrap(True)
        self.history = QLabel(self)
        self.history.setObjectName("ballotHistory")
        self.history.setWordWrap(True)

        layout = QVBoxLayout(self)
        for widget in (self.question, self.deadline, self.warning, self.papers, self.state):
            layout.addWidget(widget)
        layout.addLayout(choice_row)
        layout.addWidget(self.comment)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.retranslate()

    def show_ballot(self, ballot: BallotRow | None) -> None:
        changed = self.ballot is None or ballot is None or ballot.id != self.ballot.id
        self.ballot = ballot
        if changed:
            self.error.clear()
            self.comment.clear()
            self.choices.setExclusive(False)
            for button in self.choice_buttons.values():
                button.setChecked(False)
            self.choices.setExclusive(True)
        self.refresh()

    def set_online(self, online: bool | None) -> None:
        self.online = online
        self.refresh()

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def _sign(self) -> None:
        if self.ballot is None:
            return
        checked = [c for c, b in self.choice_buttons.items() if b.isChecked()]
        if not checked:
            self.show_error(self.tr("Choose Agree, Disagree or Other opinion first."))
            return
        self.error.clear()
        self.sign_requested.emit(self.ballot.id, checked[0], self.comment.toPlainText())

    # -- showing ------------------------------------------------------------
    def refresh(self) -> None:
        ballot = self.ballot
        self.setEnabled(ballot is not None)
        if ballot is None:
            return
        now = utcnow()
        deadline = parse_iso(ballot.deadline)
        open_now = ballot.status == "open" and deadline > now
        heading = self.tr("Written opinion")
        self.question.setText(f"<b>{heading}</b><br>{html.escape(ballot.question)}")
        self.deadline.setText(
            self.tr("Deadline: %1 (%2)")
            .replace("%1", vietnam_time_text(ballot.deadline))
            .replace(
                "%2", time_left(deadline, now) if ballot.status == "open" else self.tr("closed")
            )
        )
        near = open_now and (deadline - now).total_seconds() < NEAR_DEADLINE_HOURS * 3600
        pending = ballot.state in {NOT_ANSWERED, WAITING}
        self.warning.setVisible(bool(near and pending and self.online is False))
        self.warning.setText(
            self.tr(
                "The deadline is near and this computer is offline: connect to a network so "
                "that your answer reaches the Government Office in time."
            )
        )
        links = [
            f"<a href='{d.document_id}'>{html.escape(d.title or d.document_id)}</a>"
            for d in ballot.documents
        ]
        newer = {d.document_id for d in ballot.newer_papers()}
        if newer:
            links.append(
                "<span style='color:#b35c00'>"
                + self.tr("A paper has a newer version than the one you answered on.")
                + "</span>"
            )
        self.papers.setText(self.tr("Papers: %1").replace("%1", "<br>".join(links)))
        self.state.setText(self._state_text(ballot))
        for choice, button in self.choice_buttons.items():
            button.setVisible(choice in ballot.options)
            button.setEnabled(open_now or ballot.status == "open")
        self.comment.setEnabled(ballot.status == "open")
        self.sign_button.setEnabled(ballot.status == "open")
        self.sign_button.setText(
            self.tr("Sign and send") if ballot.current is None else self.tr("Sign a new answer")
        )
        self.history.setText(self._history_text(ballot))

    def _state_text(self, ballot: BallotRow) -> str:
        current = ballot.current
        state = ballot.state
        if current is None or state == NOT_ANSWERED:
            return self.tr("Not answered yet.")
        answer = choice_label(current.choice)
        if state == WAITING:
            return self.tr("“%1” signed on this computer, waiting to send.").replace("%1", answer)
        if state == REJECTED:
            return (
                self.tr("“%1” was rejected: %2.")
                .replace("%1", answer)
                .replace("%2", reason_text(current.reason, current.reason_message))
            )
        delivered = (
            self.tr("“%1” delivered at %2.")
            .replace("%1", answer)
            .replace("%2", vietnam_time_text(current.received_at))
        )
        if not current.receipt_verified:
            delivered += " " + self.tr("(the server's receipt could not be verified)")
        if state == OUTDATED:
            delivered += " " + self.tr("Answered on an outdated draft.")
        assert state in {DELIVERED, OUTDATED}
        return delivered

    def _history_text(self, ballot: BallotRow) -> str:
        if len(ballot.history) < 2:
            return ""
        lines = [self.tr("Earlier answers:")]
        for opinion in ballot.history[1:]:
            lines.append(f"• {choice_label(opinion.choice)} — {self._short_state(opinion)}")
        return "<br>".join(lines)

    def _short_state(self, opinion: OpinionRow) -> str:
        if opinion.state == "rejected":
            return self.tr("rejected: %1").replace(
                "%1", reason_text(opinion.reason, opinion.reason_message)
            )
        if opinion.superseded:
            return self.tr("replaced by a later answer")
        if opinion.state == "waiting":
            return self.tr("waiting to send")
        return self.tr("delivered")

    def retranslate(self) -> None:
        self.choice_buttons["agree"].setText(choice_label("agree"))
        self.choice_buttons["disagree"].setText(choice_label("disagree"))
        self.choice_buttons["other"].setText(choice_label("other"))
        self.comment.setPlaceholderText(self.tr("Your comment (required for Other opinion)"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
