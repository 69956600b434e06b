"""The small window where a note's or a text box's words are typed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

MAX_TEXT_CHARS = 20_000  # the annotation text limit the server enforces


class NoteEditor(QDialog):
    """Opened with ``open()`` (never blocking); ``text_accepted`` carries the words."""

    text_accepted = Signal(str)

    def __init__(self, parent: QWidget | None, text: str = "", *, new: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("annotationEditor")
        self._new = new
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("annotationText")
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("annotationSave")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.limit = QLabel(self)
        self.limit.setObjectName("annotationLimit")
        self.limit.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.limit)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._check_length)
        self.resize(420, 240)
        self.retranslate()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New note") if self._new else self.tr("Edit note"))
        self.prompt.setText(self.tr("Write your note (only you see it unless you share it):"))
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._check_length()

    def text(self) -> str:
        return self.editor.toPlainText()

    def _check_length(self) -> None:
        too_long = len(self.text()) > MAX_TEXT_CHARS
        self.ok_button.setEnabled(not too_long)
        self.limit.setVisible(too_long)
        self.limit.setText(
            self.tr("The note is too long: at most %1 characters.").replace(
                "%1", f"{MAX_TEXT_CHARS:,}".replace(",", ".")
            )
        )

    def accept(self) -> None:
        self.text_accepted.emit(self.text())
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
