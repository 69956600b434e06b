"""Who attends a Government meeting, and whether enough members do for it to proceed.

A meeting of the Government proceeds only if at least two thirds of all Government
members attend (docs/DOMAIN.md). A member attends in the room or remotely; a member
absent with the Prime Minister's consent may send a deputy (cấp phó) in their place,
but the deputy is not a Government member: the deputy is listed, speaks for the
ministry, and does not count towards the quorum. Two thirds is computed on integers
(3 × attending ≥ 2 × members), so 18 of 27 is enough and 17 is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ATTENDANCE_VI", "Attendance", "QuorumResult", "check_quorum", "required_for_quorum"]


class Attendance(StrEnum):
    PRESENT = "present"  # có mặt tại phòng họp
    REMOTE = "remote"  # dự họp trực tuyến
    ABSENT_EXCUSED = "absent_excused"  # vắng mặt, được Thủ tướng đồng ý
    REPRESENTED = "represented"  # vắng mặt, cử cấp phó dự thay

    @property
    def counts_for_quorum(self) -> bool:
        return self in (Attendance.PRESENT, Attendance.REMOTE)


ATTENDANCE_VI = {
    Attendance.PRESENT: "Có mặt",
    Attendance.REMOTE: "Dự họp trực tuyến",
    Attendance.ABSENT_EXCUSED: "Vắng mặt (được Thủ tướng đồng ý)",
    Attendance.REPRESENTED: "Vắng mặt, cử cấp phó dự thay",
}


def required_for_quorum(members: int) -> int:
    """The fewest attending members that make two thirds of ``members`` (rounded up)."""
    if members <= 0:
        raise ValueError("a Government has at least one member")
    return -(-2 * members // 3)


@dataclass(frozen=True)
class QuorumResult:
    members: int  # all Government members, whether invited, absent or not
    present: int  # in the room
    remote: int
    absent_excused: int
    represented: int  # absent, a deputy attends in their place (not counted)

    @property
    def attending(self) -> int:
        return self.present + self.remote

    @property
    def required(self) -> int:
        return required_for_quorum(self.members)

    @property
    def met(self) -> bool:
        return 3 * self.attending >= 2 * self.members

    def describe(self) -> str:
        """One line for the minutes and the attendance screen, in Vietnamese."""
        verdict = (
            "đủ điều kiện tiến hành phiên họp"
            if self.met
            else "KHÔNG đủ điều kiện tiến hành phiên họp"
        )
        absent = self.absent_excused + self.represented
        line = (
            f"Dự họp {self.attending}/{self.members} thành viên Chính phủ "
            f"(tại phòng họp {self.present}, trực tuyến {self.remote}); vắng mặt {absent}"
        )
        if self.represented:
            line += f", trong đó {self.represented} thành viên cử cấp phó dự thay"
        return f"{line}. Cần ít nhất {self.required} thành viên (hai phần ba tổng số): {verdict}."


def check_quorum(states: Iterable[Attendance], *, members: int | None = None) -> QuorumResult:
    """Count the members' attendance states; ``members`` defaults to how many were given.

    Pass ``members`` when the list holds only some of them: a member left off the list
    is not attending, and the rule is two thirds of *all* members.
    """
    given = list(states)
    total = len(given) if members is None else members
    required_for_quorum(total)  # refuses a Government of no members
    if total < len(given):
        raise ValueError(f"{len(given)} attendance states for {total} members")
    counts = {state: given.count(state) for state in Attendance}
    return QuorumResult(
        members=total,
        present=counts[Attendance.PRESENT],
        remote=counts[Attendance.REMOTE],
        absent_excused=counts[Attendance.ABSENT_EXCUSED] + (total - len(given)),
        represented=counts[Attendance.REPRESENTED],
    )
