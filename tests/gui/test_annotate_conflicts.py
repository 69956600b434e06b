"""A note edited on two laptops while both were offline: the app lists the other text as a
conflict copy, and the minister restores it from the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.annotate_helpers import log_in, open_paper, sync_app, wait_rows, window_with_tools
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.actors import Clerk
from support.notes import laptop, note, synced
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.config import AppConfig
from ui.annotate.annotation_list import STATE_ROLE
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

NUMBER = "12/TTr-BTP"


def test_a_conflict_copy_is_listed_and_restored(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp chuyên đề pháp luật", ["bt.taichinh"])
    pdf = make_text_pdf(tmp_path / "du-thao.pdf", [["Dự thảo Luật Đất đai sửa đổi"]])
    clerk.upload(meeting["id"], pdf, title="Dự thảo Luật Đất đai", number=NUMBER)
    office = log_in(qtbot, server, tmp_path / "profiles")
    window, tools = window_with_tools(qtbot, MainWindow(office, AppConfig(tmp_path / "c.json")))
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    reader = open_paper(qtbot, window, tools, NUMBER)
    home = laptop(server.url, tmp_path / "home", "bt.taichinh", vault=True)

    def sync_office() -> None:  # through the app, never beside its own sync
        sync_app(qtbot, window)

    try:
        sync_office()
        synced(home)
        sync_office()  # the notes key reaches the second laptop
        synced(home)
        made = office.add_annotation(note(reader.document_id, reader.version_sha256, "Bản đầu"))
        sync_office()
        synced(home)
        office.edit_annotation(made.id, text="Sửa ở văn phòng")
        home.edit_annotation(made.id, text="Sửa ở nhà")
        sync_office()
        synced(home)
        sync_office()  # home arrived later: its text wins here too
    finally:
        home.close()
    wait_rows(qtbot, tools, 1, "conflict")
    model, view, panel = tools.controller.model, tools.panel.list, tools.panel
    assert tools.controller.records[made.id]["text"] == "Sửa ở nhà"
    lines = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert "Bản xung đột (được sửa cùng lúc trên thiết bị khác)" in lines, lines
    assert any("Sửa ở văn phòng" in line and "bản xung đột" in line for line in lines), lines

    row = model.row_of(model.ids("conflict")[0])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(row).center())
    assert view.currentIndex().data(STATE_ROLE) == "conflict"
    assert panel.restore_button.isVisibleTo(panel) and not panel.confirm_button.isVisibleTo(panel)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    wait_rows(qtbot, tools, 0, "conflict")
    qtbot.waitUntil(lambda: tools.controller.records[made.id]["text"] == "Sửa ở văn phòng")
    tools.controller.close()
    window.close()
