"""The annotation layer on its own: what it paints on a page image, what the pointer makes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPointingDevice, QTabletEvent
from pytestqt.qtbot import QtBot

from ui.annotate.layer import AnnotationLayer, Tool
from ui.annotate.painting import PlainGeometry

pytestmark = pytest.mark.gui

PAGE_H = 842.0
SCALE = 1.5


def page_image() -> QImage:
    image = QImage(round(595 * SCALE), round(PAGE_H * SCALE), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    return image


def geometry(page: int = 0) -> PlainGeometry:
    return PlainGeometry(page, SCALE, PAGE_H, QPointF(0, 0))


def paint(layer: AnnotationLayer, page: int = 0, image: QImage | None = None) -> QImage:
    image = image or page_image()
    painter = QPainter(image)
    layer.paint_page(painter, geometry(page))
    painter.end()
    return image


def pixel(image: QImage, x: float, y: float) -> QColor:
    """The colour at PDF point (x, y)."""
    point = geometry().to_view(x, y)
    return image.pixelColor(round(point.x()), round(point.y()))


def quad(x0: float, y0: float, x1: float, y1: float) -> list[float]:
    return [x0, y1, x1, y1, x0, y0, x1, y0]  # UL, UR, LL, LR with y up


def record(kind: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": f"{kind}-1", "kind": kind, "page": 0, "color": "#FFD400"}
    base.update(fields)
    return base


def test_a_highlight_tints_its_quads_and_keeps_the_text_under_it_dark() -> None:
    image = page_image()
    image.setPixelColor(round(100 * SCALE), round((PAGE_H - 705) * SCALE), QColor("black"))
    layer = AnnotationLayer()
    layer.set_annotations([record("highlight", quads=[quad(90, 700, 200, 714)])])
    painted = paint(layer, image=image)
    inside = pixel(painted, 150, 707)
    assert (inside.red(), inside.green(), inside.blue()) == (255, 212, 0), (
        f"inside the quad the page should be the highlight's yellow, not {inside.name()}"
    )
    assert pixel(painted, 150, 690).name() == "#ffffff", "the highlight spilled out of its quad"
    assert pixel(painted, 100, 705).lightness() < 40, "multiply keeps black text black"


def test_underline_and_strikeout_draw_lines_along_their_quads() -> None:
    layer = AnnotationLayer()
    layer.set_annotations(
        [
            record("underline", id="u", color="#FF0000", quads=[quad(100, 600, 300, 620)]),
            record("strikeout", id="s", color="#0000FF", quads=[quad(100, 500, 300, 520)]),
        ]
    )
    image = paint(layer)
    under = pixel(image, 200, 602.4)  # 12 % above the box's bottom
    assert under.red() > 200 and under.green() < 80, f"no red underline: {under.name()}"
    strike = pixel(image, 200, 509)  # 45 %: through the middle
    assert strike.blue() > 200 and strike.red() < 80, f"no blue strike-out: {strike.name()}"
    assert pixel(image, 200, 615).name() == "#ffffff", "an underline is a line, not a fill"


def test_note_icon_free_text_and_ink_are_painted_where_they_belong() -> None:
    layer = AnnotationLayer()
    layer.set_annotations(
        [
            record("note", id="n", color="#8BC34A", rect=[50, 400, 70, 420], text="Ghi chú"),
            record(
                "freetext",
                id="t",
                color="#FF0000",
                rect=[200, 380, 400, 430],
                text="Đề nghị sửa điều 5",
            ),
            record("ink", id="i", color="#0000FF", ink=[[[100, 300, 0.5], [180, 300, 1.0]]]),
        ]
    )
    image = paint(layer)
    assert pixel(image, 58, 412).green() > 150, "the note's icon is missing"
    text_box = image.copy(geometry().to_view(200, 430).toPoint().x(), round((PAGE_H - 430) * SCALE),
                          round(200 * SCALE), round(50 * SCALE))  # fmt: skip
    darks = sum(
        1
        for x in range(text_box.width())
        for y in range(text_box.height())
        if text_box.pixelColor(x, y).lightness() < 80
    )
    assert darks > 50, "the text box shows no text"
    assert pixel(image, 140, 300).blue() > 200, "the ink stroke is missing"
    assert pixel(image, 140, 310).name() == "#ffffff", "the ink stroke is far too wide"


def test_only_the_records_page_is_painted_and_orphans_or_tombstones_never() -> None:
    layer = AnnotationLayer()
    layer.set_annotations(
        [
            record("highlight", id="p1", page=1, quads=[quad(90, 700, 200, 714)]),
            record("highlight", id="o", quads=[quad(90, 600, 200, 614)],
                   anchor={"state": "orphaned"}),
            record("highlight", id="d", quads=[quad(90, 500, 200, 514)], deleted=True),
        ]
    )  # fmt: skip
    image = paint(layer, page=0)
    assert image == page_image(), "page 0 must stay blank: nothing of it is placed there"
    assert [s.id for s in layer.shapes_on(1)] == ["p1"]


def test_shapes_are_built_once_and_only_changed_pages_repaint(qtbot: QtBot) -> None:
    layer = AnnotationLayer()
    first = [record("highlight", id="a", revision=1, quads=[quad(90, 700, 200, 714)]),
             record("note", id="b", page=3, revision=1, rect=[10, 10, 30, 30])]  # fmt: skip
    layer.set_annotations(first)
    shape = layer.shape("a")
    repainted: list[int] = []
    layer.repaint_page.connect(repainted.append)
    layer.set_annotations(first)
    assert layer.shape("a") is shape and repainted == [], "nothing changed, nothing rebuilt"
    layer.set_annotations([first[0], dict(first[1], revision=2, page=4)])
    assert layer.shape("a") is shape
    assert sorted(repainted) == [3, 4], f"the note moved from page 3 to 4: {repainted}"


def _mouse(kind: QEvent.Type, x: float, y: float) -> QMouseEvent:
    point = geometry().to_view(x, y)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    button = none if kind == QEvent.Type.MouseMove else left
    buttons = none if kind == QEvent.Type.MouseButtonRelease else left
    return QMouseEvent(kind, point, point, button, buttons, Qt.KeyboardModifier.NoModifier)


def test_dragging_with_the_ink_tool_makes_a_stroke_in_pdf_points(qtbot: QtBot) -> None:
    layer = AnnotationLayer()
    layer.set_tool(Tool.INK)
    with qtbot.waitSignal(layer.ink_drawn) as drawn:
        assert layer.mouse_event(_mouse(QEvent.Type.MouseButtonPress, 100, 500), geometry())
        for step in range(1, 11):
            layer.mouse_event(_mouse(QEvent.Type.MouseMove, 100 + step * 10, 500), geometry())
        layer.mouse_event(_mouse(QEvent.Type.MouseButtonRelease, 200, 500), geometry())
    page, stroke = drawn.args
    assert page == 0 and len(stroke) >= 10
    assert stroke[0] == pytest.approx([100, 500, 0.5], abs=0.7)
    assert stroke[-1] == pytest.approx([200, 500, 0.5], abs=0.7)


def test_a_pen_s_pressure_is_kept(qtbot: QtBot) -> None:
    layer = AnnotationLayer()
    layer.set_tool(Tool.INK)
    device = QPointingDevice.primaryPointingDevice()

    def tablet(kind: QEvent.Type, x: float, pressure: float) -> QTabletEvent:
        point = geometry().to_view(x, 400)
        return QTabletEvent(kind, device, point, point, pressure, 0, 0, 0, 0, 0,
                            Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                            Qt.MouseButton.LeftButton)  # fmt: skip

    with qtbot.waitSignal(layer.ink_drawn) as drawn:
        layer.mouse_event(tablet(QEvent.Type.TabletPress, 100, 0.2), geometry())
        layer.mouse_event(tablet(QEvent.Type.TabletMove, 150, 0.9), geometry())
        layer.mouse_event(tablet(QEvent.Type.TabletRelease, 200, 0.6), geometry())
    pressures = [p for _, _, p in drawn.args[1]]
    assert pressures == pytest.approx([0.2, 0.9, 0.6], abs=0.01)


def test_clicking_an_annotation_selects_it_and_elsewhere_leaves_text_selection_alone(
    qtbot: QtBot,
) -> None:
    layer = AnnotationLayer()
    layer.set_annotations([record("highlight", id="h", quads=[quad(90, 700, 200, 714)])])
    press = _mouse(QEvent.Type.MouseButtonPress, 150, 707)
    with qtbot.waitSignal(layer.selection_changed) as chosen:
        assert layer.mouse_event(press, geometry()), "a click on an annotation is the layer's"
    assert chosen.args == ["h"]
    image = paint(layer)
    assert pixel(image, 150, 717).blue() > 150, "a selected annotation shows its frame"
    assert not layer.mouse_event(_mouse(QEvent.Type.MouseButtonPress, 300, 300), geometry())
    assert layer.selected is None
    double = _mouse(QEvent.Type.MouseButtonDblClick, 150, 707)
    with qtbot.waitSignal(layer.edit_requested) as edit:
        layer.mouse_event(double, geometry())
    assert edit.args == ["h"]


def test_a_text_box_is_dragged_out_and_a_click_makes_a_default_one(qtbot: QtBot) -> None:
    layer = AnnotationLayer()
    layer.set_tool(Tool.FREETEXT)
    with qtbot.waitSignal(layer.box_drawn) as drawn:
        layer.mouse_event(_mouse(QEvent.Type.MouseButtonPress, 100, 500), geometry())
        layer.mouse_event(_mouse(QEvent.Type.MouseMove, 250, 450), geometry())
        layer.mouse_event(_mouse(QEvent.Type.MouseButtonRelease, 250, 450), geometry())
    assert drawn.args[1] == pytest.approx([100, 450, 250, 500], abs=0.7)
    with qtbot.waitSignal(layer.box_drawn) as clicked:
        layer.mouse_event(_mouse(QEvent.Type.MouseButtonPress, 100, 500), geometry())
        layer.mouse_event(_mouse(QEvent.Type.MouseButtonRelease, 101, 500), geometry())
    x0, y0, x1, y1 = clicked.args[1]
    assert x1 - x0 > 100 and y1 - y0 > 30 and y1 == pytest.approx(500, abs=0.7)


def rgba(image: QImage, x: int, y: int) -> tuple[int, int, int, int]:
    colour = image.pixelColor(x, y)
    return colour.red(), colour.green(), colour.blue(), colour.alpha()


def _mixed() -> list[dict[str, Any]]:
    return [
        record("highlight", id="h1", quads=[quad(90, 700, 200, 714), quad(90, 684, 150, 698)]),
        record("highlight", id="h2", color="#8BC34A", quads=[quad(150, 700, 260, 714)]),
        record("underline", id="u", color="#FF0000", quads=[quad(100, 600, 300, 620)]),
        record("note", id="n", color="#64B5F6", rect=[50, 400, 70, 420], text="Ghi chú"),
        record("freetext", id="t", rect=[200, 380, 400, 430], text="Đề nghị sửa điều 5"),
        record("ink", id="i", color="#0000FF", ink=[[[100, 300, 0.2], [180, 330, 1.0]]]),
    ]


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_the_cached_overlay_paints_exactly_what_direct_painting_does(ratio: float) -> None:
    from ui.annotate.painting import ShapePainter, batch, page_transform

    layer = AnnotationLayer()
    layer.overlay_from = 1  # cache even these few
    layer.set_annotations(_mixed())
    odd = PlainGeometry(0, SCALE, PAGE_H, QPointF(10.37, 20.61))  # a page at a sub-pixel place

    def image() -> QImage:
        made = QImage(round(700 * SCALE * ratio), round(900 * SCALE * ratio),
                      QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
        made.setDevicePixelRatio(ratio)
        made.fill(QColor("white"))
        return made

    cached, direct = image(), image()
    for target in (image(), cached):  # the second paint comes from the cache
        painter = QPainter(target)
        painter.translate(3, 5)  # the reader may hand over a translated painter
        layer.paint_page(painter, odd)
        painter.end()
        assert layer.overlays.holds(0), "the page was painted directly, not cached"
    painter = QPainter(direct)
    painter.translate(3, 5)
    shapes = layer.shapes_on(0)
    ShapePainter().paint(painter, page_transform(odd), shapes, None, batch(shapes))
    painter.end()
    worst = max(
        max(abs(a - b) for a, b in zip(rgba(cached, x, y), rgba(direct, x, y), strict=True))
        for x in range(0, cached.width(), 3)
        for y in range(0, cached.height(), 3)
    )  # fmt: skip
    assert worst <= 4, f"the cached overlay differs from direct painting by {worst} levels"


def test_a_changed_annotation_is_never_painted_from_a_stale_cache() -> None:
    layer = AnnotationLayer()
    layer.overlay_from = 1
    layer.set_annotations([record("highlight", revision=1, quads=[quad(90, 700, 200, 714)])])
    assert pixel(paint(layer), 150, 707).name() == "#ffd400"
    layer.set_annotations(
        [record("highlight", revision=2, color="#64B5F6", quads=[quad(90, 700, 200, 714)])]
    )
    assert pixel(paint(layer), 150, 707).name() == "#64b5f6", "painted from a stale cache"
