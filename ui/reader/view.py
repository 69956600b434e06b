"""PaperView: every page of a paper in one continuous, smoothly scrolled strip.

Pages are laid out from their sizes (``layout.PageLayout``), rendered off the GUI
thread (``render_cache.RenderCache``) and painted on white (QtPdf renders on a
transparent background). Over each visible page the view paints find hits, the text
selection, then each ``PageLayer`` in order; only visible pages are painted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTabletEvent,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from ui.reader.keys import ZOOM_STEP, handle_key, handle_wheel
from ui.reader.layers import PageFrame, PageLayer
from ui.reader.layout import SPACING, PageLayout, ZoomMode
from ui.reader.painting import paint_marks, paint_page, whole_page_size
from ui.reader.pointer import TABLET, Pointer
from ui.reader.render_cache import RenderCache
from ui.reader.selection import TextSelection, text_selection

MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
SIZES_PER_TICK = 200  # page sizes read per idle tick after opening
RENDER_BUDGET = 192 << 20  # bytes of rendered pages kept per paper


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
        self.viewport().setMouseTracking(True)  # hover reaches the layers
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
        self.pointer = Pointer(self)
        self._sizes_timer = QTimer(self)
        self._sizes_timer.setInterval(0)
        self._sizes_timer.timeout.connect(self._learn_sizes)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- document -----------------------------------------------------------
    def set_document(self, document: QPdfDocument | None) -> None:
        self.document = document
        self.pointer.reset()
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
            self.cache.settled.connect(self.viewport().update)
            self._sizes_timer.start()
        self._relayout()  # repaints too

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

    def set_zoom(self, factor: float, at: QPointF | None = None) -> None:
        """Zoom keeping the top of the view in place, or the point ``at`` (the cursor)."""
        if at is None or self.strip is None:
            anchor = self._top_anchor()
            self.custom_zoom = max(MIN_ZOOM, min(MAX_ZOOM, factor))
            self.zoom_mode = ZoomMode.CUSTOM
            self._relayout(anchor)
            return
        frame = self.frame(self.strip.page_at(self.verticalScrollBar().value() + at.y()))
        point = frame.view_to_qt(at)  # QtPdf points under the cursor
        self.custom_zoom = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.zoom_mode = ZoomMode.CUSTOM
        self._relayout()
        moved = self.frame(frame.page).qt_to_view(point) - at
        for bar, delta in (
            (self.horizontalScrollBar(), moved.x()),
            (self.verticalScrollBar(), moved.y()),
        ):
            bar.setValue(round(bar.value() + delta))

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
        scale = self.zoom() * self.base_scale()
        if scale != strip.scale and self.cache is not None:
            self.cache.hold()
        strip.set_scale(scale)
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
        hbar, width = self.horizontalScrollBar(), self.viewport().width()
        if qt_rect is not None and hbar.maximum() > 0:  # zoomed wider than the view
            left = (max(strip.width, width) - strip.page_width(page)) / 2
            left += qt_rect.left() * strip.scale
            if left < hbar.value() or left + qt_rect.width() * strip.scale > hbar.value() + width:
                hbar.setValue(round(left - width / 3))
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
            painter.fillRect(frame.rect, Qt.GlobalColor.white)
            paint_page(painter, self.cache, frame, ratio, QRectF(self.viewport().rect()))
            page = frame.page
            current = (
                self.current_mark[1] if self.current_mark and self.current_mark[0] == page else []
            )
            chosen = self.pointer.selection if self.pointer.page == page else None
            paint_marks(painter, frame, self.find_marks.get(page, []), current, chosen)
            for layer in self.layers:
                painter.save()
                layer.paint_page(painter, frame)
                painter.restore()
        if pages and pages[-1] + 1 < self.strip.count and not self.cache.holding():  # ahead
            rect = self.page_rect(pages[-1] + 1)
            self.cache.request(pages[-1] + 1, whole_page_size(rect, ratio)[1])

    # -- selection ----------------------------------------------------------
    def selection(self) -> TextSelection | None:
        chosen, page = self.pointer.selection, self.pointer.page
        if chosen is None or self.strip is None or page < 0 or not chosen.text():
            return None
        return text_selection(page, chosen, self.strip.sizes[page][1])

    def select(self, page: int, start: int, length: int) -> None:
        """Select ``length`` characters of ``page`` from pdfium index ``start``."""
        if self.document is None:
            return
        self.pointer.selection = self.document.getSelectionAtIndex(page, start, length)
        self.pointer.page = page
        self.viewport().update()
        self.selection_changed.emit()

    def clear_selection(self) -> None:
        if self.pointer.selection is not None:
            self.pointer.selection, self.pointer.page = None, -1
            self.viewport().update()
            self.selection_changed.emit()

    def copy_selection(self) -> None:
        chosen = self.selection()
        if chosen is not None:
            QApplication.clipboard().setText(chosen.text)

    # -- input --------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if (
            event.type() in TABLET
            and isinstance(event, QTabletEvent)
            and self.pointer.tablet(event)
        ):
            event.accept()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        self.pointer.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.pointer.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.pointer.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.pointer.double_click(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        handle_wheel(self, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if handle_key(self, event):
            event.accept()
        else:
            super().keyPressEvent(event)
