"""Two papers in two tabs: each keeps its own annotations and its own undo history."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.annotate_helpers import activate, log_in, open_paper, wait_rows, window_with_tools
from gui.reader_helpers import drag
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.actors import Clerk
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.config import AppConfig
from ui.annotate.layer import Tool
from ui.main_window import MainWindow
from ui.reader.reader import Reader

pytestmark = pytest.mark.gui


def test_each_tab_has_its_own_annotations_and_undo(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ tháng 12", ["bt.taichinh"])
    for number, text in (("1/TTr", "Tờ trình thứ nhất"), ("2/TTr", "Tờ trình thứ hai")):
        pdf = make_text_pdf(tmp_path / f"{number[0]}.pdf", [[text, "Nội dung chính"]])
        clerk.upload(meeting["id"], pdf, title=text, number=number)
    workspace = log_in(qtbot, server, tmp_path / "profiles")
    window, tools = window_with_tools(qtbot, MainWindow(workspace, AppConfig(tmp_path / "c.json")))
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    controller, names = tools.controller, {a.objectName(): a for a in tools.palette.actions()}

    def draw(reader: Reader) -> None:
        tools.palette.tool_actions[Tool.INK].trigger()
        frame = reader.view.frame(0)
        drag(reader.view.viewport(), frame.to_view(100, 500), frame.to_view(250, 480), steps=8)

    first = open_paper(qtbot, window, tools, "1/TTr")
    draw(first)
    wait_rows(qtbot, tools, 1)
    first_ink = controller.model.ids()[0]
    second = open_paper(qtbot, window, tools, "2/TTr")
    assert second is not first and controller.model.ids() == [], "the second paper has none"
    draw(second)
    wait_rows(qtbot, tools, 1)
    assert controller.model.ids() != [first_ink]

    activate(qtbot, window)
    second.view.setFocus()
    qtbot.keyClick(second.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_rows(qtbot, tools, 0)  # the second paper's drawing, not the first's
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        window.viewer.setCurrentWidget(first)
    assert controller.reader is first and controller.model.ids() == [first_ink]
    assert not names["annotationRedo"].isEnabled(), "the first tab has nothing to redo"
    assert names["annotationUndo"].isEnabled()
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        window.viewer.setCurrentWidget(second)
    assert names["annotationRedo"].isEnabled()
    names["annotationRedo"].trigger()
    wait_rows(qtbot, tools, 1)
    controller.close()
    window.close()
