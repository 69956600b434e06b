"""W3C Web Annotation selectors on a document version's normalised text.

``TextQuoteSelector``: the exact text with 32 characters of context on each side;
``TextPositionSelector``: its offsets in the whole normalised document text. Both are
computed on ``DocumentText.text`` (whitespace collapsed, NFC), so they are
whitespace-normalised by construction. The wire shape is plan/annotations.md's
``selectors`` field: ``{"quote": {"exact", "prefix", "suffix"}, "position": {"start", "end"}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.text import DocumentText, normalise
from ecabinet.errors import InputError

CONTEXT_CHARS = 32
MAX_QUOTE_CHARS = 20_000  # the annotation text limit; a quote is never longer than a page or so


@dataclass(frozen=True, slots=True)
class TextQuote:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPosition:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Selectors:
    quote: TextQuote
    position: TextPosition | None = None

    def to_dict(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {
            "quote": {
                "exact": self.quote.exact,
                "prefix": self.quote.prefix,
                "suffix": self.quote.suffix,
            }
        }
        if self.position is not None:
            out["position"] = {"start": self.position.start, "end": self.position.end}
        return out

    @classmethod
    def from_dict(cls, data: object) -> Selectors | None:
        """Selectors from the wire shape; None when there are none; ``InputError`` if malformed.

        Quote strings are normalised again, so a quote written by another client with
        different whitespace still compares equal.
        """
        if data is None or (isinstance(data, Mapping) and not data):
            return None
        if not isinstance(data, Mapping) or not isinstance(data.get("quote"), Mapping):
            raise _bad("selectors must hold a quote")
        quote = data["quote"]
        parts = [quote.get(key, "") for key in ("exact", "prefix", "suffix")]
        if not all(isinstance(p, str) for p in parts):
            raise _bad("quote fields must be strings")
        exact, prefix, suffix = (normalise(p) for p in parts)
        if not exact.strip() or len(exact) > MAX_QUOTE_CHARS:
            raise _bad("the quote is empty or too long")
        position = None
        raw = data.get("position")
        if raw is not None:
            start = raw.get("start") if isinstance(raw, Mapping) else None
            end = raw.get("end") if isinstance(raw, Mapping) else None
            if not (isinstance(start, int) and isinstance(end, int)) or not _valid(start, end):
                raise _bad("position needs integers 0 <= start <= end")
            position = TextPosition(start, end)
        return cls(TextQuote(exact, prefix[-CONTEXT_CHARS:], suffix[:CONTEXT_CHARS]), position)


def _valid(start: int, end: int) -> bool:
    return not isinstance(start, bool) and not isinstance(end, bool) and 0 <= start <= end


def _bad(detail: str) -> InputError:
    return InputError(
        "Vị trí ghi chú không hợp lệ.",
        message_en=f"Invalid annotation selectors: {detail}.",
        code="invalid_selectors",
    )


def trimmed(doc: DocumentText, start: int, end: int) -> tuple[int, int]:
    """``start:end`` clamped to the text and without spaces at either end."""
    text = doc.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def selectors_for_range(doc: DocumentText, start: int, end: int) -> Selectors | None:
    """Selectors for document offsets ``start:end`` (None if they hold no text)."""
    start, end = trimmed(doc, start, end)
    if start >= end:
        return None
    text = doc.text
    quote = TextQuote(
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )
    return Selectors(quote, TextPosition(start, end))


def selectors_for_selection(
    pdf: PdfText, page: int, char_start: int, char_end: int
) -> Selectors | None:
    """Selectors for a selection of pdfium characters ``char_start:char_end`` on ``page``."""
    start, end = pdf.selection(page, char_start, char_end)
    return selectors_for_range(pdf.document, start, end)
