"""Ask for the passphrase that protects a profile on a computer without an OS keyring.

Creating one asks twice and says why it is needed; opening asks once. The passphrase
itself is checked by the core (a wrong one is a clear error, shown here next time).
"""

from __future__ import annotations

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

from ecabinet.client.vault import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, creating: bool, error: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.creating = creating
        self.heading = QLabel(self)
        self.heading.setObjectName("passphraseHeading")
        self.heading.setWordWrap(True)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("confirmPassphrase")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.confirm_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase_edit)
        if creating:
            form.addRow(self.confirm_label, self.confirm_edit)
        else:
            self.confirm_edit.hide()
            self.confirm_label.hide()
        self.error = QLabel(self)
        self.error.setObjectName("passphraseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.setVisible(bool(error))
        self.error.setText(error)
        self.ok_button = QPushButton(self)
        self.ok_button.setObjectName("passphraseOk")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.retranslate()
        self.passphrase_edit.setFocus()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def accept(self) -> None:
        text = self.passphrase()
        if self.creating and len(text) < MIN_PASSPHRASE:
            self.show_error(
                self.tr("The passphrase needs at least %1 characters.").replace(
                    "%1", str(MIN_PASSPHRASE)
                )
            )
            return
        if self.creating and text != self.confirm_edit.text():
            self.show_error(self.tr("The two passphrases differ. Type the same one twice."))
            return
        if not text:
            self.show_error(self.tr("Enter your passphrase."))
            return
        super().accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("eCabinet — Passphrase"))
        if self.creating:
            self.heading.setText(
                self.tr(
                    "This computer has no OS keyring (such as GNOME Keyring or KWallet), so "
                    "eCabinet cannot keep the key to your papers there. Choose a passphrase "
                    "instead: the papers, your login and your signing key on this computer are "
                    "encrypted with it, and you will enter it each time you open eCabinet. "
                    "It cannot be recovered: if you forget it, this computer's copy has to be "
                    "deleted and downloaded again, and opinions not yet sent are lost."
                )
            )
            self.ok_button.setText(self.tr("Create"))
        else:
            self.heading.setText(
                self.tr(
                    "This computer has no OS keyring, so the papers on it are protected by "
                    "your passphrase. Enter it to open them."
                )
            )
            self.ok_button.setText(self.tr("Unlock"))
        self.passphrase_label.setText(self.tr("Passphrase"))
        self.confirm_label.setText(self.tr("Repeat the passphrase"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
