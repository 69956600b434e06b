"""Stretches of a document's text laid end to end, so that one scan searches them all.

The approximate search beyond the expected pages reads only the stretches a version diff
found changed: dozens of small pieces. Scanned one by one, each would pay for its own
character masks; laid end to end in one text they share them, and the masks are built
once for every annotation. Between two stretches sits a run of separator characters
longer than any error budget, so a match across the join would need more edits than
allowed: every match found lies inside one stretch.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ecabinet.annotations.approx import TextBits

SEPARATOR = "\x00"


@dataclass(frozen=True, slots=True)
class Stretch:
    virtual: int  # where it starts in the area's text
    real: int  # where it starts in the document text
    size: int


class SearchArea:
    def __init__(self, text: str, stretches: Sequence[tuple[int, int]], gap: int) -> None:
        """``stretches``: sorted, non-overlapping (start, end) ranges of ``text``;
        ``gap``: separator characters between two, more than any search's error budget."""
        parts: list[str] = []
        laid: list[Stretch] = []
        at = 0
        for lo, hi in stretches:
            if laid:
                parts.append(SEPARATOR * gap)
                at += gap
            laid.append(Stretch(at, lo, hi - lo))
            parts.append(text[lo:hi])
            at += hi - lo
        self.stretches: tuple[Stretch, ...] = tuple(laid)
        self.bits = TextBits("".join(parts))
        self._virtual_starts = [s.virtual for s in laid]

    def holds(self, pattern: str) -> bool:
        """Whether the joins are safe for ``pattern`` (it has no separator character)."""
        return SEPARATOR not in pattern

    def real(self, virtual: int) -> int:
        """The document offset of an offset in the area's text (ends included)."""
        j = max(bisect_right(self._virtual_starts, virtual) - 1, 0)
        stretch = self.stretches[j]
        return stretch.real + min(max(virtual - stretch.virtual, 0), stretch.size)


def widened(ranges: Sequence[tuple[int, int]], margin: int, length: int) -> list[tuple[int, int]]:
    """``ranges`` grown by ``margin`` each side, clamped to ``length``, overlaps merged."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        lo, hi = max(0, lo - margin), min(length, hi + margin)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
