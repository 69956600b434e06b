"""Quitting with signed answers still on this computer: say so, and offer to send them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def ask_before_quitting(window: MainWindow, waiting: int) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("MainWindow", "Signed answers not sent yet"),
        QCoreApplication.translate(
            "MainWindow",
            "%1 signed answer(s) have not reached the Government Office yet. They stay "
            "safely on this computer and are sent the next time eCabinet connects, "
            "but the deadline may pass before that. Quit anyway?",
        ).replace("%1", str(waiting)),
        QMessageBox.StandardButton.NoButton,
        window,
    )
    box.setObjectName("quitWarning")
    quit_button = box.addButton(
        QCoreApplication.translate("MainWindow", "Quit anyway"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    quit_button.setObjectName("quitAnyway")
    stay = box.addButton(
        QCoreApplication.translate("MainWindow", "Stay and send now"),
        QMessageBox.ButtonRole.RejectRole,
    )
    stay.setObjectName("stayAndSend")
    box.setDefaultButton(stay)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def decided(_result: int) -> None:
        if box.clickedButton() is quit_button:
            window.quit_confirmed = True
            window.close()
        else:
            window.sync.sync_now()

    box.finished.connect(decided)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
