"""The minutes (biên bản) of a Government meeting as a PDF in the official style.

Built from the same pieces as every paper eCabinet prints (``ecabinet.pdf.layout``:
the A4 page of Decree 30/2020/NĐ-CP, the national header, the embedded Liberation
Serif with every Vietnamese letter). The minutes carry what the issue asks of them:
the attendance of every member and the quorum it gives, each agenda item's conclusion,
and each written-opinion ballot's result with the SHA-256 of its result bundle, so a
reader can match the paper with the bundle ``ecabinet verify`` recounts.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from ecabinet.domain import MeetingKind
from ecabinet.fsutil import atomic_write_bytes
from ecabinet.minutes.model import AttendanceEntry, BallotOutcome, MinutesInput
from ecabinet.pdf.fonts import register_reportlab_fonts
from ecabinet.pdf.layout import (
    TEXT_WIDTH,
    a4_document,
    grid,
    national_header,
    para,
    para_style,
    rule,
)
from ecabinet.pdf.official import official_page_number
from ecabinet.quorum import ATTENDANCE_VI, Attendance
from ecabinet.timeutil import VIETNAM_TZ

__all__ = ["ballot_lines", "render_minutes"]

KIND_VI = {MeetingKind.REGULAR: "thường kỳ", MeetingKind.THEMATIC: "chuyên đề"}
# STT, member, title, attendance: together the text width (165 mm).
COLUMNS = tuple(w * mm for w in (11, 48, 56, 50))


def render_minutes(minutes: MinutesInput, target: Path | BinaryIO) -> int:
    """Write the minutes as PDF to a path (atomically) or a stream; return the page count."""
    register_reportlab_fonts()
    buffer = io.BytesIO()
    template = a4_document(
        buffer,
        title=f"Biên bản số {minutes.minutes_number}: {minutes.meeting.title}",
        author=minutes.issuer.capitalize(),
        subject=minutes.meeting.title,
        dated=minutes.issued_on,
        decorate=official_page_number,
        displayDocTitle=1,
    )
    template.build(_story(minutes))
    data = buffer.getvalue()
    if isinstance(target, Path):
        atomic_write_bytes(target, data)
    else:
        target.write(data)
    return int(template.page)


_STYLES = {
    "kind": {"face": "bold", "before": 18},
    "subject": {"face": "bold", "after": 4},
    "heading": {"face": "bold", "align": TA_LEFT, "before": 10, "after": 2},
    "body": {"align": TA_JUSTIFY, "indent": 10 * mm, "before": 4, "leading": 17},
    "strong": {"face": "bold", "align": TA_JUSTIFY, "before": 6, "leading": 17},
    "item": {"face": "bold", "align": TA_JUSTIFY, "before": 8, "leading": 17},
    "hash": {"size": 10, "align": TA_LEFT, "before": 2},
    "th": {"size": 11, "face": "bold"},
    "td": {"size": 11, "align": TA_LEFT},
    "tdc": {"size": 11},
    "signer": {"face": "bold"},
}


def _p(text: str, name: str) -> Flowable:
    options: dict[str, Any] = dict(_STYLES[name])
    return para(text, para_style(name, **options), line_breaks=True)


def _vn_time(minutes: MinutesInput) -> str:
    meeting = minutes.meeting
    start = meeting.starts_at.astimezone(VIETNAM_TZ)
    text = f"Thời gian: từ {start:%H} giờ {start:%M} ngày {start:%d/%m/%Y}"
    if meeting.ends_at is not None:
        end = meeting.ends_at.astimezone(VIETNAM_TZ)
        same_day = end.date() == start.date()
        text += f" đến {end:%H} giờ {end:%M}" + ("" if same_day else f" ngày {end:%d/%m/%Y}")
    return text + "."


def _state_text(entry: AttendanceEntry) -> str:
    text = ATTENDANCE_VI[entry.state]
    if entry.state is Attendance.REPRESENTED and entry.deputy_name:
        deputy = (
            f"{entry.deputy_name}, {entry.deputy_title}"
            if entry.deputy_title
            else entry.deputy_name
        )
        text += f": {deputy}"
    return text


def _attendance_table(minutes: MinutesInput) -> Flowable:
    rows: list[list[Any]] = [
        [_p(h, "th") for h in ("STT", "Thành viên Chính phủ", "Chức vụ", "Tình trạng dự họp")]
    ]
    for number, entry in enumerate(minutes.attendance, start=1):
        rows.append(
            [
                _p(str(number), "tdc"),
                _p(entry.name, "td"),
                _p(entry.title, "td"),
                _p(_state_text(entry), "td"),
            ]
        )
    table = grid(rows, COLUMNS, repeatRows=1, spaceBefore=4)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def ballot_lines(ballot: BallotOutcome) -> tuple[str, str]:
    """The result sentence and the bundle line, shared by the minutes and the resolution."""
    verdict = "được thông qua" if ballot.adopted else "chưa được thông qua"
    result = (
        f"Về “{ballot.question}”: Đồng ý {ballot.agree}, Không đồng ý {ballot.disagree}, "
        f"Ý kiến khác {ballot.other}, Chưa có ý kiến {ballot.not_answered} trên tổng số "
        f"{ballot.members} thành viên Chính phủ; nội dung {verdict}."
    )
    return result, f"Mã băm SHA-256 của gói kết quả: {ballot.bundle_sha256}"


def _subject(minutes: MinutesInput) -> str:
    title, kind = minutes.meeting.title, KIND_VI[minutes.meeting.kind]
    return title if kind in title else f"{title} (phiên họp {kind})"


def _story(minutes: MinutesInput) -> list[Flowable]:
    meeting = minutes.meeting
    story: list[Flowable] = [
        national_header(
            minutes.issuer, minutes.place, minutes.issued_on, number=minutes.minutes_number
        ),
        _p("BIÊN BẢN", "kind"),
        _p(_subject(minutes), "subject"),
        rule(40 * mm, before=6),
        _p(_vn_time(minutes), "body"),
        _p(f"Địa điểm: {meeting.place}.", "body"),
        _p(f"Chủ trì: {meeting.chair_name}, {meeting.chair_title}.", "body"),
        _p(f"Thư ký: {minutes.secretary_name}, {minutes.secretary_title}.", "body"),
        _p("I. THÀNH PHẦN DỰ HỌP", "heading"),
        _attendance_table(minutes),
        _p(minutes.quorum.describe(), "strong"),
    ]
    if minutes.guests:
        story.append(_p("Khách mời: " + "; ".join(minutes.guests) + ".", "body"))
    story.append(_p("II. NỘI DUNG VÀ KẾT LUẬN", "heading"))
    for item in minutes.conclusions:
        heading = f"{item.position}. {item.title} (cơ quan trình: {item.presenter})"
        parts = [_p(heading, "item")]
        if item.without_debate:
            parts.append(_p("Thông qua không thảo luận (không thành viên nào phản đối "
                            "hoặc xin phát biểu).", "body"))  # fmt: skip
        parts.append(_p(f"Kết luận: {item.conclusion}", "body"))
        story.append(KeepTogether(parts))
    if minutes.ballots:
        story.append(_p("III. KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN CHÍNH PHỦ BẰNG PHIẾU", "heading"))
        for ballot in minutes.ballots:
            result, bundle = ballot_lines(ballot)
            story.append(KeepTogether([_p(result, "body"), _p(bundle, "hash")]))
    closing = _p(
        "Biên bản được lập tại phiên họp, thông qua trước các thành viên dự họp và được ký "
        "bằng chữ ký số; chữ ký số xác nhận nội dung không bị thay đổi sau khi ký.",
        "body",
    )
    story.append(KeepTogether([closing, Spacer(1, 10), _signatures(minutes)]))
    return story


def _signatures(minutes: MinutesInput) -> Flowable:
    left = [_p("THƯ KÝ", "signer"), Spacer(1, 24 * mm), _p(minutes.secretary_name, "signer")]
    right = [
        _p("CHỦ TỌA", "signer"),
        _p(minutes.meeting.chair_title.upper(), "signer"),
        Spacer(1, 24 * mm - 17),
        _p(minutes.meeting.chair_name, "signer"),
    ]
    return grid([[left, right]], (TEXT_WIDTH * 0.5, TEXT_WIDTH * 0.5), vertical_padding=0)
