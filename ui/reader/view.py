"""PaperView: every page of a paper in one continuous, smoothly scrolled strip.

Pages are laid out from their sizes (``layout.PageLayout``), rendered off the GUI
thread (``render_cache.RenderCache``) and painted on white (QtPdf renders on a
transparent background). Over each visible page the view paints find hits, the text
selection, then each ``PageLayer`` in order; only visible pages are painted.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTabletEvent,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument, QPdfSelection
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from ui.reader.layers import PageFrame, PageLayer
from ui.reader.layout import SPACING, PageLayout
from ui.reader.render_cache import RenderCache
from ui.reader.selection import TextSelection, selection_rects, text_selection

ZOOM_STEP = 1.2
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
SIZES_PER_TICK = 200  # page sizes read per idle tick after opening
RENDER_BUDGET = 192 << 20  # bytes of rendered pages kept per paper
FIND_COLOR = QColor(255, 213, 0, 90)
CURRENT_FIND_COLOR = QColor(255, 120, 0, 150)
SELECTION_COLOR = QColor(0, 110, 220, 80)


class ZoomMode(Enum):
    FIT_WIDTH = "fit-width"
    FIT_PAGE = "fit-page"
    CUSTOM = "custom"


class PaperView(QAbstractScrollArea):
    current_page_changed = Signal(int)
    zoom_changed = Signal()
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paperView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setAutoFillBackground(False)
        self.document: QPdfDocument | None = None
        self.strip: PageLayout | None = None
        self.cache: RenderCache | None = None
        self.layers: list[PageLayer] = []
        self.zoom_mode = ZoomMode.FIT_WIDTH
        self.custom_zoom = 1.0
        self.find_marks: dict[int, list[QRectF]] = {}  # QtPdf points per page
        self.current_mark: tuple[int, list[QRectF]] | None = None
        self._current = 0
        self._jumping = False
        self._selection: QPdfSelection | None = None
        self._selection_page = -1
        self._anchor = QPointF()
        self._grabbed: PageLayer | None = None
        self._sizes_timer = QTimer(self)
        self._sizes_timer.setInterval(0)
        self._sizes_timer.timeout.connect(self._learn_sizes)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- document -----------------------------------------------------------
    def set_document(self, document: QPdfDocument | None) -> None:
        self.document = document
        self._selection, self._selection_page = None, -1
        self.find_marks, self.current_mark = {}, None
        if self.cache is not None:
            self.cache.deleteLater()
            self.cache = None
        self.strip = None
        self._current = 0
        if document is not None and document.pageCount() > 0:
            self.strip = PageLayout(document.pageCount(), self._page_size)
            self.cache = RenderCache(document, RENDER_BUDGET, self)
            self.cache.rendered.connect(self._on_rendered)
            self._sizes_timer.start()
        self._relayout()
        self.viewport().update()

    def _page_size(self, page: int) -> tuple[float, float]:
        assert self.document is not None
        size = self.document.pagePointSize(page)
        return (size.width() or 595.0, size.height() or 842.0)

    def page_count(self) -> int:
        return self.strip.count if self.strip is not None else 0

    def _learn_sizes(self) -> None:
        strip = self.strip
        if strip is None or strip.complete():
            self._sizes_timer.stop()
            return
        anchor = self._top_anchor()
        if strip.learn(strip.known + SIZES_PER_TICK):
            self._relayout(anchor)

    # -- zoom ---------------------------------------------------------------
    def base_scale(self) -> float:
        """Pixels per point at 100 %: real size on this screen."""
        return self.logicalDpiY() / 72.0

    def zoom(self) -> float:
        """The true zoom factor, in fit modes too (1.0 = 100 %)."""
        if self.strip is None or self.zoom_mode is ZoomMode.CUSTOM:
            return self.custom_zoom
        width, height = self.strip.max_size()
        base = self.base_scale()
        available = self.viewport().width() - 2 * SPACING
        factor = available / (width * base)
        if self.zoom_mode is ZoomMode.FIT_PAGE:
            factor = min(factor, (self.viewport().height() - 2 * SPACING) / (height * base))
        return max(MIN_ZOOM, min(MAX_ZOOM, factor))

    def set_zoom_mode(self, mode: ZoomMode) -> None:
        anchor = self._top_anchor()
        self.zoom_mode = mode
        self._relayout(anchor)

    def set_zoom(self, factor: float) -> None:
        anchor = self._top_anchor()
        self.custom_zoom = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.zoom_mode = ZoomMode.CUSTOM
        self._relayout(anchor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    # -- layout and scrolling -----------------------------------------------
    def _top_anchor(self) -> tuple[int, float] | None:
        """The page at the top of the view and how far into it, in points."""
        if self.strip is None or not self.strip.tops:
            return None
        y = float(self.verticalScrollBar().value())
        page = self.strip.page_at(y)
        return page, (y - self.strip.tops[page]) / self.strip.scale

    def _relayout(self, anchor: tuple[int, float] | None = None) -> None:
        strip = self.strip
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        if strip is None:
            vbar.setRange(0, 0)
            hbar.setRange(0, 0)
            self.zoom_changed.emit()
            return
        strip.set_scale(self.zoom() * self.base_scale())
        view = self.viewport().size()
        self._jumping = True
        vbar.setRange(0, max(0, round(strip.height - view.height())))
        vbar.setPageStep(view.height())
        vbar.setSingleStep(40)
        hbar.setRange(0, max(0, round(strip.width - view.width())))
        hbar.setPageStep(view.width())
        hbar.setSingleStep(40)
        if anchor is not None:
            page, offset = anchor
            vbar.setValue(round(strip.tops[page] + offset * strip.scale))
        self._jumping = False
        self.zoom_changed.emit()
        self.viewport().update()

    def page_rect(self, page: int) -> QRectF:
        """Where ``page`` is, in viewport pixels."""
        assert self.strip is not None
        strip = self.strip
        width = strip.page_width(page)
        strip_width = max(strip.width, float(self.viewport().width()))
        x = (strip_width - width) / 2 - self.horizontalScrollBar().value()
        y = strip.tops[page] - self.verticalScrollBar().value()
        return QRectF(x, y, width, strip.page_height(page))

    def frame(self, page: int) -> PageFrame:
        assert self.strip is not None
        return PageFrame(page, self.page_rect(page), self.strip.scale, self.strip.sizes[page][1])

    def visible_pages(self) -> range:
        if self.strip is None:
            return range(0)
        top = float(self.verticalScrollBar().value())
        return self.strip.visible(top, top + self.viewport().height())

    def frame_at(self, pos: QPointF) -> PageFrame | None:
        for page in self.visible_pages():
            frame = self.frame(page)
            if frame.rect.contains(pos):
                return frame
        return None

    def current_page(self) -> int:
        return self._current

    def go_to(self, page: int, qt_rect: QRectF | None = None) -> None:
        """Show ``page`` from its top, or scrolled so that ``qt_rect`` (QtPdf points) shows."""
        strip = self.strip
        if strip is None or not 0 <= page < strip.count:
            return
        if not strip.complete() and strip.learn(page + 1):
            self._relayout()
        vbar = self.verticalScrollBar()
        target = strip.tops[page] - SPACING
        if qt_rect is not None:
            rect_top = strip.tops[page] + qt_rect.top() * strip.scale
            rect_bottom = strip.tops[page] + qt_rect.bottom() * strip.scale
            if vbar.value() <= rect_top and rect_bottom <= vbar.value() + self.viewport().height():
                target = vbar.value()  # already in sight: do not move
            else:
                target = rect_top - self.viewport().height() / 3
        self._jumping = True
        vbar.setValue(round(target))
        self._jumping = False
        self._set_current(page)
        self.viewport().update()

    def _on_scrolled(self, value: int) -> None:
        if self._jumping or self.strip is None:
            return
        vbar = self.verticalScrollBar()
        height = self.viewport().height()
        probe = value + height - 1 if value >= vbar.maximum() > 0 else value + height * 0.3
        self._set_current(self.strip.page_at(probe))

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self.current_page_changed.emit(page)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout(self._top_anchor())

    # -- painting -----------------------------------------------------------
    def _on_rendered(self, page: int) -> None:
        if page in self.visible_pages():
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().dark())
        if self.strip is None or self.cache is None:
            return
        ratio = self.devicePixelRatioF()
        pages = self.visible_pages()
        for page in pages:
            frame = self.frame(page)
            rect = frame.rect
            painter.fillRect(rect, Qt.GlobalColor.white)
            size = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
            image, _exact = self.cache.image(page, size)
            if image is not None:
                painter.drawImage(rect, image)
            self._paint_marks(painter, frame)
            for layer in self.layers:
                painter.save()
                layer.paint_page(painter, frame)
                painter.restore()
        if pages and pages[-1] + 1 < self.strip.count:  # the next page, ahead of time
            rect = self.page_rect(pages[-1] + 1)
            self.cache.request(
                pages[-1] + 1, QSize(round(rect.width() * ratio), round(rect.height() * ratio))
            )

    def _paint_marks(self, painter: QPainter, frame: PageFrame) -> None:
        for rect in self.find_marks.get(frame.page, ()):
            painter.fillRect(frame.qt_rect_to_view(rect), FIND_COLOR)
        if self.current_mark is not None and self.current_mark[0] == frame.page:
            for rect in self.current_mark[1]:
                painter.fillRect(frame.qt_rect_to_view(rect), CURRENT_FIND_COLOR)
        if self._selection is not None and self._selection_page == frame.page:
            for rect in selection_rects(self._selection):
                painter.fillRect(frame.qt_rect_to_view(rect), SELECTION_COLOR)

    # -- selection ----------------------------------------------------------
    def selection(self) -> TextSelection | None:
        if self._selection is None or self.strip is None or not self._selection.text():
            return None
        height = self.strip.sizes[self._selection_page][1]
        return text_selection(self._selection_page, self._selection, height)

    def select(self, page: int, start: int, length: int) -> None:
        """Select ``length`` characters of ``page`` from pdfium index ``start``."""
        if self.document is None:
            return
        self._selection = self.document.getSelectionAtIndex(page, start, length)
        self._selection_page = page
        self.viewport().update()
        self.selection_changed.emit()

    def clear_selection(self) -> None:
        if self._selection is not None:
            self._selection, self._selection_page = None, -1
            self.viewport().update()
            self.selection_changed.emit()

    def copy_selection(self) -> None:
        chosen = self.selection()
        if chosen is not None:
            QApplication.clipboard().setText(chosen.text)

    def _drag_to(self, pos: QPointF) -> None:
        if self.document is None or self._selection_page < 0:
            return
        frame = self.frame(self._selection_page)
        point = frame.view_to_qt(pos)
        width, height = self.strip.sizes[frame.page] if self.strip else (0.0, 0.0)
        point = QPointF(min(max(point.x(), 0.0), width), min(max(point.y(), 0.0), height))
        self._selection = self.document.getSelection(frame.page, self._anchor, point)
        self.viewport().update()

    # -- input --------------------------------------------------------------
    def _to_layers(self, event: QMouseEvent | QTabletEvent, frame: PageFrame | None) -> bool:
        if self._grabbed is not None and frame is not None:
            consumed = self._grabbed.mouse_event(event, frame)
            if event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.TabletRelease):
                self._grabbed = None
            return consumed
        if frame is None:
            return False
        for layer in self.layers:
            if layer.mouse_event(event, frame):
                if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TabletPress):
                    self._grabbed = layer
                return True
        return False

    _grabbed_page = -1

    def viewportEvent(self, event: QEvent) -> bool:
        kinds = (QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease)
        if event.type() in kinds and isinstance(event, QTabletEvent):
            frame = (
                self.frame(self._grabbed_page)
                if self._grabbed is not None
                else self.frame_at(event.position())
            )
            if frame is not None and self._to_layers(event, frame):
                if self._grabbed is not None:
                    self._grabbed_page = frame.page
                event.accept()
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        frame = self.frame_at(event.position())
        if self._to_layers(event, frame):
            if frame is not None:
                self._grabbed_page = frame.page
            return
        had = self._selection is not None
        self._selection, self._selection_page = None, -1
        if frame is not None and event.button() == Qt.MouseButton.LeftButton:
            self._selection_page = frame.page
            self._anchor = frame.view_to_qt(event.position())
        if had:
            self.viewport().update()
            self.selection_changed.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grabbed is not None:
            self._to_layers(event, self.frame(self._grabbed_page))
            return
        if event.buttons() & Qt.MouseButton.LeftButton and self._selection_page >= 0:
            self._drag_to(event.position())
        elif not event.buttons():
            self._to_layers(event, self.frame_at(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._grabbed is not None:
            self._to_layers(event, self.frame(self._grabbed_page))
            return
        if self._selection_page >= 0:
            self._drag_to(event.position())
            if self._selection is None or not self._selection.text():
                self._selection, self._selection_page = None, -1
            self.selection_changed.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP**steps)
            event.accept()
            return
        pixels = event.pixelDelta()
        if pixels.isNull():  # a mouse wheel: three lines a notch
            dx = -event.angleDelta().x() * 40 * 3 // 120
            dy = -event.angleDelta().y() * 40 * 3 // 120
        else:  # a touchpad: follow the fingers pixel for pixel
            dx, dy = -pixels.x(), -pixels.y()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        page = self._current
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif key == Qt.Key.Key_PageDown:
            self.go_to(page + 1)
        elif key == Qt.Key.Key_PageUp:
            at_top = self.strip is None or vbar.value() <= self.strip.tops[page] - SPACING + 1
            self.go_to(page - 1 if at_top else page)
        elif key == Qt.Key.Key_Space:
            step = vbar.pageStep() - 40
            vbar.setValue(vbar.value() + (-step if shift else step))
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.page_count() - 1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = vbar.singleStep() if key == Qt.Key.Key_Down else -vbar.singleStep()
            vbar.setValue(vbar.value() + step)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            forward = key == Qt.Key.Key_Right
            if hbar.maximum() > 0:
                hbar.setValue(hbar.value() + (hbar.singleStep() if forward else -hbar.singleStep()))
            else:
                self.go_to(page + 1 if forward else page - 1)
        elif key == Qt.Key.Key_Escape and self._selection is not None:
            self.clear_selection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
