"""Annotation dictionaries as other viewers expect them, each with its appearance form.

pypdf has classes for some of these, but none writes an appearance and none exists for
Ink; writing the dictionaries directly keeps every kind the same and every key visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from ecabinet.pdf.annotation_appearance import (
    BORDER_WIDTH,
    FONT_RESOURCE,
    INK_WIDTH,
    MULTIPLY_RESOURCE,
    Appearance,
    fmt,
)
from ecabinet.pdf.annotation_record import MARKUP_KINDS, ExportAnnotation
from ecabinet.pdf.cid_font import EmbeddedFont

SUBTYPE = {
    "highlight": "/Highlight",
    "underline": "/Underline",
    "strikeout": "/StrikeOut",
    "note": "/Text",
    "freetext": "/FreeText",
    "ink": "/Ink",
}
PRINT_FLAG = 4  # ISO 32000-1, 12.5.3: print the annotation with the page
# A Text annotation behaves as if NoZoom (8) and NoRotate (16) were set (12.5.6.4);
# poppler and Acrobat do so, pdfium only when the flags are written. Written, every
# viewer puts the icon in the same place (annotation_appearance.note_rect).
NOTE_FLAGS = PRINT_FLAG | 8 | 16


def pdf_date(value: datetime) -> str:
    """A PDF date string in UTC, e.g. "D:20260205023000Z"."""
    return value.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _numbers(values: Iterable[float]) -> ArrayObject:
    return ArrayObject(FloatObject(fmt(v)) for v in values)


@dataclass
class SharedResources:
    """Objects every appearance of the export shares, made on first use.

    The font dictionary is reserved when the first appearance names it and filled by
    ``finish`` once every character drawn is known (the subset depends on them).
    """

    writer: PdfWriter
    font: EmbeddedFont
    font_ref: IndirectObject | None = None
    multiply_ref: IndirectObject | None = None
    _added: list[IndirectObject] = field(default_factory=list)

    def font_dict(self) -> IndirectObject:
        if self.font_ref is None:
            self.font_ref = self.writer._add_object(DictionaryObject())
        return self.font_ref

    def multiply(self) -> IndirectObject:
        if self.multiply_ref is None:
            state = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/ExtGState"),
                    NameObject("/BM"): NameObject("/Multiply"),
                }
            )
            self.multiply_ref = self.writer._add_object(state)
        return self.multiply_ref

    def finish(self) -> int:
        """Embed the font subset if any appearance used it; return its size in bytes."""
        if self.font_ref is None:
            return 0
        return self.font.embed(self.writer, self.font_ref)


def _form(shared: SharedResources, appearance: Appearance) -> IndirectObject:
    resources = DictionaryObject()
    if appearance.font:
        resources[NameObject("/Font")] = DictionaryObject(
            {NameObject(f"/{FONT_RESOURCE}"): shared.font_dict()}
        )
    if appearance.multiply:
        resources[NameObject("/ExtGState")] = DictionaryObject(
            {NameObject(f"/{MULTIPLY_RESOURCE}"): shared.multiply()}
        )
    form = DecodedStreamObject()
    form.set_data(appearance.content)
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/FormType"): NumberObject(1),
            NameObject("/BBox"): _numbers(appearance.bbox),
            NameObject("/Resources"): resources,
        }
    )
    if appearance.matrix is not None:
        form[NameObject("/Matrix")] = _numbers(appearance.matrix)
    return shared.writer._add_object(form.flate_encode())


class CompactText(TextStringObject):
    """A text string written compactly: UTF-16 as hex (4 bytes a letter), others as a
    literal escaping only what must be escaped.

    pypdf escapes every byte that is not a letter or digit as octal, so a Vietnamese
    comment costs up to 8 bytes a letter, twice over (/Contents, /T, /Subj): 500
    annotations grew a copy by 1.9 KB each. An encrypted copy replaces these objects
    with encrypted byte strings, so this only shapes unencrypted output.
    """

    def write_to_stream(self, stream: Any, encryption_key: Any = None) -> None:
        data = self.get_encoded_bytes()
        if self.autodetect_utf16:
            stream.write(b"<" + data.hex().upper().encode() + b">")
            return
        escaped = (
            data.replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
            .replace(b"\r", b"\\r")
        )
        stream.write(b"(" + escaped + b")")


def _text(value: str) -> TextStringObject:
    return CompactText(value)


def annotation_dict(
    shared: SharedResources,
    a: ExportAnnotation,
    appearance: Appearance,
    page: IndirectObject,
) -> DictionaryObject:
    """The annotation's dictionary: common keys, the kind's own keys and ``/AP /N``."""
    changed = a.updated_at or a.created_at
    contents = a.text or (a.quote if a.kind in MARKUP_KINDS else "")
    d = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(SUBTYPE[a.kind]),
            NameObject("/Rect"): _numbers(appearance.rect),
            NameObject("/P"): page,
            NameObject("/NM"): _text(a.id),
            NameObject("/T"): _text(a.author),
            NameObject("/Subj"): _text(a.kind_vi),
            NameObject("/Contents"): _text(contents),
            NameObject("/C"): _numbers(a.color),
            NameObject("/F"): NumberObject(NOTE_FLAGS if a.kind == "note" else PRINT_FLAG),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): _form(shared, appearance)}),
        }
    )
    if changed is not None:
        d[NameObject("/M")] = _text(pdf_date(changed))
    if a.created_at is not None:
        d[NameObject("/CreationDate")] = _text(pdf_date(a.created_at))
    if a.kind in MARKUP_KINDS:
        d[NameObject("/QuadPoints")] = _numbers(v for quad in a.quads for v in quad)
    elif a.kind == "note":
        d[NameObject("/Name")] = NameObject("/Comment")
        d[NameObject("/Open")] = BooleanObject(False)
    elif a.kind == "ink":
        d[NameObject("/InkList")] = ArrayObject(
            _numbers(v for point in stroke for v in point[:2]) for stroke in a.ink
        )
        d[NameObject("/BS")] = DictionaryObject({NameObject("/W"): FloatObject(INK_WIDTH)})
    elif a.kind == "freetext":
        _freetext_keys(d, appearance)
    return d


def _freetext_keys(d: DictionaryObject, appearance: Appearance) -> None:
    """``/DA`` and ``/DS`` that say what the appearance draws (font, size, text colour),
    for a viewer that regenerates it, e.g. when the reader edits the box."""
    fitted = appearance.fitted
    assert fitted is not None
    size = fmt(fitted.size)
    r, g, b = appearance.text_color
    d[NameObject("/DA")] = _text(f"/{FONT_RESOURCE} {size} Tf {fmt(r)} {fmt(g)} {fmt(b)} rg")
    hex_colour = "#" + "".join(f"{round(c * 255):02X}" for c in appearance.text_color)
    d[NameObject("/DS")] = _text(
        f"font: {size}pt 'Liberation Serif'; text-align:left; color:{hex_colour}"
    )
    d[NameObject("/Q")] = NumberObject(0)
    d[NameObject("/BS")] = DictionaryObject({NameObject("/W"): FloatObject(BORDER_WIDTH)})


def add_to_page(writer: PdfWriter, page_index: int, annots: list[IndirectObject]) -> None:
    """Append to the page's ``/Annots`` (a fresh array: the source's may be shared)."""
    page = writer.pages[page_index]
    existing = page.get("/Annots")
    current = list(existing.get_object()) if existing is not None else []
    page[NameObject("/Annots")] = ArrayObject([*current, *annots])


def register_default_font(writer: PdfWriter, font_ref: IndirectObject) -> None:
    """Name the appearance font in the AcroForm's ``/DR``, where a FreeText's ``/DA``
    font is looked up; a document without a form gets an empty one to hold it."""
    root = writer.root_object
    form_ref = root.get("/AcroForm")
    if form_ref is None:
        form = DictionaryObject({NameObject("/Fields"): ArrayObject()})
        root[NameObject("/AcroForm")] = writer._add_object(form)
    else:
        form = form_ref.get_object()
    resources = form.get("/DR")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    fonts[NameObject(f"/{FONT_RESOURCE}")] = font_ref
    resources[NameObject("/Font")] = fonts
    form[NameObject("/DR")] = resources
