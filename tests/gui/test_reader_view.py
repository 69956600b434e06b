"""The reader on a real sealed paper: zoom, keys, selection and copy, find, panels, layers."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.helpers import has_ink, type_text
from gui.reader_helpers import drag, mouse, on_screen, open_reader, word_rect
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QTabletEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.reader_pdfs import make_outlined_pdf

from ui.reader.layers import PageGeometry
from ui.reader.layout import SPACING, ZoomMode
from ui.reader.painting import MAX_PAGE_PIXELS, whole_page_size
from ui.reader.reader import Reader


@pytest.fixture
def reader(qtbot: QtBot, tmp_path: Path) -> Reader:
    pdf = make_outlined_pdf(tmp_path / "totrinh.pdf", pages=12, roman_front=3)
    return open_reader(qtbot, pdf, tmp_path)


def test_fit_width_fit_page_and_percentages_tell_the_true_zoom(
    qtbot: QtBot, reader: Reader
) -> None:
    view, bar = reader.view, reader.toolbar
    assert view.zoom_mode is ZoomMode.FIT_WIDTH
    page = view.page_rect(0)
    assert abs(page.width() - (view.viewport().width() - 2 * SPACING)) <= 1, "not fit to width"
    true_zoom = page.width() / (595.28 * view.logicalDpiY() / 72)
    assert bar.zoom_label.text() == f"{round(true_zoom * 100)}%"

    qtbot.mouseClick(bar.fit_page_button, Qt.MouseButton.LeftButton)
    page = view.page_rect(view.current_page())
    assert page.height() <= view.viewport().height() - 2 * SPACING + 1, "the page does not fit"
    assert bar.zoom_label.text() == f"{round(view.zoom() * 100)}%" != f"{round(true_zoom * 100)}%"

    bar.zoom_box.setCurrentIndex(bar.zoom_box.findText("200%"))
    bar.zoom_box.activated.emit(bar.zoom_box.currentIndex())
    assert bar.zoom_label.text() == "200%" and view.zoom_mode is ZoomMode.CUSTOM
    assert view.horizontalScrollBar().maximum() > 0  # wider than the view now

    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert bar.zoom_label.text() == "240%"
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert bar.zoom_label.text() == "167%"

    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
    view.verticalScrollBar().setValue(300)
    cursor = QPointF(400, 300)
    under = view.frame_at(cursor)
    assert under is not None
    pdf_point = under.to_pdf(cursor)
    wheel = QWheelEvent(
        cursor, view.viewport().mapToGlobal(cursor), QPoint(), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    after = view.frame(under.page).to_view(*pdf_point)
    assert (after - cursor).manhattanLength() < 2, "the point under the cursor moved"
    assert bar.zoom_label.text() == "139%"  # Ctrl+wheel down zooms out one step
    qtbot.mouseClick(bar.fit_width_button, Qt.MouseButton.LeftButton)
    assert bar.zoom_label.text() == f"{round(true_zoom * 100)}%"


def test_keyboard_navigation_and_page_labels(qtbot: QtBot, reader: Reader) -> None:
    view, bar = reader.view, reader.toolbar
    view.setFocus()
    assert (bar.page_box.text(), bar.page_count.text()) == ("i", "(1/12)")
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert reader.current_page == 1 and bar.page_box.text() == "ii"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert reader.current_page == 11
    assert (bar.page_box.text(), bar.page_count.text()) == ("9", "(12/12)")  # labelled 9
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert reader.current_page == 10
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert reader.current_page == 0 and view.verticalScrollBar().value() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.verticalScrollBar().value() == 40  # smooth: pixels, not pages
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.verticalScrollBar().value() == 40 + view.viewport().height() - 40
    before = reader.current_page
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert reader.current_page == before + 1  # no horizontal scrolling needed: next page

    reader.focus_page_box()
    assert bar.page_box.hasFocus() and bar.page_box.selectedText() == bar.page_box.text()
    qtbot.keyClicks(bar.page_box, "iii")
    qtbot.keyClick(bar.page_box, Qt.Key.Key_Return)
    assert reader.current_page == 2 and bar.page_count.text() == "(3/12)"
    reader.focus_page_box()
    qtbot.keyClicks(bar.page_box, "7")  # a number that is also a label: the label wins
    qtbot.keyClick(bar.page_box, Qt.Key.Key_Return)
    assert reader.current_page == 9 and bar.page_box.text() == "7"
    reader.focus_page_box()
    qtbot.keyClicks(bar.page_box, "xyz")
    qtbot.keyClick(bar.page_box, Qt.Key.Key_Return)
    assert reader.current_page == 9 and bar.page_box.text() == "7"  # unknown: stays


def test_drag_selects_text_and_ctrl_c_copies_it(qtbot: QtBot, reader: Reader) -> None:
    first, last = word_rect(reader, 0, "toán"), word_rect(reader, 0, "sách")
    start = on_screen(reader, 0, first)
    end = on_screen(reader, 0, last)
    with qtbot.waitSignal(reader.selection_changed):
        drag(reader.view.viewport(), QPointF(start.left() + 1, start.center().y()),
             QPointF(end.right() - 1, end.center().y()))  # fmt: skip
    chosen = reader.selection()
    assert chosen is not None and chosen.page == 0
    assert chosen.text == "toán ngân sách", chosen.text
    page_text = reader.document.getAllText(0).text()
    assert page_text[chosen.char_start : chosen.char_end] == chosen.text
    # Quads in PDF points, origin bottom-left: the word's box flipped by the page height.
    height = reader.document.pagePointSize(0).height()
    x1, y1, x2, y2, x3, y3, x4, y4 = chosen.quads[0]
    assert abs(x1 - first.left()) < 1 and abs(y1 - (height - first.top())) < 1
    assert y3 < y1 and x2 > x1 and (x3, y2, x4) == (x1, y1, x2) and y4 == y3
    assert y1 > height / 2  # near the top of an A4 page, in PDF space
    reader.view.setFocus()
    qtbot.keyClick(reader.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "toán ngân sách"
    qtbot.keyClick(reader.view, Qt.Key.Key_Escape)
    assert reader.selection() is None

    # Dragged on into the margin, or started in it: to the end (or from the start) of the line.
    margin = reader.view.page_rect(0).right() - 5
    drag(reader.view.viewport(), QPointF(start.left() + 1, start.center().y()),
         QPointF(margin, start.center().y()))  # fmt: skip
    chosen = reader.selection()
    assert chosen is not None and chosen.text == "toán ngân sách nhà nước", chosen
    drag(reader.view.viewport(), QPointF(reader.view.page_rect(0).left() + 5, end.center().y()),
         QPointF(end.right() - 1, end.center().y()))  # fmt: skip
    chosen = reader.selection()
    assert chosen is not None and chosen.text == "Chương 1: Dự toán ngân sách", chosen


@pytest.mark.parametrize(
    ("query", "ignore", "pages"),
    [
        ("ngân sách", False, [0, 2, 4, 6, 8, 10]),
        ("ngan sach", True, [0, 2, 4, 6, 8, 10]),
        ("ngan sach", False, []),
        ("duong", True, [1, 3, 5, 7, 9, 11]),
        ("Đường", False, [1, 3, 5, 7, 9, 11]),
    ],
)
def test_ctrl_f_finds_and_highlights_with_and_without_diacritics(
    qtbot: QtBot, reader: Reader, query: str, ignore: bool, pages: list[int]
) -> None:
    reader.activateWindow()
    reader.view.setFocus()
    qtbot.keyClick(reader.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = reader.find_bar
    assert bar.isVisible() and bar.field.hasFocus(), "Ctrl+F did not open the find bar"
    bar.ignore_diacritics.setChecked(ignore)
    type_text(qtbot, bar.field, query)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert reader.finding is not None
    qtbot.waitUntil(lambda: not reader.finding.finder.searching(), timeout=5_000)  # type: ignore[union-attr]
    assert sorted(reader.view.find_marks) == pages
    if not pages:
        assert bar.count.text() == "Không tìm thấy"
        return
    assert bar.count.text() == f"1/{len(pages)}"
    assert reader.view.current_mark is not None and reader.view.current_mark[0] == pages[0]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert reader.view.current_mark[0] == pages[1] and reader.current_page == pages[1]
    assert bar.count.text() == f"2/{len(pages)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert reader.view.current_mark[0] == pages[-1]  # wrapped round
    # The hit is painted: the view shows the current hit's orange over the word.
    rect = on_screen(reader, pages[-1], reader.view.current_mark[1][0]).toAlignedRect()
    image = reader.view.viewport().grab(rect).toImage()
    colour = image.pixelColor(image.width() // 2, 1)
    assert colour.red() > 200 and colour.blue() < 180, colour.name()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not reader.view.find_marks


def test_thumbnails_and_outline_jump_to_their_page(qtbot: QtBot, reader: Reader) -> None:
    panel = reader.side_panel
    assert panel.thumbnail_model is not None and panel.thumbnail_model.rowCount() == 12
    index = panel.thumbnail_model.index(7)
    panel.thumbnails.scrollTo(index)
    rect = panel.thumbnails.visualRect(index)
    qtbot.mouseClick(panel.thumbnails.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.current_page == 7
    qtbot.waitUntil(lambda: panel.thumbnail_model.cache.pending() == 0, timeout=5_000)  # type: ignore[union-attr]

    panel.setCurrentWidget(panel.outline)
    model = panel.outline_model
    assert model is not None and model.rowCount() == 4
    entry = model.index(2, 0)
    assert entry.data() == "Chương 7"
    rect = panel.outline.visualRect(entry)
    qtbot.mouseClick(panel.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.current_page == 6

    qtbot.mouseClick(reader.toolbar.side_panel_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    qtbot.mouseClick(reader.toolbar.side_panel_button, Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    reader.set_reading_mode(True)
    assert not panel.isVisible() and not reader.toolbar.isVisible()
    reader.set_reading_mode(False)
    assert panel.isVisible() and reader.toolbar.isVisible()


class RecordingLayer:
    def __init__(self, consume: bool = False) -> None:
        self.painted: list[tuple[int, float, QPointF, tuple[float, float]]] = []
        self.mouse: list[tuple[int, tuple[float, float]]] = []
        self.consume = consume

    def paint_page(self, painter: QPainter, geometry: PageGeometry) -> None:
        corner = geometry.to_view(0, 0)  # PDF origin: the page's bottom-left corner
        self.painted.append((geometry.page, geometry.scale, corner, geometry.to_pdf(corner)))

    def mouse_event(self, event: QMouseEvent | QTabletEvent, geometry: PageGeometry) -> bool:
        self.mouse.append((geometry.page, geometry.to_pdf(event.position())))
        return self.consume


def test_layers_paint_visible_pages_with_geometry_that_round_trips(
    qtbot: QtBot, reader: Reader
) -> None:
    layer = RecordingLayer()
    reader.add_layer(layer)
    reader.go_to(4)
    layer.painted.clear()
    reader.view.viewport().repaint()
    visible = set(reader.view.visible_pages())
    painted = {page for page, *_ in layer.painted}
    assert painted == visible and 4 in painted and len(painted) <= 2, (painted, visible)
    _page, scale, corner, back = next(p for p in layer.painted if p[0] == 4)
    rect = reader.view.page_rect(4)
    assert abs(scale - rect.width() / reader.document.pagePointSize(4).width()) < 1e-6
    assert abs(corner.x() - rect.left()) < 1e-6 and abs(corner.y() - rect.bottom()) < 1e-6
    assert abs(back[0]) < 1e-9 and abs(back[1]) < 1e-9

    # A word's PDF position lands on the word's pixels.
    word = word_rect(reader, 4, "ngân")
    height = reader.document.pagePointSize(4).height()
    frame = reader.view.frame(4)
    point = frame.to_view(word.center().x(), height - word.center().y())
    assert (on_screen(reader, 4, word).center() - point).manhattanLength() < 1e-6

    # A layer that consumes the mouse gets PDF points; no text selection happens.
    consuming = RecordingLayer(consume=True)
    reader.add_layer(consuming)
    start, end = on_screen(reader, 4, word).topLeft(), on_screen(reader, 4, word).bottomRight()
    drag(reader.view.viewport(), start, end)
    assert reader.selection() is None
    assert consuming.mouse and all(p == 4 for p, _ in consuming.mouse)
    x, y = consuming.mouse[0][1]
    assert abs(x - word.left()) < 0.5 and abs(y - (height - word.top())) < 0.5
    # Layers are asked in order: the first saw the press and let it pass; the moves and
    # the release then went only to the layer that took the press.
    assert len(layer.mouse) == 1 and len(consuming.mouse) == 7


def test_go_to_with_a_highlight_in_pdf_points_marks_the_place(qtbot: QtBot, reader: Reader) -> None:
    """What a search result does: open the page with the hit marked (PDF points)."""
    word = word_rect(reader, 8, "ngân")
    height = reader.document.pagePointSize(8).height()
    pdf_rect = QRectF(word.left(), height - word.bottom(), word.width(), word.height())
    with qtbot.waitSignal(reader.page_changed):
        reader.go_to(8, [pdf_rect])
    assert reader.current_page == 8 and 8 in reader.view.visible_pages()
    mark = reader.view.current_mark
    assert mark is not None and mark[0] == 8
    assert abs(mark[1][0].top() - word.top()) < 0.01  # the same place, in QtPdf's space
    spot = on_screen(reader, 8, word).toAlignedRect()
    assert reader.view.viewport().rect().contains(spot)
    image = reader.view.viewport().grab(spot).toImage()
    colour = image.pixelColor(image.width() // 2, 1)
    assert colour.red() > 200 and colour.blue() < 180, colour.name()
    reader.go_to(99)  # out of range: nothing happens
    assert reader.current_page == 8


def test_far_zoom_draws_tiles_and_memory_stays_bounded(qtbot: QtBot, reader: Reader) -> None:
    view = reader.view
    cache = view.cache
    assert cache is not None
    view.set_zoom(4.0)
    word = on_screen(reader, 0, word_rect(reader, 0, "ngân"))
    view.horizontalScrollBar().setValue(int(word.left()) - 50)
    word = on_screen(reader, 0, word_rect(reader, 0, "ngân"))
    assert view.viewport().rect().contains(word.toAlignedRect())
    tiles = lambda: [k for k in cache._images if k[3:] != (0, 0, 0, 0)]  # noqa: E731
    qtbot.waitUntil(lambda: bool(tiles()) and cache.pending() == 0, timeout=10_000)
    view.viewport().repaint()
    assert all(k[5] * k[6] <= 1024 * 1024 for k in tiles())
    wholes = [k for k in cache._images if k[3:] == (0, 0, 0, 0)]
    assert all(k[1] * k[2] <= MAX_PAGE_PIXELS for k in wholes), "a whole page image too big"
    # The word is drawn sharp from a tile: dark pixels where its letters are.
    image = view.viewport().grab(word.toAlignedRect()).toImage()
    darkest = min(image.pixelColor(x, y).lightness() for x in range(image.width())
                  for y in range(0, image.height(), 2))  # fmt: skip
    assert darkest < 80
    for page in range(reader.page_count):  # every page rendered at least once
        reader.go_to(page)
        view.viewport().repaint()
        qtbot.waitUntil(lambda: cache.pending() == 0, timeout=10_000)
    assert cache._bytes <= cache.budget_bytes


def test_double_click_selects_a_word_and_a_hit_out_of_sight_is_scrolled_to(
    qtbot: QtBot, reader: Reader
) -> None:
    word = on_screen(reader, 0, word_rect(reader, 0, "ngân"))
    with qtbot.waitSignal(reader.selection_changed):
        qtbot.mouseDClick(reader.view.viewport(), Qt.MouseButton.LeftButton,
                          pos=word.center().toPoint())  # fmt: skip
    chosen = reader.selection()
    assert chosen is not None and chosen.text == "ngân", chosen

    # Zoomed far in, a hit at the right of the page is scrolled into sight sideways too.
    reader.view.set_zoom(4.0)
    reader.view.horizontalScrollBar().setValue(0)
    far = word_rect(reader, 6, "nước")
    height = reader.document.pagePointSize(6).height()
    reader.go_to(6, [QRectF(far.left(), height - far.bottom(), far.width(), far.height())])
    shown = on_screen(reader, 6, far)
    assert reader.view.viewport().rect().contains(shown.toAlignedRect()), shown


def test_a_drag_held_below_the_view_scrolls_and_keeps_selecting(
    qtbot: QtBot, reader: Reader
) -> None:
    view = reader.view
    view.set_zoom(3.0)
    reader.go_to(0)
    start = on_screen(reader, 0, word_rect(reader, 0, "Chương"))
    viewport = view.viewport()
    left = Qt.MouseButton.LeftButton
    mouse(
        viewport, QEvent.Type.MouseButtonPress, QPointF(start.left() + 1, start.center().y()), left
    )
    below = QPointF(start.left() + 200, viewport.height() + 40)
    mouse(viewport, QEvent.Type.MouseMove, below, left)
    before = view.verticalScrollBar().value()
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > before + 100, timeout=3_000)
    mouse(viewport, QEvent.Type.MouseButtonRelease, below, Qt.MouseButton.NoButton)
    value = view.verticalScrollBar().value()
    qtbot.wait(100)
    assert view.verticalScrollBar().value() == value  # released: the scrolling stops
    chosen = reader.selection()
    assert chosen is not None and chosen.text.startswith("Chương 1: Dự toán")


def test_zooming_step_by_step_renders_only_the_size_that_stays(
    qtbot: QtBot, reader: Reader
) -> None:
    view, cache = reader.view, reader.view.cache
    assert cache is not None
    qtbot.waitUntil(lambda: cache.pending() == 0, timeout=5_000)
    for _ in range(8):  # a quick run of Ctrl+wheel notches
        view.zoom_in()
        view.viewport().repaint()
    assert cache.pending() == 0, "renders queued for sizes already gone"
    assert has_ink(view.viewport())  # the earlier image stands in meanwhile
    qtbot.waitUntil(lambda: not cache.holding(), timeout=5_000)
    view.viewport().repaint()  # settled: now the size that stayed is rendered
    _full, whole = whole_page_size(view.page_rect(0), view.devicePixelRatioF())
    exact = (0, whole.width(), whole.height(), 0, 0, 0, 0)
    qtbot.waitUntil(lambda: exact in cache._images, timeout=5_000)
