"""Write an annotated copy of a paper: the source's pages, real PDF annotations, and
closing pages that list every annotation.

The source is only read. A paper may carry a signature that any rewrite breaks, so
annotations live as data in eCabinet and leave the app only in such a copy: a new file
made by cloning the source with pypdf, each annotation a real one (Highlight, Underline
and StrikeOut with /QuadPoints, Text, FreeText, Ink) with its own appearance stream in
an embedded subset of Liberation Serif, so that pdfium, poppler, Acrobat and the rest
draw and print the same thing, Vietnamese included.
"""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject

from ecabinet.fsutil import atomic_writer, sha256_file
from ecabinet.pdf import annotation_appearance as appearances
from ecabinet.pdf.annotation_objects import (
    SharedResources,
    add_to_page,
    annotation_dict,
    register_default_font,
)
from ecabinet.pdf.annotation_record import (
    AnnotationExportError,
    ExportAnnotation,
    parse_annotation,
)
from ecabinet.pdf.annotation_summary import Entry, render_summary
from ecabinet.pdf.cid_font import EmbeddedFont
from ecabinet.pdf.fonts import font_file

__all__ = ["AnnotationExportError", "ExportReport", "export_annotated"]

OUTLINE_TITLE = "Danh sách ghi chú"

_DRAW: dict[str, Callable[[ExportAnnotation, EmbeddedFont, int], appearances.Appearance]] = {
    "highlight": lambda a, _f, _r: appearances.highlight(a),
    "underline": lambda a, _f, _r: appearances.underline(a),
    "strikeout": lambda a, _f, _r: appearances.strikeout(a),
    "ink": lambda a, _f, _r: appearances.ink(a),
    "note": lambda a, _f, r: appearances.note(a, r),
    "freetext": appearances.freetext,
}


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote; ids are the annotations' ``id``."""

    output: Path
    source_sha256: str
    source_pages: int
    closing_pages: int
    drawn: int  # annotations drawn on the pages
    orphaned: tuple[str, ...]  # listed under their own heading, not drawn
    unplaced: tuple[tuple[str, str], ...]  # (id, reason code): listed, not drawn
    shortened: tuple[str, ...]  # FreeText drawn smaller or cut ("…"); full text kept
    missing_glyphs: str  # characters the font lacks, drawn as "?"
    font_subset_bytes: int  # the embedded font program (0: no text was drawn)
    encrypted: bool  # the source's permissions were kept (owner-password-only source)
    output_bytes: int


_UNPLACED_REASON = {
    "other_version": "Ghi chú được đặt trên một phiên bản khác của tài liệu.",
    "no_such_page": "Trang của ghi chú không có trong tệp này.",
    "no_geometry": "Ghi chú không có vị trí trên trang.",
}


def _error(code: str, message: str, message_en: str) -> AnnotationExportError:
    return AnnotationExportError(message, code=code, message_en=message_en)


def _open_source(source: Path) -> PdfReader:
    # pypdf logs each repair it makes; a damaged source still exports if it can be read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(source, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _error(
                "source_password",
                "Tệp PDF được đặt mật khẩu mở; không thể xuất bản sao có ghi chú.",
                "The PDF needs a password to open; no annotated copy can be made.",
            )
        if len(reader.pages) == 0:
            raise _error("source_empty", "Tệp PDF không có trang nào.", "The PDF has no pages.")
    except AnnotationExportError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise _error(
            "source_unreadable",
            f"Không đọc được tệp PDF gốc ({type(exc).__name__}).",
            f"The source PDF cannot be read ({type(exc).__name__}: {exc}).",
        ) from exc
    return reader


def _rotation(writer: PdfWriter, index: int) -> int:
    """The page's /Rotate as 0, 90, 180 or 270 (anything else is invalid: 0)."""
    try:
        value = int(writer.pages[index].get("/Rotate", 0)) % 360
    except (TypeError, ValueError):
        return 0
    return value if value % 90 == 0 else 0


def _where(a: ExportAnnotation, sha256: str, pages: int) -> str:
    """Why ``a`` cannot be drawn on this file ("": it can)."""
    if a.version_sha256 and a.version_sha256.lower() != sha256:
        return "other_version"
    if not 0 <= a.page < pages:
        return "no_such_page"
    if a.bounds() is None:
        return "no_geometry"
    return ""


def _reading_order(a: ExportAnnotation) -> tuple[Any, ...]:
    bounds = a.bounds() or (0.0, 0.0, 0.0, 0.0)
    created = a.created_at.timestamp() if a.created_at else 0.0
    return (a.page, -round(bounds[3]), bounds[0], created)


def _keep_permissions(reader: PdfReader, writer: PdfWriter) -> bool:
    """An owner-password-only source ("secured": opens without a password but limits
    printing or copying) gives a copy with the same limits, under a fresh owner password
    nobody knows, since the issuer's is not ours to have."""
    if not reader.is_encrypted:
        return False
    permissions = reader.user_access_permissions
    assert permissions is not None
    encrypt = reader.trailer["/Encrypt"].get_object()
    revision = int(encrypt.get("/R", 0)) if isinstance(encrypt, DictionaryObject) else 0
    writer.encrypt(
        user_password="",
        owner_password=secrets.token_urlsafe(24),
        permissions_flag=permissions,
        # AES-256 (revision 6) only where the source already needed a reader that has it.
        algorithm="AES-256" if revision >= 5 else "AES-128",
    )
    return True


def export_annotated(
    source: Path,
    annotations: Sequence[Mapping[str, Any]],
    output: Path,
    *,
    document_title: str,
    exported_by: str,
    exported_at: datetime,
) -> ExportReport:
    """Write ``output``: ``source``'s pages with ``annotations`` drawn as PDF annotations,
    then closing pages listing them all. ``source`` is never written to.

    ``annotations`` are records of the annotation model (plan/annotations.md); orphaned
    ones and ones that cannot be placed are listed but not drawn. Raises
    ``AnnotationExportError`` (nothing written) for an unusable record, a source that
    needs a password or cannot be read, or an output that is the source itself.
    """
    records = [parse_annotation(raw) for raw in annotations]
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must carry a time zone")
    # samefile: a symbolic or hard link to the source is the source too.
    if output.exists() and output.samefile(source):
        raise _error(
            "output_is_source",
            "Không thể ghi bản sao đè lên tệp gốc.",
            "The copy cannot overwrite the source file.",
        )
    sha256 = sha256_file(source)
    reader = _open_source(source)
    pages = len(reader.pages)
    writer = PdfWriter(clone_from=reader)

    placed: list[ExportAnnotation] = []
    orphaned: list[ExportAnnotation] = []
    unplaced: list[tuple[ExportAnnotation, str]] = []
    for a in records:
        if a.anchor_state == "orphaned":
            orphaned.append(a)
        elif reason := _where(a, sha256, pages):
            unplaced.append((a, reason))
        else:
            placed.append(a)
    placed.sort(key=_reading_order)

    shared = SharedResources(writer, EmbeddedFont(font_file("regular")))
    shortened: list[str] = []
    per_page: dict[int, list[IndirectObject]] = {}
    for a in placed:
        look = _DRAW[a.kind](a, shared.font, _rotation(writer, a.page))
        if look.fitted is not None and (look.fitted.shrunk or look.fitted.truncated):
            shortened.append(a.id)
        page_ref = writer.pages[a.page].indirect_reference
        assert page_ref is not None
        annotation = annotation_dict(shared, a, look, page_ref)
        per_page.setdefault(a.page, []).append(writer._add_object(annotation))
    for index, refs in per_page.items():
        add_to_page(writer, index, refs)
    font_bytes = shared.finish()
    if shared.font_ref is not None:
        register_default_font(writer, shared.font_ref)

    summary = render_summary(
        document_title=document_title,
        exported_by=exported_by,
        exported_at=exported_at,
        placed=[Entry(a) for a in placed],
        orphaned=[Entry(a) for a in orphaned],
        unplaced=[Entry(a, _UNPLACED_REASON[reason]) for a, reason in unplaced],
    )
    summary_reader = PdfReader(io.BytesIO(summary))
    writer.append(summary_reader, import_outline=False)
    writer.add_outline_item(title=OUTLINE_TITLE, page_number=pages)
    encrypted = _keep_permissions(reader, writer)
    with atomic_writer(output) as handle:
        writer.write(handle)
    return ExportReport(
        output=output,
        source_sha256=sha256,
        source_pages=pages,
        closing_pages=len(summary_reader.pages),
        drawn=len(placed),
        orphaned=tuple(a.id for a in orphaned),
        unplaced=tuple((a.id, reason) for a, reason in unplaced),
        shortened=tuple(shortened),
        missing_glyphs="".join(sorted(shared.font.missing)),
        font_subset_bytes=font_bytes,
        encrypted=encrypted,
        output_bytes=output.stat().st_size,
    )
