"""Render PDF pages with two independent engines and compare what they drew.

pdfium (pypdfium2, Chrome's engine) and poppler (``pdftoppm``, the engine of most
Linux viewers) render the crop box at 72 dpi, one pixel per point; both are compared
against the same page of the source so that only what the export added differs.
"""

from __future__ import annotations

import ctypes
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops

Box = tuple[int, int, int, int]  # device pixels: left, top, right, bottom (exclusive)
RENDERERS = ("pdfium", "poppler")


def render(path: Path, page: int, renderer: str) -> Image.Image:
    if renderer == "pdfium":
        doc = pdfium.PdfDocument(str(path))
        try:
            return doc[page].render(scale=1, draw_annots=True).to_pil().convert("RGB")
        finally:
            doc.close()
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "page"
        number = str(page + 1)
        subprocess.run(
            ["pdftoppm", "-r", "72", "-cropbox", "-png", "-singlefile", "-f", number, "-l",
             number, str(path), str(prefix)],
            check=True, capture_output=True,
        )  # fmt: skip
        with Image.open(prefix.with_suffix(".png")) as image:
            return image.convert("RGB")


def device_box(
    path: Path, page: int, rect: tuple[float, float, float, float], size: tuple[int, int]
) -> Box:
    """Where a rectangle of the page's user space lands in a render of ``size`` pixels,
    as pdfium maps it (crop box origin and /Rotate included)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pdf_page = doc[page]  # kept alive: its handle is freed with it
        handle = pdf_page.raw
        xs: list[int] = []
        ys: list[int] = []
        x0, y0, x1, y1 = rect
        for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
            dx, dy = ctypes.c_int(), ctypes.c_int()
            pdfium_c.FPDF_PageToDevice(handle, 0, 0, size[0], size[1], 0, x, y, dx, dy)
            xs.append(dx.value)
            ys.append(dy.value)
        return (min(xs), min(ys), max(xs), max(ys))
    finally:
        doc.close()


def annotation_box(path: Path, page: int, annot: Any, size: tuple[int, int]) -> Box:
    """Where a viewer draws an annotation: its /Rect on the page, except that one with
    NoRotate (flag 16; a sticky note) is drawn upright from where its /Rect's
    upper-left corner shows (ISO 32000-1, 12.5.3)."""
    rect = tuple(float(v) for v in annot["/Rect"])
    assert len(rect) == 4
    box = device_box(path, page, rect, size)  # type: ignore[arg-type]
    if not int(annot.get("/F", 0)) & 16:
        return box
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    scale = (box[2] - box[0] + box[3] - box[1]) / (width + height)
    corner = device_box(path, page, (rect[0], rect[3], rect[0], rect[3]), size)
    return (corner[0], corner[1], corner[0] + round(width * scale),
            corner[1] + round(height * scale))  # fmt: skip


def changed(before: Image.Image, after: Image.Image, box: Box | None = None) -> Image.Image:
    """A mask of the pixels that differ by more than anti-aliasing noise."""
    assert before.size == after.size, (before.size, after.size)
    diff = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > 24 else 0)
    return diff.crop(box) if box is not None else diff


def count(mask: Image.Image) -> int:
    return mask.histogram()[255]


def grow(box: Box, by: int, size: tuple[int, int]) -> Box:
    return (max(box[0] - by, 0), max(box[1] - by, 0), min(box[2] + by, size[0]),
            min(box[3] + by, size[1]))  # fmt: skip
