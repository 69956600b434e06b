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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from ecabinet.fsutil import atomic_write_bytes
from ecabinet.pdf.fonts import FontStyle, font_name, register_reportlab_fonts

__all__: list[str] = [
    "NATIONAL_MOTTO",
    "NATIONAL_TITLE",
    "OfficialDocument",
    "Section",
    "document_title",
    "render_official_document",
    "vietnamese_date_line",
]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Within the decree's ranges: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
BODY_SIZE = 14.0
TEXT_WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
# The left header column must hold "BỘ KẾ HOẠCH VÀ ĐẦU TƯ" on one line, the right
# one the national title; together they span the text width.
HEADER_COLUMNS = (70 * mm, TEXT_WIDTH - 70 * mm)

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


def vietnamese_date_line(place: str, day: datetime.date) -> str:
    """Format the place-and-date line, e.g. "Hà Nội, ngày 05 tháng 02 năm 2026".

    The decree pads days below 10 and the months 1 and 2 with a zero (so that
    "tháng 1" cannot be altered into "tháng 11" by hand); other months are not padded.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


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
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=document_title(doc),
        author=doc.issuer,
        subject=doc.subject,
        creator="eCabinet",
        lang="vi-VN",
        displayDocTitle=1,
        # Fixed dates and file identifiers: the same document always gives the same bytes.
        invariant=1,
        # Each page opens by selecting this font; reportlab's default is Helvetica, which
        # would add a font reference the PDF does not embed.
        initialFontName=font_name("regular"),
        initialFontSize=BODY_SIZE,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        A4[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    issued = doc.issued_on

    def on_page(canvas: Any, page_template: BaseDocTemplate) -> None:
        # invariant=1 would stamp 2000-01-01 as the creation date; the issue date is as
        # reproducible and tells a reader something true.
        canvas.setDateFormatter(lambda *_: f"D:{issued:%Y%m%d}000000+07'00'")
        _page_number(canvas, page_template)

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    template.build(_story(doc))
    data = buffer.getvalue()
    if isinstance(target, Path):
        atomic_write_bytes(target, data)
    else:
        target.write(data)
    return int(template.page)


def _page_number(canvas: Any, doc: BaseDocTemplate) -> None:
    page = canvas.getPageNumber()
    if page < 2:
        return
    canvas.saveState()
    canvas.setFont(font_name("regular"), 13)
    canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, A4[1] - MARGIN_TOP / 2 - 4, str(page))
    canvas.restoreState()


def _style(
    name: str,
    *,
    size: float = BODY_SIZE,
    face: FontStyle = "regular",
    align: int = TA_CENTER,
    indent: float = 0,
    before: float = 0,
    after: float = 0,
    leading: float | None = None,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font_name(face),
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.2, 1),
        alignment=align,
        firstLineIndent=indent,
        spaceBefore=before,
        spaceAfter=after,
    )


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "agency": _style("agency", size=12),
        "agency_bold": _style("agency_bold", size=12, face="bold"),
        "national": _style("national", size=12, face="bold"),
        "motto": _style("motto", size=13, face="bold"),
        "number": _style("number", size=13),
        "date": _style("date", face="italic"),
        "mark": _style("mark", size=13, face="bold"),
        "kind": _style("kind", face="bold", before=18),
        "subject": _style("subject", face="bold", after=4),
        "recipient": _style("recipient", before=10),
        "preamble": _style("preamble", face="italic", align=TA_JUSTIFY, indent=10 * mm, before=6),
        "body": _style("body", align=TA_JUSTIFY, indent=10 * mm, before=6, leading=17),
        "heading": _style("heading", face="bold", align=TA_JUSTIFY, indent=10 * mm, before=8),
        "chapter": _style("chapter", face="bold", before=10),
        "signer": _style("signer", face="bold"),
        "to_label": _style("to_label", size=12, face="bolditalic", align=TA_LEFT),
        "to_line": _style("to_line", size=11, align=TA_LEFT, leading=13),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    # reportlab reads Paragraph text as markup: "&" or "<" in a subject would break it.
    return Paragraph(escape(text), style)


def _rule(width: float, before: float = 4, after: float = 2) -> HRFlowable:
    return HRFlowable(
        width=width,
        thickness=0.6,
        color=colors.black,
        spaceBefore=before,
        spaceAfter=after,
        hAlign="CENTER",
    )


def _grid(rows: list[list[Any]], widths: Iterable[float], **extra: Any) -> Table:
    table = Table(rows, colWidths=list(widths), **extra)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # A table sets its cell font even for cells of Paragraphs; left at the default
                # it would put a Helvetica reference, which is never embedded, into the PDF.
                ("FONTNAME", (0, 0), (-1, -1), font_name("regular")),
                # Cells place flowables by this, not by their hAlign: it centres the rules.
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _header(doc: OfficialDocument, st: dict[str, ParagraphStyle]) -> Table:
    left: list[Flowable] = []
    if doc.issuer_parent:
        left.append(_para(doc.issuer_parent.upper(), st["agency"]))
    left.append(_para(doc.issuer.upper(), st["agency_bold"]))
    # The decree wants the rule under the issuer a third to a half as long as the name.
    issuer_width = stringWidth(doc.issuer.upper(), font_name("bold"), 12)
    left.append(_rule(min(max(issuer_width * 0.45, 18 * mm), HEADER_COLUMNS[0] - 4)))
    right: list[Flowable] = [
        _para(NATIONAL_TITLE, st["national"]),
        _para(NATIONAL_MOTTO, st["motto"]),
        _rule(stringWidth(NATIONAL_MOTTO, font_name("bold"), 13)),
    ]
    # A draft leaves the number blank for the clerk ("Số:      /2026/NĐ-CP"); Paragraph
    # would collapse those spaces, non-breaking ones survive.
    bare = doc.number.lstrip(" ")
    number = _para("Số: " + "\u00a0" * (len(doc.number) - len(bare)) + bare, st["number"])
    date = _para(vietnamese_date_line(doc.place, doc.issued_on), st["date"])
    table = _grid([[left, right], [number, date]], HEADER_COLUMNS)
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, 1), 4)]))
    return table


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
        cells.append(_para(label, st["mark"]))
        col_widths.append(width)
    table = Table([cells], colWidths=col_widths, hAlign="RIGHT", spaceAfter=6)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font_name("regular")),
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
        markup = "<br/>".join(escape(line) for line in heading.split("\n"))
        parts.append((Paragraph(markup, st["chapter" if centred else "heading"]), True))
    for paragraph in section.paragraphs:
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if _ARTICLE.match(paragraph):
            parts.append((Paragraph(f"<b>{escape(lines.pop(0))}</b>", st["body"]), True))
        parts.extend((_para(line, st["body"]), False) for line in lines)
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
        left.append(_para("Nơi nhận:", st["to_label"]))
        left.extend(_para(line, st["to_line"]) for line in doc.recipients_list)
    right: list[Flowable] = [_para(line, st["signer"]) for line in doc.signer_title.split("\n")]
    # Room for the handwritten signature and the seal.
    right += [Spacer(1, 24 * mm), _para(doc.signer_name, st["signer"])]
    return _grid([[left, right]], (TEXT_WIDTH * 0.5, TEXT_WIDTH * 0.5))


def _story(doc: OfficialDocument) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [*_markings(doc, st), _header(doc, st)]
    story.append(_para(doc.kind_title.upper(), st["kind"]))
    story.append(_para(doc.subject, st["subject"]))
    subject_width = min(stringWidth(doc.subject, font_name("bold"), BODY_SIZE), TEXT_WIDTH)
    story.append(_rule(max(25 * mm, min(subject_width * 0.35, 55 * mm)), before=6))
    if doc.recipient:
        story.append(_para(doc.recipient, st["recipient"]))
    story.extend(_para(line, st["preamble"]) for line in doc.preamble)
    for section in doc.sections:
        story.extend(_section(section, st))
    # A signature alone on the last page looks forged; take the closing paragraph along.
    closing = [story.pop()] if isinstance(story[-1], Paragraph | KeepTogether) else []
    story.append(KeepTogether([*closing, Spacer(1, 10), _signature(doc, st)]))
    return story
