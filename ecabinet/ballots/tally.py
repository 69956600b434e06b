"""The tally rule of the Government (Law on Government Organisation, Art. 47).

A decision needs more than half of the *total* number of Government members voting in
favour, not half of those who answered. When exactly half are in favour, the side the
Prime Minister chose prevails.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CHOICE_VI = {"agree": "Đồng ý", "disagree": "Không đồng ý", "other": "Ý kiến khác"}


@dataclass(frozen=True)
class CountedOpinion:
    opinion_id: str
    user_id: str
    choice: str
    outdated: bool


@dataclass
class Tally:
    membership_total: int
    agree: int = 0
    disagree: int = 0
    other: int = 0
    not_answered: int = 0
    outdated: int = 0
    counted: list[str] = field(default_factory=list)
    chair_choice: str | None = None
    adopted: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "membership_total": self.membership_total,
            "agree": self.agree,
            "disagree": self.disagree,
            "other": self.other,
            "not_answered": self.not_answered,
            "outdated": self.outdated,
            "counted": sorted(self.counted),
            "chair_choice": self.chair_choice,
            "adopted": self.adopted,
        }


def tally(
    counted: Iterable[CountedOpinion],
    *,
    eligible: Iterable[str],
    membership_total: int,
    chair_user_id: str | None,
) -> Tally:
    """Count each eligible member's counted opinion (their last accepted one)."""
    result = Tally(membership_total=membership_total)
    answered: set[str] = set()
    for opinion in counted:
        answered.add(opinion.user_id)
        result.counted.append(opinion.opinion_id)
        if opinion.choice == "agree":
            result.agree += 1
        elif opinion.choice == "disagree":
            result.disagree += 1
        else:
            result.other += 1
        result.outdated += int(opinion.outdated)
        if opinion.user_id == chair_user_id:
            result.chair_choice = opinion.choice
    result.not_answered = len(set(eligible) - answered)
    twice = 2 * result.agree
    result.adopted = twice > membership_total or (
        twice == membership_total and result.chair_choice == "agree"
    )
    return result


def adoption_sentence(t: Tally, body: str = "Chính phủ") -> str:
    """The result line: more than half of *all* members; at exactly half, the Prime
    Minister's side decides (in the words of the Law on Government Organisation)."""
    count = f"{t.agree}/{t.membership_total} thành viên {body} đồng ý"
    if 2 * t.agree > t.membership_total:
        return f"Được thông qua: {count} (quá nửa tổng số thành viên)."
    verdict = "Được thông qua" if t.adopted else "Không được thông qua"
    if 2 * t.agree == t.membership_total and t.chair_choice:
        chair = CHOICE_VI.get(t.chair_choice, t.chair_choice).lower()
        return (f"{verdict}: {count} (đúng một nửa tổng số thành viên; quyết định theo ý kiến "
                f"mà Thủ tướng Chính phủ đã biểu quyết: {chair}).")  # fmt: skip
    return f"{verdict}: {count} (chưa quá nửa tổng số thành viên)."
