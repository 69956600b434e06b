"""The secretariat's live view of a ballot: who has answered, counts, close, extend, export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client import secretariat
from ecabinet.client.definitions import pinned_server_keys
from ecabinet.client.secretariat import Export
from ecabinet.client.workspace import Workspace
from ecabinet.timeutil import VIETNAM_TZ, parse_iso, vietnam_time_text
from ui.errors import describe
from ui.models.progress import ProgressModel
from ui.views.ballot_view import choice_label
from ui.worker import BackgroundOp

REFRESH_MS = 10_000
VN_ZONE = QTimeZone(7 * 3600)  # deadlines are shown and chosen in Vietnam's time


class BallotProgressView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ballot_id: str | None = None
        self.data: dict[str, Any] | None = None
        # The server's deadline the field was last set from: a live refresh must not
        # overwrite a date the clerk is typing unless the server's deadline changed.
        self.shown_deadline: str | None = None
        self.loading = False
        self.close_confirmation: QMessageBox | None = None
        self.question = QLabel(self)
        self.question.setObjectName("progressQuestion")
        self.question.setWordWrap(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("progressCounts")
        self.counts.setWordWrap(True)
        self.model = ProgressModel()
        self.table = QTableView(self)
        self.table.setObjectName("progressTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.deadline_edit = QDateTimeEdit(self)
        self.deadline_edit.setObjectName("newDeadline")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.deadline_edit.setTimeZone(VN_ZONE)
        self.extend_button = QPushButton(self)
        self.extend_button.setObjectName("extendButton")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeBallotButton")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportButton")
        self.message = QLabel(self)
        self.message.setObjectName("progressMessage")
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.deadline_edit)
        actions.addWidget(self.extend_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.close_button.clicked.connect(self.close_ballot)
        self.extend_button.clicked.connect(self.extend_ballot)
        self.export_button.clicked.connect(self.choose_export_folder)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()

    def show_ballot(self, ballot_id: str | None) -> None:
        if ballot_id != self.ballot_id:
            self.data = None
            self.shown_deadline = None
            self.model.set_rows([])
            self.message.clear()
        self.ballot_id = ballot_id
        if ballot_id is None:
            self.timer.stop()
            return
        self.timer.start(REFRESH_MS)  # live: answers arrive while the clerk watches
        self.refresh()

    def refresh(self) -> None:
        if self.ballot_id is None or self.loading or not self.isVisible():
            return
        self.loading = True
        ballot_id = self.ballot_id
        BackgroundOp(
            parent=self,
            op=lambda: secretariat.progress(self.workspace.api, ballot_id),
            success=self._show,
            failure=self._failed,
        ).run()

    def _show(self, data: dict[str, Any]) -> None:
        self.loading = False
        if self.ballot_id != data["ballot"]["id"]:
            return
        self.data = data
        self.model.set_rows(data["members"])
        ballot = data["ballot"]
        if ballot["deadline"] != self.shown_deadline:
            self.shown_deadline = ballot["deadline"]
            seconds = int(parse_iso(ballot["deadline"]).timestamp())
            self.deadline_edit.setDateTime(QDateTime.fromSecsSinceEpoch(seconds, VN_ZONE))
        is_open = ballot["status"] == "open"
        for widget in (self.close_button, self.extend_button, self.deadline_edit):
            widget.setEnabled(is_open)
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.message.setText(describe(exc))

    def close_ballot(self) -> None:
        """Ask first: closing ends the ballot for every member, and cannot be undone."""
        if self.ballot_id is None:
            return
        ballot_id = self.ballot_id
        not_answered = self.data["tally"]["not_answered"] if self.data else 0
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Close the ballot?"),
            self.tr(
                "Closing the ballot ends it now for every member: no answer is accepted "
                "afterwards, and it cannot be reopened. %1 member(s) have not answered yet."
            ).replace("%1", str(not_answered)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("closeBallotConfirmation")
        confirm = box.addButton(self.tr("Close the ballot"), QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirmCloseBallot")
        keep = box.addButton(self.tr("Keep it open"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(
            lambda _result: (
                self._close_confirmed(ballot_id) if box.clickedButton() is confirm else None
            )
        )
        box.finished.connect(box.deleteLater)
        self.close_confirmation = box
        box.open()

    def _close_confirmed(self, ballot_id: str) -> None:
        BackgroundOp(
            parent=self,
            op=lambda: secretariat.close(self.workspace.api, ballot_id),
            success=lambda _b: self._changed(self.tr("The ballot is closed.")),
            failure=self._failed,
        ).run()

    def _changed(self, message: str) -> None:
        self.message.setText(message)
        self.refresh()

    def extend_ballot(self) -> None:
        if self.ballot_id is None:
            return
        ballot_id = self.ballot_id
        when = datetime.fromtimestamp(self.deadline_edit.dateTime().toSecsSinceEpoch(), VIETNAM_TZ)
        BackgroundOp(
            parent=self,
            op=lambda: secretariat.extend(self.workspace.api, ballot_id, when),
            success=lambda _b: self._changed(
                self.tr("New deadline: %1").replace("%1", when.strftime("%H:%M %d/%m/%Y"))
            ),
            failure=self._failed,
        ).run()

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the result to…"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        """Download the bundle, prove it against the key this profile pinned, then save it.

        A bundle that does not verify is not saved; the clerk reads why (in Vietnamese
        when the interface is), from the error the core raises.
        """
        if self.ballot_id is None:
            return
        ballot_id = self.ballot_id
        workspace = self.workspace
        self.message.setText(self.tr("Exporting and recounting from the signatures…"))

        def export() -> Export:
            with workspace.store.read() as session:
                trusted = pinned_server_keys(session)
            return secretariat.export(workspace.api, ballot_id, folder, trusted=trusted)

        BackgroundOp(parent=self, op=export, success=self._exported, failure=self._failed).run()

    def _exported(self, result: Export) -> None:
        self.message.setText(
            self.tr(
                "Recounted from the signatures, proven with the pinned server key %3, "
                "and saved: %1 and %2"
            )
            .replace("%1", str(result.bundle_path))
            .replace("%2", str(result.summary_path))
            .replace("%3", result.recount.fingerprint)
        )

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Close the ballot"))
        self.extend_button.setText(self.tr("Extend the deadline"))
        self.export_button.setText(self.tr("Export the result…"))
        self.model.retranslate()
        if self.data is None:
            self.question.setText(self.tr("Loading…") if self.ballot_id else "")
            self.counts.clear()
            return
        ballot, tally = self.data["ballot"], self.data["tally"]
        status = {"open": self.tr("open"), "closed": self.tr("closed"), "draft": self.tr("draft")}
        self.question.setText(
            f"<b>{ballot['question']}</b><br>"
            + self.tr("Deadline: %1 · %2")
            .replace("%1", vietnam_time_text(ballot["deadline"]))
            .replace("%2", status.get(ballot["status"], ballot["status"]))
        )
        parts = [f"{choice_label(c)}: {tally[c]}" for c in ("agree", "disagree", "other")] + [
            self.tr("Not answered: %1").replace("%1", str(tally["not_answered"])),
            self.tr("On an outdated draft: %1").replace("%1", str(tally["outdated"])),
        ]
        verdict = (
            self.tr("Adopted: more than half of all %1 members agree.")
            if tally["adopted"]
            else self.tr("Not adopted so far: it needs more than half of all %1 members.")
        ).replace("%1", str(tally["membership_total"]))
        self.counts.setText(" · ".join(parts) + "<br>" + verdict)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
