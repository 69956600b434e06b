"""A TrueType face embedded in a pypdf document as a subset Type0 (CIDFontType2) font.

Annotation appearance streams are written by hand, so their font is too. A simple
TrueType font holds 256 codes at most and needs an encoding that names every
Vietnamese letter; a Type0 font with Identity-H takes glyph ids directly (two bytes
each), with a ``/W`` array for the widths and a ``/ToUnicode`` CMap so that viewers
can extract and search the text. Without an embedded font pdfium draws a FreeText box
empty and poppler drops every Vietnamese-specific letter (docs/platform-facts.md).

The subset keeps the original glyph ids (fontTools ``retain_gids``): text can be
encoded while the appearance streams are built and the font file made once at the end,
when every character is known. Unused glyphs are empty, so the file stays small (about
4 KB compressed for a page of Vietnamese against 394 KB for the whole face).
"""

from __future__ import annotations

import hashlib
import io
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

# Drawn instead of a character the face has no glyph for (an emoji, a CJK letter).
REPLACEMENT = "?"


@dataclass(frozen=True)
class FaceMetrics:
    """What layout needs from a face, read once per file."""

    units_per_em: int
    glyph_of: dict[int, int]  # code point -> glyph id
    advance: dict[int, int]  # glyph id -> advance width in font units
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]
    family: str


@lru_cache(maxsize=4)
def face_metrics(path: Path) -> FaceMetrics:
    font = TTFont(str(path), lazy=True)
    order = font.getGlyphOrder()
    ids = {name: index for index, name in enumerate(order)}
    cmap = font.getBestCmap() or {}
    hmtx = font["hmtx"].metrics
    head = font["head"]
    os2 = font["OS/2"]
    hhea = font["hhea"]
    family = font["name"].getDebugName(6) or path.stem
    metrics = FaceMetrics(
        units_per_em=int(head.unitsPerEm),
        glyph_of={code: ids[name] for code, name in cmap.items()},
        advance={ids[name]: int(width) for name, (width, _lsb) in hmtx.items()},
        ascent=int(hhea.ascent),
        descent=int(hhea.descent),
        cap_height=int(getattr(os2, "sCapHeight", hhea.ascent)),
        bbox=(int(head.xMin), int(head.yMin), int(head.xMax), int(head.yMax)),
        family="".join(ch for ch in family if ch.isalnum() or ch in "-_"),
    )
    font.close()
    return metrics


def clean_text(text: str) -> str:
    """NFC (precomposed Vietnamese letters have glyphs; combining marks would not stack
    well without shaping), tabs as spaces, other control characters removed."""
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\r\n", "\n")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")


@dataclass
class EmbeddedFont:
    """One face, measured and encoded as text is laid out, embedded by ``embed``."""

    path: Path
    metrics: FaceMetrics = field(init=False)
    used: dict[int, str] = field(default_factory=dict)  # glyph id -> the text it shows
    missing: set[str] = field(default_factory=set)
    _units: dict[str, int] = field(default_factory=dict, repr=False)  # advance by letter

    def __post_init__(self) -> None:
        self.metrics = face_metrics(self.path)

    def glyph(self, ch: str) -> tuple[int, str]:
        """The glyph id that draws ``ch`` and the text it stands for (the replacement
        mark for a character the face lacks)."""
        gid = self.metrics.glyph_of.get(ord(ch))
        if gid is None:
            self.missing.add(ch)
            return self.metrics.glyph_of[ord(REPLACEMENT)], REPLACEMENT
        return gid, ch

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` in points at ``size`` (no kerning: the appearance has none)."""
        known = self._units
        units = 0
        for ch in text:
            advance = known.get(ch)
            if advance is None:
                advance = known[ch] = self.metrics.advance.get(self.glyph(ch)[0], 0)
            units += advance
        return units * size / self.metrics.units_per_em

    def ascent(self, size: float) -> float:
        return self.metrics.ascent * size / self.metrics.units_per_em

    def descent(self, size: float) -> float:
        """Below the baseline, as a positive number of points."""
        return -self.metrics.descent * size / self.metrics.units_per_em

    def encode(self, text: str) -> bytes:
        """The operand of ``Tj`` for ``text``: a hex string of two-byte glyph ids."""
        out = bytearray(b"<")
        for ch in text:
            gid, shown = self.glyph(ch)
            self.used.setdefault(gid, shown)
            out += b"%04X" % gid
        out += b">"
        return bytes(out)

    def embed(self, writer: PdfWriter, target: IndirectObject) -> int:
        """Fill the dictionary at ``target`` with the Type0 font; return the subset's size.

        ``target`` was reserved before the appearance streams that name it were written.
        """
        tag = _subset_tag(sorted(self.used))
        base = f"{tag}+{self.metrics.family}"
        program = _subset_program(self.path, frozenset(self.used))
        file_stream = DecodedStreamObject()
        file_stream.set_data(program)
        file_stream[NameObject("/Length1")] = NumberObject(len(program))
        file_ref = writer._add_object(file_stream.flate_encode())
        scale = 1000 / self.metrics.units_per_em
        x0, y0, x1, y1 = self.metrics.bbox
        descriptor = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/FontDescriptor"),
                NameObject("/FontName"): NameObject(f"/{base}"),
                # Serif (2) + Symbolic (4): the glyphs go beyond the standard Latin set.
                NameObject("/Flags"): NumberObject(6),
                NameObject("/FontBBox"): _numbers(v * scale for v in (x0, y0, x1, y1)),
                NameObject("/ItalicAngle"): NumberObject(0),
                NameObject("/Ascent"): _number(self.metrics.ascent * scale),
                NameObject("/Descent"): _number(self.metrics.descent * scale),
                NameObject("/CapHeight"): _number(self.metrics.cap_height * scale),
                NameObject("/StemV"): NumberObject(80),
                NameObject("/FontFile2"): file_ref,
            }
        )
        cid_font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/CIDFontType2"),
                NameObject("/BaseFont"): NameObject(f"/{base}"),
                NameObject("/CIDSystemInfo"): DictionaryObject(
                    {
                        NameObject("/Registry"): TextStringObject("Adobe"),
                        NameObject("/Ordering"): TextStringObject("Identity"),
                        NameObject("/Supplement"): NumberObject(0),
                    }
                ),
                NameObject("/FontDescriptor"): writer._add_object(descriptor),
                NameObject("/DW"): NumberObject(1000),
                NameObject("/W"): self._widths(scale),
                NameObject("/CIDToGIDMap"): NameObject("/Identity"),
            }
        )
        to_unicode = DecodedStreamObject()
        to_unicode.set_data(_to_unicode_cmap(self.used))
        font = target.get_object()
        assert isinstance(font, DictionaryObject)
        font.update(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type0"),
                NameObject("/BaseFont"): NameObject(f"/{base}"),
                NameObject("/Encoding"): NameObject("/Identity-H"),
                NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
                NameObject("/ToUnicode"): writer._add_object(to_unicode.flate_encode()),
            }
        )
        return len(program)

    def _widths(self, scale: float) -> ArrayObject:
        """``/W`` as runs of consecutive glyph ids: ``first [w1 w2 ...]``."""
        out = ArrayObject()
        run: list[int] = []
        for gid in sorted(self.used):
            if run and gid != run[-1] + 1:
                out += _width_run(run, self.metrics.advance, scale)
                run = []
            run.append(gid)
        if run:
            out += _width_run(run, self.metrics.advance, scale)
        return out


def _width_run(run: list[int], advance: dict[int, int], scale: float) -> list[object]:
    return [NumberObject(run[0]), _numbers(advance.get(g, 0) * scale for g in run)]


def _number(value: float) -> NumberObject | FloatObject:
    rounded = round(value, 3)
    return NumberObject(int(rounded)) if rounded == int(rounded) else FloatObject(rounded)


def _numbers(values: Iterable[float]) -> ArrayObject:
    return ArrayObject(_number(v) for v in values)


def _subset_tag(glyphs: list[int]) -> str:
    """Six capital letters naming this subset (ISO 32000-1, 9.6.4); the same glyphs
    always give the same tag, so the same export gives the same bytes."""
    digest = hashlib.sha256(",".join(map(str, glyphs)).encode()).digest()
    return "".join(string.ascii_uppercase[b % 26] for b in digest[:6])


def _subset_program(path: Path, glyphs: frozenset[int]) -> bytes:
    options = subset.Options()
    options.retain_gids = True
    options.notdef_outline = True
    options.hinting = False
    options.glyph_names = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    # PDF viewers read none of these; FFTM is FontForge's timestamp, which fontTools
    # cannot subset and would log about.
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern", "DSIG", "gasp", "hdmx"]
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(glyphs))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()


def _to_unicode_cmap(used: dict[int, str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    entries = sorted(used.items())
    # At most 100 entries per bfchar block (PDF reference, 9.10.3).
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        for gid, text in block:
            lines.append(f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(lines) + "\n").encode("ascii")
