"""The consent agenda through the real windows and a real server: ministers mark each
item (one of them offline), the secretariat's "Danh sách thông qua" follows live."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui.helpers import click_item, find_row, type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.notes import laptop
from support.server import ServerFactory, ServerProcess

from ecabinet.client.config import AppConfig
from ecabinet.store.models import OutboxEntry
from ui.consent.panel import ConsentPanel
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.prepare import install as install_preparation
from ui.prepare.consent_view import ConsentView

pytestmark = pytest.mark.gui

MEETING = "Phiên họp Chính phủ thường kỳ tháng 12 năm 2026"
ITEMS = (
    "Dự án Luật Đất đai (sửa đổi)",
    "Dự thảo Nghị định về thuế thu nhập doanh nghiệp",
    "Báo cáo tình hình kinh tế - xã hội tháng 11",
)
REASON = "Chưa có báo cáo đánh giá tác động của Bộ Tư pháp"


@pytest.fixture
def meeting(server_factory: ServerFactory) -> tuple[ServerProcess, dict[str, Any]]:
    server = server_factory()
    clerk = Clerk(server.url)
    made = clerk.create_meeting(MEETING, ["bt.taichinh", "bt.tuphap", "bt.ytte"])
    made["items"] = [clerk.add_item(made["id"], title)["id"] for title in ITEMS]
    return server, made


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
    qtbot.waitUntil(lambda: find_row(window.tree, MEETING).isValid(), timeout=10_000)
    return window


def _open_panel(qtbot: QtBot, window: MainWindow, row_text: str = MEETING) -> ConsentPanel:
    click_item(qtbot, window.tree, find_row(window.tree, row_text))
    consent = window.features.consent
    assert consent is not None, "a member gets the consent-agenda action"
    qtbot.waitUntil(consent.action.isEnabled, timeout=5_000)
    assert consent.action.shortcut().toString() == "Ctrl+Shift+Y"
    assert consent.action in window.file_menu.actions()
    panel = consent.open()
    assert panel is not None and panel.isVisible()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        pass
    assert panel.items.count() == len(ITEMS)
    return panel


def _mark(qtbot: QtBot, panel: ConsentPanel, row: int, mark: str, reason: str = "") -> None:
    """Choose with the mouse, type the reason, record with Ctrl+Enter."""
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=5_000)
    panel.items.setCurrentRow(row)
    _choose(qtbot, panel, mark)
    panel.reason.clear()
    if reason:
        type_text(qtbot, panel.reason, reason)
    with qtbot.waitSignal(panel.saved, timeout=10_000):
        qtbot.keyClick(panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _choose(qtbot: QtBot, panel: ConsentPanel, mark: str) -> None:
    button = panel.choice_buttons[mark]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert panel.chosen_mark() == mark


def _sync(qtbot: QtBot, window: MainWindow, *, online: bool = True) -> Any:
    """Sync now; a sync the panel asked for ("soon") may run first: try again then."""
    for _attempt in range(4):
        qtbot.waitUntil(lambda: not window.sync.running, timeout=30_000)
        with qtbot.waitSignal(window.sync.finished, timeout=30_000) as done:
            window.sync.sync_now()
        report = done.args[0]
        if report.online == online:
            return report
    raise AssertionError(f"no {'online' if online else 'offline'} sync: {report}")


def _texts(tree: QTreeWidget) -> list[str]:
    out: list[str] = []

    def walk(item: QTreeWidgetItem) -> None:
        out.append(item.text(0))
        for child in [c for i in range(item.childCount()) if (c := item.child(i))]:
            walk(child)

    for top in _top_items(tree):
        walk(top)
    return out


def _top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    return [t for i in range(tree.topLevelItemCount()) if (t := tree.topLevelItem(i))]


def _tops(tree: QTreeWidget) -> list[str]:
    return [top.text(0) for top in _top_items(tree)]


def test_ministers_mark_the_agenda_and_the_secretariat_sees_the_consent_list(
    qtbot: QtBot, meeting: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    server, made = meeting
    items = made["items"]
    # Minister A (Tài chính) marks "no objection" with the server down: it waits.
    finance = _window(qtbot, server, "bt.taichinh", tmp_path / "finance")
    panel = _open_panel(qtbot, finance)
    assert "chưa cho ý kiến" in panel.items.item(0).text()
    server.stop()
    _mark(qtbot, panel, 0, "no_objection")
    assert "Không phản đối — đang chờ gửi" in panel.items.item(0).text()
    assert panel.items.currentRow() == 1, "recording moves on to the next item"
    assert not _sync(qtbot, finance, online=False).ok
    assert "đang chờ gửi" in panel.items.item(0).text()
    server.start()
    assert _sync(qtbot, finance).ok
    qtbot.waitUntil(lambda: "Không phản đối — đã gửi" in panel.items.item(0).text())

    # Minister B (Tư pháp) objects; without a reason the panel refuses, in Vietnamese.
    justice = _window(qtbot, server, "bt.tuphap", tmp_path / "justice")
    panel_b = _open_panel(qtbot, justice, ITEMS[0])  # opened on an item: that item chosen
    assert panel_b.current_item_id() == items[0]
    panel_b.items.setCurrentRow(0)
    _choose(qtbot, panel_b, "object")
    type_text(qtbot, panel_b.reason, "   ")
    with qtbot.waitSignal(panel_b.refused, timeout=5_000) as refused:
        qtbot.mouseClick(panel_b.save_button, Qt.MouseButton.LeftButton)
    assert refused.args[0] == "Khi phản đối một nội dung, hãy nêu lý do phản đối."
    assert panel_b.message.text() == refused.args[0]
    with justice.workspace.store.read() as session:
        assert session.query(OutboxEntry).filter_by(type="mark_consent").count() == 0
    assert "chưa cho ý kiến" in panel_b.items.item(0).text()
    _mark(qtbot, panel_b, 0, "object", REASON)
    assert "Phản đối — " in panel_b.items.item(0).text()
    # ... and pulls the second item out of the consent list.
    _mark(qtbot, panel_b, 1, "pull_out")
    assert _sync(qtbot, justice).ok

    # The secretariat's list.
    clerk_window = _window(qtbot, server, "vpcp.clerk", tmp_path / "clerk")
    assert clerk_window.features.consent is None, "the secretariat does not mark items"
    action = install_preparation(clerk_window)
    assert action is not None
    action.trigger()
    prepare = clerk_window.prepare_opener.prepare_window  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: prepare.contents is not None and prepare._busy == 0, timeout=15_000)
    assert prepare.consent_button.text() == "Danh sách thông &qua…"
    qtbot.waitUntil(prepare.consent_button.isEnabled, timeout=5_000)
    qtbot.mouseClick(prepare.consent_button, Qt.MouseButton.LeftButton)
    view = prepare.consent_view
    assert isinstance(view, ConsentView) and view.isVisible()
    qtbot.waitUntil(lambda: view.lists is not None, timeout=15_000)
    consent_rows, discussion = _tops(view.consent_tree), _tops(view.discussion_tree)
    assert consent_rows == [f"3. {ITEMS[2]} — 0 không phản đối, 3 chưa cho ý kiến"]
    assert discussion == [
        f"1. {ITEMS[0]} — 1 không phản đối, 1 chưa cho ý kiến",
        f"2. {ITEMS[1]} — 0 không phản đối, 2 chưa cho ý kiến",
    ]
    lines = _texts(view.discussion_tree)
    objection = next(line for line in lines if "Phạm Quốc Bảo: Phản đối" in line)
    assert f"“{REASON}”" in objection
    assert any("Phạm Quốc Bảo: Đưa ra khỏi danh sách thông qua" in line for line in lines)
    assert "Chưa cho ý kiến: Đỗ Thị Lan" in lines  # item 1: A and B have marked
    assert "2 nội dung cần thảo luận" in view.status.text()

    # Live: the selection survives the timer's refresh while a third minister speaks up.
    view.discussion_tree.setCurrentItem(
        view.discussion_tree.findItems(objection, Qt.MatchFlag.MatchRecursive)[0]
    )
    health = laptop(server.url, tmp_path / "health", "bt.ytte", vault=True)
    try:
        health.mark_consent(items[2], "wish_to_speak", "Đề nghị bổ sung số liệu y tế")
        assert health.sync().ok
    finally:
        health.close()
    view.timer.setInterval(200)
    qtbot.waitUntil(lambda: len(_tops(view.discussion_tree)) == 3, timeout=15_000)
    current = view.discussion_tree.currentItem()
    assert current is not None and current.text(0) == objection
    assert _tops(view.consent_tree) == []
    assert any("Đỗ Thị Lan: Xin phát biểu" in line for line in _texts(view.discussion_tree))
    view.timer.stop()

    # A's second laptop sees what A marked on the first.
    finance_home = _window(qtbot, server, "bt.taichinh", tmp_path / "finance-home")
    home_panel = _open_panel(qtbot, finance_home)
    qtbot.waitUntil(lambda: "Không phản đối — đã gửi" in home_panel.items.item(0).text())
    for window in (finance, justice, clerk_window, finance_home):
        window.close()


def test_keyboard_only_and_a_held_meeting_takes_no_more_marks(
    qtbot: QtBot, meeting: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    server, made = meeting
    window = _window(qtbot, server, "bt.taichinh", tmp_path / "finance")
    panel = _open_panel(qtbot, window)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=5_000)
    panel.items.setFocus()
    qtbot.keyClick(panel.items, Qt.Key.Key_Down)  # the second item
    qtbot.keyClick(panel, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # "&Xin phát biểu"
    qtbot.waitUntil(lambda: panel.chosen_mark() == "wish_to_speak", timeout=2_000)
    with qtbot.waitSignal(panel.saved, timeout=10_000):
        qtbot.keyClick(panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Xin phát biểu — " in panel.items.item(1).text()
    assert _sync(qtbot, window).ok
    qtbot.waitUntil(lambda: "Xin phát biểu — đã gửi" in panel.items.item(1).text())

    # The meeting is held: after the next sync the open panel says so and takes no marks.
    Clerk(server.url).api.request(
        "PATCH", f"/api/v1/meetings/{made['id']}", json={"status": "closed"}
    ).raise_for_status()
    assert _sync(qtbot, window).ok
    qtbot.waitUntil(lambda: not panel.is_open, timeout=10_000)
    assert "đã kết thúc" in panel.heading.text()
    assert not panel.save_button.isEnabled()
    assert not any(b.isEnabled() for b in panel.choice_buttons.values())
    assert "Xin phát biểu — đã gửi" in panel.items.item(1).text()
    window.close()
