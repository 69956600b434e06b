"""The secretariat's follow-up table of a meeting as a PDF (landscape A4), to print or
send: the same rows and words as the CSV (``secretariat_dashboard``), set in the
embedded Liberation Serif of every paper eCabinet prints (``ecabinet.pdf.layout``), so
every Vietnamese letter survives. No Qt here.

A meeting may hold fifty papers: they do not fit across one page, so the table is
printed in parts (a summary, then the papers and the ballots a few columns at a time),
each part repeating the member's name and its header row on every page. An overdue
member is marked in words ("QUÁ HẠN: …"), never by shading alone.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from ecabinet.client.secretariat_dashboard import (
    ballot_cell,
    in_protocol_order,
    overdue_text,
    paper_cell,
)
from ecabinet.fsutil import atomic_write_bytes
from ecabinet.pdf.fonts import font_name, register_reportlab_fonts
from ecabinet.pdf.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    a4_document,
    grid,
    para,
    para_style,
)
from ecabinet.timeutil import VIETNAM_TZ, parse_iso, vietnam_time_text

__all__ = ["render_dashboard_pdf"]

PAGE = landscape(A4)
WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
ISSUER = "Văn phòng Chính phủ"
# STT and the member's name start every part of the table.
NUMBER_WIDTH = 10 * mm
NAME_WIDTH = 62 * mm
# Summary: synced, last sync, papers read, ballots answered; the reason takes the rest.
SUMMARY_WIDTHS = (22 * mm, 30 * mm, 22 * mm, 22 * mm)
COLUMNS_PER_PART = 6
OVERDUE_SHADE = colors.Color(1, 0.9, 0.9)

_STYLES = {
    "title": para_style("dash_title", 15, "bold"),
    "subtitle": para_style("dash_subtitle", 13, "bold", after=2),
    "line": para_style("dash_line", 12, "italic"),
    "part": para_style("dash_part", 12, "bold", TA_LEFT, before=10, after=4),
    "th": para_style("dash_th", 10, "bold"),
    "td": para_style("dash_td", 10, align=TA_LEFT),
    "tdc": para_style("dash_tdc", 10),
    "late": para_style("dash_late", 10, "bold", TA_LEFT),
}


def _p(text: str, style: str) -> Flowable:
    return para(text, _STYLES[style], line_breaks=True)


def render_dashboard_pdf(
    dashboard: Mapping[str, Any], meeting: Mapping[str, Any], target: Path | BinaryIO
) -> int:
    """Write the table to a path (atomically) or a stream; return the page count.

    ``meeting`` needs ``title`` and ``starts_at`` (``location`` if known), as the
    meeting list answers them; ``dashboard`` is ``GET /meetings/{id}/dashboard``.
    """
    register_reportlab_fonts()
    title = str(meeting["title"])
    generated = parse_iso(str(dashboard["generated_at"])).astimezone(VIETNAM_TZ)
    buffer = io.BytesIO()
    template = a4_document(
        buffer,
        title=f"Theo dõi chuẩn bị: {title}",
        author=ISSUER,
        subject=title,
        dated=generated.date(),
        decorate=lambda canvas, _doc: _footer(canvas, title),
        pagesize=PAGE,
    )
    template.build(_story(dashboard, meeting))
    data = buffer.getvalue()
    if isinstance(target, Path):
        atomic_write_bytes(target, data)
    else:
        target.write(data)
    return int(template.page)


def _footer(canvas: Any, title: str) -> None:
    """Which meeting and which page, at the foot of every page."""
    canvas.saveState()
    canvas.setFont(font_name("italic"), 9)
    y = MARGIN_BOTTOM / 2
    canvas.drawString(MARGIN_LEFT, y, f"Theo dõi chuẩn bị: {title}"[:150])
    canvas.drawRightString(PAGE[0] - MARGIN_RIGHT, y, f"Trang {canvas.getPageNumber()}")
    canvas.restoreState()


def _story(dashboard: Mapping[str, Any], meeting: Mapping[str, Any]) -> list[Flowable]:
    rows = in_protocol_order(dashboard)
    when = vietnam_time_text(str(meeting["starts_at"]), "%H giờ %M, ngày %d/%m/%Y")
    place = f", {meeting['location']}" if meeting.get("location") else ""
    story: list[Flowable] = [
        _p("THEO DÕI CHUẨN BỊ PHIÊN HỌP", "title"),
        _p(str(meeting["title"]), "subtitle"),
        _p(f"Thời gian họp: {when}{place}", "line"),
        _p(
            f"Số liệu lúc {vietnam_time_text(str(dashboard['generated_at']))}; "
            f"{len(rows)} thành viên, {sum(1 for r in rows if r['overdue'])} quá hạn",
            "line",
        ),
        Spacer(1, 4 * mm),
    ]
    if not rows:
        return [*story, _p("Phiên họp chưa có thành viên tham dự.", "td")]
    story += [_p("I. Tổng hợp", "part"), _summary(rows, len(dashboard["documents"]))]
    documents: Sequence[Mapping[str, Any]] = dashboard["documents"]
    for start in range(0, len(documents), COLUMNS_PER_PART):
        part = documents[start : start + COLUMNS_PER_PART]
        heads = [f"TL{start + i + 1}. {d['title']}" for i, d in enumerate(part)]
        cells = [[paper_cell(p) for p in r["papers"][start : start + len(part)]] for r in rows]
        number = start // COLUMNS_PER_PART + 1
        story += [
            _p(f"II. Tài liệu đã đọc (trang xa nhất / số trang), phần {number}", "part"),
            _detail(rows, heads, cells),
        ]
    ballots: Sequence[Mapping[str, Any]] = dashboard["ballots"]
    for start in range(0, len(ballots), COLUMNS_PER_PART):
        part = ballots[start : start + COLUMNS_PER_PART]
        heads = [f"P{start + i + 1}. {b['question']}" for i, b in enumerate(part)]
        cells = []
        for row in rows:
            answers = {a["ballot_id"]: a for a in row["ballots"]}
            cells.append([ballot_cell(answers.get(b["id"])) or "không lấy ý kiến" for b in part])
        number = start // COLUMNS_PER_PART + 1
        story += [
            _p(f"III. Phiếu lấy ý kiến (chỉ ghi đã trả lời hay chưa), phần {number}", "part"),
            _detail(rows, heads, cells),
        ]
    return story


def _name(row: Mapping[str, Any]) -> Flowable:
    text = row["full_name"] + (f"\n{row['title']}" if row["title"] else "")
    return _p(text + ("\n(QUÁ HẠN)" if row["overdue"] else ""), "td")


def _table(header: list[str], body: list[list[Any]], widths: Sequence[float],
           late: Sequence[bool]) -> Flowable:  # fmt: skip
    table = grid([[_p(h, "th") for h in header], *body], widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [
        ("BACKGROUND", (0, number), (-1, number), OVERDUE_SHADE)
        for number, is_late in enumerate(late, start=1)
        if is_late
    ]
    table.setStyle(TableStyle(commands))
    return table


def _summary(rows: list[dict[str, Any]], papers: int) -> Flowable:
    header = ["STT", "Thành viên", "Đã đồng bộ tài liệu", "Đồng bộ lần cuối",
              "Tài liệu đã đọc", "Phiếu đã trả lời", "Quá hạn (lý do)"]  # fmt: skip
    body = []
    for number, row in enumerate(rows, start=1):
        answered = sum(1 for b in row["ballots"] if b["answered"])
        late = overdue_text(row)
        body.append([
            _p(str(number), "tdc"), _name(row),
            _p("có" if row["pack_synced"] else "chưa", "tdc"),
            _p(vietnam_time_text(row["last_sync_at"]) or "chưa đồng bộ", "tdc"),
            _p(f"{row['papers_read']}/{papers}", "tdc"),
            _p(f"{answered}/{len(row['ballots'])}", "tdc"),
            _p(late.replace("quá hạn:", "QUÁ HẠN:", 1), "late") if late else _p("", "td"),
        ])  # fmt: skip
    rest = WIDTH - NUMBER_WIDTH - NAME_WIDTH - sum(SUMMARY_WIDTHS)
    widths = (NUMBER_WIDTH, NAME_WIDTH, *SUMMARY_WIDTHS, rest)
    return _table(header, body, widths, [r["overdue"] for r in rows])


def _detail(rows: list[dict[str, Any]], heads: list[str], cells: list[list[str]]) -> Flowable:
    column = (WIDTH - NUMBER_WIDTH - NAME_WIDTH) / COLUMNS_PER_PART
    body = [
        [_p(str(number), "tdc"), _name(row), *(_p(c, "tdc") for c in row_cells)]
        for number, (row, row_cells) in enumerate(zip(rows, cells, strict=True), start=1)
    ]
    widths = (NUMBER_WIDTH, NAME_WIDTH, *([column] * len(heads)))
    return _table(["STT", "Thành viên", *heads], body, widths, [r["overdue"] for r in rows])
