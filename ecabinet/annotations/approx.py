"""Approximate string matching (edit distance) fast enough in pure Python for whole documents.

This is Myers' bit-parallel algorithm (G. Myers, "A fast bit-vector algorithm for
approximate string matching based on dynamic programming", J. ACM 46(3), 1999) turned on
its side. Myers keeps the *pattern* in a machine word and walks the text one character at
a time: in Python that is a million interpreter steps for a 300-page document. Here the
*text* is the bit vector (one Python int, one bit per character) and the loop walks the
pattern: each of its m steps is about fifteen operations on big ints, which CPython does
in C, a few microseconds each even for a million bits. The dynamic-programming recurrence
is symmetric; only the borders change (column 0 is all zeros for a search, the top row
counts up), so the same step computes the same matrix.

What a search gives: for each end position in the text, the fewest edits (insertions,
deletions, substitutions) turning the pattern into a substring ending there. The last
column comes out as +1/-1 steps (two bit vectors); ``Scan`` turns them into values only
where they can be low, a byte at a time, so reading the result costs little too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from operator import sub

_POPCOUNT = bytes(bin(i).count("1") for i in range(256))
_OTHER = 255  # the shared code of characters beyond the 255 most frequent ones


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    errors: int


class TextBits:
    """Where each character occurs in a text, as bit masks (bit i: position i).

    The text is re-encoded once as one byte per character, so a mask for any character
    over any stretch is a ``bytes.translate`` and an ``int(..., 2)``: C speed, no loop.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        alphabet = list(set(text))
        if len(alphabet) > _OTHER:  # rare: codes for the most frequent, the rest share one
            alphabet.sort(key=text.count, reverse=True)
        self._code = {ch: i for i, ch in enumerate(alphabet[:_OTHER])}
        table = {ord(ch): chr(self._code.get(ch, _OTHER)) for ch in alphabet}
        self._encoded = text.translate(table).encode("latin-1")
        self._whole: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.text)

    def mask(self, ch: str, start: int = 0, end: int | None = None) -> int:
        """Bit i set where ``text[start + i] == ch``."""
        end = len(self.text) if end is None else end
        whole = start == 0 and end == len(self.text)
        if whole and ch in self._whole:
            return self._whole[ch]
        code = self._code.get(ch)
        if code is None:
            value = self._mask_by_find(ch, start, end) if len(self._code) == _OTHER else 0
        else:
            table = bytearray(b"0" * 256)
            table[code] = ord("1")
            digits = self._encoded[start:end].translate(table)[::-1]
            value = int(digits, 2) if digits else 0
        if whole:
            self._whole[ch] = value
        return value

    def masks(self, chars: Iterable[str], start: int = 0, end: int | None = None) -> dict[str, int]:
        return {ch: self.mask(ch, start, end) for ch in set(chars)}

    def _mask_by_find(self, ch: str, start: int, end: int) -> int:
        value = 0
        at = self.text.find(ch, start, end)
        while at >= 0:
            value |= 1 << (at - start)
            at = self.text.find(ch, at + 1, end)
        return value


def last_column(masks: dict[str, int], pattern: str, n: int, *, anchored: bool) -> tuple[int, int]:
    """The +1 and -1 steps (two masks) of the last column of the edit-distance matrix.

    ``anchored``: the match must start at position 0 of the text (column 0 counts up);
    otherwise it may start anywhere (column 0 is all zeros).
    """
    full = (1 << n) - 1
    plus = full if anchored else 0
    minus = 0
    for ch in pattern:
        eq = masks.get(ch, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        h_plus = minus | (full ^ (xh | plus))
        h_minus = plus & xh
        # The top row counts up (pattern prefix against no text): a +1 enters at bit 0.
        # Bits above n pick up garbage; carries only move up, so they never reach below n.
        h_plus = (h_plus << 1) | 1
        h_minus <<= 1
        plus = h_minus | (full ^ (xv | h_plus))
        minus = h_plus & xv
    return plus & full, minus & full


class Scan:
    """The result of searching ``pattern`` over ``text[offset:offset + n]``.

    Value ``v(j)`` (j = 1..n): fewest edits for the pattern to end just before text
    position ``offset + j``. Values are read per byte: a byte's lower bound is its
    starting value minus its -1 steps, so whole stretches are ruled out at once.
    """

    def __init__(self, plus: int, minus: int, n: int, m: int, offset: int) -> None:
        self.n, self.m, self.offset = n, m, offset
        size = (n + 7) // 8
        self._plus = plus.to_bytes(size, "little")
        self._minus = minus.to_bytes(size, "little")
        down = self._minus.translate(_POPCOUNT)
        up = self._plus.translate(_POPCOUNT)
        self._starts: list[int] = list(accumulate(map(sub, up, down), initial=m))
        self._lows: list[int] = list(map(sub, self._starts, down))

    def lower_bound(self, lo: int, hi: int) -> int:
        """No end in ``(lo, hi]`` (absolute positions) has fewer edits than this."""
        first, last = self._bytes(lo, hi)
        if first > last:
            return self.m
        return min(self._lows[first : last + 1])

    def best(self, lo: int, hi: int, max_errors: int) -> tuple[int, list[int]]:
        """The fewest edits among ends in ``(lo, hi]`` and the ends having them.

        ``(max_errors + 1, [])`` when no end has ``max_errors`` edits or fewer.
        """
        first, last = self._bytes(lo, hi)
        best, limit = max_errors + 1, max_errors
        ends: list[int] = []
        j_lo, j_hi = lo - self.offset, hi - self.offset
        for b in range(first, last + 1):
            if self._lows[b] > limit:
                continue
            value, plus, minus = self._starts[b], self._plus[b], self._minus[b]
            for bit in range(8):
                value += ((plus >> bit) & 1) - ((minus >> bit) & 1)
                j = 8 * b + bit + 1
                if value <= limit and j_lo < j <= j_hi:
                    if value < best:
                        best, ends = value, []
                    ends.append(self.offset + j)
                    limit = value  # only as good or better from now on
        return best, ends

    def _bytes(self, lo: int, hi: int) -> tuple[int, int]:
        j_lo = max(lo - self.offset, 0)
        j_hi = min(hi - self.offset, self.n)
        if j_hi <= j_lo:
            return 1, 0
        return j_lo // 8, (j_hi - 1) // 8


def scan(bits: TextBits, pattern: str, start: int = 0, end: int | None = None) -> Scan:
    """Search ``pattern`` (semi-globally) over ``bits.text[start:end]``."""
    end = len(bits) if end is None else end
    n = max(end - start, 0)
    plus, minus = last_column(bits.masks(pattern, start, end), pattern, n, anchored=False)
    return Scan(plus, minus, n, len(pattern), start)


def _small_masks(text: str) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, ch in enumerate(text):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    return masks


def _values(plus: int, minus: int, n: int, m: int) -> list[int]:
    """All values of a last column (v(0) .. v(n)); for short texts."""
    values = [m]
    for j in range(n):
        values.append(values[-1] + ((plus >> j) & 1) - ((minus >> j) & 1))
    return values


def match_start(text: str, pattern: str, end: int, errors: int) -> int:
    """Where the match of ``pattern`` ending at ``end`` with ``errors`` edits starts.

    The pattern and the text before ``end`` are reversed and matched with the start pinned
    at ``end``; of equally good starts the earliest (longest match) wins.
    """
    m = len(pattern)
    lo = max(0, end - m - errors)
    window = text[lo:end][::-1]
    plus, minus = last_column(_small_masks(window), pattern[::-1], len(window), anchored=True)
    values = _values(plus, minus, len(window), m)
    least = min(values)
    length = max(j for j, v in enumerate(values) if v == least)
    return end - length


def fewest_edits(text: str, pattern: str) -> int:
    """Fewest edits turning ``pattern`` into some substring of ``text`` (a short text)."""
    if not pattern:
        return 0
    plus, minus = last_column(_small_masks(text), pattern, len(text), anchored=False)
    least: int = min(_values(plus, minus, len(text), len(pattern)))
    return least


def similarity(text: str, pattern: str) -> float:
    """1 - edits / len(pattern) for the best placement of ``pattern`` in ``text`` (0 if empty)."""
    if not pattern or not text:
        return 0.0
    return max(0.0, 1.0 - fewest_edits(text, pattern) / len(pattern))


def search(text: str | TextBits, pattern: str, max_errors: int) -> list[Match]:
    """Every lowest-edit match of ``pattern`` with at most ``max_errors`` edits, in text order."""
    if not pattern:
        return []
    bits = text if isinstance(text, TextBits) else TextBits(text)
    result = scan(bits, pattern)
    errors, ends = result.best(0, len(bits), min(max_errors, len(pattern)))
    return [Match(match_start(bits.text, pattern, e, errors), e, errors) for e in ends]
