"""File ▸ Export meeting pack: a member exports the synced meeting's pack, marked with
their own name on every page; a paper missing from the cache writes nothing and says so.

Read back with poppler's pdftotext, not with our own code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from gui.helpers import click_item, find_row
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pack_checks import check_clean, page_texts
from support.pdfs import make_pdf
from support.server import ServerFactory

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ui.main_window import MainWindow
from ui.pack_action import PackAction, install

MEETING = "Phiên họp Chính phủ thường kỳ tháng 12"
MEMBER_NAME = "Lê Minh Khoa"  # bt.taichinh in tests/support/actors.py


@pytest.fixture
def setup(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> tuple[MainWindow, PackAction, dict[str, Any]]:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(MEETING, ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Dự thảo Nghị định về ngân sách")
    first = make_pdf(tmp_path / "a.pdf", 3, "Tờ trình ngân sách")
    clerk.upload(meeting["id"], first, title="Tờ trình", item_id=item["id"], number="1/TTr")
    clerk.upload(meeting["id"], make_pdf(tmp_path / "b.pdf", 2, "Báo cáo thẩm định"),
                 title="Báo cáo thẩm định", item_id=item["id"], number="2/BC")  # fmt: skip
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    workspace.login("bt.taichinh", PASSWORD)
    main = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(main)
    pack = install(main)
    main.show()
    with qtbot.waitSignal(main.sync.finished, timeout=30_000):
        main.start()
    qtbot.waitUntil(lambda: main.model.document_count() == 2, timeout=10_000)
    return (
        main,
        pack,
        {"meeting": meeting, "sha256": hashlib.sha256(first.read_bytes()).hexdigest()},
    )


def _select_meeting(qtbot: QtBot, window: MainWindow, pack: PackAction) -> str:
    click_item(qtbot, window.tree, find_row(window.tree, MEETING))
    qtbot.waitUntil(pack.action.isEnabled, timeout=5_000)
    meeting_id = pack.selected_meeting()
    assert meeting_id is not None
    return meeting_id


def test_a_member_exports_the_pack_marked_with_their_name(
    qtbot: QtBot, setup: tuple[MainWindow, PackAction, dict[str, Any]], tmp_path: Path
) -> None:
    window, pack, made = setup
    assert pack.action in window.file_menu.actions(), "the action is not in the File menu"
    assert pack.action.shortcut().toString() == "Ctrl+Shift+B"
    assert pack.action.text() == "Xuất tập tài liệu &họp…"
    meeting_id = _select_meeting(qtbot, window, pack)
    assert meeting_id == made["meeting"]["id"]
    output = tmp_path / "out" / "tap-tai-lieu"
    output.parent.mkdir()
    with qtbot.waitSignal(pack.finished, timeout=60_000) as done:
        pack.export_to(meeting_id, output)
    assert not isinstance(done.args[0], BaseException), pack.last_message
    written = output.with_name("tap-tai-lieu.pdf")
    assert written.exists(), f"no pack at {written}: {pack.last_message}"
    check_clean(written)
    texts = page_texts(written)
    assert len(texts) >= 5, f"the 5 pages of papers should be there, got {len(texts)}"
    for number, text in enumerate(texts, start=1):
        assert MEMBER_NAME in text, f"page {number} is not marked with the member's name"
    assert any("Trang 1/" in text for text in texts), "no page stamp “Trang 1/…”"
    message = window.statusBar().currentMessage()
    assert "Đã lưu tập tài liệu họp" in message and str(written) in message, message
    assert pack.action.isEnabled(), "the action stays disabled after an export"


def test_a_paper_missing_from_the_cache_writes_nothing_and_says_so(
    qtbot: QtBot, setup: tuple[MainWindow, PackAction, dict[str, Any]], tmp_path: Path
) -> None:
    window, pack, made = setup
    meeting_id = _select_meeting(qtbot, window, pack)
    window.workspace.files.remove_final(made["sha256"])  # as if lost or never fetched
    output = tmp_path / "tap.pdf"
    with qtbot.waitSignal(pack.finished, timeout=60_000) as done:
        pack.export_to(meeting_id, output)
    assert isinstance(done.args[0], BaseException), "a pack was built without one of its papers"
    assert not output.exists(), "a pack was written without one of its papers"
    assert list(tmp_path.glob(".tap.pdf*")) == [], "a half-made file was left behind"
    message = window.statusBar().currentMessage()
    assert "Chưa xuất được tập tài liệu họp" in message, message
    assert "Tờ trình" in message and "đồng bộ" in message, message


def test_the_action_waits_for_a_meeting_to_be_chosen(
    setup: tuple[MainWindow, PackAction, dict[str, Any]],
) -> None:
    window, pack, _made = setup
    window.tree.setCurrentIndex(window.tree.model().index(-1, -1))
    pack.refresh()
    assert not pack.action.isEnabled(), "enabled with no meeting selected"
