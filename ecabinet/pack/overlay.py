"""Drawing on top of existing pages without touching their content.

A page gets two more content streams: a shared ``q`` before its own and ``Q`` plus the
overlay after, so whatever state the source leaves behind (a scale, a clip, a colour)
cannot move or hide the overlay, and the source's own streams stay byte for byte.

Text is set in the embedded Liberation Serif (ecabinet/pdf/cid_font.py: a subset
Type0 font with a ToUnicode map, so pdftotext and search find the stamps). The font
is made with pypdf, which cid_font speaks, and carried into the pikepdf document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from ecabinet.pdf.cid_font import EmbeddedFont
from ecabinet.pdf.fonts import font_file


@dataclass(frozen=True)
class Geometry:
    """How a page is seen: the visible box and the turn a viewer gives it."""

    x0: float
    y0: float
    width: float  # of the box, in user space
    height: float
    rotate: int  # 0, 90, 180, 270

    @property
    def shown(self) -> tuple[float, float]:
        """Width and height as the reader sees the page."""
        return (self.height, self.width) if self.rotate in (90, 270) else (self.width, self.height)

    def upright(self) -> bytes:
        """A ``cm`` from the seen page (origin bottom-left, as shown) to user space."""
        x0, y0, w, h = self.x0, self.y0, self.width, self.height
        matrix = {
            0: (1, 0, 0, 1, x0, y0),
            90: (0, 1, -1, 0, x0 + w, y0),
            180: (-1, 0, 0, -1, x0 + w, y0 + h),
            270: (0, -1, 1, 0, x0, y0 + h),
        }[self.rotate]
        return (" ".join(_num(v) for v in matrix) + " cm\n").encode("ascii")


def geometry(page: pikepdf.Page) -> Geometry:
    box = [float(v) for v in page.cropbox]
    x0, y0 = min(box[0], box[2]), min(box[1], box[3])
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    if rotate not in (0, 90, 180, 270):
        rotate = 0
    return Geometry(x0, y0, abs(box[2] - box[0]), abs(box[3] - box[1]), rotate)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def text_font() -> EmbeddedFont:
    return EmbeddedFont(font_file("regular"))


def import_font(pdf: pikepdf.Pdf, font: EmbeddedFont) -> pikepdf.Object:
    """The font, with every glyph encoded so far, as an object of ``pdf``."""
    writer = PdfWriter()
    target = writer._add_object(DictionaryObject())
    font.embed(writer, target)
    page = writer.add_blank_page(10, 10)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F"): target})}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as carrier:
        return pdf.copy_foreign(carrier.pages[0].Resources.Font.F)


class Wrapper:
    """The shared ``q`` stream, made once per document."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.push = pdf.make_indirect(pikepdf.Stream(pdf, b"q\n"))

    def add(self, page: pikepdf.Page, after: pikepdf.Object) -> None:
        """Put the source between ``q`` and ``Q`` and ``after`` (which starts with Q) last."""
        contents = page.obj.get("/Contents")
        if contents is None:
            parts: list[pikepdf.Object] = []
        elif isinstance(contents, pikepdf.Array):
            parts = list(contents)
        else:
            parts = [contents]
        page.obj.Contents = pikepdf.Array([self.push, *parts, after])


def resource_name(page: pikepdf.Page, kind: str, wanted: str, value: pikepdf.Object) -> str:
    """Name ``value`` in ``/Resources/kind`` of the page, reusing the entry when the page
    (or pages sharing its resources) already has it, never taking a name in use."""
    resources = page.obj.get("/Resources")
    if resources is None:
        resources = page.obj.Resources = pikepdf.Dictionary()
    entries = resources.get(kind)
    if entries is None:
        entries = resources[kind] = pikepdf.Dictionary()
    target = value.objgen
    for suffix in range(1000):
        name = f"/{wanted}{suffix or ''}"
        existing = entries.get(name)
        if existing is None:
            entries[name] = value
            return name
        if existing.objgen == target:
            return name
    raise ValueError(f"no free resource name for {wanted}")
