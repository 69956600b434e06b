"""The pages a pack adds: the cover, the table of contents and the dividers.

They are set like the Government's own papers (ecabinet/pdf/layout.py: A4, the
decree's margins, the embedded Liberation Serif with every Vietnamese letter). Page
numbers are left to the stamps (ecabinet/pack/stamps.py), which number the whole pack.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle

from ecabinet.pack.spec import PackItem, PackMeeting
from ecabinet.pdf.fonts import register_reportlab_fonts
from ecabinet.pdf.layout import TEXT_WIDTH, a4_document, grid, national_header, para, para_style

ISSUER_PARENT = "CHÍNH PHỦ"
ISSUER = "VĂN PHÒNG CHÍNH PHỦ"
NO_PAPERS = "Mục này không có tài liệu kèm theo."


@dataclass(frozen=True)
class TocLine:
    text: str
    page: int  # 1-based page of the pack
    level: int  # 0: an agenda item, 1: a paper


def _no_decoration(_canvas: Any, _template: Any) -> None:
    """The stamps number every page; the generated ones draw nothing more themselves."""


def _render(meeting: PackMeeting, story: list[Flowable], subject: str) -> tuple[bytes, int]:
    register_reportlab_fonts()
    buffer = io.BytesIO()
    template = a4_document(
        buffer,
        title=f"Tài liệu: {meeting.title}",
        author=ISSUER,
        subject=subject,
        dated=meeting.starts_at.date(),
        decorate=_no_decoration,
    )
    template.build(story)
    return buffer.getvalue(), int(template.page)


def when_line(meeting: PackMeeting) -> str:
    at = meeting.starts_at
    month = f"{at.month:02d}" if at.month < 3 else str(at.month)
    return f"{at.hour:02d} giờ {at.minute:02d}, ngày {at.day:02d} tháng {month} năm {at.year}"


def _classification_box(label: str) -> list[Flowable]:
    if not label:
        return []
    table = grid(
        [[para(label.upper(), para_style("secret", 14, "bold"))]],
        [40 * mm],
        valign="MIDDLE",
        hAlign="RIGHT",
        spaceAfter=6,
    )
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black)]))
    return [table]


def _cover(meeting: PackMeeting) -> list[Flowable]:
    label = para_style("label", face="bold", align=TA_LEFT, before=8)
    body = para_style("body", align=TA_LEFT, before=2, leading=18)
    story: list[Flowable] = [
        *_classification_box(meeting.classification),
        national_header(ISSUER, "Hà Nội", meeting.starts_at.date(), parent=ISSUER_PARENT),
        Spacer(1, 30 * mm),
        para("TÀI LIỆU PHIÊN HỌP", para_style("pack", 16, "bold")),
        para(meeting.title, para_style("title", 16, "bold", before=8, after=4)),
        para(f"({meeting.kind})", para_style("kind", 14, "italic", after=18)),
        para("Thời gian:", label),
        para(when_line(meeting), body),
        para("Địa điểm:", label),
        para(meeting.location or "—", body),
        para("Thành phần:", label),
    ]
    story += [para(f"{n}. {p}", body) for n, p in enumerate(meeting.participants, 1)]
    if not meeting.participants:
        story.append(para("—", body))
    if meeting.guests:
        story.append(para("Khách mời:", label))
        story += [para(f"{n}. {g}", body) for n, g in enumerate(meeting.guests, 1)]
    if meeting.classification:
        story += [para("Độ mật:", label), para(meeting.classification, body)]
    return story


def _contents(lines: Sequence[TocLine]) -> list[Flowable]:
    item_style = para_style("toc_item", 13, "bold", align=TA_LEFT, before=6)
    doc_style = para_style("toc_doc", 13, align=TA_LEFT, before=2)
    page_style = para_style("toc_page", 13, align=TA_RIGHT, before=2)
    rows = [
        [
            para(line.text, item_style if line.level == 0 else doc_style),
            para(str(line.page), page_style),
        ]
        for line in lines
    ]
    table = grid(rows, [TEXT_WIDTH - 20 * mm, 20 * mm], align=None, side_padding=0)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (0, -1), 0)]))
    for index, line in enumerate(lines):
        if line.level:
            table.setStyle(TableStyle([("LEFTPADDING", (0, index), (0, index), 8 * mm)]))
    return [PageBreak(), para("MỤC LỤC", para_style("toc", 14, "bold", after=12)), table]


def render_front(meeting: PackMeeting, lines: Sequence[TocLine]) -> tuple[bytes, int]:
    """The cover and the table of contents as one PDF; returns it and its page count."""
    register_reportlab_fonts()  # before any Paragraph: it looks its face up when made
    return _render(meeting, [*_cover(meeting), *_contents(lines)], "Bìa và mục lục")


def render_dividers(meeting: PackMeeting, items: Sequence[PackItem]) -> bytes:
    """One page per item without papers, in the order given."""
    register_reportlab_fonts()
    story: list[Flowable] = []
    for item in items:
        if story:
            story.append(PageBreak())
        story += [
            *_classification_box(item.classification),
            Spacer(1, 70 * mm),
            para(f"MỤC {item.position}", para_style("number", 18, "bold", after=10)),
            para(item.title, para_style("item", 16, "bold", after=8)),
        ]
        if item.presenter:
            story.append(para(f"Cơ quan trình: {item.presenter}", para_style("who", 14, after=8)))
        story.append(para(NO_PAPERS, para_style("none", 14, "italic", before=16)))
    return _render(meeting, story, "Trang ngăn cách")[0]
