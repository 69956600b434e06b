"""The page, the national header and the small pieces every printed paper is built from.

Both papers eCabinet prints, an official document (``official``) and the result of a
written-opinion ballot (``ballot_summary``), follow Decree 30/2020/NĐ-CP: the A4 page
with its margins, the embedded serif face and the two-column national header. They are
set here once so that there is one place where they are right. Both are easy to get
subtly wrong: a table cell or a page left at reportlab's default font puts a Helvetica
reference into the PDF that is never embedded, and the header's columns, rules and
date line are what a reader recognises a Government paper by.

Where the two papers differ (line spacing, paddings, the length of the rules) the
caller says so by a parameter; the defaults are those of the official document.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from ecabinet.pdf.fonts import FontStyle, font_name

__all__: list[str] = [
    "BODY_SIZE",
    "HEADER_COLUMNS",
    "MARGIN_BOTTOM",
    "MARGIN_LEFT",
    "MARGIN_RIGHT",
    "MARGIN_TOP",
    "NATIONAL_MOTTO",
    "NATIONAL_TITLE",
    "TEXT_WIDTH",
    "HeaderLook",
    "PageDecorator",
    "a4_document",
    "grid",
    "national_header",
    "para",
    "para_style",
    "rule",
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

# Draws what a page carries besides the frame (page number, footer): (canvas, template).
PageDecorator = Callable[[Any, BaseDocTemplate], None]


def vietnamese_date_line(place: str, day: datetime.date) -> str:
    """Format the place-and-date line, e.g. "Hà Nội, ngày 05 tháng 02 năm 2026".

    The decree pads days below 10 and the months 1 and 2 with a zero (so that
    "tháng 1" cannot be altered into "tháng 11" by hand); other months are not padded.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def para_style(
    name: str,
    size: float = BODY_SIZE,
    face: FontStyle = "regular",
    align: int = TA_CENTER,
    *,
    line_spacing: float = 1.2,
    leading: float | None = None,
    indent: float = 0,
    before: float = 0,
    after: float = 0,
) -> ParagraphStyle:
    """A paragraph style in the embedded face; ``leading`` defaults to ``size * line_spacing``."""
    return ParagraphStyle(
        name,
        fontName=font_name(face),
        fontSize=size,
        leading=leading if leading is not None else round(size * line_spacing, 1),
        alignment=align,
        firstLineIndent=indent,
        spaceBefore=before,
        spaceAfter=after,
    )


def para(text: str, style: ParagraphStyle, *, line_breaks: bool = False) -> Paragraph:
    """A Paragraph of plain ``text``; with ``line_breaks`` each "\\n" starts a new line.

    reportlab reads Paragraph text as markup: "&" or "<" in a subject or a comment
    would break it, so the text is escaped. Without ``line_breaks`` a "\\n" is a space.
    """
    markup = escape(text)
    return Paragraph(markup.replace("\n", "<br/>") if line_breaks else markup, style)


def rule(width: float, *, before: float = 4, after: float = 2) -> HRFlowable:
    """A thin black rule of ``width`` points, centred."""
    return HRFlowable(
        width=width,
        thickness=0.6,
        color=colors.black,
        spaceBefore=before,
        spaceAfter=after,
        hAlign="CENTER",
    )


def grid(
    rows: list[list[Any]],
    widths: Iterable[float],
    *,
    valign: str = "TOP",
    align: str | None = "CENTER",
    side_padding: float | None = 2,
    vertical_padding: float | None = None,
    **extra: Any,
) -> Table:
    """A Table whose every cell is set in the embedded face.

    A table sets its cell font even for cells of Paragraphs; left at the default it
    would put a Helvetica reference, which is never embedded, into the PDF. ``align``
    places the flowables of a cell (it is what centres a rule, not the rule's hAlign);
    a padding of None keeps reportlab's default. ``extra`` goes to ``Table``.
    """
    table = Table(rows, colWidths=list(widths), **extra)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("FONTNAME", (0, 0), (-1, -1), font_name("regular")),
    ]
    if align is not None:
        commands.append(("ALIGN", (0, 0), (-1, -1), align))
    if side_padding is not None:
        commands.append(("LEFTPADDING", (0, 0), (-1, -1), side_padding))
        commands.append(("RIGHTPADDING", (0, 0), (-1, -1), side_padding))
    if vertical_padding is not None:
        commands.append(("TOPPADDING", (0, 0), (-1, -1), vertical_padding))
        commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), vertical_padding))
    table.setStyle(TableStyle(commands))
    return table


@dataclass(frozen=True)
class HeaderLook:
    """How one kind of paper sets the national header; the defaults are the decree's.

    A rule length of None is measured from the text above it: under the issuer 45% of
    its name (the decree asks a third to a half; 18 mm at least), under the motto the
    motto's own width.
    """

    line_spacing: float = 1.2
    date_size: float = BODY_SIZE
    rule_before: float = 4  # space above each of the two rules
    cell_padding: float | None = 0  # above and below every cell; None: reportlab's 3 pt
    row_gap: float = 4  # above the number-and-date row
    issuer_rule: float | None = None
    motto_rule: float | None = None


_DECREE_LOOK = HeaderLook()


def national_header(
    issuer: str,
    place: str,
    day: datetime.date,
    *,
    parent: str | None = None,
    number: str | None = None,
    look: HeaderLook = _DECREE_LOOK,
) -> Table:
    """The two-column header: the issuing body (under its ``parent``, if any) and
    "Số: ``number``" on the left, the national title and motto and the place-and-date
    line on the right. Names are set in capitals; without ``number`` its cell is empty.
    """

    def style(name: str, size: float, face: FontStyle = "regular") -> ParagraphStyle:
        return para_style(name, size, face, line_spacing=look.line_spacing)

    bold = style("agency_bold", 12, "bold")
    left: list[Flowable] = []
    if parent:
        left.append(para(parent.upper(), style("agency", 12)))
    left.append(para(issuer.upper(), bold))
    issuer_rule = look.issuer_rule
    if issuer_rule is None:
        issuer_width = stringWidth(issuer.upper(), font_name("bold"), 12)
        issuer_rule = min(max(issuer_width * 0.45, 18 * mm), HEADER_COLUMNS[0] - 4)
    left.append(rule(issuer_rule, before=look.rule_before))
    motto_rule = look.motto_rule
    if motto_rule is None:
        motto_rule = stringWidth(NATIONAL_MOTTO, font_name("bold"), 13)
    right: list[Flowable] = [
        para(NATIONAL_TITLE, bold),
        para(NATIONAL_MOTTO, style("motto", 13, "bold")),
        rule(motto_rule, before=look.rule_before),
    ]
    number_cell: Paragraph | str = ""
    if number is not None:
        # A draft leaves the number blank for the clerk ("Số:      /2026/NĐ-CP"); Paragraph
        # would collapse those spaces, non-breaking ones survive.
        bare = number.lstrip(" ")
        blanks = "\u00a0" * (len(number) - len(bare))
        number_cell = para(f"Số: {blanks}{bare}", style("number", 13))
    date = para(vietnamese_date_line(place, day), style("date", look.date_size, "italic"))
    table = grid(
        [[left, right], [number_cell, date]], HEADER_COLUMNS, vertical_padding=look.cell_padding
    )
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, 1), look.row_gap)]))
    return table


def a4_document(
    target: BinaryIO,
    *,
    title: str,
    author: str,
    subject: str,
    dated: datetime.date,
    decorate: PageDecorator,
    pagesize: tuple[float, float] = A4,
    **extra: Any,
) -> BaseDocTemplate:
    """An A4 document with the decree's margins and one frame filling the text width.

    The same story always gives the same bytes: file identifiers are fixed and every
    page stamps ``dated`` as the creation date (invariant=1 alone would stamp
    2000-01-01; the paper's own date is as reproducible and tells a reader something
    true). Each page opens in the embedded face, not reportlab's Helvetica, which would
    add a font reference the PDF does not embed. ``decorate`` draws the rest of each
    page; ``pagesize`` is A4 upright unless a wide table asks for ``landscape(A4)``;
    ``extra`` goes to ``BaseDocTemplate``.
    """
    template = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="eCabinet",
        lang="vi-VN",
        invariant=1,
        initialFontName=font_name("regular"),
        **extra,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        pagesize[0] - MARGIN_LEFT - MARGIN_RIGHT,
        pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def on_page(canvas: Any, page_template: BaseDocTemplate) -> None:
        canvas.setDateFormatter(lambda *_: f"D:{dated:%Y%m%d}000000+07'00'")
        decorate(canvas, page_template)

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    return template
