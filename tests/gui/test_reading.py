"""A minister logs in, opens a meeting and reads a paper; then does it again offline."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from gui.helpers import click_item, find_row, has_ink
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.config import LANGUAGE, AppConfig
from ui.app import open_main_window
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow

MEETING = "Phiên họp Chính phủ thường kỳ tháng 11 năm 2026"


@pytest.fixture
def prepared(server_factory: ServerFactory, tmp_path: Path) -> tuple[ServerProcess, dict]:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(MEETING, ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Dự toán ngân sách nhà nước năm 2027")
    up = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "totrinh.pdf", 3, "Tờ trình về dự toán ngân sách"),
        title="Tờ trình về dự toán ngân sách nhà nước năm 2027", number="125/TTr-BTC",
        item_id=item["id"],
    )  # fmt: skip
    return server, {"meeting": meeting, "upload": up, "clerk": clerk}


def _log_in(qtbot: QtBot, server: ServerProcess, root: Path) -> LoginDialog:
    dialog = LoginDialog(profile_root=root)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.server, server.url)
    qtbot.keyClicks(dialog.username, "bt.taichinh")
    qtbot.keyClicks(dialog.password, "sai-mat-khau")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15_000)
    assert "không đúng" in dialog.error.text()  # the wrong password, said in Vietnamese
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.workspace is not None
    return dialog


def _open_and_read(qtbot: QtBot, window: MainWindow, pages: int) -> None:
    meeting = find_row(window.tree, MEETING)
    click_item(qtbot, window.tree, meeting)
    assert MEETING in window.meeting_info.text()
    assert "Lê Minh Khoa" in window.meeting_info.text()  # participants by name
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        click_item(qtbot, window.tree, find_row(window.tree, "125/TTr-BTC"))
    assert window.pages.currentWidget() is window.viewer
    reader = window.viewer.current_reader()
    assert reader is not None and reader.page_count == pages
    qtbot.waitUntil(lambda: has_ink(reader.view.viewport()), timeout=10_000)
    qtbot.mouseClick(reader.toolbar.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reader.current_page == 1, timeout=5_000)
    assert reader.toolbar.page_box.text() == "2"


def test_log_in_open_a_meeting_and_read_a_paper(
    qtbot: QtBot, prepared: tuple[ServerProcess, dict], tmp_path: Path
) -> None:
    server, data = prepared
    dialog = _log_in(qtbot, server, tmp_path / "profiles")
    window = MainWindow(dialog.workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    qtbot.waitUntil(lambda: window.model.document_count() == 1, timeout=10_000)
    assert window.sync_status.indicator.text() == "● Trực tuyến"
    _open_and_read(qtbot, window, pages=3)
    # Opening the paper told the secretariat, through the outbox and a push.
    clerk = data["clerk"]

    def read_on_server() -> bool:
        report = clerk.api.get_json(f"/api/v1/meetings/{data['meeting']['id']}/reads")
        return any(r["read_count"] == 1 for r in report)

    qtbot.waitUntil(read_on_server, timeout=20_000)
    window.close()


def test_start_offline_and_still_browse(
    qtbot: QtBot, prepared: tuple[ServerProcess, dict], tmp_path: Path, qapp: QApplication
) -> None:
    server, _ = prepared
    dialog = _log_in(qtbot, server, tmp_path / "profiles")
    workspace = dialog.workspace
    assert workspace is not None and workspace.sync().ok
    profile = workspace.paths.root
    workspace.close()
    server.stop()

    args = argparse.Namespace(
        profile_dir=profile, server=None, username=None, password_stdin=False, no_sync=False
    )
    window = open_main_window(qapp, args, AppConfig(tmp_path / "config.json"))
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as finished:
        pass
    assert not finished.args[0].online
    qtbot.waitUntil(lambda: window.model.document_count() == 1, timeout=10_000)
    assert window.sync_status.indicator.text() == "● Ngoại tuyến"
    assert "ngoại tuyến" in window.sync_status.message.text().lower()
    _open_and_read(qtbot, window, pages=3)
    window.close()


def test_the_interface_switches_between_vietnamese_and_english(
    qtbot: QtBot, prepared: tuple[ServerProcess, dict], tmp_path: Path
) -> None:
    server, _ = prepared
    dialog = _log_in(qtbot, server, tmp_path / "profiles")
    config = AppConfig(tmp_path / "config.json")
    window = MainWindow(dialog.workspace, config)
    qtbot.addWidget(window)
    window.show()
    assert window.file_menu.title() == "&Tệp"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.sync_action.text() == "&Sync now"
    assert window.viewer.reading_mode_action.text() == "&Reading mode"
    assert AppConfig(tmp_path / "config.json").get(LANGUAGE) == "en"  # remembered
    window.language_actions["vi"].trigger()
    qtbot.waitUntil(lambda: window.sync_action.text() == "Đồng &bộ ngay")
    assert window.viewer.reading_mode_action.text() == "Chế độ &đọc"
    window.close()
