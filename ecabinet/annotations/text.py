"""The text of one document version, as annotations see it.

Each page's text is what pdfium extracts (``PdfTextPage.get_text_range()``, indexed by
pdfium's *text index*); the pages are joined with ``PAGE_SEPARATOR`` and normalised
(whitespace runs, \\f and NBSP included, become one space; NFC) into one document text.
Selectors are offsets into that normalised text; ``DocumentText`` maps them to
(page, raw index) and back, so a selection made on a page becomes document offsets and a
placement found in the document becomes a range of characters on a page.

Nothing here touches a PDF: ``pdf_text.PdfText`` extracts the pages and draws the quads.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ecabinet.annotations.offsets import ChainedMap, OffsetMap, Replacement

PAGE_SEPARATOR = "\n\f\n"

_WHITESPACE = re.compile(r"\s+")
_CHANGED_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_WORD = re.compile(r"\S+")


def normalise(text: str) -> str:
    """Whitespace runs to one space, then NFC: the form every selector is computed on."""
    collapsed = _WHITESPACE.sub(" ", text)
    if unicodedata.is_normalized("NFC", collapsed):
        return collapsed
    return unicodedata.normalize("NFC", collapsed)


def normalise_with_map(text: str) -> tuple[str, ChainedMap]:
    """``normalise(text)`` and the offset map from ``text`` to it.

    One regex pass finds only what changes (runs of two or more, and lone whitespace
    other than a space), which is far fewer matches than every space in the text.
    """
    pieces: list[str] = []
    runs: list[Replacement] = []
    cursor = removed = 0
    for match in _CHANGED_WHITESPACE.finditer(text):
        start, end = match.span()
        pieces.append(text[cursor:start])
        pieces.append(" ")
        cursor = end
        if end - start > 1:  # a lone whitespace character keeps its offset
            runs.append(Replacement(start, end, start - removed, start - removed + 1))
            removed += end - start - 1
    pieces.append(text[cursor:])
    collapsed = "".join(pieces)
    if unicodedata.is_normalized("NFC", collapsed):
        return collapsed, ChainedMap(OffsetMap(runs), OffsetMap())
    composed, nfc = _compose(collapsed)
    return composed, ChainedMap(OffsetMap(runs), nfc)


def _compose(text: str) -> tuple[str, OffsetMap]:
    """NFC with an offset map, built word by word (spaces never compose with anything).

    Inside a word each starter and the marks after it are composed on their own, which
    gives an exact character-level map; if that ever disagrees with NFC of the whole word
    (a rare starter-starter composition), the whole word is one replacement.
    """
    pieces: list[str] = []
    replacements: list[Replacement] = []
    shift = 0
    cursor = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if unicodedata.is_normalized("NFC", word):
            continue
        start = match.start()
        pieces.append(text[cursor:start])
        target = unicodedata.normalize("NFC", word)
        clusters = _clusters(word)
        if "".join(unicodedata.normalize("NFC", word[a:b]) for a, b in clusters) != target:
            clusters = [(0, len(word))]
        for a, b in clusters:
            piece = word[a:b]
            done = unicodedata.normalize("NFC", piece)
            if done != piece:
                dst = start + a + shift
                replacements.append(Replacement(start + a, start + b, dst, dst + len(done)))
                shift += len(done) - len(piece)
            pieces.append(done)
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces), OffsetMap(replacements)


def _clusters(word: str) -> list[tuple[int, int]]:
    """(start, end) of each starter with the combining marks that follow it."""
    starts = [i for i, ch in enumerate(word) if i == 0 or unicodedata.combining(ch) == 0]
    return list(zip(starts, [*starts[1:], len(word)], strict=True))


@dataclass(frozen=True, slots=True)
class RawRange:
    """Characters ``start:end`` (pdfium text indices) of ``page``'s extracted text."""

    page: int
    start: int
    end: int


class DocumentText:
    """The normalised text of a document version and its map to the pages' raw text."""

    def __init__(self, pages: Sequence[str]) -> None:
        self.pages: tuple[str, ...] = tuple(pages)
        raw_starts = []
        offset = 0
        for page in self.pages:
            raw_starts.append(offset)
            offset += len(page) + len(PAGE_SEPARATOR)
        self._raw_starts = raw_starts
        self.text, self._map = normalise_with_map(PAGE_SEPARATOR.join(self.pages))
        starts = [self._map.forward(s) for s in raw_starts]
        self.page_starts: tuple[int, ...] = (*starts, len(self.text))

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def __len__(self) -> int:
        return len(self.text)

    def page_of(self, offset: int) -> int:
        """The page whose text holds ``offset`` (the separator space belongs to the page before)."""
        if not self.pages:
            raise ValueError("the document has no pages")
        page = bisect_right(self.page_starts, offset, hi=len(self.pages)) - 1
        return min(max(page, 0), len(self.pages) - 1)

    def page_span(self, page: int) -> tuple[int, int]:
        """Document offsets of ``page``'s normalised text (its separator space excluded)."""
        start, end = self.page_starts[page], self.page_starts[page + 1]
        while end > start and self.text[end - 1] == " ":
            end -= 1
        return start, end

    def page_text(self, page: int) -> str:
        start, end = self.page_span(page)
        return self.text[start:end]

    def offset_of(self, page: int, raw_index: int) -> int:
        """The document offset of the boundary before raw character ``raw_index`` of ``page``."""
        if not 0 <= page < len(self.pages):
            raise IndexError(f"no page {page}")
        raw_index = min(max(raw_index, 0), len(self.pages[page]))
        return self._map.forward(self._raw_starts[page] + raw_index)

    def raw_ranges(self, start: int, end: int) -> list[RawRange]:
        """The raw characters under document offsets ``start:end``, one range per page."""
        lo, hi = self._map.backward(start), self._map.backward(end)
        ranges = []
        page = max(bisect_right(self._raw_starts, lo) - 1, 0)
        while page < len(self.pages) and self._raw_starts[page] < hi:
            page_start = self._raw_starts[page]
            a, b = max(lo, page_start), min(hi, page_start + len(self.pages[page]))
            if a < b:
                ranges.append(RawRange(page, a - page_start, b - page_start))
            page += 1
        return ranges
