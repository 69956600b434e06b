"""The session as the minister handles it: log out, switch user, account and devices,
papers locked after too long offline, and a laptop the Government Office revoked.

Everything here runs the core's work in the background (``BackgroundOp``) and tells
the main window what to show; the window closes itself and hands over to the app
(``MainWindow.session_closed``) when the session on this window is over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from ecabinet.client.access import AccessState
from ecabinet.client.my_devices import DeviceRow
from ecabinet.client.sync import SyncReport
from ecabinet.timeutil import vietnam_time_text
from ui.errors import describe
from ui.views.account_dialog import AccountDialog
from ui.worker import BackgroundOp

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LOGOUT, SWITCH, WIPED = "logout", "switch", "wiped"


class SessionActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.dialog: QMessageBox | AccountDialog | None = None
        self._asked_to_unlock = False
        self.account_action = QAction(window)
        self.account_action.setObjectName("accountSecurity")
        self.account_action.triggered.connect(self.show_account)
        self.switch_action = QAction(window)
        self.switch_action.setObjectName("switchUser")
        self.switch_action.triggered.connect(lambda: self.leave(SWITCH))
        self.logout_action = QAction(window)
        self.logout_action.setObjectName("logOut")
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.logout_action.triggered.connect(lambda: self.leave(LOGOUT))
        window.sync.finished.connect(self.after_sync)
        self.retranslate()

    def retranslate(self) -> None:
        self.account_action.setText(self.tr("&Account and security…"))
        self.switch_action.setText(self.tr("S&witch user…"))
        self.logout_action.setText(self.tr("Log &out"))

    # -- access --------------------------------------------------------------
    def check_access(self) -> None:
        """Locked papers (logged out, or offline too long): say why, ask to log in."""
        BackgroundOp(parent=self, op=self.workspace.access_state, success=self._show_access).run()

    def _show_access(self, state: AccessState) -> None:
        self.window.set_locked(state.locked)
        if not state.locked:
            return
        self.window.show_banner(describe(state.error()))
        if not self._asked_to_unlock:
            self._asked_to_unlock = True
            self.window.login_again()

    # -- after each sync -------------------------------------------------------
    def after_sync(self, report: SyncReport) -> None:
        if report.wiped:
            self._wiped(describe(report.errors[0]) if report.errors else "")
            return
        if report.online:
            BackgroundOp(
                parent=self, op=self.workspace.take_new_devices, success=self._announce
            ).run()

    def _announce(self, fresh: list[DeviceRow]) -> None:
        if not fresh:
            return
        names = ", ".join(
            f"{d.label or d.key_id[:12]} ({vietnam_time_text(d.registered_at)})" for d in fresh
        )
        self.window.show_banner(
            self.tr(
                "A new device can now sign in your name: %1. If this was not you, contact the "
                "Government Office at once (Account and security lists your devices)."
            ).replace("%1", names)
        )

    def _wiped(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("This computer's access was revoked"), message,
            QMessageBox.StandardButton.Ok, self.window,
        )  # fmt: skip
        box.setObjectName("wipedNotice")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _r: self.window.end_session(WIPED))
        box.finished.connect(box.deleteLater)
        self.dialog = box
        box.open()

    # -- account ---------------------------------------------------------------
    def show_account(self) -> None:
        def read() -> tuple[object, ...]:
            return (
                self.workspace.server_identity(),
                self.workspace.access_state(),
                self.workspace.devices(),
            )

        BackgroundOp(parent=self, op=read, success=self._show_account).run()

    def _show_account(self, facts: tuple[object, ...]) -> None:
        identity, access, devices = facts
        user = self.workspace.user_full_name or self.workspace.username or ""
        dialog = AccountDialog(
            user_label=f"{user} ({self.workspace.username})",
            server_url=self.workspace.server_url,
            identity=identity,  # type: ignore[arg-type]
            access=access,  # type: ignore[arg-type]
            devices=devices,  # type: ignore[arg-type]
            parent=self.window,
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    # -- leaving ---------------------------------------------------------------
    def leave(self, how: str) -> None:
        """Log out or switch user; first say what happens to answers not yet sent."""
        waiting = self.window.undelivered_answers()
        if not waiting:
            self._leave(how)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Signed answers not sent yet"),
            self.tr(
                "%1 signed answer(s) have not reached the Government Office yet. They stay "
                "on this computer and are sent after you log in here again. Continue?"
            ).replace("%1", str(waiting)),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("leaveWarning")
        go = box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("leaveAnyway")
        stay = box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _r: self._leave(how) if box.clickedButton() is go else None)
        box.finished.connect(box.deleteLater)
        self.dialog = box
        box.open()

    def _leave(self, how: str) -> None:
        if how != LOGOUT:
            self.window.end_session(how)
            return
        self.window.sync.stop()
        BackgroundOp(
            parent=self,
            op=self.workspace.logout,
            success=lambda _none: self.window.end_session(LOGOUT),
            failure=lambda exc: self.window.show_banner(describe(exc)),
        ).run()
