"""The closing pages of an annotated copy: every annotation listed, none cut.

Set on the decree's A4 page in the embedded serif (``layout``), with a centred bold
title and a typographic hierarchy like the other papers eCabinet prints, but without
the national header: this is a reader's working copy, not a paper issued by a body,
and must not look like one. Each entry gives the page, the kind (in Vietnamese), the
author, the time (Vietnam time), the quoted text of a markup and the note in full; a
20,000-character note simply runs on over the next page. Annotations whose text is no
longer in this version (orphaned) and those that could not be placed have their own
headings, so nothing a minister wrote disappears from the copy.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Spacer

from ecabinet.pdf.annotation_record import ExportAnnotation
from ecabinet.pdf.fonts import font_name, register_reportlab_fonts
from ecabinet.pdf.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    TEXT_WIDTH,
    a4_document,
    para,
    para_style,
    rule,
)
from ecabinet.timeutil import VIETNAM_TZ

TITLE = "DANH SÁCH GHI CHÚ TRÊN TÀI LIỆU"
ORPHANED_HEADING = "Ghi chú không còn vị trí trong phiên bản này"
ORPHANED_EXPLANATION = (
    "Đoạn văn mà các ghi chú dưới đây gắn với không còn tìm thấy trong phiên bản này "
    "của tài liệu; ghi chú được giữ nguyên và liệt kê ở đây, không vẽ lên trang."
)
UNPLACED_HEADING = "Ghi chú không đặt được lên trang"
COPY_NOTICE = (
    "Bản sao này kèm các ghi chú dưới dạng chú thích PDF; tệp gốc không bị thay đổi. "
    "Chữ ký số của văn bản (nếu có) chỉ có giá trị trên tệp gốc."
)
VISIBILITY_VI = {"private": "riêng tư", "shared": "chia sẻ"}

_p = partial(para, line_breaks=True)


@dataclass(frozen=True)
class Entry:
    """One annotation in the list; ``reason`` says why an unplaced one is not drawn."""

    annotation: ExportAnnotation
    reason: str = ""


def vietnam_time(value: datetime | None, pattern: str = "%H:%M ngày %d/%m/%Y") -> str:
    return value.astimezone(VIETNAM_TZ).strftime(pattern) if value is not None else ""


def _styles() -> dict[str, Any]:
    styles = {
        "title": para_style("title", 14, "bold", before=0, after=4),
        "document": para_style("document", 13, "bold", after=8),
        "info": para_style("info", 13, align=TA_LEFT, before=2),
        "notice": para_style("notice", 12, "italic", align=TA_JUSTIFY, before=6),
        "heading": para_style("heading", 13, "bold", align=TA_LEFT, before=12, after=4),
        "explain": para_style("explain", 12, "italic", align=TA_JUSTIFY, after=2),
        "meta": para_style("meta", 12, "bold", align=TA_LEFT, before=8),
        "quote": para_style("quote", 12, "italic", align=TA_JUSTIFY, indent=0, before=2),
        "note": para_style("note", 12, align=TA_JUSTIFY, before=2),
    }
    for name in ("quote", "note"):
        styles[name].leftIndent = 8 * mm
    # A heading or an entry's first line never ends a page alone.
    for name in ("heading", "meta"):
        styles[name].keepWithNext = 1
    return styles


def _meta(number: int, a: ExportAnnotation, page_label: str) -> str:
    parts = [f"{number}. {page_label}", a.kind_vi, a.author or "(không rõ người viết)"]
    if a.updated_at is not None:
        parts.append(vietnam_time(a.updated_at, "%H:%M %d/%m/%Y"))
    if a.visibility in VISIBILITY_VI:
        parts.append(VISIBILITY_VI[a.visibility])
    return " — ".join(parts)


def _entry(number: int, entry: Entry, st: dict[str, Any], *, placed: bool) -> list[Flowable]:
    a = entry.annotation
    page_label = f"Trang {a.page + 1}" if placed else f"Trang {a.page + 1} (bản trước)"
    out: list[Flowable] = [_p(_meta(number, a, page_label), st["meta"])]
    if placed and a.anchor_state == "fuzzy":
        confidence = f", độ tin cậy {a.confidence:.0%}" if a.confidence is not None else ""
        out.append(_p(f"Vị trí ước lượng, cần người viết xác nhận{confidence}.", st["explain"]))
    if entry.reason:
        out.append(_p(entry.reason, st["explain"]))
    if a.quote:
        out.append(_p(f"Đoạn văn: “{a.quote}”", st["quote"]))
    if a.text:
        out.append(_p(f"Nội dung: {a.text}", st["note"]))
    return out


def _story(
    document_title: str,
    exported_by: str,
    exported_at: datetime,
    placed: Sequence[Entry],
    orphaned: Sequence[Entry],
    unplaced: Sequence[Entry],
) -> list[Flowable]:
    st = _styles()
    total = len(placed) + len(orphaned) + len(unplaced)
    counts = f"Số ghi chú: {total}; trên các trang: {len(placed)}"
    if orphaned:
        counts += f"; không còn vị trí: {len(orphaned)}"
    if unplaced:
        counts += f"; không đặt được: {len(unplaced)}"
    story: list[Flowable] = [
        _p(TITLE, st["title"]),
        _p(document_title, st["document"]),
        _p(f"Người xuất bản sao: {exported_by}", st["info"]),
        _p(
            f"Thời điểm xuất: {vietnam_time(exported_at)} (giờ Việt Nam, UTC+7)",
            st["info"],
        ),
        _p(counts, st["info"]),
        _p(COPY_NOTICE, st["notice"]),
        rule(TEXT_WIDTH * 0.3, before=8, after=4),
    ]
    if not total:
        story.append(_p("Tài liệu không có ghi chú nào.", st["info"]))
    number = 0
    for entry in placed:
        number += 1
        story += _entry(number, entry, st, placed=True)
    for heading, explanation, entries in (
        (ORPHANED_HEADING, ORPHANED_EXPLANATION, orphaned),
        (UNPLACED_HEADING, "", unplaced),
    ):
        if not entries:
            continue
        story.append(Spacer(1, 4))
        story.append(_p(heading.upper(), st["heading"]))
        if explanation:
            story.append(_p(explanation, st["explain"]))
        for entry in entries:
            number += 1
            story += _entry(number, entry, st, placed=False)
    return story


def render_summary(
    *,
    document_title: str,
    exported_by: str,
    exported_at: datetime,
    placed: Sequence[Entry],
    orphaned: Sequence[Entry],
    unplaced: Sequence[Entry],
) -> bytes:
    """The closing pages as a PDF of their own, to be appended to the copy."""
    register_reportlab_fonts()
    buffer = io.BytesIO()
    footer = "Danh sách ghi chú kèm bản sao — trang"

    def decorate(canvas: Any, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name("italic"), 10)
        canvas.drawRightString(
            MARGIN_LEFT + TEXT_WIDTH, MARGIN_BOTTOM / 2, f"{footer} {canvas.getPageNumber()}"
        )
        canvas.restoreState()

    doc = a4_document(
        buffer,
        title=f"Danh sách ghi chú: {document_title}",
        author=exported_by,
        subject=document_title,
        dated=exported_at.astimezone(VIETNAM_TZ).date(),
        decorate=decorate,
    )
    doc.build(_story(document_title, exported_by, exported_at, placed, orphaned, unplaced))
    return buffer.getvalue()
