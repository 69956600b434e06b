"""The minister exports an annotated copy from the app; two independent tools judge it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from gui import test_annotate_app as app_test
from gui.annotate_helpers import open_paper, wait_rows
from gui.reader_helpers import drag, on_screen, word_rect
from pypdf import PdfReader
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.annotate.export_action import suggested_name
from ui.annotate.layer import Tool

pytestmark = pytest.mark.gui
prepared = app_test.prepared  # the same paper and meeting as the annotating test


def test_export_annotated_copy_from_the_panel(
    qtbot: QtBot, qapp: QApplication, prepared: tuple, tmp_path: Path
) -> None:
    server, _clerk, _up = prepared
    window, tools = app_test._start(qtbot, server, tmp_path)
    reader = open_paper(qtbot, window, tools, app_test.NUMBER)
    rect = on_screen(reader, 0, word_rect(reader, 0, "ngân sách"))
    drag(reader.view.viewport(), QPointF(rect.left() + 1, rect.center().y()),
         QPointF(rect.right() - 1, rect.center().y()))  # fmt: skip
    app_test._choose(tools, Tool.HIGHLIGHT)
    wait_rows(qtbot, tools, 1)
    panel = tools.panel
    assert panel.export_button.isEnabled() and panel.export_button.text()

    output = tmp_path / "out" / "ban-co-ghi-chu"  # no suffix: the app adds ".pdf"
    output.parent.mkdir()
    messages: list[str] = []
    tools.controller.message.connect(messages.append)
    panel.export_copy(output)
    written = output.with_name(output.name + ".pdf")
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert written.exists(), messages
    assert "1" in messages[-1] and str(written) in messages[-1]

    annots = [a.get_object() for a in PdfReader(written).pages[0].get("/Annots", [])]
    assert [a["/Subtype"] for a in annots] == ["/Highlight"]
    assert "/AP" in annots[0] and "/QuadPoints" in annots[0]
    qpdf = subprocess.run(["qpdf", "--check", str(written)], capture_output=True, text=True)
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr
    if shutil.which("pdftotext"):  # poppler reads the closing page listing the notes
        text = subprocess.run(["pdftotext", str(written), "-"], capture_output=True, text=True)
        assert "ngân sách" in text.stdout


def test_suggested_name_keeps_no_path_or_control_characters() -> None:
    name = suggested_name('../Tờ trình: "dự toán"\x00/2027')
    assert "/" not in name and "\x00" not in name and '"' not in name
    assert name.endswith(".pdf") and "Tờ trình" in name
