"""A member follows what the secretariat does: the bell's count, the list of
notifications, opening what one is about, and the catalogue's "updated" mark.

Real server, the clerk over real HTTP, a member's real main window syncing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.helpers import click_item, find_row
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat, in_hours
from support.pdfs import make_pdf
from support.server import ServerFactory

from ecabinet.client import access
from ecabinet.client.config import AppConfig
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.models.catalogue import ROW_ROLE, mark_of
from ui.notifications.center import NotificationCenter
from ui.notifications.model import NOTICE_ROLE

pytestmark = pytest.mark.gui

MEETING = "Phiên họp Chính phủ thường kỳ tháng 12"
PAPER = "Tờ trình dự án Luật Đất đai sửa đổi"
QUESTION = "Đồng ý thông qua dự án Luật Đất đai sửa đổi?"
NOTE = "Sửa Điều 5 theo ý kiến Bộ Tư pháp"
REMINDER = "Đề nghị đồng chí đọc Tờ trình trước phiên họp"


def _member_window(qtbot: QtBot, url: str, root: Path) -> MainWindow:
    dialog = LoginDialog(server=url, username="bt.taichinh", profile_root=root)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    window = MainWindow(dialog.workspace, AppConfig(root / "config.json"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    return window


def _sync(qtbot: QtBot, window: MainWindow, center: NotificationCenter) -> None:
    """F5, as the member would; done when the list shows what the sync brought."""
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        qtbot.keyClick(window.tree, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not center._reading, timeout=10_000)
    with qtbot.waitSignal(center.refreshed, timeout=10_000):
        center.refresh()


def _rows(center: NotificationCenter) -> list[str]:
    model = center.dock.model
    return [str(model.index(r).data()) for r in range(model.rowCount())]


def _bold(center: NotificationCenter, row: int) -> bool:
    font = center.dock.model.index(row).data(Qt.ItemDataRole.FontRole)
    return isinstance(font, QFont) and font.bold()


def _row_of(center: NotificationCenter, kind_text: str) -> int:
    rows = _rows(center)
    found = [n for n, text in enumerate(rows) if text.startswith(kind_text + " ·")]
    assert len(found) == 1, (kind_text, rows)
    return found[0]


def test_a_member_follows_publishing_through_the_bell_and_the_list(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting(MEETING, ["bt.taichinh"], status="draft")
    window = _member_window(qtbot, server.url, tmp_path / "member")
    center = window.features.notifications
    qtbot.waitUntil(lambda: center._known is not None, timeout=10_000)  # first read done
    action = window.toolbar.notifications_action
    assert action in window.toolbar.actions() and action.shortcut().toString() == "Ctrl+Shift+N"
    assert action.text() == "Thông báo" and "Không có thông báo mới" in action.toolTip()
    assert _rows(center) == [], "a draft tells nobody"

    # The clerk publishes the meeting, adds a paper and issues a ballot due in 6 hours.
    published = clerk.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
    assert published.status_code == 200, published.text
    paper = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "to-trinh.pdf", 2, "Tờ trình bản 1"), title=PAPER
    )
    document_id = paper["document"]["id"]
    ballot = clerk.create_ballot(meeting["id"], QUESTION, deadline=in_hours(6))
    _sync(qtbot, window, center)

    assert center.feed.unseen == 3
    assert action.text() == "Thông báo (3)" and "3 thông báo chưa xem" in action.toolTip()
    message = window.statusBar().currentMessage()
    assert message.startswith("3 thông báo mới; mới nhất: ") and QUESTION in message, message
    rows = _rows(center)
    assert len(rows) == 4, rows
    for kind in ("Phiên họp mới", "Tài liệu mới", "Phiếu lấy ý kiến mới", "Sắp hết hạn"):
        _row_of(center, kind)
    notices = [center.dock.model.index(r).data(NOTICE_ROLE) for r in range(len(rows))]
    assert [n.created_at for n in notices] == sorted(
        (n.created_at for n in notices), reverse=True
    ), "newest first"
    near = _row_of(center, "Sắp hết hạn")
    assert QUESTION in rows[near] and notices[near].subject_id == ballot["id"]
    assert not _bold(center, near), "a deadline near is a state, not a message to clear"
    assert all(_bold(center, r) for r in range(len(rows)) if r != near), "unseen in bold"
    when = rows[0].split("\n")[0].split(" · ")[1]
    assert len(when) == len("08:30 01/12/2026") and when[2] == ":" and when[5] == " "

    # The bell (a real click on its button) shows the list; Enter on the paper opens it.
    button = window.toolbar.widgetForAction(action)
    assert isinstance(button, QToolButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dock = center.dock
    assert dock.isVisible() and dock.list.hasFocus()
    dock.list.setCurrentIndex(dock.model.index(_row_of(center, "Tài liệu mới")))
    with qtbot.waitSignal(window.document_opened, timeout=15_000) as opened:
        qtbot.keyClick(dock.list, Qt.Key.Key_Return)
    assert opened.args == [document_id]
    qtbot.waitUntil(lambda: center.feed.unseen == 2, timeout=10_000)
    assert not _bold(center, _row_of(center, "Tài liệu mới")), "opened: seen"
    assert _bold(center, _row_of(center, "Phiên họp mới"))
    assert action.text() == "Thông báo (2)"

    # The member's read mark reaches the server; the clerk replaces the paper and reminds.
    qtbot.waitUntil(lambda: window.sync.last_report is not None, timeout=10_000)
    _sync(qtbot, window, center)
    clerk.upload_version(
        document_id, make_pdf(tmp_path / "to-trinh-2.pdf", 3, "Tờ trình bản 2"), change_note=NOTE
    )
    reminded = clerk.api.post_json(
        f"/api/v1/meetings/{meeting['id']}/reminders",
        {"user_ids": [clerk.users["bt.taichinh"]], "text": REMINDER},
    )
    assert reminded["reminded"] == [clerk.users["bt.taichinh"]]
    _sync(qtbot, window, center)
    assert center.feed.unseen == 4
    updated = _rows(center)[_row_of(center, "Tài liệu cập nhật")]
    assert NOTE in updated and PAPER in updated
    assert REMINDER in _rows(center)[_row_of(center, "Nhắc nhở")]
    message = window.statusBar().currentMessage()
    assert message.startswith("2 thông báo mới; mới nhất: "), message

    # The catalogue marks the paper as updated, with the note, until it is opened again.
    qtbot.waitUntil(lambda: document_id in window.model.updated, timeout=10_000)
    index = find_row(window.tree, PAPER)
    row = index.data(ROW_ROLE)
    assert not row.read and row.version_no == 2
    assert mark_of(row, updated=document_id in window.model.updated) == "updated"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Đã cập nhật từ phiên bản 1" in tip and NOTE in tip
    legend = window.legend.labels["updated"].text()
    assert legend == "Có phiên bản mới từ lần đọc trước"
    # The member looks at the meeting, then chooses the paper again: it opens.
    click_item(qtbot, window.tree, find_row(window.tree, MEETING))
    index = find_row(window.tree, PAPER)
    with qtbot.waitSignal(window.document_opened, timeout=15_000) as opened:
        click_item(qtbot, window.tree, index)
    assert opened.args == [document_id]
    qtbot.waitUntil(lambda: document_id not in window.model.updated, timeout=10_000)
    assert "Đã cập nhật" not in str(find_row(window.tree, PAPER).data(Qt.ItemDataRole.ToolTipRole))
    _sync(qtbot, window, center)
    assert center.feed.updated == {}, "read again: the mark stays gone after a sync"

    # The reminder is about the meeting: Enter selects it in the catalogue.
    dock.list.setFocus()
    dock.list.setCurrentIndex(dock.model.index(_row_of(center, "Nhắc nhở")))
    qtbot.keyClick(dock.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tree.currentIndex().data(ROW_ROLE).id == meeting["id"])
    assert MEETING in window.meeting_info.text()
    qtbot.waitUntil(lambda: center.feed.unseen == 3, timeout=10_000)  # meeting, ballot, update

    # "Mark all as seen": nothing bold, the bell back to no count; a sync keeps it so.
    qtbot.mouseClick(dock.mark_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: center.feed.unseen == 0, timeout=10_000)
    assert action.text() == "Thông báo"
    _sync(qtbot, window, center)
    assert center.feed.unseen == 0
    near = _row_of(center, "Sắp hết hạn")
    assert not any(_bold(center, r) for r in range(len(_rows(center))))
    window.statusBar().clearMessage()

    # A notice about a paper the secretariat has since removed: said so, nothing opens.
    clerk.delete_document(document_id)
    _sync(qtbot, window, center)
    gone = _row_of(center, "Tài liệu mới")
    dock.list.setCurrentIndex(dock.model.index(gone))
    qtbot.keyClick(dock.list, Qt.Key.Key_Return)
    assert "không còn trên máy tính này" in window.statusBar().currentMessage()

    # Papers locked (logged out on this computer): the list names nothing either.
    window.workspace.store.write(access.record_logout)
    window.session.check_access()
    qtbot.waitUntil(lambda: not _rows(center) and center.feed.notices == [], timeout=10_000)
    assert action.text() == "Thông báo" and window.model.updated == {}
    window.close()
