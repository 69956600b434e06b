"""Offsets that survive an edit of a text: the map between a text and a rewritten copy.

Normalising a document's text (whitespace collapsed, NFC) changes a few places and leaves
long stretches alone, so the map is kept as the short sorted list of places that changed
(``Replacement``); between them an offset only shifts. Looking an offset up is a bisection,
and building the map costs nothing where the text did not change.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Replacement:
    """``source[src_start:src_end]`` became ``dest[dst_start:dst_end]`` (never empty)."""

    src_start: int
    src_end: int
    dst_start: int
    dst_end: int


class OffsetMap:
    """Offsets (boundaries between characters) from a source text to its rewrite and back.

    A boundary strictly inside a replaced stretch maps to the nearest boundary that exists
    on the other side, rounding towards the end: the boundary after the first of three
    collapsed spaces is the boundary after the one space they became.
    """

    __slots__ = ("_dst_ends", "_dst_starts", "_src_ends", "_src_starts")

    def __init__(self, replacements: Sequence[Replacement] = ()) -> None:
        self._src_starts = [r.src_start for r in replacements]
        self._src_ends = [r.src_end for r in replacements]
        self._dst_starts = [r.dst_start for r in replacements]
        self._dst_ends = [r.dst_end for r in replacements]

    @property
    def identity(self) -> bool:
        return not self._src_starts

    def forward(self, offset: int) -> int:
        j = bisect_right(self._src_starts, offset) - 1
        if j < 0:
            return offset
        start, end = self._src_starts[j], self._src_ends[j]
        if offset < end:
            width = self._dst_ends[j] - self._dst_starts[j]
            return self._dst_starts[j] + min(offset - start, width)
        return offset + self._dst_ends[j] - end

    def backward(self, offset: int) -> int:
        j = bisect_right(self._dst_starts, offset) - 1
        if j < 0:
            return offset
        start, end = self._dst_starts[j], self._dst_ends[j]
        if offset < end:
            width = self._src_ends[j] - self._src_starts[j]
            return self._src_starts[j] + min(offset - start, width)
        return offset - end + self._src_ends[j]


class ChainedMap:
    """Two maps applied one after the other (raw → collapsed → NFC)."""

    __slots__ = ("_first", "_second")

    def __init__(self, first: OffsetMap, second: OffsetMap) -> None:
        self._first, self._second = first, second

    def forward(self, offset: int) -> int:
        return self._second.forward(self._first.forward(offset))

    def backward(self, offset: int) -> int:
        return self._first.backward(self._second.backward(offset))
