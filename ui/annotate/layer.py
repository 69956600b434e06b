"""The reader's page layer that paints annotations and turns pointer input into drafts.

Shapes are indexed by page and built once per record revision, so a repaint touches
only the visible page's shapes (the 16 ms budget with 500 annotations: bench/).
What the pointer makes (a stroke, a point, a box) leaves as a signal; the controller
turns it into a Workspace write through the undo stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QTabletEvent

from ui.annotate.overlay import OverlayCache
from ui.annotate.painting import (
    Batch,
    Geometry,
    ShapePainter,
    batch,
    page_transform,
    paint_pending_box,
    paint_pending_ink,
)
from ui.annotate.shapes import NOTE_SIZE, Shape, shape_of

HIT_SLACK_PIXELS = 4.0
# From this many annotations on a page, repaints come from a cached overlay; below it,
# painting the paths directly costs less than compositing two page-sized images.
OVERLAY_FROM = 40
MIN_BOX_POINTS = 24.0
DEFAULT_BOX = (180.0, 48.0)  # a text box made by a click, in points


class Tool(Enum):
    SELECT = "select"
    HIGHLIGHT = "highlight"
    UNDERLINE = "underline"
    STRIKEOUT = "strikeout"
    NOTE = "note"
    FREETEXT = "freetext"
    INK = "ink"

    @property
    def marks_text(self) -> bool:
        return self in (Tool.HIGHLIGHT, Tool.UNDERLINE, Tool.STRIKEOUT)


def _revision_key(record: Mapping[str, Any]) -> tuple[Any, ...]:
    anchor = record.get("anchor")
    return (
        record.get("revision"),
        record.get("updated_at"),
        record.get("page"),
        record.get("color"),
        record.get("text"),
        str(record.get("rect")),
        str(anchor),
        bool(record.get("deleted")),
    )


class AnnotationLayer(QObject):
    """A ``PageLayer`` (ui/reader/layers.py): paints and edits one document's annotations."""

    repaint_page = Signal(int)
    selection_changed = Signal(object)  # the selected annotation's id, or None
    edit_requested = Signal(str)  # double-click on an annotation
    ink_drawn = Signal(int, object)  # page, [[x, y, pressure], ...]
    note_placed = Signal(int, float, float)  # page, x, y (PDF points, the icon's top-left)
    box_drawn = Signal(int, object)  # page, [x0, y0, x1, y1]
    text_released = Signal()  # the mouse let go of a text selection while a marker is chosen

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tool = Tool.SELECT
        self.color = QColor("#FFD400")
        self._by_page: dict[int, list[Shape]] = {}
        self._batches: dict[int, list[Batch]] = {}  # built at a page's first paint
        self._shapes: dict[str, tuple[tuple[Any, ...], Shape]] = {}
        self._painter = ShapePainter()
        self.overlays = OverlayCache(self._painter)
        self.overlay_from = OVERLAY_FROM
        self.paint_orphans = False  # True on an older version's reader
        self.selected: str | None = None
        self._ink: list[tuple[float, float, float]] = []
        self._ink_page: int | None = None
        self._box_start: tuple[int, float, float] | None = None
        self._box: QRectF | None = None

    # -- data ---------------------------------------------------------------
    def set_annotations(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Show these records; shapes of unchanged records are kept as they were."""
        old_pages = set(self._by_page)
        fresh: dict[str, tuple[tuple[Any, ...], Shape]] = {}
        by_page: dict[int, list[Shape]] = {}
        for record in records:
            key = _revision_key(record)
            record_id = str(record.get("id", ""))
            cached = self._shapes.get(record_id)
            if cached is not None and cached[0] == key:
                shape: Shape | None = cached[1]
            else:
                shape = shape_of(record, orphans=self.paint_orphans)
            if shape is None:
                continue
            fresh[record_id] = (key, shape)
            by_page.setdefault(shape.page, []).append(shape)
        changed: set[int] = set()
        for record_id, (key, shape) in fresh.items():
            before = self._shapes.get(record_id)
            if before is None or before[0] != key:
                changed.add(shape.page)
                if before is not None:
                    changed.add(before[1].page)  # it moved to another page
        changed |= {s.page for k, (_, s) in self._shapes.items() if k not in fresh}
        self._shapes, self._by_page = fresh, by_page
        for page in changed | (old_pages ^ set(by_page)):
            self._batches.pop(page, None)
            self.overlays.forget(page)
        self._painter.forget(fresh)
        if self.selected is not None and self.selected not in fresh:
            self.select(None)
        for page in sorted(changed | (old_pages ^ set(by_page))):
            self.repaint_page.emit(page)

    def clear(self) -> None:
        self.set_annotations(())

    def shapes_on(self, page: int) -> list[Shape]:
        return self._by_page.get(page, [])

    def shape(self, annotation_id: str) -> Shape | None:
        found = self._shapes.get(annotation_id)
        return found[1] if found else None

    def select(self, annotation_id: str | None) -> None:
        if annotation_id == self.selected:
            return
        shapes = (self.shape(self.selected or ""), self.shape(annotation_id or ""))
        self.selected = annotation_id
        for page in {s.page for s in shapes if s is not None}:
            self.repaint_page.emit(page)
        self.selection_changed.emit(annotation_id)

    def set_tool(self, tool: Tool) -> None:
        self.tool = tool
        self._cancel_pending()

    def hit(self, page: int, x: float, y: float, slack: float = 2.0) -> Shape | None:
        """The topmost annotation under (x, y) in PDF points on ``page``."""
        for shape in reversed(self._by_page.get(page, [])):
            if shape.hit(x, y, slack):
                return shape
        return None

    # -- PageLayer ------------------------------------------------------------
    def paint_page(self, painter: QPainter, geometry: Geometry) -> None:
        page = geometry.page
        shapes = self._by_page.get(page)
        pending = self._ink_page == page or (self._box_start and self._box_start[0] == page)
        if not shapes and not pending:
            return
        transform = page_transform(geometry)
        if shapes:
            if page not in self._batches:
                self._batches[page] = batch(shapes)
            batches = self._batches[page]
            crowded = len(shapes) >= self.overlay_from
            if crowded and self.overlays.paint(painter, transform, page, shapes, batches):
                chosen = self.shape(self.selected) if self.selected else None
                if chosen is not None and chosen.page == page:
                    self._painter.handles(painter, transform, chosen)
            else:
                self._painter.paint(painter, transform, shapes, self.selected, batches)
        if self._ink_page == page:
            paint_pending_ink(painter, transform, self._ink, self.color)
        if self._box is not None and self._box_start and self._box_start[0] == page:
            paint_pending_box(painter, transform, self._box, self.color)

    def mouse_event(self, event: QMouseEvent | QTabletEvent, geometry: Geometry) -> bool:
        kind = event.type()
        press = kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TabletPress)
        move = kind in (QEvent.Type.MouseMove, QEvent.Type.TabletMove)
        release = kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TabletRelease)
        double = kind == QEvent.Type.MouseButtonDblClick
        if press and event.button() != Qt.MouseButton.LeftButton:
            return False
        x, y = geometry.to_pdf(event.position())
        page = geometry.page
        if self.tool == Tool.INK:
            return self._ink_event(event, page, x, y, press, move, release)
        if self.tool == Tool.FREETEXT:
            return self._box_event(page, x, y, press, move, release)
        if self.tool == Tool.NOTE:
            if release:
                self.note_placed.emit(page, x, y)
            return press or move or release
        if self.tool.marks_text:
            if release:
                self.text_released.emit()
            return False
        return self._select_event(page, x, y, geometry.scale, press, double)

    def _select_event(
        self, page: int, x: float, y: float, scale: float, press: bool, double: bool
    ) -> bool:
        if not (press or double):
            return False
        shape = self.hit(page, x, y, HIT_SLACK_PIXELS / max(scale, 1e-6))
        if shape is None:
            if press:
                self.select(None)
            return False  # the reader selects text instead
        self.select(shape.id)
        if double:
            self.edit_requested.emit(shape.id)
        return True

    def _ink_event(
        self,
        event: QMouseEvent | QTabletEvent,
        page: int,
        x: float,
        y: float,
        press: bool,
        move: bool,
        release: bool,
    ) -> bool:
        pressure = event.pressure() if isinstance(event, QTabletEvent) else 0.5
        if press:
            self._ink, self._ink_page = [(x, y, pressure)], page
        elif (move or release) and self._ink_page == page and self._ink:
            last = self._ink[-1]
            if (last[0] - x) ** 2 + (last[1] - y) ** 2 > 0.25:  # skip sub-half-point jitter
                self._ink.append((x, y, pressure))
        elif not (move or release):
            return False
        if self._ink_page is not None:
            self.repaint_page.emit(self._ink_page)
        if release and self._ink_page is not None:
            stroke = [[round(a, 2), round(b, 2), round(p, 3)] for a, b, p in self._ink]
            done_page = self._ink_page
            self._ink, self._ink_page = [], None
            self.repaint_page.emit(done_page)
            if stroke:
                self.ink_drawn.emit(done_page, stroke)
        return True

    def _box_event(
        self, page: int, x: float, y: float, press: bool, move: bool, release: bool
    ) -> bool:
        if press:
            self._box_start = (page, x, y)
            self._box = QRectF(QPointF(x, y), QPointF(x, y))
        elif self._box_start is not None and self._box_start[0] == page and (move or release):
            _, x0, y0 = self._box_start
            self._box = QRectF(QPointF(min(x0, x), min(y0, y)), QPointF(max(x0, x), max(y0, y)))
        else:
            return move or release
        self.repaint_page.emit(page)
        if release and self._box is not None and self._box_start is not None:
            box, (_, x0, y0) = self._box, self._box_start
            if box.width() < MIN_BOX_POINTS or box.height() < MIN_BOX_POINTS / 2:
                width, height = DEFAULT_BOX
                box = QRectF(x0, y0 - height, width, height)  # a click: a box below it
            self._box_start, self._box = None, None
            self.repaint_page.emit(page)
            self.box_drawn.emit(page, [box.left(), box.top(), box.right(), box.bottom()])
        return True

    def _cancel_pending(self) -> None:
        pages = [self._ink_page, self._box_start[0] if self._box_start else None]
        self._ink, self._ink_page, self._box_start, self._box = [], None, None, None
        for page in set(pages):
            if page is not None:
                self.repaint_page.emit(page)


def note_rect(x: float, y: float) -> list[float]:
    """A note's rect for a click at (x, y): the icon hangs below and right of the point."""
    return [x, y - NOTE_SIZE, x + NOTE_SIZE, y]
