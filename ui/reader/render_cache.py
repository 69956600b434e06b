"""Rendered pages, made off the GUI thread and kept in a bounded cache.

QPdfPageRenderer in multi-threaded mode renders in its own worker thread (QtPdf takes
pdfium's lock around every call, so the GUI thread's text queries wait for it but never
run at the same time). Images are kept per (page, pixel width) in least-recently-used
order until ``budget_bytes`` is reached. While the exact size is on its way, the view
shows any other size of the same page, scaled, rather than a blank page.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer

Key = tuple[int, int, int]  # page, width, height in device pixels


class RenderCache(QObject):
    rendered = Signal(int)  # a page has a new image

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
        self._options = QPdfDocumentRenderOptions()
        self._options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)

    def image(self, page: int, size: QSize) -> tuple[QImage | None, bool]:
        """The best image of ``page`` now, and whether it is of the exact ``size``.

        An image that is missing or of another size is requested (once).
        """
        key = (page, size.width(), size.height())
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image, True
        self.request(page, size)
        for (other_page, _w, _h), other in reversed(self._images.items()):
            if other_page == page:
                return other, False
        return None, False

    def request(self, page: int, size: QSize) -> None:
        key = (page, size.width(), size.height())
        if key in self._images or key in self._pending.values() or size.isEmpty():
            return
        request_id = self._renderer.requestPage(page, size, self._options)
        self._pending[request_id] = key

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
