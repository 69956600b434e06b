"""Text of a PDF, page by page, read once with pdfium (pypdfium2) for the search index.

Runs outside the store's writer: extraction is the slow part, and the writer should
hold SQLite's lock only for the inserts.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from ecabinet.errors import InputError
from ecabinet.pdf.pdfium_lock import PDFIUM_LOCK


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
