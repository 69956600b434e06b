"""From what a person typed to an FTS5 MATCH expression that cannot be misread.

The user's query is never handed to MATCH as it is: it is cut into words and quoted
phrases here, and each becomes an FTS5 string (double quotes, inner quotes doubled), so
FTS5's operators (AND OR NOT NEAR, ``*``, ``^``, ``:``, ``-``, ``+``, parentheses) in a
query are only characters to search for. Every term must match; the last one matches as
a prefix while the person is still typing it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ecabinet.errors import InputError
from ecabinet.search.fold import visible

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
# A one-letter prefix ("ngân s") would match most words of the language: FTS5 has to
# merge them all (100-300 ms at 20,000 pages). The word is matched whole until a second
# letter is typed; prefixes of two and three letters have their own FTS5 index.
MIN_PREFIX_CHARS = 2

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    text: str  # NFC, as typed (a word, or the words of a quoted phrase)
    prefix: bool  # the last term while still being typed: "ngân sá" finds "ngân sách"


def parse(query: str) -> list[Term]:
    """Words and "quoted phrases" of a query; those with no letter or digit are dropped.

    Raises ``InputError`` (code ``query_too_long``) past ``MAX_QUERY_CHARS`` characters
    or ``MAX_TERMS`` terms: a search box takes words, not a pasted page.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise _too_long(f"{len(query)} characters; at most {MAX_QUERY_CHARS}")
    # Control characters separate words; format characters (soft hyphen, zero-width
    # joiner) go, as they went from the indexed text.
    cleaned = unicodedata.normalize("NFC", visible(_CONTROL.sub(" ", query)))
    pieces = cleaned.split('"')
    texts: list[str] = []
    for number, piece in enumerate(pieces):
        inside_quotes = number % 2 == 1
        texts.extend([" ".join(piece.split())] if inside_quotes else piece.split())
    still_typing = bool(cleaned) and not cleaned[-1].isspace() and not _closes_phrase(cleaned)
    terms = [Term(t, prefix=False) for t in texts if _WORD.search(t)]
    if len(terms) > MAX_TERMS:
        raise _too_long(f"{len(terms)} words; at most {MAX_TERMS}")
    if terms and still_typing and terms[-1].text == texts[-1]:
        last_word = _WORD.findall(terms[-1].text)[-1]
        terms[-1] = Term(terms[-1].text, prefix=len(last_word) >= MIN_PREFIX_CHARS)
    return terms


def column_expression(column: str, terms: list[Term], transform: Callable[[str], str]) -> str:
    """``{column} : ("t1" "t2" "t3"*)``: all terms, in one column, each an FTS5 string."""
    phrases = " ".join(_fts_string(transform(t.text)) + ("*" if t.prefix else "") for t in terms)
    return f"{{{column}}} : ({phrases})"


def _fts_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _closes_phrase(query: str) -> bool:
    # A query ending in the closing quote of a phrase is finished, not being typed.
    return query.endswith('"') and query.count('"') % 2 == 0


def _too_long(detail: str) -> InputError:
    return InputError(
        f"Nội dung tìm kiếm quá dài (tối đa {MAX_QUERY_CHARS} ký tự, {MAX_TERMS} từ).",
        code="query_too_long",
        message_en=f"The search query is too long ({detail}).",
    )
