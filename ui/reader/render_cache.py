"""Rendered pages, made off the GUI thread and kept in a bounded cache.

QPdfPageRenderer in multi-threaded mode renders in its own worker thread (QtPdf takes
pdfium's lock around every call, so the GUI thread's text queries wait for it but never
run at the same time). Images are kept per (page, pixel width) in least-recently-used
order until ``budget_bytes`` is reached. While the exact size is on its way, the view
shows any other size of the same page, scaled, rather than a blank page.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer

# page, width, height of the whole page in device pixels, then the tile's x, y, width,
# height within it (all zero for the whole page).
Key = tuple[int, int, int, int, int, int, int]
NO_CLIP = (0, 0, 0, 0)
HOLD_MS = 150


class RenderCache(QObject):
    rendered = Signal(int)  # a page has a new image
    settled = Signal()  # the size stopped changing: exact images may be asked for now

    def __init__(
        self, document: QPdfDocument, budget_bytes: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.budget_bytes = budget_bytes
        self._images: OrderedDict[Key, QImage] = OrderedDict()
        self._bytes = 0
        self._pending: dict[int, Key] = {}  # request id -> key
        self._renderer = QPdfPageRenderer(self)
        self._renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self._renderer.setDocument(document)
        self._renderer.pageRendered.connect(self._on_rendered)
        # While the size keeps changing (a window resized, Ctrl+wheel), stand-ins are
        # shown and nothing new is rendered: the queue holds only the size that stays.
        self._holding = QTimer(self)
        self._holding.setSingleShot(True)
        self._holding.setInterval(HOLD_MS)
        self._holding.timeout.connect(self.settled)
        self._options = QPdfDocumentRenderOptions()
        self._options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)

    def image(self, page: int, size: QSize) -> tuple[QImage | None, bool]:
        """The best image of ``page`` now, and whether it is of the exact ``size``.

        An image that is missing or of another size is requested (once).
        """
        key = (page, size.width(), size.height(), *NO_CLIP)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image, True
        stand_in = None
        for other_key, other in reversed(self._images.items()):
            if other_key[0] == page and other_key[3:] == NO_CLIP:
                stand_in = other
                break
        if stand_in is None or not self._holding.isActive():
            self.request(page, size)
        return stand_in, False

    def holding(self) -> bool:
        return self._holding.isActive()

    def hold(self) -> None:
        """The size is changing: render nothing new for a moment (``settled`` follows)."""
        self._holding.start()

    def tile(self, page: int, size: QSize, clip: QRect) -> QImage | None:
        """The part ``clip`` of ``page`` rendered at ``size`` (requested when missing).

        Pages zoomed far in are drawn in tiles, never as one image of hundreds of MB.
        """
        key = (page, size.width(), size.height(), clip.x(), clip.y(), clip.width(), clip.height())
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        if not self._holding.isActive():
            self.request(page, size, clip)
        return None

    def request(self, page: int, size: QSize, clip: QRect | None = None) -> None:
        box = NO_CLIP if clip is None else (clip.x(), clip.y(), clip.width(), clip.height())
        key = (page, size.width(), size.height(), *box)
        if key in self._images or key in self._pending.values() or size.isEmpty():
            return
        options = self._options
        if clip is not None:
            options = QPdfDocumentRenderOptions(self._options)
            options.setScaledSize(size)
            options.setScaledClipRect(clip)
        request_id = self._renderer.requestPage(
            page, size if clip is None else clip.size(), options
        )
        self._pending[request_id] = key

    def has_page(self, page: int) -> bool:
        """True once some image of ``page`` is cached."""
        return any(key[0] == page for key in self._images)

    def pending(self) -> int:
        return len(self._pending)

    def clear(self) -> None:
        self._images.clear()
        self._bytes = 0

    def _on_rendered(
        self, page: int, _size: QSize, image: QImage, _options: object, request_id: int
    ) -> None:
        key = self._pending.pop(request_id, None)
        if key is None or image.isNull():
            return
        image = on_white(image)
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.budget_bytes and len(self._images) > 1:
            _key, old = self._images.popitem(last=False)
            self._bytes -= old.sizeInBytes()
        self.rendered.emit(page)


def on_white(image: QImage) -> QImage:
    """QtPdf renders on a transparent background: put the page on white paper."""
    opaque = QImage(image.size(), QImage.Format.Format_RGB32)
    opaque.fill(QColor("white"))
    painter = QPainter(opaque)
    painter.drawImage(0, 0, image)
    painter.end()
    return opaque
