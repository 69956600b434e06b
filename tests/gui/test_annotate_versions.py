"""A new version arrives: an unsure placement is confirmed, a lost one stays listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.annotate_helpers import log_in, open_paper, sync_app, wait_rows, window_with_tools
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.actors import Clerk
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.config import AppConfig
from ecabinet.notes.records import AnnotationDraft
from ui.annotate.annotation_list import STATE_ROLE
from ui.annotate.version_view import VersionChangesDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

NUMBER = "88/TTr-BKHĐT"
FIRST = ["Điều 1. Kế hoạch đầu tư công trung hạn", "Tổng vốn 2.870 nghìn tỷ đồng"]
SECOND = ["Điều 2. Danh mục dự án trọng điểm", "Cao tốc Bắc Nam phía Đông"]
THIRD = ["Điều 3. Điều khoản thi hành", "Nghị quyết có hiệu lực từ ngày ký"]
SECOND_CHANGED = ["Điều 2. Danh mục dự án trọng điểm quốc gia", "Cao tốc Bắc Nam, đường vành đai 4"]


def test_a_fuzzy_placement_is_confirmed_and_an_orphan_is_listed(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ tháng 12", ["bt.taichinh"])
    old = make_text_pdf(tmp_path / "v1.pdf", [FIRST, SECOND, THIRD])
    clerk.upload(meeting["id"], old, title="Tờ trình kế hoạch đầu tư công", number=NUMBER)
    workspace = log_in(qtbot, server, tmp_path / "profiles")
    window, tools = window_with_tools(qtbot, MainWindow(workspace, AppConfig(tmp_path / "c.json")))
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    reader = open_paper(qtbot, window, tools, NUMBER)
    document_id, sha = reader.document_id, reader.version_sha256
    stroke = [[100.0, 500.0, 0.5], [200.0, 520.0, 0.7]]
    drafts = [
        AnnotationDraft(document_id, sha, "ink", 1, ink=[stroke], color="#64B5F6"),
        AnnotationDraft(document_id, sha, "note", 2, rect=[300, 600, 320, 620],
                        text="Điều khoản thi hành cần rõ thời hạn"),
    ]  # fmt: skip
    for draft in drafts:
        workspace.add_annotation(draft)
    wait_rows(qtbot, tools, 2, "anchored")

    # The secretariat publishes a new version: page 2 reworded, page 3 gone.
    new = make_text_pdf(tmp_path / "v2.pdf", [FIRST, SECOND_CHANGED])
    clerk.upload_version(document_id, new)
    sync_app(qtbot, window)
    wait_rows(qtbot, tools, 1, "fuzzy")
    wait_rows(qtbot, tools, 1, "orphaned")
    model, view = tools.controller.model, tools.panel.list
    lines = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert any("Trang 2 · Nét vẽ" in line and "cần xác nhận" in line for line in lines), lines
    assert "Không tìm thấy vị trí trong phiên bản mới" in lines, lines
    orphan = next(line for line in lines if "Điều khoản thi hành" in line)
    assert orphan.startswith("Ghi chú"), f"an orphan is listed with its text: {orphan!r}"

    # The minister checks the drawing's place and confirms it.
    (fuzzy_id,) = model.ids("fuzzy")
    row = model.row_of(fuzzy_id)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(row).center())
    assert view.currentIndex().data(STATE_ROLE) == "fuzzy"
    assert tools.panel.confirm_button.isVisibleTo(tools.panel)
    assert tools.panel.confirm_button.text() == "Xác nhận vị trí"
    qtbot.mouseClick(tools.panel.confirm_button, Qt.MouseButton.LeftButton)
    wait_rows(qtbot, tools, 0, "fuzzy")
    assert fuzzy_id in model.ids("anchored")
    assert model.ids("orphaned"), "the orphan is still listed after the confirmation"

    # What changed: the pages listed beside the older version, each shown in both.
    qtbot.mouseClick(tools.panel.versions_button, Qt.MouseButton.LeftButton)
    dialog = tools.controller.version_dialog
    assert isinstance(dialog, VersionChangesDialog)
    qtbot.waitUntil(
        lambda: dialog.pages.count() > 0 and dialog.old_reader.is_open(), timeout=15_000
    )
    assert dialog.summary.text() == "Phiên bản 1 → phiên bản 2: 2 trang thay đổi."
    items = [dialog.pages.item(i).text() for i in range(dialog.pages.count())]
    assert items[0].startswith("Trang 2 đã sửa.") and "+ " in items[0] and "quốc gia" in items[0]
    assert items[1] == "Trang 3 của phiên bản cũ đã bị bỏ.", items
    assert dialog.old_reader.page_count == 3, "the older version is shown beside the changes"
    reader.go_to(0)
    qtbot.mouseClick(dialog.pages.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.pages.visualItemRect(dialog.pages.item(0)).center())  # fmt: skip
    qtbot.waitUntil(lambda: reader.current_page == 1 and dialog.old_reader.current_page == 1)
    dialog.reject()
    qtbot.waitUntil(lambda: tools.controller.version_dialog is None)

    # The orphan is seen where it was made: on the older version, beside the new one.
    (orphan_id,) = model.ids("orphaned")
    row = model.row_of(orphan_id)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(row).center())
    shown = tools.controller.version_dialog
    assert isinstance(shown, VersionChangesDialog) and shown is not dialog
    qtbot.waitUntil(lambda: shown.old_reader.is_open(), timeout=15_000)
    qtbot.waitUntil(lambda: shown.old_reader.current_page == 2)
    assert shown.old_layer.selected == orphan_id
    assert [s.id for s in shown.old_layer.shapes_on(2)] == [orphan_id]
    shown.reject()
    tools.controller.close()
    window.close()
