"""Render a Vietnamese official document in the layout of Decree 30/2020/NĐ-CP.

The layout follows Appendix I of the decree closely enough that a reader used to
real Government papers recognises it: A4, Times-metric serif, the two-column
header, the document kind and subject centred, justified body, the signature
block on the right and "Nơi nhận" on the left, page numbers from page 2.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ecabinet.fsutil import atomic_write_bytes
from ecabinet.pdf.fonts import font_name, register_reportlab_fonts
from ecabinet.pdf.layout import (
    BODY_SIZE,
    MARGIN_LEFT,
    MARGIN_TOP,
    NATIONAL_MOTTO,
    NATIONAL_TITLE,
    TEXT_WIDTH,
    a4_document,
    grid,
    national_header,
    para,
    para_style,
    rule,
    vietnamese_date_line,
)

__all__: list[str] = [
    "NATIONAL_MOTTO",
    "NATIONAL_TITLE",
    "OfficialDocument",
    "Section",
    "document_title",
    "render_official_document",
    "vietnamese_date_line",
]

_ARTICLE = re.compile(r"^Điều \d+[a-zđ]?\.")


@dataclass(frozen=True)
class Section:
    """A part of the body: an optional bold heading, then paragraphs.

    A heading that starts with "Chương" or "Mục", or an all-capitals one ending in ":"
    ("QUYẾT NGHỊ:"), is centred as in legal documents; "\\n" in a heading breaks the
    line. A paragraph that starts with "Điều N." has its first line (the article
    title) set in bold; "\\n" inside any paragraph starts a new paragraph.
    """

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class OfficialDocument:
    issuer: str  # "BỘ TÀI CHÍNH"
    number: str  # "125/TTr-BTC"
    issued_on: datetime.date
    place: str  # "Hà Nội"
    kind_title: str  # "TỜ TRÌNH"
    subject: str
    sections: tuple[Section, ...]
    signer_title: str  # "BỘ TRƯỞNG"; "\n" separates lines, as in "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
    signer_name: str
    issuer_parent: str | None = None  # "CHÍNH PHỦ"
    recipient: str | None = None  # "Kính gửi: Chính phủ."
    recipients_list: tuple[str, ...] = ()  # the "Nơi nhận" lines
    draft: bool = False
    internal: bool = False
    # The "Căn cứ ..." lines of a decree or resolution, set in italics before the body.
    preamble: tuple[str, ...] = ()


def document_title(doc: OfficialDocument) -> str:
    """The title stored in the PDF metadata, e.g. "Tờ trình số 125/TTr-BTC: Về ..."."""
    kind = doc.kind_title.capitalize()
    if doc.draft:
        kind = f"Dự thảo {kind.lower()}"
    number = doc.number.strip()
    # A draft's number is still blank ("/2026/NĐ-CP"); it says nothing worth a title.
    prefix = f"{kind} số {number}" if number and not number.startswith("/") else kind
    return f"{prefix}: {doc.subject}"


def render_official_document(doc: OfficialDocument, target: Path | BinaryIO) -> int:
    """Write ``doc`` as PDF to a path (atomically) or a binary stream; return the page count."""
    register_reportlab_fonts()
    buffer = io.BytesIO()
    template = a4_document(
        buffer,
        title=document_title(doc),
        author=doc.issuer,
        subject=doc.subject,
        dated=doc.issued_on,
        decorate=official_page_number,
        displayDocTitle=1,
        initialFontSize=BODY_SIZE,
    )
    template.build(_story(doc))
    data = buffer.getvalue()
    if isinstance(target, Path):
        atomic_write_bytes(target, data)
    else:
        target.write(data)
    return int(template.page)


def official_page_number(canvas: Any, doc: BaseDocTemplate) -> None:
    """Official documents are numbered from page 2, at the top centre (the minutes too)."""
    page = canvas.getPageNumber()
    if page < 2:
        return
    canvas.saveState()
    canvas.setFont(font_name("regular"), 13)
    canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, A4[1] - MARGIN_TOP / 2 - 4, str(page))
    canvas.restoreState()


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "mark": para_style("mark", size=13, face="bold"),
        "kind": para_style("kind", face="bold", before=18),
        "subject": para_style("subject", face="bold", after=4),
        "recipient": para_style("recipient", before=10),
        "preamble": para_style(
            "preamble", face="italic", align=TA_JUSTIFY, indent=10 * mm, before=6
        ),
        "body": para_style("body", align=TA_JUSTIFY, indent=10 * mm, before=6, leading=17),
        "heading": para_style("heading", face="bold", align=TA_JUSTIFY, indent=10 * mm, before=8),
        "chapter": para_style("chapter", face="bold", before=10),
        "signer": para_style("signer", face="bold"),
        "to_label": para_style("to_label", size=12, face="bolditalic", align=TA_LEFT),
        "to_line": para_style("to_line", size=11, align=TA_LEFT, leading=13),
    }


def _markings(doc: OfficialDocument, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    marks = (("LƯU HÀNH NỘI BỘ", doc.internal), ("DỰ THẢO", doc.draft))
    labels = [label for label, on in marks if on]
    if not labels:
        return []
    widths = [stringWidth(label, font_name("bold"), 13) + 16 for label in labels]
    cells: list[Any] = []
    col_widths: list[float] = []
    for index, (label, width) in enumerate(zip(labels, widths, strict=True)):
        if index:
            cells.append("")
            col_widths.append(6 * mm)
        cells.append(para(label, st["mark"]))
        col_widths.append(width)
    table = grid(
        [cells],
        col_widths,
        valign="MIDDLE",
        align=None,
        side_padding=None,
        hAlign="RIGHT",
        spaceAfter=6,
    )
    commands: list[tuple[Any, ...]] = [
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [("BOX", (2 * i, 0), (2 * i, 0), 0.8, colors.black) for i in range(len(labels))]
    table.setStyle(TableStyle(commands))
    return [table]


def _section(section: Section, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    # (flowable, sticky): a sticky one (heading, article title) must not end a page.
    parts: list[tuple[Flowable, bool]] = []
    if section.heading:
        heading = section.heading
        centred = heading.startswith(("Chương", "Mục")) or (
            heading.isupper() and heading[-1] == ":"
        )
        style = st["chapter" if centred else "heading"]
        parts.append((para(heading, style, line_breaks=True), True))
    for paragraph in section.paragraphs:
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if _ARTICLE.match(paragraph):
            parts.append((Paragraph(f"<b>{escape(lines.pop(0))}</b>", st["body"]), True))
        parts.extend((para(line, st["body"]), False) for line in lines)
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable, sticky in parts:
        pending.append(flowable)
        if not sticky:
            out.append(KeepTogether(pending) if len(pending) > 1 else flowable)
            pending = []
    return out + pending


def _signature(doc: OfficialDocument, st: dict[str, ParagraphStyle]) -> Table:
    left: list[Flowable] = []
    if doc.recipients_list:
        left.append(para("Nơi nhận:", st["to_label"]))
        left.extend(para(line, st["to_line"]) for line in doc.recipients_list)
    right: list[Flowable] = [para(line, st["signer"]) for line in doc.signer_title.split("\n")]
    # Room for the handwritten signature and the seal.
    right += [Spacer(1, 24 * mm), para(doc.signer_name, st["signer"])]
    return grid([[left, right]], (TEXT_WIDTH * 0.5, TEXT_WIDTH * 0.5), vertical_padding=0)


def _story(doc: OfficialDocument) -> list[Flowable]:
    st = _styles()
    header = national_header(
        doc.issuer,
        doc.place,
        doc.issued_on,
        parent=doc.issuer_parent,
        number=doc.number,
    )
    story: list[Flowable] = [*_markings(doc, st), header]
    story.append(para(doc.kind_title.upper(), st["kind"]))
    story.append(para(doc.subject, st["subject"]))
    subject_width = min(stringWidth(doc.subject, font_name("bold"), BODY_SIZE), TEXT_WIDTH)
    story.append(rule(max(25 * mm, min(subject_width * 0.35, 55 * mm)), before=6))
    if doc.recipient:
        story.append(para(doc.recipient, st["recipient"]))
    story.extend(para(line, st["preamble"]) for line in doc.preamble)
    for section in doc.sections:
        story.extend(_section(section, st))
    # A signature alone on the last page looks forged; take the closing paragraph along.
    closing = [story.pop()] if isinstance(story[-1], Paragraph | KeepTogether) else []
    story.append(KeepTogether([*closing, Spacer(1, 10), _signature(doc, st)]))
    return story
