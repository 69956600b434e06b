"""A computer without an OS keyring: the app as the demo starts it, a passphrase, a signature."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gui.helpers import click_item, confirm_signature, find_row
from keyring_file_backend import no_os_keyring
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory

from ecabinet.cli.demo import app_command
from ecabinet.client.config import AppConfig
from ecabinet.demo.people import DEMO_PASSPHRASE
from ui.app import open_main_window, parse_args
from ui.main_window import MainWindow
from ui.passphrase_dialog import PassphraseDialog

QUESTION = "Đồng ý thông qua dự thảo Nghị định về quản lý nợ công?"


def _open_as_the_demo_does(
    qtbot: QtBot, qapp: QApplication, url: str, profile: Path, stdin: str, config: AppConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:  # fmt: skip
    command = app_command(url, "bt.taichinh", profile, passphrase=True)
    assert command[1:3] == ["-m", "ui"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    window = open_main_window(qapp, parse_args(command[3:]), config)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    return window


def _when_the_dialog_shows(act: Callable[[PassphraseDialog], None]) -> list[PassphraseDialog]:
    """Answer the modal passphrase dialog once it is up (it runs its own event loop)."""
    seen: list[PassphraseDialog] = []

    def look() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, PassphraseDialog) and w.isVisible()]  # fmt: skip
        if not dialogs:
            QTimer.singleShot(50, look)
            return
        seen.append(dialogs[0])
        act(dialogs[0])

    QTimer.singleShot(50, look)
    return seen


def test_the_demo_app_without_a_keyring_unlocks_with_its_passphrase_and_signs(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ", ["bt.taichinh"])
    doc = clerk.upload(meeting["id"], make_pdf(tmp_path / "d.pdf", 2, "Dự thảo"), title="Dự thảo")
    ballot = clerk.create_ballot(meeting["id"], QUESTION, document_ids=[doc["document"]["id"]])
    profile = tmp_path / "profile"
    config = AppConfig(tmp_path / "config.json")
    with no_os_keyring():
        window = _open_as_the_demo_does(
            qtbot, qapp, server.url, profile, f"{PASSWORD}\n{DEMO_PASSPHRASE}\n", config,
            monkeypatch,
        )  # fmt: skip
        qtbot.waitUntil(lambda: bool(window.model.ballots), timeout=30_000)
        assert "không có kho khóa" in window.banner.text()  # says why, in Vietnamese
        assert (profile / "vault.json").is_file()
        with qtbot.waitSignal(window.document_opened, timeout=10_000):
            click_item(qtbot, window.tree, find_row(window.tree, "Phiếu lấy ý kiến"))
        view = window.ballot_view
        agree = view.choice_buttons["agree"]
        qtbot.mouseClick(agree, Qt.MouseButton.LeftButton, pos=QPoint(8, agree.height() // 2))
        dialog = confirm_signature(qtbot, window)
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "đã gửi" in view.state.text().lower(), timeout=30_000)
        progress = clerk.progress(ballot["id"])
        assert [m["choice"] for m in progress["members"] if m["choice"]] == ["agree"]
        window.close()

        # Next start with a wrong passphrase: the app asks, saying it was wrong.
        def answer(dialog: PassphraseDialog) -> None:
            assert "không đúng" in dialog.error.text()
            assert not dialog.creating
            dialog.passphrase_edit.setText(DEMO_PASSPHRASE)
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

        asked = _when_the_dialog_shows(answer)
        window = _open_as_the_demo_does(
            qtbot, qapp, server.url, profile, f"{PASSWORD}\nkhong-phai-cum-nay\n", config,
            monkeypatch,
        )  # fmt: skip
        assert len(asked) == 1
        qtbot.waitUntil(lambda: bool(window.model.ballots), timeout=30_000)
        window.close()


def test_creating_a_passphrase_asks_twice_and_explains_why(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(creating=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "không có kho khóa" in dialog.heading.text()
    assert "không thể khôi phục" in dialog.heading.text()
    dialog.passphrase_edit.setText("ngan")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "ít nhất" in dialog.error.text() and dialog.isVisible()
    dialog.passphrase_edit.setText("cụm mật khẩu dài")
    dialog.confirm_edit.setText("cụm mật khẩu khác")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "không giống nhau" in dialog.error.text() and dialog.isVisible()
    dialog.confirm_edit.setText("cụm mật khẩu dài")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.passphrase() == "cụm mật khẩu dài"
