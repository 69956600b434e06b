"""A meeting's minutes input as the tests use it: 27 members in protocol order, every
attendance state, two conclusions (one adopted without debate) and two ballots."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from ecabinet.domain import MeetingKind
from ecabinet.minutes import (
    AgendaConclusion,
    AttendanceEntry,
    BallotOutcome,
    MeetingInfo,
    MinutesInput,
    minutes_number,
    resolution_number,
)
from ecabinet.quorum import Attendance
from ecabinet.timeutil import VIETNAM_TZ

HASH_1 = hashlib.sha256(b"bundle-1").hexdigest()
HASH_2 = hashlib.sha256(b"bundle-2").hexdigest()
CONCLUSION = "Thông qua dự thảo Nghị định; giao Bộ Tư pháp thẩm định lần cuối trước ngày 15/12."


def sample_members() -> tuple[AttendanceEntry, ...]:
    entries = [
        AttendanceEntry("Phạm Minh Đức", "Thủ tướng Chính phủ", Attendance.PRESENT),
        AttendanceEntry("Nguyễn Hòa Bình", "Phó Thủ tướng Thường trực", Attendance.PRESENT),
        AttendanceEntry("Trần Hồng Hà", "Phó Thủ tướng", Attendance.REMOTE),
        AttendanceEntry(
            "Hồ Đức Phớc",
            "Bộ trưởng Bộ Tài chính",
            Attendance.REPRESENTED,
            deputy_name="Nguyễn Đức Chi",
            deputy_title="Thứ trưởng Bộ Tài chính",
        ),
        AttendanceEntry("Lê Thành Long", "Bộ trưởng Bộ Tư pháp", Attendance.ABSENT_EXCUSED),
    ]
    entries += [
        AttendanceEntry(f"Thành viên số {n}", f"Bộ trưởng Bộ số {n}", Attendance.PRESENT)
        for n in range(6, 22)
    ]
    entries += [
        AttendanceEntry(f"Thành viên trực tuyến {n}", f"Bộ trưởng Bộ {n}", Attendance.REMOTE)
        for n in range(22, 28)
    ]
    return tuple(entries)


def sample_minutes(**changes: object) -> MinutesInput:
    start = dt.datetime(2026, 11, 28, 8, 30, tzinfo=VIETNAM_TZ)
    base = MinutesInput(
        meeting=MeetingInfo(
            title="Phiên họp Chính phủ thường kỳ tháng 11 năm 2026",
            kind=MeetingKind.REGULAR,
            starts_at=start.astimezone(dt.UTC),
            ends_at=start + dt.timedelta(hours=3, minutes=15),
            place="Trụ sở Chính phủ, số 1 Hoàng Hoa Thám, Hà Nội",
            chair_name="Phạm Minh Đức",
            chair_title="Thủ tướng Chính phủ",
        ),
        attendance=sample_members(),
        conclusions=(
            AgendaConclusion(
                1, "Dự thảo Nghị định về quản lý đầu tư công", "Bộ Tài chính", CONCLUSION
            ),
            AgendaConclusion(
                2,
                "Báo cáo tình hình kinh tế - xã hội tháng 11",
                "Bộ Kế hoạch",
                "Thống nhất đánh giá; yêu cầu đẩy mạnh giải ngân.",
                without_debate=True,
            ),
        ),
        minutes_number=minutes_number(12),
        resolution_number=resolution_number(245),
        issued_on=dt.date(2026, 11, 28),
        secretary_name="Nguyễn Thị Thư Ký",
        ballots=(
            BallotOutcome("Dự thảo Nghị quyết về giá điện", 20, 3, 2, 2, 27, True, HASH_1),
            BallotOutcome("Đề án đường sắt đô thị", 10, 12, 1, 4, 27, False, HASH_2),
        ),
        guests=("Chánh án Tòa án nhân dân tối cao",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]
