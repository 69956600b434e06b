"""A member's watermark on every page: "<name> · <time>" in light grey, across the page.

The text is drawn once, in one Form XObject shared by every page; each page only adds
a few bytes (a reference to one small placement stream per page size, shared too), so
the file hardly grows (bench/pack_build.py: target at most 1.2× the input). Source
content is never rewritten: it is wrapped in ``q``/``Q`` like the stamps.
"""

from __future__ import annotations

import datetime
import math
import time
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ecabinet.fsutil import atomic_writer
from ecabinet.pack.overlay import Geometry, Wrapper, geometry, import_font, resource_name, text_font
from ecabinet.pack.spec import PackError
from ecabinet.pdf.cid_font import clean_text
from ecabinet.timeutil import VIETNAM_TZ

FORM_SIZE = 40.0  # the text's size inside the form; each page scales it to fit
GREY = 0.55
OPACITY = 0.35  # a light grey that leaves the paper readable beneath it
ACROSS = 0.8  # the share of the page's diagonal the text spans


@dataclass(frozen=True)
class WatermarkReport:
    output: Path
    pages: int
    input_bytes: int
    output_bytes: int
    seconds: float


def watermark_text(member_name: str, when: datetime.datetime) -> str:
    local = when.astimezone(VIETNAM_TZ)
    return f"{' '.join(member_name.split())} · {local:%H:%M %d/%m/%Y}"


def _form(pdf: pikepdf.Pdf, text: str) -> tuple[pikepdf.Object, float]:
    """The shared form: the text centred on the origin; returns it and its width."""
    font = text_font()
    encoded = font.encode(text)
    width = font.width(text, FORM_SIZE)
    height = FORM_SIZE
    # ActualText gives text extractors the line whole: poppler otherwise reads turned
    # glyphs one by one, a letter per line.
    actual = b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
    content = (
        b"/Span << /ActualText "
        + actual
        + b" >> BDC\n"
        + f"/Wg gs {GREY:g} g BT /F {FORM_SIZE:g} Tf ".encode()
        + f"{-width / 2:.2f} {-height / 3:.2f} Td ".encode()
        + encoded
        + b" Tj ET\nEMC\n"
    )
    form = pikepdf.Stream(pdf, content)
    form.Type = pikepdf.Name.XObject
    form.Subtype = pikepdf.Name.Form
    form.BBox = pikepdf.Array([-width / 2 - 2, -height, width / 2 + 2, height])
    form.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(F=pdf.make_indirect(import_font(pdf, font))),
        ExtGState=pikepdf.Dictionary(
            Wg=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=OPACITY, CA=OPACITY)
        ),
    )
    return pdf.make_indirect(form), width


def _placement(seen: Geometry, text_width: float) -> bytes:
    """Move the form to the middle of the seen page, turned along its diagonal."""
    w, h = seen.shown
    angle = math.atan2(h, w)
    scale = min(ACROSS * math.hypot(w, h) / text_width, 4.0)
    cos, sin = math.cos(angle) * scale, math.sin(angle) * scale
    return seen.upright() + (
        f"{cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {w / 2:.2f} {h / 2:.2f} cm\n".encode()
    )


def watermark(
    pack: Path, member_name: str, when: datetime.datetime, output: Path | None = None
) -> WatermarkReport:
    """Watermark every page of ``pack`` for ``member_name`` at ``when``; write ``output``
    (the pack itself when None), atomically."""
    started = time.perf_counter()
    output = output or pack
    input_bytes = pack.stat().st_size
    text = clean_text(watermark_text(member_name, when)).replace("\n", " ")
    try:
        pdf = pikepdf.open(pack)
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        raise PackError(
            "Không đọc được bộ tài liệu để đóng dấu chìm.",
            code="pack_unreadable",
            message_en=f"Cannot read {pack}: {exc}",
        ) from exc
    with pdf:
        form, width = _form(pdf, text)
        wrapper = Wrapper(pdf)
        placements: dict[tuple[str, str], pikepdf.Object] = {}
        for page in pdf.pages:
            name = resource_name(page, "/XObject", "EcWatermark", form)
            seen = geometry(page)
            key = (repr(seen), name)
            shared = placements.get(key)
            if shared is None:
                data = b"Q\nq\n" + _placement(seen, width) + name.encode() + b" Do\nQ\n"
                shared = placements[key] = pdf.make_indirect(pikepdf.Stream(pdf, data))
            wrapper.add(page, shared)
        with atomic_writer(output) as sink:
            pdf.save(sink, compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)  # fmt: skip
        pages = len(pdf.pages)
    return WatermarkReport(
        output=output, pages=pages, input_bytes=input_bytes,
        output_bytes=output.stat().st_size, seconds=time.perf_counter() - started,
    )  # fmt: skip
