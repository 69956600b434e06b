"""Answering and signing a ballot through the real widgets; the secretariat watching it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gui.helpers import click_item, confirm_signature, find_row, type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client import secretariat
from ecabinet.client.config import AppConfig
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.crypto.server_keys import fingerprint
from ecabinet.store import meta
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow

QUESTION = "Đồng ý thông qua dự thảo Nghị định quy định chi tiết Luật Ngân sách nhà nước?"


@pytest.fixture
def ballot_setup(
    server_factory: ServerFactory, tmp_path: Path
) -> tuple[ServerProcess, Secretariat, dict]:
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ", ["bt.taichinh", "bt.tuphap"])
    item = clerk.add_item(meeting["id"], "Dự thảo Nghị định về ngân sách nhà nước")
    doc = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "duthao.pdf", 2, "Dự thảo Nghị định"),
        title="Dự thảo Nghị định", item_id=item["id"],
    )  # fmt: skip
    ballot = clerk.create_ballot(
        meeting["id"], QUESTION, document_ids=[doc["document"]["id"]], agenda_item_id=item["id"]
    )
    return server, clerk, ballot


def _window(qtbot: QtBot, server: ServerProcess, username: str, root: Path) -> MainWindow:
    dialog = LoginDialog(server=server.url, username=username, profile_root=root)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    window = MainWindow(dialog.workspace, AppConfig(root / "config.json"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    qtbot.waitUntil(lambda: bool(window.model.ballots), timeout=10_000)
    return window


def test_a_minister_answers_and_signs_a_ballot(
    qtbot: QtBot, ballot_setup: tuple[ServerProcess, Secretariat, dict], tmp_path: Path
) -> None:
    server, clerk, ballot = ballot_setup
    window = _window(qtbot, server, "bt.taichinh", tmp_path)
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        click_item(qtbot, window.tree, find_row(window.tree, "Phiếu lấy ý kiến"))
    view = window.ballot_view
    assert window.ballot_dock.isVisible()
    assert QUESTION in view.question.text()
    assert "Chưa trả lời" in view.state.text()
    reader = window.viewer.current_reader()
    assert reader is not None and reader.page_count == 2  # the draft it asks about, beside it
    assert "còn" in view.deadline.text()  # time remaining

    other = view.choice_buttons["other"]
    # Click on the round indicator, where a person clicks (the widget is wider than its label).
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton, pos=QPoint(8, other.height() // 2))
    assert other.isChecked()
    qtbot.mouseClick(view.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cần ghi rõ ý kiến" in view.error.text(), timeout=5_000)

    type_text(qtbot, view.comment, "Đề nghị bổ sung đánh giá tác động tới ngân sách địa phương.")
    dialog = confirm_signature(qtbot, window)
    # Exactly what will be signed: the choice, the comment, the draft by title and hash.
    shown = dialog.content.text()
    assert "Ý kiến khác" in shown and "ngân sách địa phương" in shown
    sha = window.workspace.status()["documents"][0]["sha256"]
    assert "Dự thảo Nghị định" in shown and sha[:12] in shown
    assert dialog.cancel_button.isDefault() and not dialog.sign_button.isDefault()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "Đã gửi" in view.state.text() or "đã gửi" in view.state.text(), timeout=30_000
    )
    assert "Ý kiến khác" in view.state.text()
    progress = clerk.progress(ballot["id"])
    answered = [m for m in progress["members"] if m["choice"]]
    assert [(m["choice"], m["state"]) for m in answered] == [("other", "answered")]
    assert "ngân sách địa phương" in answered[0]["comment"]
    window.close()


def test_nothing_is_signed_until_the_minister_confirms_and_quitting_warns(
    qtbot: QtBot, ballot_setup: tuple[ServerProcess, Secretariat, dict], tmp_path: Path
) -> None:
    server, _clerk, _ballot = ballot_setup
    window = _window(qtbot, server, "bt.taichinh", tmp_path)
    click_item(qtbot, window.tree, find_row(window.tree, "Phiếu lấy ý kiến"))
    view = window.ballot_view
    agree = view.choice_buttons["agree"]
    qtbot.mouseClick(agree, Qt.MouseButton.LeftButton, pos=QPoint(8, agree.height() // 2))

    dialog = confirm_signature(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the keyboard's way out
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert window.workspace.status()["ballots"][0]["my_state"] == "not_answered"
    assert view.sign_button.isEnabled()

    server.stop()  # offline: the signed answer waits in the outbox
    dialog = confirm_signature(qtbot, window)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "chờ gửi" in view.state.text(), timeout=20_000)
    assert window.workspace.status()["ballots"][0]["my_state"] == "waiting"

    window.close()  # a signed answer has not been delivered: the app asks first
    qtbot.waitUntil(lambda: window.quit_warning is not None, timeout=5_000)
    warning = window.quit_warning
    assert warning is not None and window.isVisible()
    assert "1" in warning.text()
    stay = warning.findChild(QPushButton, "stayAndSend")
    qtbot.mouseClick(stay, Qt.MouseButton.LeftButton)
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=20_000)

    window.close()
    qtbot.waitUntil(lambda: window.quit_warning is not warning, timeout=5_000)
    quit_anyway = window.quit_warning.findChild(QPushButton, "quitAnyway")  # type: ignore[union-attr]
    qtbot.mouseClick(quit_anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)


def test_the_secretariat_follows_closes_and_exports(
    qtbot: QtBot, ballot_setup: tuple[ServerProcess, Secretariat, dict], tmp_path: Path
) -> None:
    server, clerk, ballot = ballot_setup
    window = _window(qtbot, server, "vpcp.clerk", tmp_path)
    click_item(qtbot, window.tree, find_row(window.tree, "Phiếu lấy ý kiến"))
    view = window.progress_view
    assert view is not None and window.ballot_dock.isVisible()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert "Chưa trả lời: 2" in view.counts.text()
    # Closing asks first; keeping it open changes nothing.
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    box = view.close_confirmation
    assert box is not None and box.isVisible() and "2" in box.text()
    qtbot.mouseClick(box.defaultButton(), Qt.MouseButton.LeftButton)  # "Keep it open"
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    assert clerk.api.get_json(f"/api/v1/ballots/{ballot['id']}")["status"] == "open"
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    box = view.close_confirmation
    qtbot.mouseClick(box.findChild(QPushButton, "confirmCloseBallot"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.close_button.isEnabled(), timeout=10_000)
    assert clerk.api.get_json(f"/api/v1/ballots/{ballot['id']}")["status"] == "closed"
    view.export_to(tmp_path / "export")
    qtbot.waitUntil(lambda: "pdf" in view.message.text(), timeout=20_000)
    assert sorted(p.suffix for p in (tmp_path / "export").iterdir()) == [".json", ".pdf"]
    key_id = clerk.api.get_json("/api/v1/server-info")["server_key"]["key_id"]
    assert fingerprint(key_id) in view.message.text()  # "đối chiếu đúng với khóa … đã ghim"

    # The profile pinned another key (as after talking to another server): nothing saved.
    other = b64(SigningKey.generate().public_bytes)
    window.workspace.store.write(lambda s: meta.put(s, "server_key", other))
    view.export_to(tmp_path / "refused")
    qtbot.waitUntil(lambda: "không kiểm chứng được" in view.message.text(), timeout=20_000)
    assert "Gói không được lưu" in view.message.text()
    assert not (tmp_path / "refused").exists()
    window.close()


def test_a_deadline_being_typed_survives_a_live_refresh(
    qtbot: QtBot, ballot_setup: tuple[ServerProcess, Secretariat, dict], tmp_path: Path
) -> None:
    server, clerk, ballot = ballot_setup
    window = _window(qtbot, server, "vpcp.clerk", tmp_path)
    click_item(qtbot, window.tree, find_row(window.tree, "Phiếu lấy ý kiến"))
    view = window.progress_view
    assert view is not None
    qtbot.waitUntil(lambda: view.data is not None and not view.loading, timeout=10_000)
    server_deadline = view.deadline_edit.dateTime()

    def live_refresh() -> None:  # what the timer does every few seconds
        view.refresh()
        assert view.loading
        qtbot.waitUntil(lambda: not view.loading, timeout=10_000)

    # The clerk types another hour (two steps on the hour section, which does not wrap
    # past midnight: down late in the day, up otherwise), then the timer refreshes.
    view.deadline_edit.setFocus()
    view.deadline_edit.setCurrentSection(view.deadline_edit.Section.HourSection)
    step, key = (-1, Qt.Key.Key_Down) if server_deadline.time().hour() >= 12 else (1, Qt.Key.Key_Up)
    qtbot.keyClick(view.deadline_edit, key)
    qtbot.keyClick(view.deadline_edit, key)
    typed = view.deadline_edit.dateTime()
    assert typed.toSecsSinceEpoch() == server_deadline.toSecsSinceEpoch() + step * 2 * 3600
    live_refresh()
    live_refresh()
    assert view.deadline_edit.dateTime() == typed, "a live refresh threw away the typed deadline"

    # Another clerk extends the deadline: the field now shows the server's new one.
    later = datetime.fromtimestamp(server_deadline.toSecsSinceEpoch(), UTC) + timedelta(days=1)
    secretariat.extend(clerk.api, ballot["id"], later)
    live_refresh()
    assert view.deadline_edit.dateTime().toSecsSinceEpoch() == int(later.timestamp())
    window.close()
