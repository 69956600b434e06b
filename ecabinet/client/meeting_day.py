"""At the meeting: the secretariat records attendance and each agenda item's conclusion.

Typed calls over the server's attendance and conclusion routes (docs/secretariat.md,
"Attendance, quorum and conclusions"); Qt-free, so the app and the tests share them. The
quorum shown while the clerk changes states is worked out here with the same rule the
server and the minutes use (ecabinet/quorum.py), from the server's count of members.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ecabinet.errors import InputError
from ecabinet.quorum import Attendance, QuorumResult, check_quorum

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient

Json = dict[str, Any]

__all__ = [
    "AttendanceReport",
    "AttendanceRow",
    "attendance",
    "live_quorum",
    "save_attendance",
    "save_conclusion",
]


@dataclass(frozen=True)
class AttendanceRow:
    user_id: str
    state: Attendance
    deputy_name: str = ""


@dataclass(frozen=True)
class AttendanceReport:
    rows: dict[str, AttendanceRow]  # by user id; participants not yet recorded are absent
    members: int  # all active Government members of the organisation
    quorum_text: str  # the server's line, as the minutes print it
    met: bool


def _report(body: Mapping[str, Any]) -> AttendanceReport:
    rows = {
        str(r["user_id"]): AttendanceRow(
            str(r["user_id"]), Attendance(r["state"]), str(r.get("deputy_name") or "")
        )
        for r in body.get("records", [])
    }
    quorum = body.get("quorum") or {}
    return AttendanceReport(
        rows, int(quorum.get("members") or 0), str(quorum.get("text") or ""),
        bool(quorum.get("met")),
    )  # fmt: skip


def attendance(api: ApiClient, meeting_id: str) -> AttendanceReport:
    return _report(api.get_json(f"/api/v1/meetings/{meeting_id}/attendance"))


def save_attendance(
    api: ApiClient, meeting_id: str, rows: Iterable[AttendanceRow]
) -> AttendanceReport:
    """Record the states given (others stay as they were); answers the server's report.

    A represented member needs the deputy's name, and only then: refused here, in
    Vietnamese, before anything is sent (the server checks it again)."""
    from ecabinet.client.preparation import _send

    records = []
    for row in rows:
        deputy = " ".join(row.deputy_name.split())
        if (row.state is Attendance.REPRESENTED) != bool(deputy):
            raise InputError(
                "Khi thành viên cử cấp phó dự thay, hãy ghi tên người dự thay (và chỉ khi đó).",
                code="deputy_name",
                message_en="A deputy's name goes with 'represented', and only with it.",
            )
        records.append({"user_id": row.user_id, "state": row.state.value, "deputy_name": deputy})
    if not records:
        raise InputError(
            "Chưa ghi điểm danh cho ai.", code="no_records", message_en="No attendance to save."
        )
    body = _send(api, "PUT", f"/api/v1/meetings/{meeting_id}/attendance", {"records": records})
    return _report(body)


def live_quorum(states: Iterable[Attendance | None], members: int) -> QuorumResult | None:
    """The quorum of the states on screen (None = not recorded yet: not attending).

    ``members`` is every Government member, invited or not: the rule is two thirds of
    all of them. None when the organisation has no member accounts."""
    recorded = [s for s in states if s is not None]
    if members <= 0:
        return None
    return check_quorum(recorded, members=max(members, len(recorded)))


def save_conclusion(api: ApiClient, item_id: str, text: str, revision: int | None) -> Json:
    """Save the conclusion written from ``revision``: if another clerk saved the item
    since, the server answers 409 ``edit_conflict`` and nothing is overwritten."""
    from ecabinet.client.preparation import _send

    body: Json = {"text": text.strip()}
    if revision is not None:
        body["revision"] = revision
    result: Json = _send(api, "PUT", f"/api/v1/agenda-items/{item_id}/conclusion", body)
    return result
