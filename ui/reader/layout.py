"""Where each page sits in a continuous vertical strip, at a given scale.

Page sizes are read lazily: until a page's size is known it is assumed to be the first
page's (most papers are uniform), so a 1,000-page paper is laid out at once; real sizes
arrive in chunks (``learn``) and the strip is recomputed (a cheap pass over floats).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from enum import Enum

SPACING = 12.0  # pixels between pages and around the strip


class ZoomMode(Enum):
    FIT_WIDTH = "fit-width"
    FIT_PAGE = "fit-page"
    CUSTOM = "custom"


class PageLayout:
    def __init__(self, count: int, size_of: Callable[[int], tuple[float, float]]) -> None:
        self.count = count
        self._size_of = size_of
        first = size_of(0) if count else (595.0, 842.0)
        self.sizes: list[tuple[float, float]] = [first] * count  # points, (width, height)
        self.known = min(1, count)  # sizes [0, known) are real
        self.scale = 1.0
        self.tops: list[float] = []
        self._relayout()

    def learn(self, upto: int) -> bool:
        """Read real sizes up to page ``upto`` (exclusive); True when the strip changed."""
        upto = min(upto, self.count)
        changed = False
        for page in range(self.known, upto):
            size = self._size_of(page)
            if size != self.sizes[page]:
                self.sizes[page] = size
                changed = True
        self.known = max(self.known, upto)
        if changed:
            self._relayout()
        return changed

    def complete(self) -> bool:
        return self.known >= self.count

    def set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self._relayout()

    def _relayout(self) -> None:
        y = SPACING
        tops = []
        for _w, h in self.sizes:
            tops.append(y)
            y += h * self.scale + SPACING
        self.tops = tops
        self.height = y
        self.width = max((w for w, _h in self.sizes), default=0.0) * self.scale + 2 * SPACING

    def page_height(self, page: int) -> float:
        return self.sizes[page][1] * self.scale

    def page_width(self, page: int) -> float:
        return self.sizes[page][0] * self.scale

    def page_at(self, y: float) -> int:
        """The page whose slot (page plus the spacing after it) holds strip position ``y``."""
        return max(0, min(self.count - 1, bisect_right(self.tops, y) - 1))

    def visible(self, top: float, bottom: float) -> range:
        if not self.count:
            return range(0)
        first = self.page_at(top)
        last = self.page_at(bottom)
        return range(first, last + 1)

    def max_size(self) -> tuple[float, float]:
        """The widest and the tallest page, in points (for the fit modes)."""
        return (
            max((w for w, _h in self.sizes), default=595.0),
            max((h for _w, h in self.sizes), default=842.0),
        )
