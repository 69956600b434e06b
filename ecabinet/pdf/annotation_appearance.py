"""The appearance streams (``/AP /N``) of exported annotations, drawn by hand.

Viewers differ in what they draw for an annotation without an appearance (pdfium
draws FreeText empty, poppler drops Vietnamese letters), and an appearance is what
prints. So every annotation gets one: the form's content, its ``/BBox`` and, on a
rotated page, a ``/Matrix`` that turns a FreeText's text upright for the reader (the
note icon is kept upright by the viewer itself: see ``note_rect``).
Geometry is in the page's unrotated user space, as pdfium gives it; viewers rotate
the page, annotations included.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from ecabinet.pdf.annotation_record import ExportAnnotation, Quad, Rect
from ecabinet.pdf.cid_font import EmbeddedFont
from ecabinet.pdf.text_fit import FittedText, fit_text

FONT_RESOURCE = "EcSerif"  # the font's name in appearance and /DA resources
MULTIPLY_RESOURCE = "EcMultiply"  # the Multiply ExtGState that lets text show through
INK_WIDTH = 1.5  # points at pressure 0.5; pressure 0 draws 0.75, pressure 1 draws 2.25
FREETEXT_SIZE = 12.0
FREETEXT_MIN_SIZE = 6.0
FREETEXT_PADDING = 3.0
BORDER_WIDTH = 0.75

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Appearance:
    rect: Rect  # the annotation's /Rect in page space
    bbox: Rect  # the form's /BBox in its own space
    content: bytes
    matrix: Matrix | None = None
    font: bool = False
    multiply: bool = False
    fitted: FittedText | None = field(default=None)  # FreeText only
    text_color: tuple[float, float, float] = (0.0, 0.0, 0.0)


def fmt(value: float) -> str:
    """A number as a content stream writes it: short, no exponent, no "-0"."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _ops(*parts: float | str) -> str:
    return " ".join(fmt(p) if isinstance(p, int | float) else p for p in parts)


def _rgb(color: tuple[float, float, float], op: str) -> str:
    return _ops(*color, op)


def _shade(color: tuple[float, float, float], factor: float) -> tuple[float, float, float]:
    r, g, b = color
    return (r * factor, g * factor, b * factor)


def _padded(rect: Rect, pad: float) -> Rect:
    return (rect[0] - pad, rect[1] - pad, rect[2] + pad, rect[3] + pad)


def _quad_bounds(quads: tuple[Quad, ...]) -> Rect:
    xs = [v for q in quads for v in q[0::2]]
    ys = [v for q in quads for v in q[1::2]]
    return (min(xs), min(ys), max(xs), max(ys))


def highlight(a: ExportAnnotation) -> Appearance:
    """The quads filled with the colour, multiplied onto the page so the text stays black."""
    lines = [f"/{MULTIPLY_RESOURCE} gs", _rgb(a.color, "rg")]
    for x1, y1, x2, y2, x3, y3, x4, y4 in a.quads:
        # QuadPoints order is upper-left, upper-right, lower-left, lower-right.
        lines.append(_ops(x1, y1, "m", x2, y2, "l", x4, y4, "l", x3, y3, "l h"))
    lines.append("f")
    rect = _quad_bounds(a.quads)
    return Appearance(rect, rect, "\n".join(lines).encode(), multiply=True)


def line_markup(a: ExportAnnotation, height_fraction: float) -> Appearance:
    """Underline (at the bottom of each quad) or strike-out (through its middle).

    The line follows the quad's own baseline direction, so text set at an angle is
    underlined along it.
    """
    lines = [_rgb(a.color, "RG"), "1 J"]
    widest = 0.0
    for x1, y1, _x2, _y2, x3, y3, x4, y4 in a.quads:
        up_x, up_y = x1 - x3, y1 - y3
        height = math.hypot(up_x, up_y) or 1.0
        width = max(0.5, height * 0.07)
        widest = max(widest, width)
        # At least half the line width above the bottom edge, so it stays in the quad.
        t = max(height_fraction, width / 2 / height)
        sx, sy = x3 + up_x * t, y3 + up_y * t
        ex, ey = x4 + up_x * t, y4 + up_y * t
        lines.append(_ops(width, "w", sx, sy, "m", ex, ey, "l S"))
    rect = _padded(_quad_bounds(a.quads), widest)
    return Appearance(rect, rect, "\n".join(lines).encode())


def underline(a: ExportAnnotation) -> Appearance:
    return line_markup(a, 0.0)


def strikeout(a: ExportAnnotation) -> Appearance:
    return line_markup(a, 0.42)


def ink_width(pressure: float) -> float:
    """Stroke width for a pressure in [0, 1], in quarter points (so runs merge)."""
    return round(INK_WIDTH * (0.5 + pressure) * 4) / 4


def _runs(stroke: tuple[tuple[float, float, float], ...]) -> Iterator[tuple[float, list[int]]]:
    """Consecutive segments of one width, as (width, point indexes)."""
    if len(stroke) == 1:
        yield ink_width(stroke[0][2]), [0, 0]
        return
    current: list[int] = [0]
    width = ink_width((stroke[0][2] + stroke[1][2]) / 2)
    for i in range(1, len(stroke)):
        w = ink_width((stroke[i - 1][2] + stroke[i][2]) / 2)
        if w != width:
            yield width, current
            current, width = [i - 1], w
        current.append(i)
    yield width, current


def ink(a: ExportAnnotation) -> Appearance:
    """Each stroke as a path, thicker where the pen pressed harder; round ends and joins."""
    lines = [_rgb(a.color, "RG"), "1 J 1 j"]
    widest = 0.0
    for stroke in a.ink:
        for width, indexes in _runs(stroke):
            widest = max(widest, width)
            path = [_ops(width, "w", stroke[indexes[0]][0], stroke[indexes[0]][1], "m")]
            path += [_ops(stroke[i][0], stroke[i][1], "l") for i in indexes[1:]]
            lines.append(" ".join(path) + " S")
    bounds = a.bounds()
    assert bounds is not None
    rect = _padded(bounds, widest / 2 + 0.5)
    return Appearance(rect, rect, "\n".join(lines).encode())


def _upright(rect: Rect, rotation: int) -> tuple[Rect, Matrix | None]:
    """The form's BBox (as the reader sees the box) and the Matrix that turns it upright
    on a page shown rotated by ``rotation`` degrees clockwise.

    The viewer maps the BBox, transformed by the Matrix, onto the /Rect (ISO 32000-1,
    12.5.5), so rotating the form against the page's turn is all that is needed.
    """
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    if rotation in (90, 270):
        width, height = height, width
    bbox = (0.0, 0.0, width, height)
    if rotation == 0:
        return bbox, None
    # Counter-clockwise by the page's rotation: the viewer's clockwise turn undoes it.
    cos, sin = {90: (0.0, 1.0), 180: (-1.0, 0.0), 270: (0.0, -1.0)}[rotation]
    return bbox, (cos, sin, -sin, cos, 0.0, 0.0)


def note_rect(rect: Rect, rotation: int) -> Rect:
    """The /Rect that puts an upright note icon exactly on ``rect`` of a rotated page.

    A Text annotation behaves as if NoRotate were set (ISO 32000-1, 12.5.6.4; poppler
    does so, and pdfium once the flag is written): its appearance is drawn unrotated
    with its upper-left corner pinned where the /Rect's upper-left corner shows. So the
    /Rect starts at the corner of ``rect`` the reader sees top-left, with the size the
    reader sees.
    """
    x0, y0, x1, y1 = rect
    if rotation == 0:
        return rect
    corner = {90: (x0, y0), 180: (x1, y0), 270: (x1, y1)}[rotation]
    width, height = x1 - x0, y1 - y0
    if rotation in (90, 270):
        width, height = height, width
    return (corner[0], corner[1] - height, corner[0] + width, corner[1])


def note(a: ExportAnnotation, rotation: int) -> Appearance:
    """A small sheet with a folded corner and three ruled lines: the sticky-note icon."""
    assert a.rect is not None
    rect = note_rect(a.rect, rotation)
    w, h = rect[2] - rect[0], rect[3] - rect[1]
    fold = min(w, h) * 0.3
    dark = _shade(a.color, 0.45)
    lines = [
        _rgb(a.color, "rg"),
        _rgb(dark, "RG"),
        "0.8 w 1 j",
        _ops(0.5, 0.5, "m", w - 0.5, 0.5, "l", w - 0.5, h - 0.5 - fold, "l"),
        _ops(w - 0.5 - fold, h - 0.5, "l", 0.5, h - 0.5, "l h B"),
        _ops(w - 0.5 - fold, h - 0.5, "m", w - 0.5 - fold, h - 0.5 - fold, "l"),
        _ops(w - 0.5, h - 0.5 - fold, "l S"),
    ]
    for fraction, end in ((0.3, 0.8), (0.5, 0.8), (0.7, 0.62)):
        lines.append(_ops(w * 0.2, h * fraction, "m", w * end, h * fraction, "l S"))
    return Appearance(rect, (0.0, 0.0, w, h), "\n".join(lines).encode())


def readable_on(color: tuple[float, float, float]) -> tuple[float, float, float]:
    """Black text on a light fill, white on a dark one (relative luminance, WCAG)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in color)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (0.0, 0.0, 0.0) if luminance > 0.18 else (1.0, 1.0, 1.0)


def freetext(a: ExportAnnotation, font: EmbeddedFont, rotation: int) -> Appearance:
    """The box filled with the colour, a thin border, and the comment wrapped inside it,
    shrunk and then cut with "…" when it does not fit (clipped to the box regardless)."""
    assert a.rect is not None
    bbox, matrix = _upright(a.rect, rotation)
    w, h = bbox[2], bbox[3]
    inner_w = max(w - 2 * FREETEXT_PADDING, 0.0)
    inner_h = max(h - 2 * FREETEXT_PADDING, 0.0)
    fitted = fit_text(
        a.text, font, inner_w, inner_h, size=FREETEXT_SIZE, min_size=FREETEXT_MIN_SIZE
    )
    ink_color = readable_on(a.color)
    half = BORDER_WIDTH / 2
    lines = [
        _rgb(a.color, "rg"),
        _rgb(_shade(a.color, 0.55), "RG"),
        _ops(BORDER_WIDTH, "w", half, half, w - BORDER_WIDTH, h - BORDER_WIDTH, "re B"),
    ]
    if fitted.lines:
        lines += [
            "q",
            _ops(BORDER_WIDTH, BORDER_WIDTH, w - 2 * BORDER_WIDTH, h - 2 * BORDER_WIDTH),
            "re W n BT",
            f"/{FONT_RESOURCE} {fmt(fitted.size)} Tf",
            _rgb(ink_color, "rg"),
        ]
        baseline = h - FREETEXT_PADDING - font.ascent(fitted.size)
        lines.append(_ops(FREETEXT_PADDING, baseline, "Td"))
        for index, line in enumerate(fitted.lines):
            if index:
                lines.append(_ops(0, -fitted.leading, "Td"))
            lines.append(font.encode(line).decode("ascii") + " Tj")
        lines.append("ET Q")
    content = "\n".join(lines).encode()
    return Appearance(a.rect, bbox, content, matrix, font=True, fitted=fitted, text_color=ink_color)
