"""What changed between two versions of a document: page by page, word by word.

Both versions' normalised texts are cut into chunks at punctuation (content-defined: an
edit in one place does not shift the chunks anywhere else, and text that moved to another
page is still the same chunks), the chunk sequences are aligned with difflib, and inside
each stretch that differs the words are aligned again. The result is the list of equal
stretches of text (which also maps any old offset to its new place, for re-anchoring)
and the inserted and deleted words, reported on the pages of each version.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from ecabinet.annotations.text import DocumentText

_BOUNDARY = re.compile(r"[.,;:!?] ")
_WORD = re.compile(r"\S+")
MAX_CHUNK = 400  # chars; a stretch with no punctuation is cut at a space after this
BIG_BLOCK_WORDS = 5_000  # past this, difflib's popular-word heuristic keeps it fast

PageStatus = Literal["unchanged", "changed", "added", "removed"]


@dataclass(frozen=True, slots=True)
class Block:
    """``old.text[old_start:old_start + size] == new.text[new_start:new_start + size]``."""

    old_start: int
    new_start: int
    size: int


@dataclass(frozen=True, slots=True)
class Change:
    """Inserted text (``new_start:new_end``) or deleted text (``old_start:old_end``).

    The other side's offsets are the point where it was inserted or deleted (start == end).
    """

    kind: Literal["inserted", "deleted"]
    text: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True, slots=True)
class PageDiff:
    """One page of the new version (``new_page``) or a removed page of the old one."""

    status: PageStatus
    new_page: int | None
    old_pages: tuple[int, ...]  # pages of the old version whose text is on this page
    inserted: tuple[Change, ...] = ()
    deleted: tuple[Change, ...] = ()


class VersionDiff:
    """The difference between ``old`` and ``new`` (both normalised document texts)."""

    def __init__(self, old: DocumentText, new: DocumentText) -> None:
        self.old, self.new = old, new
        blocks, changes = _align(old.text, new.text)
        self.blocks: tuple[Block, ...] = tuple(blocks)
        self.changes: tuple[Change, ...] = tuple(changes)
        self._old_starts = [b.old_start for b in self.blocks]

    # -- offsets ------------------------------------------------------------------------
    def map_offset(self, old_offset: int) -> int:
        """Where old offset ``old_offset`` is in the new text (the edit's place if deleted)."""
        j = bisect_right(self._old_starts, old_offset) - 1
        if j < 0:
            return 0
        block = self.blocks[j]
        return block.new_start + min(old_offset - block.old_start, block.size)

    def changed_regions(self) -> list[tuple[int, int]]:
        """New-text ranges that are not in an equal stretch (what was inserted or rewritten)."""
        regions, cursor = [], 0
        for block in self.blocks:
            if block.new_start > cursor:
                regions.append((cursor, block.new_start))
            cursor = max(cursor, block.new_start + block.size)
        if cursor < len(self.new.text):
            regions.append((cursor, len(self.new.text)))
        return regions

    @property
    def identical(self) -> bool:
        return self.old.text == self.new.text

    # -- pages ----------------------------------------------------------------------------
    def pages(self) -> list[PageDiff]:
        """Every new page in order, with each removed old page where it used to be."""
        old, new = self.old, self.new
        sources: list[set[int]] = [set() for _ in range(new.page_count)]
        kept_old: set[int] = set()
        for block in self.blocks:
            for old_page, new_page in _page_pairs(old, new, block):
                sources[new_page].add(old_page)
                kept_old.add(old_page)
        inserted: list[list[Change]] = [[] for _ in range(new.page_count)]
        deleted: list[list[Change]] = [[] for _ in range(new.page_count)]
        for change in self.changes:
            if not new.page_count:
                break
            if change.kind == "inserted":
                inserted[new.page_of(change.new_start)].append(change)
            else:
                deleted[new.page_of(max(change.new_start - 1, 0))].append(change)
        out: list[PageDiff] = []
        removed = [
            p for p in range(old.page_count) if p not in kept_old and old.page_text(p).strip()
        ]
        for page in range(new.page_count):
            # A removed page is listed just before the first page holding text from after it.
            while removed and sources[page] and max(sources[page]) > removed[0]:
                out.append(PageDiff("removed", None, (removed.pop(0),)))
            has_text = bool(new.page_text(page).strip())
            if has_text and not sources[page]:
                status: PageStatus = "added"
            elif inserted[page] or deleted[page]:
                status = "changed"
            else:
                status = "unchanged"
            changes = (tuple(inserted[page]), tuple(deleted[page]))
            out.append(PageDiff(status, page, tuple(sorted(sources[page])), *changes))
        out.extend(PageDiff("removed", None, (p,)) for p in removed)
        return out


def _page_pairs(old: DocumentText, new: DocumentText, block: Block) -> set[tuple[int, int]]:
    """(old page, new page) pairs an equal stretch covers (it may span page breaks)."""
    pairs = set()
    cursor, end = block.old_start, block.old_start + block.size
    while cursor < end:
        old_page = old.page_of(cursor)
        new_at = block.new_start + (cursor - block.old_start)
        new_page = new.page_of(new_at)
        stop = min(end, old.page_starts[old_page + 1], block.old_start + (
            new.page_starts[new_page + 1] - block.new_start))  # fmt: skip
        pairs.add((old_page, new_page))
        cursor = max(stop, cursor + 1)
    return pairs


def _chunks(text: str) -> list[tuple[int, int]]:
    """Content-defined chunks: up to and including each ", " / ". " (and the like)."""
    ends = [m.end() for m in _BOUNDARY.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    spans = list(zip([0, *ends[:-1]], ends, strict=True))
    if all(e - s <= MAX_CHUNK for s, e in spans):
        return spans
    cut_spans = []
    for start, end in spans:
        while end - start > MAX_CHUNK:
            cut = text.find(" ", start + MAX_CHUNK // 2, end - 1)
            if cut < 0:
                break
            cut_spans.append((start, cut + 1))
            start = cut + 1
        cut_spans.append((start, end))
    return cut_spans


def _matching_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Equal runs ``(i, j, size)`` of two sequences, in order (patience-anchored difflib).

    Elements found exactly once on each side are anchors (their longest increasing run);
    difflib only aligns the gaps between anchors, which are short, so a 300-page document
    costs a few milliseconds instead of difflib's passes over the whole sequence.
    """
    count_a, count_b = Counter(a), Counter(b)
    where_b = {x: j for j, x in enumerate(b) if count_b[x] == 1}
    anchors = _increasing(
        [(i, where_b[x]) for i, x in enumerate(a) if count_a[x] == 1 and x in where_b]
    )
    runs: list[tuple[int, int, int]] = []
    i0 = j0 = 0
    for i, j in [*anchors, (len(a), len(b))]:
        if i > i0 and j > j0:
            if a[i0:i] == b[j0:j]:  # most gaps: the same repeated phrases on both sides
                runs.append((i0, j0, i - i0))
            else:
                gap = SequenceMatcher(None, a[i0:i], b[j0:j], autojunk=j - j0 > BIG_BLOCK_WORDS)
                runs.extend((i0 + x, j0 + y, n) for x, y, n in gap.get_matching_blocks() if n)
        if i < len(a):
            runs.append((i, j, 1))
        i0, j0 = i + 1, j + 1
    merged: list[tuple[int, int, int]] = []
    for i, j, n in runs:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((i, j, n))
    return merged


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i) whose j increase too."""
    tails: list[int] = []  # tails[k]: smallest j ending an increasing run of length k + 1
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k], tail_index[k] = j, n
        previous[n] = tail_index[k - 1] if k else -1
    out = []
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        out.append(pairs[n])
        n = previous[n]
    return out[::-1]


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes built from ``_matching_runs``."""
    ops: list[tuple[str, int, int, int, int]] = []
    i0 = j0 = 0
    for i, j, n in [*_matching_runs(a, b), (len(a), len(b), 0)]:
        if i > i0 or j > j0:
            tag = "replace" if i > i0 and j > j0 else ("delete" if i > i0 else "insert")
            ops.append((tag, i0, i, j0, j))
        if n:
            ops.append(("equal", i, i + n, j, j + n))
        i0, j0 = i + n, j + n
    return ops


def _align(old: str, new: str) -> tuple[list[Block], list[Change]]:
    a_spans, b_spans = _chunks(old), _chunks(new)
    a = [old[s:e] for s, e in a_spans]
    b = [new[s:e] for s, e in b_spans]
    blocks: list[Block] = []
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        o1 = a_spans[i1][0] if i1 < len(a_spans) else len(old)
        o2 = a_spans[i2 - 1][1] if i2 > i1 else o1
        n1 = b_spans[j1][0] if j1 < len(b_spans) else len(new)
        n2 = b_spans[j2 - 1][1] if j2 > j1 else n1
        if tag == "equal":
            blocks.append(Block(o1, n1, o2 - o1))
        else:
            _align_words(old, new, o1, o2, n1, n2, blocks, changes)
    return blocks, changes


def _align_words(
    old: str, new: str, o1: int, o2: int, n1: int, n2: int,
    blocks: list[Block], changes: list[Change],
) -> None:  # fmt: skip
    a_words = [m.span() for m in _WORD.finditer(old, o1, o2)]  # offsets are absolute
    b_words = [m.span() for m in _WORD.finditer(new, n1, n2)]
    a = [old[s:e] for s, e in a_words]
    b = [new[s:e] for s, e in b_words]
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        a_at = a_words[i1][0] if i1 < len(a_words) else o2
        b_at = b_words[j1][0] if j1 < len(b_words) else n2
        if tag == "equal":
            for (s, e), (t, _) in zip(a_words[i1:i2], b_words[j1:j2], strict=True):
                blocks.append(Block(s, t, e - s))
            continue
        if i2 > i1:
            s, e = a_words[i1][0], a_words[i2 - 1][1]
            changes.append(Change("deleted", old[s:e], s, e, b_at, b_at))
        if j2 > j1:
            s, e = b_words[j1][0], b_words[j2 - 1][1]
            changes.append(Change("inserted", new[s:e], a_at, a_at, s, e))
