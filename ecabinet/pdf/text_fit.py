"""Fit a comment into a box: wrap to the width, shrink to a floor, then cut with "…".

Only the drawn appearance is cut; the full text stays in the annotation's ``/Contents``
and on the closing pages, so nothing a minister wrote is lost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

ELLIPSIS = "…"


class Measure(Protocol):
    def width(self, text: str, size: float) -> float: ...
    def ascent(self, size: float) -> float: ...
    def descent(self, size: float) -> float: ...


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: float
    leading: float
    shrunk: bool  # drawn smaller than asked
    truncated: bool  # some text is not drawn (it is still in /Contents)


def wrap(
    text: str, font: Measure, size: float, width: float, max_lines: int | None = None
) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken between letters.

    Stops after ``max_lines + 1`` lines: enough to know the text does not fit.
    """
    lines: list[str] = []
    limit = math.inf if max_lines is None else max_lines + 1

    def emit(line: str) -> bool:
        lines.append(line)
        return len(lines) >= limit

    space = font.width(" ", size)
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0  # widths add up: the appearance sets no kerning
        for word in paragraph.split():
            word_width = font.width(word, size)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line and emit(line):
                return lines
            line, line_width = word, word_width
            while line_width > width and len(line) > 1:
                cut = _longest_prefix(line, font, size, width)
                if emit(line[:cut]):
                    return lines
                line = line[cut:]
                line_width = font.width(line, size)
        if emit(line):
            return lines
    return lines


def _longest_prefix(word: str, font: Measure, size: float, width: float) -> int:
    """How many leading letters of ``word`` fit in ``width`` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.width(word[:middle], size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def line_capacity(font: Measure, size: float, leading: float, height: float) -> int:
    """Lines of ``size`` that fit one under another in ``height``."""
    first = font.ascent(size) + font.descent(size)
    if height < first:
        return 0
    return 1 + int((height - first) // leading)


def fit_text(
    text: str,
    font: Measure,
    width: float,
    height: float,
    *,
    size: float = 12.0,
    min_size: float = 6.0,
    step: float = 0.5,
    line_spacing: float = 1.2,
) -> FittedText:
    """The largest size from ``size`` down to ``min_size`` at which all of ``text``
    fits in ``width`` x ``height``; below that, ``min_size`` with the last line ending
    in an ellipsis."""
    current = size
    while True:
        leading = current * line_spacing
        capacity = line_capacity(font, current, leading, height)
        lines = wrap(text, font, current, width, max_lines=capacity)
        if len(lines) <= capacity:
            return FittedText(tuple(lines), current, leading, current < size, False)
        if current - step < min_size - 1e-9:
            break
        current -= step
    kept = lines[:capacity]
    if kept:
        kept[-1] = _with_ellipsis(kept[-1], font, current, width)
    return FittedText(tuple(kept), current, leading, current < size, True)


def _with_ellipsis(line: str, font: Measure, size: float, width: float) -> str:
    while line and font.width(line.rstrip() + ELLIPSIS, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS
