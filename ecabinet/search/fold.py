"""Folding: the one function that makes "ngan sach" find "ngân sách" and "duong" find "Đường".

Folding is NFD, combining marks removed, đ→d and Đ→D mapped explicitly (Unicode gives
them no decomposition, so no SQLite tokenizer folds them), casefold, then NFC. Documents
and queries go through the same function, so both sides of a match agree.

It is computed one character at a time, through a ``str.translate`` table that learns each
new character once, for two reasons: it runs at C speed when indexing thousands of pages,
and it yields a map from every folded character back to the character it came from,
which is how a hit found in the folded column is marked in the text as written.
"""

from __future__ import annotations

import re
import unicodedata

# Control and format characters (PDF soft hyphens, zero-width joiners, NUL) carry no
# words and are dropped; a zero-width space separates words, like a space.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200c\u200d\u2060\ufeff\ufffe]"
)


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def fold_char(ch: str) -> str:
    """The folded form of one character: "" for a lone mark, "ss" for "ß", else one letter."""
    folded = _strip_marks(ch).replace("đ", "d").replace("Đ", "D").casefold()
    # casefold can bring a mark back ("İ" → "i" + U+0307): drop it too.
    return unicodedata.normalize("NFC", _strip_marks(folded))


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each new character once, then looks it up in C."""

    def __init__(self) -> None:
        super().__init__()
        self._irregular: set[str] = set()  # characters that fold to zero or several
        self.irregular = re.compile("(?!)")  # matches one of them (none yet)

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(folded) != 1:
            self._irregular.add(chr(code))
            self.irregular = re.compile("|".join(map(re.escape, sorted(self._irregular))))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold a document's or a query's text for the accent-blind column."""
    return unicodedata.normalize("NFC", text).translate(_TABLE)


def fold_aligned(text: str) -> tuple[str, bool]:
    """Fold NFC ``text``; also say whether each character folded to exactly one.

    Almost always true (Vietnamese letters fold one to one): then a position in the
    folded text is the same position in ``text``, and hits need no mapping back.
    """
    folded = text.translate(_TABLE)  # learns every character of text first
    return folded, len(folded) == len(text) and not _TABLE.irregular.search(text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold NFC ``text`` and return, for each folded character, the index of its source.

    ``text`` must already be NFC (``normalise`` makes it so); the folded string is the
    same as ``fold(text)``.
    """
    folded, aligned = fold_aligned(text)
    if aligned:
        return folded, list(range(len(text)))
    origin: list[int] = []
    for index, ch in enumerate(text):
        origin.extend([index] * len(_TABLE[ord(ch)]))
    return folded, origin


def visible(text: str) -> str:
    """``text`` without the invisible characters ``normalise`` drops."""
    return _INVISIBLE.sub("", text)


def normalise(text: str) -> str:
    """Whitespace-normalised NFC text: what the index stores and snippets are cut from.

    Runs of whitespace (including \\r, \\n, \\t, \\f and NBSP) become one space, as in the
    annotation selectors; invisible control and format characters are dropped.
    """
    words = visible(text).replace("\u200b", " ").split()
    return unicodedata.normalize("NFC", " ".join(words))
