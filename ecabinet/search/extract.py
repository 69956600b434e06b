"""Text of a PDF, page by page, read once with pdfium (pypdfium2) for the search index.

Runs outside the store's writer: extraction is the slow part, and the writer should
hold SQLite's lock only for the inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium

from ecabinet.errors import InputError
from ecabinet.pdf.pdfium_lock import PDFIUM_LOCK

T = TypeVar("T")
R = TypeVar("R")


def page_texts(source: Path | bytes) -> list[str]:
    """Each page's text as pdfium gives it (``PdfTextPage.get_text_range()``), in order.

    Raises ``InputError`` (code ``pdf_unreadable``) for a corrupt or password-protected
    file: such a paper is not searchable, and says so, rather than stopping a sync.
    ``source`` is a path or the PDF's bytes (a sealed paper, decrypted in memory).
    Holds the process-wide pdfium lock while it reads.
    """
    with PDFIUM_LOCK:
        return _page_texts(source)


def _page_texts(source: Path | bytes) -> list[str]:
    try:
        pdf = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except pdfium.PdfiumError as exc:
        raise InputError(
            "Không đọc được nội dung tệp PDF để tìm kiếm (tệp hỏng hoặc có mật khẩu).",
            code="pdf_unreadable",
            message_en=f"Cannot read the PDF's text for search: {exc}",
        ) from exc
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    texts.append(str(textpage.get_text_range()))
                finally:
                    textpage.close()
            finally:
                page.close()
        return texts
    except pdfium.PdfiumError as exc:
        raise InputError(
            "Không đọc được nội dung tệp PDF để tìm kiếm (tệp hỏng).",
            code="pdf_unreadable",
            message_en=f"Cannot read the PDF's text for search: {exc}",
        ) from exc
    finally:
        pdf.close()


def extracted_ahead(items: Sequence[T], extract: Callable[[T], R]) -> Iterator[tuple[T, Future[R]]]:
    """Each item with the future of ``extract(item)``, the next one's extraction running in
    one background thread while the caller writes the current one into the index.

    pdfium (through ctypes) and SQLite both release the GIL, so on two cores extraction
    and FTS5 inserts overlap instead of taking turns. At most two results are held.
    """
    if not items:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-extract") as pool:
        future = pool.submit(extract, items[0])
        for number, item in enumerate(items):
            following = pool.submit(extract, items[number + 1]) if number + 1 < len(items) else None
            yield item, future
            if following is None:
                break
            future = following
