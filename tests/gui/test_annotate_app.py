"""A minister annotates a paper in the real app, restarts it, and finds everything again."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.annotate_helpers import (
    activate,
    log_in,
    open_paper,
    pixel_at,
    restart,
    wait_rows,
    window_with_tools,
)
from gui.helpers import type_text
from gui.reader_helpers import drag, on_screen, word_rect
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.actors import Clerk
from support.server import ServerFactory, ServerProcess
from support.text_pdfs import make_text_pdf

from ecabinet.client.config import AppConfig
from ui.annotate.layer import Tool
from ui.annotate.panel import AnnotationTools
from ui.main_window import MainWindow
from ui.reader.reader import Reader

pytestmark = pytest.mark.gui

NUMBER = "125/TTr-BTC"
NOTE = "Đề nghị Bộ Tài chính làm rõ nguồn vốn đầu tư công"
BOX = "Sửa điều 5: bổ sung nguồn kinh phí"
PAGES = [
    ["Điều 1. Dự toán ngân sách nhà nước năm 2027", "Tổng thu cân đối ngân sách 1.900 nghìn tỷ"],
    ["Điều 2. Chi đầu tư phát triển", "Ưu tiên các dự án đường bộ cao tốc"],
    ["Điều 3. Tổ chức thực hiện", "Bộ Tài chính chủ trì hướng dẫn"],
]


@pytest.fixture
def prepared(server_factory: ServerFactory, tmp_path: Path) -> tuple[ServerProcess, Clerk, dict]:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ tháng 11", ["bt.taichinh"])
    pdf = make_text_pdf(tmp_path / "totrinh.pdf", PAGES)
    up = clerk.upload(meeting["id"], pdf, title="Tờ trình dự toán ngân sách 2027", number=NUMBER)
    return server, clerk, up


def _start(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> tuple[MainWindow, AnnotationTools]:
    workspace = log_in(qtbot, server, tmp_path / "profiles")
    window, tools = window_with_tools(qtbot, MainWindow(workspace, AppConfig(tmp_path / "c.json")))
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    return window, tools


def _choose(tools: AnnotationTools, tool: Tool) -> None:
    tools.palette.tool_actions[tool].trigger()
    assert tools.controller.tool is tool


def _highlight_word(qtbot: QtBot, reader: Reader, tools: AnnotationTools, word: str) -> None:
    rect = on_screen(reader, 0, word_rect(reader, 0, word))
    drag(reader.view.viewport(), QPointF(rect.left() + 1, rect.center().y()),
         QPointF(rect.right() - 1, rect.center().y()))  # fmt: skip
    selected = reader.selection()
    assert selected is not None and selected.text.strip() == word, f"selected {selected!r}"
    _choose(tools, Tool.HIGHLIGHT)


def test_annotate_undo_delete_restart_and_find_them_again(
    qtbot: QtBot, qapp: QApplication, prepared: tuple, tmp_path: Path
) -> None:
    server, _clerk, _up = prepared
    window, tools = _start(qtbot, server, tmp_path)
    controller = tools.controller
    reader = open_paper(qtbot, window, tools, NUMBER)

    # Highlight a selection made by dragging over the words.
    _highlight_word(qtbot, reader, tools, "ngân sách")
    wait_rows(qtbot, tools, 1)
    (highlight_id,) = controller.model.ids()
    highlight = controller.records[highlight_id]
    assert highlight["kind"] == "highlight" and highlight["visibility"] == "private"
    assert highlight["selectors"]["quote"]["exact"] == "ngân sách"
    assert highlight["selectors"]["quote"]["prefix"].endswith("Dự toán ")
    quad = highlight["quads"][0]
    inside = ((quad[0] + quad[2]) / 2, (quad[1] + quad[5]) / 2)

    # An ink stroke on the second page, dragged with the mouse.
    _choose(tools, Tool.INK)
    reader.go_to(1)
    qtbot.waitUntil(lambda: reader.current_page == 1)
    frame = reader.view.frame(1)
    drag(reader.view.viewport(), frame.to_view(100, 500), frame.to_view(300, 520), steps=12)
    wait_rows(qtbot, tools, 2)
    ink = next(r for r in controller.records.values() if r["kind"] == "ink")
    assert ink["page"] == 1 and len(ink["ink"][0]) >= 10
    assert ink["ink"][0][0][:2] == pytest.approx([100, 500], abs=1.5)

    # A sticky note with Vietnamese text on the first page, shared with the meeting.
    tools.palette.shared.trigger()
    assert controller.visibility == "shared"
    _choose(tools, Tool.NOTE)
    reader.go_to(0)
    qtbot.waitUntil(lambda: reader.current_page == 0)
    point = reader.view.frame(0).to_view(400, 600)
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    qtbot.waitUntil(lambda: controller.editor is not None and controller.editor.isVisible())
    editor = controller.editor
    assert editor is not None and editor.windowTitle() == "Ghi chú mới"
    type_text(qtbot, editor.editor, NOTE)
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    wait_rows(qtbot, tools, 3)
    note_id = next(i for i, r in controller.records.items() if r["kind"] == "note")
    assert controller.records[note_id]["text"] == NOTE
    assert controller.records[note_id]["visibility"] == "shared"
    assert "chia sẻ" in str(controller.model.row_of(note_id).data())

    # Undo takes the note away (a tombstone), redo brings it back.
    names = {a.objectName(): a for a in tools.palette.actions()}
    undo, redo = names["annotationUndo"], names["annotationRedo"]
    activate(qtbot, window)  # the editor had the focus; offscreen, nothing hands it back
    reader.view.setFocus()
    assert undo.text() == "Hoàn tác Thêm ghi chú"
    qtbot.keyClick(reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_rows(qtbot, tools, 2)
    assert note_id not in controller.model.ids()
    qtbot.keyClick(reader.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    wait_rows(qtbot, tools, 3)
    assert undo.isEnabled() and not redo.isEnabled()

    # Select the highlight by clicking it, delete it with Del, undo the delete.
    _choose(tools, Tool.SELECT)
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.view.frame(0).to_view(*inside).toPoint())  # fmt: skip
    assert controller.layer is not None and controller.layer.selected == highlight_id
    qtbot.keyClick(reader.view, Qt.Key.Key_Delete)
    wait_rows(qtbot, tools, 2)
    assert highlight_id not in controller.model.ids()
    qtbot.keyClick(reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_rows(qtbot, tools, 3)

    # A red highlight now: the selected annotation takes the colour chosen.
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=reader.view.frame(0).to_view(*inside).toPoint())  # fmt: skip
    tools.palette.colour_actions["#FF8A80"].trigger()
    qtbot.waitUntil(lambda: controller.records[highlight_id]["color"].upper() == "#FF8A80")

    # Double-click the note's icon to edit its words; undo puts the old words back.
    icon = reader.view.frame(0).to_view(410, 590).toPoint()
    qtbot.mouseDClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=icon)
    qtbot.waitUntil(lambda: controller.editor is not None and controller.editor.isVisible())
    editor = controller.editor
    assert editor is not None and editor.windowTitle() == "Sửa ghi chú" and editor.text() == NOTE
    editor.editor.selectAll()
    type_text(qtbot, editor.editor, "Đã trao đổi với Bộ trưởng")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.records[note_id]["text"] == "Đã trao đổi với Bộ trưởng")
    activate(qtbot, window)
    reader.view.setFocus()
    qtbot.keyClick(reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.records[note_id]["text"] == NOTE)

    # A text box dragged out on the page, typed in Vietnamese.
    _choose(tools, Tool.FREETEXT)
    frame = reader.view.frame(0)
    drag(reader.view.viewport(), frame.to_view(300, 450), frame.to_view(520, 400))
    qtbot.waitUntil(lambda: controller.editor is not None and controller.editor.isVisible())
    assert controller.editor is not None
    type_text(qtbot, controller.editor.editor, BOX)
    qtbot.mouseClick(controller.editor.ok_button, Qt.MouseButton.LeftButton)
    wait_rows(qtbot, tools, 4)
    box = next(r for r in controller.records.values() if r["kind"] == "freetext")
    assert box["text"] == BOX and box["rect"] == pytest.approx([300, 400, 520, 450], abs=1.5)

    # Restart: a new window on the same profile shows all four, listed and painted.
    profile = window.workspace.paths.root
    controller.close()
    window.close()
    window, tools = restart(qtbot, qapp, profile, tmp_path / "c.json")
    reader = open_paper(qtbot, window, tools, NUMBER)
    wait_rows(qtbot, tools, 4)
    kinds = sorted(r["kind"] for r in tools.controller.records.values())
    assert kinds == ["freetext", "highlight", "ink", "note"]
    reader.go_to(0)
    qtbot.waitUntil(lambda: reader.current_page == 0)
    colour = pixel_at(reader, 0, *inside)  # #FF8A80 multiplied on the white page
    assert colour.red() > 230 and 110 < colour.green() < 170 and colour.blue() < 160, (
        f"the highlight is not painted after the restart: {colour.name()} inside its quad"
    )
    text = "\n".join(str(tools.panel.list.model().index(r, 0).data()) for r in range(4))
    assert NOTE[:40] in text and "Trang 2 · Nét vẽ" in text and BOX in text

    # A click on the drawing's row goes to its page.
    row = tools.controller.model.row_of(ink["id"])
    rect = tools.panel.list.visualRect(row)
    qtbot.mouseClick(tools.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: reader.current_page == 1, timeout=5_000)
    assert tools.controller.layer is not None and tools.controller.layer.selected == ink["id"]

    # Enter on the highlight's row goes back to the first page.
    tools.panel.list.setCurrentIndex(tools.controller.model.row_of(highlight_id))
    tools.panel.list.setFocus()
    qtbot.keyClick(tools.panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reader.current_page == 0, timeout=5_000)
    assert tools.controller.layer.selected == highlight_id
    tools.controller.close()
    window.close()
