"""Cut a short window of a page around its hits, with the hits' places marked.

FTS5's ``highlight()`` marks the tokens that matched in the column that matched. For the
folded column those marks sit in folded text ("ngan sach"); ``fold_with_map`` carries
them back to the page's own text, so a snippet always shows the words as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecabinet.search.fold import fold_with_map

# highlight() markers: control characters, which normalise() keeps out of indexed text.
OPEN = "\x01"
CLOSE = "\x02"
ELLIPSIS = "…"

Span = tuple[int, int]  # [start, end) in characters


@dataclass(frozen=True)
class Snippet:
    text: str  # a window of the page's text, "…" where it was cut
    highlights: tuple[Span, ...]  # where the hits are in ``text``


def spans_from_highlight(marked: str) -> list[Span]:
    """Where highlight() put its markers, as spans of the unmarked text."""
    spans: list[Span] = []
    removed = 0  # markers met so far: each shifts the text after it by one
    start = marked.find(OPEN)
    while start >= 0:
        end = marked.find(CLOSE, start)
        if end < 0:
            break
        spans.append((start - removed, end - removed - 1))
        removed += 2
        start = marked.find(OPEN, end)
    return spans


def unfold_spans(text: str, folded_spans: list[Span]) -> list[Span]:
    """Spans of ``fold(text)`` carried back to ``text`` (which is normalised NFC)."""
    folded, origin = fold_with_map(text)
    spans = []
    for start, end in folded_spans:
        if start >= end or end > len(folded):
            continue
        spans.append((origin[start], origin[end - 1] + 1))
    return spans


def cut(text: str, spans: list[Span], width: int = 160, before: int = 50) -> Snippet:
    """A window of about ``width`` characters starting ``before`` characters ahead of the
    first hit, on word boundaries, holding every hit that falls inside it."""
    if not spans:
        end = _word_end(text, min(len(text), width))
        return Snippet(text[:end] + (ELLIPSIS if end < len(text) else ""), ())
    first_start, first_end = spans[0]
    start = _word_start(text, max(0, first_start - before))
    end = max(first_end, _word_end(text, min(len(text), start + width)))
    lead = ELLIPSIS if start > 0 else ""
    trail = ELLIPSIS if end < len(text) else ""
    shift = len(lead) - start
    inside = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return Snippet(lead + text[start:end] + trail, inside)


def mark(snippet: Snippet, open_mark: str = "«", close_mark: str = "»") -> str:
    """The snippet's text with each hit between ``open_mark`` and ``close_mark``."""
    out, position = [], 0
    for start, end in snippet.highlights:
        out += [snippet.text[position:start], open_mark, snippet.text[start:end], close_mark]
        position = end
    out.append(snippet.text[position:])
    return "".join(out)


def _word_start(text: str, index: int) -> int:
    """Move ``index`` forward to the start of a word (0 stays 0)."""
    if index == 0:
        return 0
    space = text.find(" ", index - 1, index + 20)
    return index if space < 0 else space + 1


def _word_end(text: str, index: int) -> int:
    """Move ``index`` back to the end of a word (the text's end stays)."""
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, index - 20), index + 1)
    return index if space < 0 else space
