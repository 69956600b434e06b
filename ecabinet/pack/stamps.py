"""The stamps: "Trang x/y" on the right and the agenda item's short name on the left,
along the bottom edge of every page as the reader sees it (a turned page included)."""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf

from ecabinet.pack.overlay import Wrapper, geometry, import_font, resource_name, text_font
from ecabinet.pdf.cid_font import EmbeddedFont, clean_text

STAMP_SIZE = 8.0
EDGE = 18.0  # points from the bottom and the sides
FONT_NAME = "EcPackStamp"


def page_label(number: int, total: int) -> str:
    return f"Trang {number}/{total}"


def _stamp(font: EmbeddedFont, width: float, left: str, right: str) -> bytes:
    right_width = font.width(right, STAMP_SIZE)
    # The name gives way to the page number on a narrow page.
    room = width - 2 * EDGE - right_width - 12
    while left and font.width(left, STAMP_SIZE) > room:
        left = left[:-2] + "…" if len(left) > 2 else ""
    out = [b"0.25 g\nBT\n"]
    out.append(f"/FONT {STAMP_SIZE:g} Tf\n{EDGE:g} {EDGE:g} Td\n".encode())
    out.append(font.encode(left) + b" Tj\n")
    out.append(f"{width - 2 * EDGE - right_width:.2f} 0 Td\n".encode())
    out.append(font.encode(right) + b" Tj\nET\n")
    return b"".join(out)


def stamp_pages(pdf: pikepdf.Pdf, labels: Sequence[str]) -> None:
    """Stamp page ``i`` of ``pdf`` with ``labels[i]`` and its number out of the total."""
    total = len(pdf.pages)
    if len(labels) != total:
        raise ValueError(f"{len(labels)} labels for {total} pages")
    font = text_font()
    drawn: list[tuple[pikepdf.Page, bytes]] = []
    for index, page in enumerate(pdf.pages):
        seen = geometry(page)
        body = _stamp(font, seen.shown[0], clean_text(labels[index]), page_label(index + 1, total))
        drawn.append((page, seen.upright() + body))
    font_object = pdf.make_indirect(import_font(pdf, font))
    wrapper = Wrapper(pdf)
    for page, body in drawn:
        name = resource_name(page, "/Font", FONT_NAME, font_object)
        data = b"Q\nq\n" + body.replace(b"/FONT ", name.encode() + b" ") + b"Q\n"
        wrapper.add(page, pdf.make_indirect(pikepdf.Stream(pdf, data)))
