"""Papers in tabs in the real window: a paper that cannot be shown says why in its own tab
while the others go on; the last page read comes back; F9 and F11 reach the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.helpers import click_item, find_row, has_ink
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QRectF, Qt
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.reader_pdfs import make_outlined_pdf, seal
from support.server import ServerFactory

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ui.main_window import MainWindow
from ui.reader.install import install_reader_actions
from ui.reader.reader import Reader


@pytest.fixture
def window(qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path) -> MainWindow:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ", ["bt.taichinh"])
    long = make_outlined_pdf(tmp_path / "a.pdf", pages=12)
    clerk.upload(meeting["id"], long, title="Báo cáo ngân sách", number="1/BC")
    clerk.upload(meeting["id"], make_pdf(tmp_path / "b.pdf", 3, "Tờ trình"), title="Tờ trình",
                 number="2/TTr")  # fmt: skip
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    workspace.login("bt.taichinh", PASSWORD)
    main = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    with qtbot.waitSignal(main.sync.finished, timeout=30_000):
        main.start()
    qtbot.waitUntil(lambda: main.model.document_count() == 2, timeout=10_000)
    return main


def _open(qtbot: QtBot, window: MainWindow, number: str) -> Reader:
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        click_item(qtbot, window.tree, find_row(window.tree, number))
    reader = window.viewer.current_reader()
    assert reader is not None and reader.is_open()
    qtbot.waitUntil(lambda: has_ink(reader.view.viewport()), timeout=10_000)
    return reader


def test_reopening_a_paper_brings_back_the_last_page_read(qtbot: QtBot, window: MainWindow) -> None:
    tabs = window.viewer
    report = _open(qtbot, window, "1/BC")
    document_id = report.document_id
    assert report.current_page == 0  # never read: from the start
    report.view.setFocus()
    for _ in range(5):
        qtbot.keyClick(report.view, Qt.Key.Key_PageDown)
    assert report.current_page == 5
    qtbot.waitUntil(lambda: window.workspace.reading_position(document_id) == 5, timeout=5_000)

    other = _open(qtbot, window, "2/TTr")
    assert tabs.count() == 2 and other is not report
    tabs.close_tab(tabs.indexOf(report))
    assert tabs.count() == 1 and tabs.reader_for(document_id) is None
    again = _open(qtbot, window, "1/BC")
    qtbot.waitUntil(lambda: again.current_page == 5, timeout=5_000)
    assert again.toolbar.page_box.text() == "6"

    # Opening a paper already in a tab brings its tab forward, at its page.
    click_item(qtbot, window.tree, find_row(window.tree, "2/TTr"))
    qtbot.waitUntil(lambda: tabs.current_reader() is other, timeout=5_000)
    click_item(qtbot, window.tree, find_row(window.tree, "1/BC"))
    qtbot.waitUntil(lambda: tabs.current_reader() is again, timeout=5_000)
    assert tabs.count() == 2 and again.current_page == 5

    # A search hit opens the paper at the hit, marked, not at the page last read.
    sha, title = again.version_sha256, again.title
    tabs.close_tab(tabs.indexOf(again))
    hit = tabs.open_paper(document_id, sha, title, page=2, highlight=[QRectF(72, 760, 120, 16)])
    qtbot.waitUntil(lambda: hit.is_open() and hit.current_page == 2, timeout=10_000)
    assert hit.view.current_mark is not None and hit.view.current_mark[0] == 2
    qtbot.wait(300)  # the remembered page (5) arrives meanwhile and must not win
    assert hit.current_page == 2

    # Closing the papers (as the window does when it closes) writes the page not yet
    # remembered, without waiting for the moment's pause.
    hit.go_to(8)
    tabs.clear()
    assert window.workspace.reading_position(document_id) == 8
    window.close()


def test_a_paper_that_cannot_be_shown_says_why_in_its_tab_and_the_others_go_on(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    tabs = window.viewer
    good = _open(qtbot, window, "2/TTr")

    locked = tmp_path / "locked.pdf"
    writer = PdfWriter(clone_from=PdfReader(make_pdf(tmp_path / "clear.pdf", 2, "Mật")))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    with locked.open("wb") as out:
        writer.write(out)
    assert not tabs.show_paper("doc-locked", "1" * 64, "Văn bản mật", seal(locked, tmp_path / "l"))
    message = tabs.current_reader()
    assert message is not None and message is not good and not message.is_open()
    assert "mật khẩu" in message.message.text() and message.message.isVisible()
    assert not message.view.isVisible()

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 2000)
    assert not tabs.show_paper("doc-junk", "2" * 64, "Tệp hỏng", seal(junk, tmp_path / "j"))
    broken = tabs.current_reader()
    assert broken is not None and "không phải là PDF" in broken.message.text()

    # Opened by id (as a search result does), off the GUI thread: not on this computer.
    missing = tabs.open_paper("doc-missing", "3" * 64, "Phụ lục chưa tải")
    qtbot.waitUntil(lambda: "chưa có trên máy" in missing.message.text(), timeout=10_000)
    assert tabs.count() == 4 and not missing.is_open()

    # The good paper still reads, zooms and turns pages.
    tabs.setCurrentWidget(good)
    qtbot.waitUntil(lambda: has_ink(good.view.viewport()), timeout=10_000)
    good.view.setFocus()
    qtbot.keyClick(good.view, Qt.Key.Key_PageDown)
    assert good.current_page == 1
    qtbot.mouseClick(good.toolbar.zoom_in_button, Qt.MouseButton.LeftButton)
    assert good.toolbar.zoom_label.text() != ""
    window.close()


def test_f9_and_f11_reach_the_reader(qtbot: QtBot, window: MainWindow) -> None:
    install_reader_actions(window, window.viewer, hide=[window.tree])
    reader = _open(qtbot, window, "1/BC")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    assert reader.side_panel.isVisible()
    qtbot.keyClick(reader.view, Qt.Key.Key_F9)
    assert not reader.side_panel.isVisible()
    qtbot.keyClick(reader.view, Qt.Key.Key_F9)
    assert reader.side_panel.isVisible()
    qtbot.keyClick(reader.view, Qt.Key.Key_F11)
    assert not window.tree.isVisible() and not reader.side_panel.isVisible()
    assert not reader.toolbar.isVisible() and not window.viewer.tabBar().isVisible()
    assert window.isFullScreen()
    qtbot.keyClick(reader.view, Qt.Key.Key_F11)
    assert window.tree.isVisible() and reader.side_panel.isVisible() and reader.toolbar.isVisible()
    assert not window.isFullScreen()
    window.close()
