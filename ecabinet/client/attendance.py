"""The secretariat records a meeting as it happens: who attends, and each item's
conclusion (routes in docs/secretariat.md). Qt-free, for the app, the command line and
the tests alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # requests loads with the first call
    from ecabinet.client.api import ApiClient

Json = dict[str, Any]
STATES = ("present", "remote", "absent_excused", "represented")


@dataclass(frozen=True)
class AttendanceEntry:
    user_id: str
    state: str  # one of STATES
    deputy_name: str = ""  # with "represented", and only then


def _put(api: ApiClient, path: str, body: Json) -> Json:
    from ecabinet.client.api import raise_for_answer

    response = api.request("PUT", path, json=body)
    raise_for_answer(response)
    result: Json = response.json()
    return result


def record_attendance(api: ApiClient, meeting_id: str, entries: Sequence[AttendanceEntry]) -> Json:
    """Set how the participants named attend, all or none; answers the records and the
    quorum (``quorum.text`` is the line the minutes print)."""
    records = [
        {"user_id": e.user_id, "state": e.state, "deputy_name": e.deputy_name} for e in entries
    ]
    return _put(api, f"/api/v1/meetings/{meeting_id}/attendance", {"records": records})


def attendance_report(api: ApiClient, meeting_id: str) -> Json:
    report: Json = api.get_json(f"/api/v1/meetings/{meeting_id}/attendance")
    return report


def conclude(api: ApiClient, item_id: str, text: str, revision: int | None = None) -> Json:
    """Record an item's conclusion. With ``revision`` (the item's as last read), a save
    made after another clerk's is refused 409 ``edit_conflict`` and nothing changes."""
    body: Json = {"text": text}
    if revision is not None:
        body["revision"] = revision
    return _put(api, f"/api/v1/agenda-items/{item_id}/conclusion", body)
