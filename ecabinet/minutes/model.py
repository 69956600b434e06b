"""What the minutes (biên bản) and the session resolution (nghị quyết phiên họp) say.

Plain typed data, free of Qt and of the store: the app fills it from a meeting it
holds, a script or a test builds it directly. Numbers follow the official notation:
``12/BB-CP`` for the minutes, ``45/NQ-CP`` for the resolution.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecabinet.domain import MeetingKind
from ecabinet.quorum import Attendance, QuorumResult, check_quorum

if TYPE_CHECKING:
    from ecabinet.ballots.verify import Recount

__all__ = [
    "AgendaConclusion",
    "AttendanceEntry",
    "BallotOutcome",
    "MeetingInfo",
    "MinutesInput",
    "ballot_outcome",
    "minutes_number",
    "resolution_number",
]

_NUMBER = re.compile(r"^\d{1,5}/(BB|NQ)-[A-ZĐ]{2,10}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def minutes_number(sequence: int, body: str = "CP") -> str:
    """The minutes' number and notation, e.g. ``12/BB-CP``."""
    if sequence <= 0:
        raise ValueError("a document number starts at 1")
    return f"{sequence}/BB-{body}"


def resolution_number(sequence: int, body: str = "CP") -> str:
    """The session resolution's, e.g. ``45/NQ-CP`` (not a legal normative act: no year)."""
    if sequence <= 0:
        raise ValueError("a document number starts at 1")
    return f"{sequence}/NQ-{body}"


@dataclass(frozen=True)
class MeetingInfo:
    title: str  # "Phiên họp Chính phủ thường kỳ tháng 11 năm 2026"
    kind: MeetingKind
    starts_at: dt.datetime  # aware; printed in Vietnam time
    ends_at: dt.datetime | None
    place: str  # "Trụ sở Chính phủ, Hà Nội"
    chair_name: str
    chair_title: str  # "Thủ tướng Chính phủ"


@dataclass(frozen=True)
class AttendanceEntry:
    """One Government member, in protocol order, and how they attended."""

    name: str
    title: str  # "Bộ trưởng Bộ Tài chính"
    state: Attendance
    deputy_name: str | None = None  # when represented: who attended in their place
    deputy_title: str | None = None  # "Thứ trưởng Bộ Tài chính"

    def __post_init__(self) -> None:
        if (self.state is Attendance.REPRESENTED) != bool(self.deputy_name):
            raise ValueError(
                f"{self.name}: a deputy is named exactly when the member is represented"
            )


@dataclass(frozen=True)
class AgendaConclusion:
    position: int  # 1-based, the agenda's order
    title: str
    presenter: str  # the presenting ministry
    conclusion: str  # what the meeting concluded
    without_debate: bool = False  # adopted from the consent list


@dataclass(frozen=True)
class BallotOutcome:
    """A written-opinion ballot's verified result, and the bundle it was counted from."""

    question: str
    agree: int
    disagree: int
    other: int
    not_answered: int
    members: int
    adopted: bool
    bundle_sha256: str

    def __post_init__(self) -> None:
        if not _SHA256.match(self.bundle_sha256):
            raise ValueError(f"bundle hash must be 64 lowercase hex digits: {self.bundle_sha256!r}")
        # Members not asked (not eligible) are in neither count, so the sum may fall short.
        if self.agree + self.disagree + self.other + self.not_answered > self.members:
            raise ValueError(f"the counts of {self.question!r} exceed {self.members} members")


def ballot_outcome(recount: Recount) -> BallotOutcome:
    """A ballot's line in the minutes, from a recount proven against a trusted server key.

    As for the printed ballot summary, only a proven recount of a file whose hash is
    known may go into a paper that will be signed.
    """
    if not recount.proven:
        raise ValueError("the recount is not proven against a trusted server key")
    if not recount.bundle_sha256:
        raise ValueError("the bundle file's hash is unknown")
    t = recount.tally
    return BallotOutcome(
        question=str(recount.ballot.get("question", "")),
        agree=t.agree,
        disagree=t.disagree,
        other=t.other,
        not_answered=t.not_answered,
        members=t.membership_total,
        adopted=t.adopted,
        bundle_sha256=recount.bundle_sha256,
    )


@dataclass(frozen=True)
class MinutesInput:
    meeting: MeetingInfo
    attendance: tuple[AttendanceEntry, ...]  # every Government member, protocol order
    conclusions: tuple[AgendaConclusion, ...]
    minutes_number: str  # "12/BB-CP"
    resolution_number: str  # "45/NQ-CP"
    issued_on: dt.date
    secretary_name: str  # who kept the minutes
    secretary_title: str = "Thư ký phiên họp"
    ballots: tuple[BallotOutcome, ...] = ()
    guests: tuple[str, ...] = ()  # invited, not members: "Chánh án TAND tối cao"
    place: str = "Hà Nội"
    issuer: str = "CHÍNH PHỦ"
    recipients: tuple[str, ...] = field(
        default=("Các thành viên Chính phủ;", "Văn phòng Chính phủ;", "Lưu: VT, TH.")
    )

    def __post_init__(self) -> None:
        for number in (self.minutes_number, self.resolution_number):
            if not _NUMBER.match(number):
                raise ValueError(f"not an official number and notation: {number!r}")
        if "/BB-" not in self.minutes_number or "/NQ-" not in self.resolution_number:
            raise ValueError("the minutes are numbered …/BB-…, the resolution …/NQ-…")
        if not self.attendance:
            raise ValueError("the minutes need the attendance of the Government's members")

    @property
    def quorum(self) -> QuorumResult:
        return check_quorum(entry.state for entry in self.attendance)
