"""Log in: server, username, password. The network call runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.profile import profile_dir_for
from ecabinet.client.unlock import passphrase_need
from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError
from ui.errors import describe
from ui.unlock import PASSPHRASE_ERRORS, ask_passphrase
from ui.worker import BackgroundOp


def open_and_login(
    server: str,
    username: str,
    password: str,
    profile_root: Path | None,
    passphrase: str | None = None,
) -> Workspace:
    workspace = Workspace(
        profile_dir_for(server, username, profile_root), server_url=server, passphrase=passphrase
    )
    try:
        workspace.login(username, password)
    except BaseException:
        workspace.close()
        raise
    return workspace


class LoginDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        server: str = "",
        username: str = "",
        profile_root: Path | None = None,
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        # Given a workspace, this logs its user in again (the session ended).
        self.workspace: Workspace | None = workspace
        self.profile_root = profile_root
        # Without an OS keyring: the passphrase of the profile being logged into.
        self._passphrase: str | None = None
        if workspace is not None:
            server, username = workspace.server_url, workspace.username or username
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.server = QLineEdit(server, self)
        self.server.setObjectName("server")
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if workspace is not None:
            self.server.setReadOnly(True)
            self.username.setReadOnly(True)
        # A passphrase belongs to one profile: another server or user asks again.
        self.server.textChanged.connect(self._forget_passphrase)
        self.username.textChanged.connect(self._forget_passphrase)
        self.error = QLabel(self)
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.form = QFormLayout()
        self.server_label = QLabel(self)
        self.username_label = QLabel(self)
        self.password_label = QLabel(self)
        self.form.addRow(self.server_label, self.server)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(self)
        self.login_button = QPushButton(self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.attempt_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.password if server and username else self.server).setFocus()

    def attempt_login(self) -> None:
        server, username = self.server.text().strip(), self.username.text().strip()
        password = self.password.text()
        if not server or not username or not password:
            self.show_error(self.tr("Enter the server address, your username and your password."))
            return
        existing = self.workspace
        if existing is None and self._passphrase is None:
            profile = profile_dir_for(server, username, self.profile_root)
            if passphrase_need(profile) != "none":
                self._passphrase = ask_passphrase(profile, self)
                if self._passphrase is None:
                    return  # cancelled: stay in the login dialog
        passphrase = self._passphrase
        self.set_busy(True)

        def login() -> Workspace:
            if existing is None:
                return open_and_login(server, username, password, self.profile_root, passphrase)
            existing.login(username, password)
            return existing

        BackgroundOp(
            parent=self,
            op=login,
            success=self._logged_in,
            failure=self._failed,
        ).run()

    def _forget_passphrase(self) -> None:
        self._passphrase = None

    def _logged_in(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.password.clear()
        self.password.setFocus()
        message = describe(exc)
        if isinstance(exc, InputError) and exc.code in PASSPHRASE_ERRORS:
            self._passphrase = None  # asked again at the next attempt
        if isinstance(exc, InputError) and exc.code == "profile_mismatch":
            message = self.tr("This computer already holds another account's data for that server.")
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.login_button):
            widget.setEnabled(not busy)
        self.login_button.setText(self.tr("Logging in…") if busy else self.tr("Log in"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("eCabinet — Log in"))
        self.heading.setText(
            self.tr(
                "Log in to receive meeting papers. After that you can read them without a network."
            )
        )
        self.server_label.setText(self.tr("Server"))
        self.username_label.setText(self.tr("Username"))
        self.password_label.setText(self.tr("Password"))
        self.server.setPlaceholderText("https://ecabinet.chinhphu.vn")
        self.login_button.setText(self.tr("Log in"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
