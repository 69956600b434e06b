"""Searching every paper from the app: Vietnamese with and without accents, then opening a hit."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from gui.helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ecabinet.search.fold import normalise
from ui.main_window import MainWindow
from ui.search import OpenRequest, SearchDock
from ui.search.model import HTML_ROLE

MEMBER = "bt.taichinh"
MEETING = "Phiên họp Chính phủ thường kỳ tháng 12 năm 2026"
BUDGET = "Tờ trình dự toán ngân sách nhà nước năm 2027"


@pytest.fixture
def workspace(server_factory: ServerFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(MEETING, [MEMBER])
    clerk.upload(
        meeting["id"],
        make_text_pdf(tmp_path / "budget.pdf", [
            ["Tờ trình về dự toán", "Kính gửi: Chính phủ."],
            ["Dự toán ngân sách nhà nước năm 2027", "Tuyến Đường sắt Hà Nội – Lào Cai"],
        ]),
        title=BUDGET, number="125/TTr-BTC",
    )  # fmt: skip
    clerk.upload(
        meeting["id"], make_text_pdf(tmp_path / "names.pdf", [["Ông Dương Văn Minh"]]),
        title="Danh sách đại biểu",
    )  # fmt: skip
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    workspace.login(MEMBER, PASSWORD)
    assert workspace.sync().ok, "the laptop could not sync the papers"
    yield workspace
    workspace.close()


def search(qtbot: QtBot, dock: SearchDock, query: str, *, ignore: bool) -> list[str]:
    """Type a query like a person and wait for the results; returns the rows' rich text."""
    panel = dock.panel
    panel.query.clear()  # first: ticking the box re-runs the query in the box
    panel.ignore_diacritics.setChecked(ignore)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        type_text(qtbot, panel.query, query)
    model = panel.model
    return [str(model.index(row, 0).data(HTML_ROLE)) for row in range(model.rowCount())]


def window_with_search(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, opened: list
) -> tuple[MainWindow, SearchDock]:  # type: ignore[type-arg]
    window = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(window)
    dock = window.features.search  # the window's own panel, as the minister has it
    dock.panel.open_requested.connect(opened.append)
    window.show()
    qtbot.waitExposed(window)
    return window, dock


def test_search_with_and_without_accents_ranks_exact_first_and_says_when_nothing_matches(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    window, dock = window_with_search(qtbot, workspace, tmp_path, [])
    dock.hide()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, Qt.Key.Key_F, keys)
    assert dock.isVisible(), "Ctrl+Shift+F did not show the search panel"
    assert dock.panel.query.hasFocus(), "Ctrl+Shift+F did not put the cursor in the query box"
    assert dock.panel.ignore_diacritics.text() == "Bỏ qua dấu"

    (row,) = search(qtbot, dock, "ngan sach", ignore=True)
    assert BUDGET in row and "125/TTr-BTC" in row and MEETING in row and "trang 2" in row
    assert "<b>ngân</b> <b>sách</b>" in row, f"the hit is not in bold: {row}"

    rows = search(qtbot, dock, "duong", ignore=True)
    assert len(rows) == 2 and any("<b>Đường</b>" in r for r in rows), rows

    rows = search(qtbot, dock, "Đường", ignore=True)
    assert ["<b>Đường</b>" in r for r in rows] == [True, False], "exact accents must come first"
    assert "<b>Dương</b>" in rows[1]

    assert search(qtbot, dock, "ngan sach", ignore=False) == []
    message = dock.panel.message
    assert message.isVisible() and "Bỏ qua dấu" in message.text() and "ngan sach" in message.text()

    dock.panel.query.clear()
    dock.panel.search_now()
    assert "Gõ từ cần tìm" in message.text()  # the empty state says what to do
    window.close()


def test_bad_queries_stale_answers_and_a_click(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    window, dock = window_with_search(qtbot, workspace, tmp_path, [])
    dock.panel.query.setText("x" * 10_000)
    with qtbot.waitSignal(dock.panel.failed, timeout=10_000) as failed:
        dock.panel.search_now()
    assert failed.args[0] == dock.panel.message.text() and dock.panel.model.rowCount() == 0
    assert failed.args[0].isascii() is False, "the message must be Vietnamese"

    # A slow answer to an earlier query never replaces the answer to the latest one.
    answers: list[int] = []
    dock.panel.searched.connect(answers.append)
    dock.panel.query.setText("ngan sach")
    dock.panel.search_now()
    dock.panel.query.setText("duong")
    dock.panel.search_now()
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    qtbot.wait(300)
    assert answers == [2], f"answers shown: {answers}"
    words = {r.hit.matched_words for r in (dock.panel.model.result(i) for i in range(2))}
    assert words == {("Đường",), ("Dương",)}

    # A click opens a result as Enter does.
    opened: list[OpenRequest] = []
    dock.panel.open_requested.connect(opened.append)
    results = dock.panel.results
    rect = results.visualRect(dock.panel.model.index(1, 0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert opened[0].page == dock.panel.model.result(1).hit.page and opened[0].rects
    window.close()


def test_enter_on_a_result_asks_to_open_its_page_with_the_words_boxed(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    opened: list[OpenRequest] = []
    window, dock = window_with_search(qtbot, workspace, tmp_path, opened)
    search(qtbot, dock, "ha noi", ignore=True)
    results = dock.panel.results
    qtbot.keyClick(dock.panel.query, Qt.Key.Key_Down)
    assert results.hasFocus() and results.currentIndex().row() == 0
    qtbot.keyClick(results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    request = opened[0]
    assert (request.title, request.page, request.annotation_id) == (BUDGET, 1, None)
    assert len(request.rects) == 1
    reader = workspace.open_paper(request.version_sha256)
    assert reader is not None
    with reader:
        pdf = pdfium.PdfDocument(reader.read_at(0, reader.size))
    x0, y0, x1, y1 = request.rects[0]
    words = pdf[1].get_textpage().get_text_bounded(x0, y0 - 3, x1, y1 + 3)
    pdf.close()
    assert normalise(words) == "Hà Nội", f"the box holds {words!r}, not the hit"
    window.close()


def highlighted_pixels(widget: QWidget) -> int:
    """Pixels painted in the reader's current-hit colour (orange over a white page)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.red() > 220 and 140 < colour.green() < 210 and 60 < colour.blue() < 150:
                count += 1
    return count


def test_choosing_a_result_opens_the_paper_at_its_page_with_the_hit_drawn(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    window = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    dock = window.features.search
    window.show()
    qtbot.waitExposed(window)
    search(qtbot, dock, "ngan sach", ignore=True)
    results = dock.panel.results
    results.setFocus()
    results.setCurrentIndex(dock.panel.model.index(0, 0))
    with qtbot.waitSignal(window.viewer.paper_opened, timeout=10_000):
        qtbot.keyClick(results, Qt.Key.Key_Return)
    reader = window.viewer.current_reader()
    assert reader is not None and reader.title == BUDGET
    assert window.pages.currentWidget() is window.viewer, "the paper is not on screen"
    qtbot.waitUntil(lambda: reader.current_page == 1, timeout=5_000)
    mark = reader.view.current_mark
    assert mark is not None and mark[0] == 1 and len(mark[1]) == 1, mark
    viewport = reader.view.viewport()
    qtbot.waitUntil(lambda: highlighted_pixels(viewport) > 40, timeout=5_000)
    window.close()
