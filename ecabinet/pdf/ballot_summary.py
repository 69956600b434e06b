"""The printable result of a written-opinion ballot, made from a proven recount.

Laid out like an official paper (Decree 30/2020/NĐ-CP: the two-column header, the
serif face) so that it can be filed with the meeting's records. Every figure comes
from ``ecabinet.ballots.verify``, proven against a server key the reader trusts; the
paper names that key's fingerprint, the SHA-256 of the bundle file and the chain it
was counted from, so a reader can match the paper with the bundle and the key.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Spacer, Table, TableStyle

from ecabinet.ballots.tally import CHOICE_VI, Tally, adoption_sentence
from ecabinet.fsutil import atomic_writer
from ecabinet.pdf.fonts import font_name, register_reportlab_fonts
from ecabinet.pdf.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    TEXT_WIDTH,
    HeaderLook,
    a4_document,
    grid,
    national_header,
    para,
    para_style,
)
from ecabinet.timeutil import VIETNAM_TZ, parse_iso, vietnam_time_text

if TYPE_CHECKING:
    from ecabinet.ballots.verify import MemberResult, Recount

__all__ = ["CHOICE_VI", "adoption_sentence", "render_ballot_summary"]

HEADINGS = ("STT", "Thành viên", "Chức vụ", "Ý kiến", "Nội dung ý kiến", "Thời điểm nhận",
            "Ghi chú")  # fmt: skip
# The comment gets the most room; together the columns fill the text width (165 mm).
COLUMNS = tuple(w * mm for w in (9, 27, 29, 17, 44, 20, 19))
PLACE = "Hà Nội"
# A little more air between lines than an official document, and a header set to match.
LINE_SPACING = 1.25
HEADER_LOOK = HeaderLook(
    line_spacing=LINE_SPACING,
    date_size=13,
    rule_before=3,
    cell_padding=None,
    row_gap=6,
    issuer_rule=28 * mm,
    motto_rule=58 * mm,
)
# A comment keeps its line breaks.
_p = partial(para, line_breaks=True)
_style = partial(para_style, line_spacing=LINE_SPACING)


def _counts(t: Tally, eligible: int, body: str) -> Table:
    st = _style("count", 13, align=TA_LEFT)
    bold = _style("count_bold", 13, "bold", align=TA_LEFT)
    rows = [
        [_p(label, st), _p(f"{n} thành viên", bold)]
        for label, n in (
            (CHOICE_VI["agree"], t.agree),
            (CHOICE_VI["disagree"], t.disagree),
            (CHOICE_VI["other"], t.other),
            ("Chưa có ý kiến", t.not_answered),
        )
    ]
    rows.append([_p(f"Tổng số thành viên {body}", st), _p(f"{t.membership_total}", bold)])
    if eligible != t.membership_total:
        rows.append([_p("Số thành viên được lấy ý kiến", st), _p(f"{eligible}", bold)])
    table = grid(rows, (70 * mm, 50 * mm), align="LEFT", hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return table


def _note(member: MemberResult) -> str:
    notes = ["Trả lời trên bản dự thảo cũ"] if member.outdated else []
    if member.choice is None:
        notes.append("Chưa gửi ý kiến")
    if member.rejected:
        notes.append(f"{len(member.rejected)} phiếu bị từ chối")
    return "; ".join(notes)


def _members(recount: Recount) -> Table:
    head = _style("th", 10, "bold")
    cell = _style("td", 10, align=TA_LEFT)
    # Justified text in a 44 mm column opens wide gaps between words.
    wrap = _style("td_wrap", 10, align=TA_LEFT)
    middle = _style("td_mid", 10)
    rows: list[list[Any]] = [[_p(heading, head) for heading in HEADINGS]]
    for number, m in enumerate(recount.members, start=1):
        choice = CHOICE_VI.get(m.choice or "", m.choice or "")
        rows.append(
            [
                _p(str(number), middle),
                _p(m.full_name or m.user_id, cell),
                _p(m.title, cell),
                _p(choice, middle),
                _p(m.comment, wrap),
                _p(vietnam_time_text(m.received_at), middle),
                _p(_note(m), cell),
            ]
        )
    # splitInRow: a 20,000-character comment is taller than a page and must break.
    table = grid(rows, COLUMNS, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _story(recount: Recount, organisation: str, day: dt.date) -> list[Flowable]:
    body = organisation.capitalize()
    t, ballot = recount.tally, recount.ballot
    text = _style("text", 13, align=TA_JUSTIFY, before=4)
    title = _style("title", 14, "bold", before=16, after=8)
    deadline = vietnam_time_text(ballot.get("deadline"), "%H:%M ngày %d/%m/%Y")
    story: list[Flowable] = [
        national_header(f"VĂN PHÒNG {organisation}", PLACE, day, look=HEADER_LOOK),
        _p(f"KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN {organisation}", title),
        _p(f"Nội dung xin ý kiến: {ballot.get('question', '')}", text),
        _p(f"Hạn gửi phiếu: {deadline} (giờ Việt Nam, UTC+7)", text),
        Spacer(1, 6),
        _counts(t, len(recount.members), body),
    ]
    if t.outdated:
        story.append(_p(f"Trong đó {t.outdated} ý kiến trả lời trên bản dự thảo cũ.", text))
    if recount.closed_at is None:
        interim = _style("interim", 13, "bold", align=TA_JUSTIFY, before=6)
        story.append(_p("KẾT QUẢ TẠM THỜI: phiếu chưa kết thúc khi xuất gói kết quả.", interim))
    result = _style("result", 13, "bold", align=TA_JUSTIFY, before=8, after=10)
    story += [_p(adoption_sentence(t, body), result), _members(recount), _provenance(recount)]
    return story


def _provenance(recount: Recount) -> Flowable:
    """Which key proved this, and which file: what a reader compares with the bundle."""
    small = _style("provenance", 10, align=TA_LEFT, before=10)
    return _p(
        "Kết quả được kiểm lại từ chữ ký số của từng phiếu, từng biên nhận và nội dung phiếu "
        "do máy chủ ký, đối chiếu với khóa máy chủ được tin cậy.\n"
        f"Dấu vân tay khóa máy chủ: {recount.fingerprint}\n"
        f"Mã băm SHA-256 của gói kết quả: {recount.bundle_sha256}\n"
        f"Mã chuỗi biên nhận: {recount.chain_head}",
        small,
    )


def render_ballot_summary(
    recount: Recount, target: Path | BinaryIO, *, organisation: str = "CHÍNH PHỦ"
) -> int:
    """Write the summary as PDF to a path (atomically) or a stream; return the page count.

    Only a proven recount may be printed (no problem, checked against a server key the
    reader trusts, read from a file whose hash is known): an official-looking paper made
    from a tampered or unanchored bundle would lend it an authority it does not have.
    """
    if not recount.ok:
        raise ValueError(f"the recount found {len(recount.problems)} problems: no summary")
    if not recount.proven:
        raise ValueError("the recount is not proven against a trusted server key: no summary")
    if not recount.bundle_sha256:
        raise ValueError("the bundle file's hash is unknown: no summary")
    register_reportlab_fonts()
    organisation = organisation.upper()
    day = _export_day(recount)
    data, pages = _build(recount, organisation, day, total=0)
    data, pages = _build(recount, organisation, day, total=pages)
    if isinstance(target, Path):
        with atomic_writer(target) as handle:
            handle.write(data)
    else:
        target.write(data)
    return pages


def _export_day(recount: Recount) -> dt.date:
    # The export's date, not today's: the same recount always gives the same bytes.
    for stamp in (recount.exported_at, recount.ballot.get("deadline")):
        try:
            return parse_iso(str(stamp)).astimezone(VIETNAM_TZ).date()
        except ValueError:
            continue
    return dt.date(2000, 1, 1)


def _build(recount: Recount, organisation: str, day: dt.date, total: int) -> tuple[bytes, int]:
    """One rendering; the first pass learns the page count that "Trang x/y" needs."""
    buffer = io.BytesIO()
    title = f"Kết quả lấy ý kiến thành viên {organisation.capitalize()}"
    footer = (
        "Kết quả được kiểm lại từ chữ ký số của từng phiếu; mã chuỗi biên nhận: "
        f"{recount.chain_head[:16]}"
    )

    def footer_and_page(canvas: Any, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name("italic"), 9)
        canvas.drawString(MARGIN_LEFT, MARGIN_BOTTOM / 2 + 2, footer)
        number = f"Trang {canvas.getPageNumber()}/{total or '?'}"
        canvas.drawRightString(MARGIN_LEFT + TEXT_WIDTH, MARGIN_BOTTOM / 2 - 9, number)
        canvas.restoreState()

    doc = a4_document(
        buffer,
        title=title,
        author=f"Văn phòng {organisation.capitalize()}",
        subject=str(recount.ballot.get("question", "")),
        dated=day,
        decorate=footer_and_page,
    )
    doc.build(_story(recount, organisation, day))
    return buffer.getvalue(), int(doc.page)
