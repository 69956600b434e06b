"""The stamps: "Trang x/y" on the right and the agenda item's short name on the left,
along the bottom edge of every page as the reader sees it (a turned page included)."""

from __future__ import annotations

from collections.abc import Sequence

import pikepdf

from ecabinet.pack.overlay import Wrapper, geometry, import_font, resource_name, text_font
from ecabinet.pdf.cid_font import clean_text

STAMP_SIZE = 8.0
EDGE = 18.0  # points from the bottom and the sides
FONT_NAME = "EcPackStamp"


def page_label(number: int, total: int) -> str:
    return f"Trang {number}/{total}"


class _Stamper:
    """Lays out stamps; the item's name repeats on many pages, so it is fitted and
    encoded once per name and page width."""

    def __init__(self) -> None:
        self.font = text_font()
        self._encoded: dict[str, bytes] = {}
        self._fitted: dict[tuple[str, float], str] = {}

    def _encode(self, text: str) -> bytes:
        found = self._encoded.get(text)
        if found is None:
            found = self._encoded[text] = self.font.encode(text)
        return found

    def _fit(self, text: str, room: float) -> str:
        key = (text, round(room))
        found = self._fitted.get(key)
        if found is None:
            found = text
            while found and self.font.width(found, STAMP_SIZE) > room:
                found = found[:-2] + "…" if len(found) > 2 else ""
            self._fitted[key] = found
        return found

    def stamp(self, width: float, left: str, right: str) -> bytes:
        right_width = self.font.width(right, STAMP_SIZE)
        # The name gives way to the page number on a narrow page.
        left = self._fit(left, width - 2 * EDGE - 60)
        return b"".join((
            f"0.25 g\nBT\n/FONT {STAMP_SIZE:g} Tf\n{EDGE:g} {EDGE:g} Td\n".encode(),
            self._encode(left), b" Tj\n",
            f"{width - 2 * EDGE - right_width:.2f} 0 Td\n".encode(),
            self.font.encode(right), b" Tj\nET\n",
        ))  # fmt: skip


def stamp_pages(pdf: pikepdf.Pdf, labels: Sequence[str]) -> None:
    """Stamp page ``i`` of ``pdf`` with ``labels[i]`` and its number out of the total."""
    total = len(pdf.pages)
    if len(labels) != total:
        raise ValueError(f"{len(labels)} labels for {total} pages")
    stamper = _Stamper()
    drawn: list[tuple[pikepdf.Page, bytes]] = []
    for index, page in enumerate(pdf.pages):
        seen = geometry(page)
        label = clean_text(labels[index]).replace("\n", " ")
        body = stamper.stamp(seen.shown[0], label, page_label(index + 1, total))
        drawn.append((page, seen.upright() + body))
    font_object = pdf.make_indirect(import_font(pdf, stamper.font))
    wrapper = Wrapper(pdf)
    for page, body in drawn:
        name = resource_name(page, "/Font", FONT_NAME, font_object)
        data = b"Q\nq\n" + body.replace(b"/FONT ", name.encode() + b" ") + b"Q\n"
        wrapper.add(page, pdf.make_indirect(pikepdf.Stream(pdf, data)))
