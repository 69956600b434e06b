"""A new version is published: the minister sees both side by side and what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ui.compare import CompareView
from ui.compare.diff_text import DELETED_STYLE, INSERTED_STYLE
from ui.main_window import MainWindow

MEMBER = "bt.taichinh"
TITLE = "Dự thảo Nghị định về quản lý đầu tư công"
PAGES = [
    ["Điều 1. Phạm vi điều chỉnh", "Nghị định này quy định chi tiết Luật Đầu tư công."],
    ["Điều 2. Thẩm định dự án", "Bộ Kế hoạch và Đầu tư thẩm định dự án nhóm A."],
    ["Điều 3. Hiệu lực thi hành", "Nghị định có hiệu lực từ ngày ký."],
]


@pytest.fixture
def published(server_factory: ServerFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Version 1 reaches the laptop; then the secretariat publishes version 2."""
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ chuyên đề pháp luật", [MEMBER])
    first = clerk.upload(meeting["id"], make_text_pdf(tmp_path / "v1.pdf", PAGES), title=TITLE)
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    workspace.login(MEMBER, PASSWORD)
    assert workspace.sync().ok
    changed = [list(p) for p in PAGES]
    changed[1][1] = "Bộ Tài chính thẩm định dự án nhóm A."
    second = clerk.upload_version(
        first["document"]["id"], make_text_pdf(tmp_path / "v2.pdf", changed)
    )
    assert workspace.sync().ok, "the new version did not reach the laptop"
    yield workspace, first, second
    workspace.close()


def open_comparison(qtbot: QtBot, workspace: Workspace, tmp_path: Path, first: dict, second: dict):  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(window)
    compare = window.features.compare
    window.show()
    with qtbot.waitSignal(window.viewer.paper_opened, timeout=10_000):
        window.viewer.open_paper(first["document"]["id"], second["version"]["sha256"], TITLE)
    compare.action.trigger()
    qtbot.waitUntil(lambda: len(compare.views) == 1, timeout=10_000)
    view = compare.views[0]
    qtbot.addWidget(view)
    return window, view


def test_the_changed_page_is_listed_and_shown_with_both_versions_side_by_side(
    qtbot: QtBot,
    published,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    workspace, first, second = published
    window, view = open_comparison(qtbot, workspace, tmp_path, first, second)
    assert isinstance(view, CompareView)
    qtbot.waitUntil(lambda: bool(view.page_diffs), timeout=15_000)
    assert view.old_choice.currentText().startswith("Phiên bản 1")
    assert view.new_choice.currentText().startswith("Phiên bản 2")
    assert "(hiện hành)" in view.new_choice.currentText()
    listed = [view.pages.item(i).text() for i in range(view.pages.count())]
    assert listed == ["Trang 2: thêm 1, bớt 1"], listed
    assert view.message.text() == "Có 1 trang thay đổi."
    shown = view.text.toHtml()
    assert "Tài chính" in shown and "Kế hoạch và Đầu tư" in shown
    html = view.text.document().toHtml()
    assert "line-through" in html, "the deleted words are not struck through"
    assert "#c8f0c8" in html and "#f8c8c8" in html, "inserted green and deleted red missing"
    assert "#c8f0c8" in INSERTED_STYLE and "#f8c8c8" in DELETED_STYLE
    for reader, sha in ((view.old_reader, first), (view.new_reader, second)):
        qtbot.waitUntil(reader.is_open, timeout=10_000)
        assert reader.version_sha256 == sha["version"]["sha256"]
    qtbot.waitUntil(lambda: view.new_reader.current_page == 1, timeout=5_000)
    qtbot.waitUntil(lambda: view.old_reader.current_page == 1, timeout=5_000)

    view.only_changed.setChecked(False)  # every page, the unchanged ones said so
    listed = [view.pages.item(i).text() for i in range(view.pages.count())]
    assert listed == ["Trang 1: không đổi", "Trang 2: thêm 1, bớt 1", "Trang 3: không đổi"]
    view.close()
    window.close()


def test_an_old_version_no_longer_on_the_laptop_is_said_so(
    qtbot: QtBot,
    published,
    tmp_path: Path,
    qapp: QApplication,  # type: ignore[no-untyped-def]
) -> None:
    workspace, first, second = published
    workspace.files.remove_final(first["version"]["sha256"])
    window, view = open_comparison(qtbot, workspace, tmp_path, first, second)
    qtbot.waitUntil(lambda: "không còn trên máy" in view.message.text(), timeout=10_000)
    assert view.message.text().startswith("Phiên bản 1 ")
    assert "(không có trên máy)" in view.old_choice.currentText()
    assert view.pages.count() == 0
    qtbot.waitUntil(view.new_reader.is_open, timeout=10_000)  # the new one still opens
    assert "không còn trên máy" in view.old_reader.message.text()
    view.close()
    window.close()
