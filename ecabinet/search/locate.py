"""Where a hit is drawn on its page: rectangles in PDF points, from pdfium's char boxes.

A hit's ``matches`` are positions in the page's text as the index stores it
(``fold.normalise``: invisible characters dropped, whitespace runs made one space, the
ends trimmed, NFC). ``normalised_origins`` carries each of those positions back to the
character pdfium extracted, and ``PdfText`` turns that stretch into one box per line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.pdf.pdfium_lock import PDFIUM_LOCK
from ecabinet.search.fold import normalise, visible
from ecabinet.search.snippets import Span

Rect = tuple[float, float, float, float]  # x0, y0 (bottom), x1, y1 (top), PDF points


def normalised_origins(raw: str) -> tuple[str, list[int]]:
    """``normalise(raw)`` and, for each of its characters, the index in ``raw`` it came from."""
    words: list[list[tuple[str, int]]] = [[]]
    for index, ch in enumerate(raw):
        if not visible(ch):
            continue
        if ch.isspace() or ch == "\u200b":
            if words[-1]:
                words.append([])
        else:
            words[-1].append((ch, index))
    text: list[str] = []
    origins: list[int] = []
    for word in (w for w in words if w):
        if text:
            text.append(" ")
            origins.append(word[0][1])
        _compose(word, text, origins)
    return "".join(text), origins


def _compose(word: list[tuple[str, int]], text: list[str], origins: list[int]) -> None:
    """NFC of one word, each composed character tied to its first source character."""
    plain = "".join(ch for ch, _ in word)
    if unicodedata.is_normalized("NFC", plain):
        text.extend(plain)
        origins.extend(index for _, index in word)
        return
    starts = [i for i, (ch, _) in enumerate(word) if i == 0 or not unicodedata.combining(ch)]
    pieces = [
        (unicodedata.normalize("NFC", plain[a:b]), word[a][1])
        for a, b in zip(starts, [*starts[1:], len(word)], strict=True)
    ]
    whole = unicodedata.normalize("NFC", plain)
    if "".join(piece for piece, _ in pieces) != whole:  # a rare cross-cluster composition
        pieces = [(whole, word[0][1])]
    for piece, origin in pieces:
        text.extend(piece)
        origins.extend([origin] * len(piece))


def raw_spans(raw: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` of ``normalise(raw)`` as spans of ``raw`` (pdfium text indices).

    Hits one space apart (the words of a phrase) become one span: one box per line.
    """
    text, origins = normalised_origins(raw)
    if text != normalise(raw):  # never expected; better no box than a wrong one
        return []
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and text[joined[-1][1] : start] in ("", " "):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    out = []
    for start, end in joined:
        if 0 <= start < end <= len(origins):
            last = origins[end - 1] + 1
            while last < len(raw) and unicodedata.combining(raw[last]):
                last += 1  # the marks of a decomposed last letter belong to it
            out.append((origins[start], last))
    return out


def hit_rects(source: Path | bytes, page: int, spans: Sequence[Span]) -> list[Rect]:
    """One rectangle per line of each span of ``page``'s indexed text, in PDF points.

    Empty when the page does not exist in ``source`` or holds no such text.
    """
    with PDFIUM_LOCK, PdfText(source) as pdf:
        doc = pdf.document
        if not 0 <= page < doc.page_count:
            return []
        rects: list[Rect] = []
        for start, end in raw_spans(doc.pages[page], spans):
            a, b = doc.offset_of(page, start), doc.offset_of(page, end)
            for placed in pdf.quads(a, b):
                if placed.page != page:
                    continue
                for quad in placed.quads:
                    xs, ys = quad[0::2], quad[1::2]
                    rects.append((min(xs), min(ys), max(xs), max(ys)))
        return rects
