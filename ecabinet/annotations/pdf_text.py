"""A document version opened with pdfium for text work: its text, and quads for a range.

Geometry is in PDF points in the page's default user space, unrotated, exactly as
pdfium's char boxes give it (docs: plan/annotations.md). A quad is one line's box as
``[x1, y1, x2, y2, x3, y3, x4, y4]`` in QuadPoints order: upper-left, upper-right,
lower-left, lower-right.

pdfium is not thread-safe: use one ``PdfText`` from one thread (a background worker),
and close it (it is a context manager).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from ecabinet.annotations.text import DocumentText
from ecabinet.errors import InputError
from ecabinet.lazy_import import lazy_module

# Loaded on first use: opening the app to its catalogue needs no pdfium (bench/cold_start.py).
pdfium: Any = lazy_module("pypdfium2")
pdfium_c: Any = lazy_module("pypdfium2.raw")

Quad = list[float]

# Two characters are on the same line when one's vertical centre lies within the other's box.
_SAME_LINE_SLACK = 0.5
_LINE_BREAK = re.compile(r"[\r\n]+")


@dataclass(frozen=True, slots=True)
class PageQuads:
    page: int
    quads: tuple[Quad, ...]


def open_pdf(source: Path | bytes) -> Any:
    """pypdfium2's document, or an ``InputError`` a person can read."""
    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except pdfium.PdfiumError as exc:
        password = "password" in str(exc).lower()
        raise InputError(
            "Tài liệu được bảo vệ bằng mật khẩu, không đọc được nội dung."
            if password
            else "Không đọc được tài liệu PDF (tệp hỏng hoặc không phải PDF).",
            message_en="The PDF is password-protected."
            if password
            else "The PDF cannot be read (damaged or not a PDF).",
            code="pdf_password" if password else "pdf_unreadable",
        ) from exc


def extract_pages(pdf: Any) -> list[str]:
    """Each page's text as pdfium extracts it (pdfium text indices)."""
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range())
            finally:
                textpage.close()
        finally:
            page.close()
    return pages


class PdfText:
    """One document version: its ``DocumentText``, quads for ranges, selections to offsets."""

    def __init__(self, source: Path | bytes) -> None:
        self._pdf = open_pdf(source)
        self._pages: dict[int, tuple[Any, Any]] = {}
        self._document: DocumentText | None = None

    @property
    def document(self) -> DocumentText:
        if self._document is None:
            self._document = DocumentText(extract_pages(self._pdf))
        return self._document

    def close(self) -> None:
        for page, textpage in self._pages.values():
            textpage.close()
            page.close()
        self._pages.clear()
        self._pdf.close()

    def __enter__(self) -> PdfText:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _textpage(self, page: int) -> Any:
        if page not in self._pages:
            pdf_page = self._pdf[page]
            self._pages[page] = (pdf_page, pdf_page.get_textpage())
        return self._pages[page][1]

    # -- selections made on a page ------------------------------------------------
    def selection(self, page: int, char_start: int, char_end: int) -> tuple[int, int]:
        """Document offsets of pdfium characters ``char_start:char_end`` of ``page``.

        ``char_*`` are pdfium *char* indices (what ``get_index`` at a point gives); they
        equal text indices except where pdfium inserted or dropped a character.
        """
        textpage = self._textpage(page)
        count = pdfium_c.FPDFText_CountChars(textpage)
        start = self._text_index(textpage, min(max(char_start, 0), count), forward=True)
        end = self._text_index(textpage, min(max(char_end, 0), count), forward=False)
        doc = self.document
        return doc.offset_of(page, start), doc.offset_of(page, max(start, end))

    @staticmethod
    def _text_index(textpage: Any, char: int, *, forward: bool) -> int:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if char >= count:
            last = pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, count - 1)
            return last + 1 if count > 0 and last >= 0 else 0
        step = 1 if forward else -1
        probe = char if forward else char - 1
        while 0 <= probe < count:
            index = pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, probe)
            if index >= 0:
                return int(index) if forward else int(index) + 1
            probe += step
        return 0

    # -- quads --------------------------------------------------------------------
    def quads(self, start: int, end: int) -> list[PageQuads]:
        """One quad per line for document offsets ``start:end``, grouped by page."""
        out = []
        doc = self.document
        for span in doc.raw_ranges(start, end):
            raw = doc.pages[span.page]
            lines = self._line_boxes(span.page, raw, span.start, span.end)
            if lines:
                out.append(PageQuads(span.page, tuple(_quad(box) for box in lines)))
        return out

    def _line_boxes(self, page: int, raw: str, start: int, end: int) -> list[list[float]]:
        """Boxes of the lines under raw characters ``start:end``.

        pdfium ends each line it sees with a line break, so a stretch between breaks is
        one line: its box comes from the first and last characters' loose boxes (font
        ascent to descent), two calls instead of one per character. A stretch whose ends
        are not on one line (a PDF laid out without breaks) is measured char by char.
        """
        textpage = self._textpage(page)
        boxes: list[list[float]] = []
        for a, b in _segments(raw, start, end):
            first, last = self._box(textpage, raw, a, 1), self._box(textpage, raw, b - 1, -1)
            if first is None or last is None:
                continue
            if _same_line(first, last) and last[2] >= first[0]:
                boxes.append([first[0], min(first[1], last[1]), last[2], max(first[3], last[3])])
            else:
                boxes.extend(self._char_lines(textpage, raw, a, b))
        return boxes

    def _box(self, textpage: Any, raw: str, at: int, step: int) -> list[float] | None:
        """The loose box of the first real character from ``at`` going ``step`` (±1)."""
        while 0 <= at < len(raw):
            box = self._char_box(textpage, raw, at)
            if box is not None:
                return box
            at += step
        return None

    @staticmethod
    def _char_box(textpage: Any, raw: str, at: int) -> list[float] | None:
        if raw[at].isspace():
            return None
        char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, at)
        rect = pdfium_c.FS_RECTF()
        if char < 0 or not pdfium_c.FPDFText_GetLooseCharBox(textpage, char, ctypes.byref(rect)):
            return None
        box = [rect.left, rect.bottom, rect.right, rect.top]
        return box if box[2] > box[0] and box[3] > box[1] else None

    def _char_lines(self, textpage: Any, raw: str, start: int, end: int) -> list[list[float]]:
        lines: list[list[float]] = []
        current: list[float] | None = None
        for text_index in range(start, end):
            box = self._char_box(textpage, raw, text_index)
            if box is None:
                continue
            if current is not None and _same_line(current, box) and box[0] >= current[0]:
                current[1], current[3] = min(current[1], box[1]), max(current[3], box[3])
                current[2] = max(current[2], box[2])
            else:
                current = box
                lines.append(current)
        return lines


def _segments(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """``raw[start:end]`` cut at line breaks, blank pieces dropped."""
    out, a = [], start
    for match in _LINE_BREAK.finditer(raw, start, end):
        if raw[a : match.start()].strip():
            out.append((a, match.start()))
        a = match.end()
    if raw[a:end].strip():
        out.append((a, end))
    return out


def _same_line(a: list[float], b: list[float]) -> bool:
    """One box's vertical centre lies within the other's."""
    middle = (b[1] + b[3]) / 2
    return a[1] - _SAME_LINE_SLACK <= middle <= a[3] + _SAME_LINE_SLACK


def _quad(box: list[float]) -> Quad:
    left, bottom, right, top = (round(v, 3) for v in box)
    return [left, top, right, top, left, bottom, right, bottom]
