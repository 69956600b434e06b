"""Matching a query in one page's text, with or without diacritics (no Qt here).

The page text is QtPdf's (``getAllText``), indexed as pdfium counts characters. Both the
page and the query are transformed the same way: whitespace runs become one space, then
each character is lower-cased, or folded by the core's ``fold_char`` (marks dropped,
đ→d) when diacritics are ignored. A map from each transformed character back to its
source index turns a match into pdfium (start, length) for ``getSelectionAtIndex``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ecabinet.search.fold import fold_char, normalise

Match = tuple[int, int]  # start, length in the page text's characters


def _lower(ch: str) -> str:
    return ch.lower() if len(ch.lower()) == 1 else ch


class PageText:
    """One page's text, transformed once for each matching mode, with the map back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._forms: dict[bool, tuple[str, list[int]]] = {}

    def form(self, ignore_diacritics: bool) -> tuple[str, list[int]]:
        if ignore_diacritics not in self._forms:
            self._forms[ignore_diacritics] = transform(
                self.text, fold_char if ignore_diacritics else _lower
            )
        return self._forms[ignore_diacritics]

    def find(self, query: str, ignore_diacritics: bool) -> list[Match]:
        needle = prepare_query(query, ignore_diacritics)
        if not needle:
            return []
        haystack, origin = self.form(ignore_diacritics)
        found: list[Match] = []
        at = haystack.find(needle)
        while at >= 0:
            start, end = origin[at], origin[at + len(needle) - 1] + 1
            found.append((start, end - start))
            at = haystack.find(needle, at + len(needle))
        return found


def transform(text: str, per_char: Callable[[str], str]) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    space = True  # drop leading whitespace
    for index, ch in enumerate(text):
        if ch.isspace() or ch == "\u200b":
            if not space:
                out.append(" ")
                origin.append(index)
                space = True
            continue
        piece = per_char(unicodedata.normalize("NFC", ch))
        out.append(piece)
        origin.extend([index] * len(piece))
        space = False
    return "".join(out), origin


def prepare_query(query: str, ignore_diacritics: bool) -> str:
    text = normalise(query)
    per_char = fold_char if ignore_diacritics else _lower
    return "".join(per_char(ch) for ch in text)
