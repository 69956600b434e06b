"""Beside the paper: the minister's ballot, or the secretariat's live progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

from ecabinet.client.opinion_preview import OpinionPreview
from ecabinet.client.workspace import Workspace
from ecabinet.store.ballot_queries import BallotRow
from ui.errors import describe
from ui.views.ballot_progress import BallotProgressView
from ui.views.ballot_view import BallotView
from ui.views.sign_confirmation import SignConfirmation
from ui.worker import BackgroundOp


class BallotDock(QDockWidget):
    signed = Signal(str)  # an opinion id, queued in the outbox
    open_document = Signal(str)  # a document id the minister clicked in the ballot
    confirmation_shown = Signal(object)  # the SignConfirmation dialog, once open

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ballotDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        # Narrow enough for a 1440×900 screen at 200 % (720 logical pixels wide).
        self.setMinimumWidth(240)
        self.workspace = workspace
        self.ballot_id: str | None = None
        self.confirmation: SignConfirmation | None = None
        self.ballot_view = BallotView(self)
        self.ballot_view.sign_requested.connect(self.sign_opinion)
        self.ballot_view.open_document.connect(self.open_document.emit)
        secretariat = workspace.user_role == "secretariat"
        self.progress_view = BallotProgressView(workspace, self) if secretariat else None
        # Scrolls when the screen is short, so "Sign and send" is always reachable.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("ballotScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.progress_view or self.ballot_view)
        self.setWidget(self.scroll_area)
        self.clock = QTimer(self)
        self.clock.timeout.connect(self.ballot_view.refresh)  # time left, near-deadline warning
        self.clock.start(60_000)
        self.hide()

    def show_ballot(self, ballot: BallotRow | None, online: bool | None) -> None:
        self.ballot_id = ballot.id if ballot else None
        if ballot is None:
            self.hide()
            return
        self.show()
        self.scroll_area.verticalScrollBar().setValue(0)  # a new ballot starts at its question
        if self.progress_view is not None:
            self.progress_view.show_ballot(ballot.id)
        else:
            self.ballot_view.set_online(online)
            self.ballot_view.show_ballot(ballot)

    def set_online(self, online: bool | None) -> None:
        self.ballot_view.set_online(online)

    def sign_opinion(self, ballot_id: str, choice: str, comment: str) -> None:
        """Show exactly what will be signed; sign only what the minister confirmed."""
        self.ballot_view.sign_button.setEnabled(False)
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.preview_opinion(ballot_id, choice, comment),
            success=self._confirm,
            failure=self._sign_failed,
        ).run()

    def _confirm(self, preview: OpinionPreview) -> None:
        dialog = SignConfirmation(preview, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._sign(preview))
        dialog.rejected.connect(lambda: self.ballot_view.sign_button.setEnabled(True))
        dialog.finished.connect(dialog.deleteLater)
        self.confirmation = dialog
        self.confirmation_shown.emit(dialog)
        dialog.open()

    def _sign(self, preview: OpinionPreview) -> None:
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.sign_opinion(
                preview.ballot_id, preview.choice, preview.comment, confirmed=preview
            ),
            success=self.signed.emit,
            failure=self._sign_failed,
        ).run()

    def _sign_failed(self, exc: BaseException) -> None:
        self.ballot_view.sign_button.setEnabled(True)
        self.ballot_view.show_error(describe(exc))
