"""The session through the real windows: log out, switch user, account and devices,
locked papers, and a laptop the Government Office revoked."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from gui.helpers import find_row
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.config import AppConfig
from ecabinet.crypto.device_proof import device_offer
from ecabinet.crypto.keys import SigningKey
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, utcnow
from ui.app import SessionHandover
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.views.account_dialog import AccountDialog

MINISTER = "bt.taichinh"
MEETING = "Phiên họp Chính phủ thường kỳ tháng 12/2026"


def _prepare(server: ServerProcess, tmp_path: Path) -> Secretariat:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting(MEETING, [MINISTER, "bt.tuphap"])
    clerk.upload(meeting["id"], make_pdf(tmp_path / "totrinh.pdf", 2), title="Tờ trình ngân sách")
    return clerk


def _log_in(qtbot: QtBot, dialog: LoginDialog, password: str = PASSWORD) -> None:
    dialog.password.setText(password)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def _window(
    qtbot: QtBot, qapp: QApplication, server: ServerProcess, root: Path, username: str = MINISTER
) -> tuple[MainWindow, SessionHandover]:
    dialog = LoginDialog(server=server.url, username=username, profile_root=root)
    qtbot.addWidget(dialog)
    _log_in(qtbot, dialog)
    assert dialog.workspace is not None
    config = AppConfig(root / "config.json")
    window = MainWindow(dialog.workspace, config)
    qtbot.addWidget(window)
    handover = SessionHandover(qapp, config)
    handover.follow(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    qtbot.waitUntil(lambda: window.model.document_count() == 1, timeout=10_000)
    return window, handover


def _next_login(qtbot: QtBot, handover: SessionHandover) -> LoginDialog:
    qtbot.waitUntil(lambda: bool(handover.dialog and handover.dialog.isVisible()), timeout=10_000)
    assert handover.dialog is not None
    return handover.dialog


def test_logging_out_ends_the_session_and_another_minister_logs_in(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    _prepare(server, tmp_path)
    window, handover = _window(qtbot, qapp, server, tmp_path)
    refresh = window.workspace.api.refresh_slot.load() if window.workspace.api.refresh_slot else ""
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    answer = ApiClient(server.url)._send("POST", "/api/v1/auth/refresh",
                                         json={"refresh_token": refresh})  # fmt: skip
    assert answer.status_code == 401 and answer.json()["error"]["reason"] == "logged_out"

    dialog = _next_login(qtbot, handover)
    assert dialog.username.text() == MINISTER  # logging out: the same person, likely
    dialog.username.setText("bt.tuphap")
    _log_in(qtbot, dialog)
    qtbot.waitUntil(lambda: handover.window is not window, timeout=10_000)
    other = handover.window
    assert other is not None
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.model.document_count() == 1, timeout=30_000)
    assert "Phạm Quốc Bảo" in other.windowTitle()
    other.close()


def test_the_account_dialog_shows_the_pinned_server_and_every_device(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    _prepare(server, tmp_path)
    window, _handover = _window(qtbot, qapp, server, tmp_path)
    # Someone logs in as this minister on another device: the minister is told.
    tablet = ApiClient(server.url)
    tablet.login(MINISTER, PASSWORD, device=device_offer(SigningKey.generate(), username=MINISTER,
                                                         label="Máy tính bảng lạ"))  # fmt: skip
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.sync.sync_now()
    qtbot.waitUntil(lambda: "Máy tính bảng lạ" in window.banner.text(), timeout=10_000)
    assert "thiết bị mới" in window.banner.text() and "không phải bạn" in window.banner.text()

    window.session.account_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.session.dialog, AccountDialog), timeout=10_000)
    dialog = window.session.dialog
    assert isinstance(dialog, AccountDialog)
    identity = window.workspace.server_identity()
    assert identity.tls_fingerprint and identity.tls_fingerprint in dialog.summary.text()
    assert identity.receipt_key_fingerprint in dialog.summary.text()  # type: ignore[operator]
    labels = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert len(labels) == 2 and any("máy này" in label for label in labels)
    assert any("Máy tính bảng lạ" in label for label in labels)
    dialog.close()
    window.close()


def test_papers_locked_after_too_long_offline_until_the_minister_logs_in(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    _prepare(server, tmp_path)
    window, _handover = _window(qtbot, qapp, server, tmp_path)
    workspace = window.workspace
    long_ago = isoformat(utcnow() - timedelta(days=30))
    workspace.store.write(lambda s: meta.put(s, meta.LAST_CONTACT_AT, long_ago))
    window.start(sync=False)
    qtbot.waitUntil(lambda: window.model.document_count() == 0, timeout=10_000)
    assert "14 ngày" in window.banner.text()
    qtbot.waitUntil(lambda: window.login_dialog.isVisible(), timeout=10_000)
    _log_in(qtbot, window.login_dialog)
    qtbot.waitUntil(lambda: window.model.document_count() == 1, timeout=20_000)
    find_row(window.tree, "Tờ trình ngân sách")
    window.close()


def test_a_revoked_laptop_says_so_erases_itself_and_offers_a_new_login(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    _prepare(server, tmp_path)
    window, handover = _window(qtbot, qapp, server, tmp_path)
    profile = window.workspace.paths.root
    key_id = window.workspace.api.device["key_id"] if window.workspace.api.device else ""
    admin = ApiClient(server.url)
    admin.login("quantri", PASSWORD)
    admin.post_json(f"/api/v1/devices/{key_id}/revoke", {})
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.session.dialog is not None, timeout=30_000)
    notice = window.session.dialog
    assert notice is not None and "đã được xóa" in notice.text()  # type: ignore[union-attr]
    assert not profile.exists()
    ok = [b for b in notice.findChildren(QPushButton) if b.isVisible()]
    qtbot.mouseClick(ok[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    dialog = _next_login(qtbot, handover)
    assert dialog.username.text() == ""
    dialog.close()
