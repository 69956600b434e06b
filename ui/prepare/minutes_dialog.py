"""The "Lập biên bản" form: numbers, chair and secretary, and how the minutes are signed.

It only collects and checks what the clerk typed; the meeting-day window makes, signs
and publishes in the background (ecabinet/client/meeting_record.py). The PIN and the
certificate's password stay in memory for that one call and are never saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.meeting_record import MinutesOptions
from ecabinet.client.preparation import Person
from ecabinet.signing import Pkcs11Token, Pkcs12File
from ecabinet.signing.signer import Signer


def _line(parent: QWidget, name: str, text: str = "", *, secret: bool = False) -> QLineEdit:
    field = QLineEdit(text, parent)
    field.setObjectName(name)
    if secret:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class MinutesDialog(QDialog):
    def __init__(self, parent: QWidget, members: list[Person], secretary: str) -> None:
        super().__init__(parent)
        self.setObjectName("minutesDialog")
        self.setWindowTitle(self.tr("Make the minutes and the resolution"))
        chair = members[0] if members else None  # protocol order: the Prime Minister first
        self.minutes_number = QSpinBox(self)
        self.resolution_number = QSpinBox(self)
        for box in (self.minutes_number, self.resolution_number):
            box.setRange(1, 99_999)
        self.chair_name = _line(self, "chairName", chair.full_name if chair else "")
        self.chair_title = _line(self, "chairTitle", chair.title if chair else "")
        self.secretary_name = _line(self, "secretaryName", secretary)
        self.secretary_title = _line(self, "secretaryTitle", "Thư ký phiên họp")
        form = QFormLayout()
        form.addRow(self.tr("Minutes number (…/BB-CP)"), self.minutes_number)
        form.addRow(self.tr("Resolution number (…/NQ-CP)"), self.resolution_number)
        form.addRow(self.tr("Chair"), self.chair_name)
        form.addRow(self.tr("Chair's title"), self.chair_title)
        form.addRow(self.tr("Secretary (signs the minutes)"), self.secretary_name)
        form.addRow(self.tr("Secretary's title"), self.secretary_title)

        self.how = QTabWidget(self)
        file_page = QWidget(self)
        self.pkcs12_path = _line(file_page, "pkcs12Path")
        browse = QPushButton(self.tr("Choose…"), file_page)
        browse.clicked.connect(self._choose_pkcs12)
        self.pkcs12_password = _line(file_page, "pkcs12Password", secret=True)
        file_form = QFormLayout(file_page)
        path_row = QHBoxLayout()
        path_row.addWidget(self.pkcs12_path, 1)
        path_row.addWidget(browse)
        file_form.addRow(self.tr("Certificate file (.p12, .pfx)"), path_row)
        file_form.addRow(self.tr("Its password"), self.pkcs12_password)
        token_page = QWidget(self)
        self.module = _line(token_page, "pkcs11Module")
        self.token_label = _line(token_page, "tokenLabel")
        self.key_label = _line(token_page, "keyLabel")
        self.pin = _line(token_page, "tokenPin", secret=True)
        token_form = QFormLayout(token_page)
        token_form.addRow(self.tr("PKCS#11 module of the token"), self.module)
        token_form.addRow(self.tr("Token label"), self.token_label)
        token_form.addRow(self.tr("Key label"), self.key_label)
        token_form.addRow(self.tr("PIN (a token locks after a few wrong PINs)"), self.pin)
        self.how.addTab(file_page, self.tr("Certificate file"))
        self.how.addTab(token_page, self.tr("USB token (PKCS#11)"))

        self.error = QLabel(self)
        self.error.setObjectName("minutesError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Make, sign and publish")
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sign the minutes with:"), self))
        layout.addWidget(self.how)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _choose_pkcs12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate file"), "", self.tr("Certificates (*.p12 *.pfx)")
        )
        if path:
            self.pkcs12_path.setText(path)

    def _problem(self) -> str | None:
        if self.how.currentIndex() == 0:
            if not Path(self.pkcs12_path.text().strip()).is_file():
                return self.tr("Choose the certificate file to sign with.")
            return None
        if not Path(self.module.text().strip()).is_file():
            return self.tr("Choose the token's PKCS#11 module (a .so or .dll file).")
        if not (self.token_label.text().strip() and self.key_label.text().strip()):
            return self.tr("Enter the token's label and the key's label.")
        if not self.pin.text():
            return self.tr("Enter the token's PIN.")
        return None

    def _check(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.error.setText(problem)
            return
        self.accept()

    def options(self) -> MinutesOptions:
        return MinutesOptions(
            minutes_sequence=self.minutes_number.value(),
            resolution_sequence=self.resolution_number.value(),
            chair_name=self.chair_name.text(),
            chair_title=self.chair_title.text(),
            secretary_name=self.secretary_name.text(),
            secretary_title=self.secretary_title.text(),
        )

    def signer(self) -> Signer:
        if self.how.currentIndex() == 0:
            password = self.pkcs12_password.text()
            return Pkcs12File(Path(self.pkcs12_path.text().strip()), password or None)
        return Pkcs11Token(
            module=Path(self.module.text().strip()),
            token_label=self.token_label.text().strip(),
            key_label=self.key_label.text().strip(),
            pin=self.pin.text(),
        )
