"""The secretariat following a meeting: dashboard and reminders (docs/secretariat.md)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Response
from pydantic import Field

from ecabinet.quorum import Attendance
from ecabinet.server.deps import CurrentUser, ReadSession, WriteSession
from ecabinet.server.fields import AgendaItemIdPath, Line, MeetingIdPath, Text, Uuid
from ecabinet.server.schemas import Strict
from ecabinet.server.services import attendance, dashboard, entities, reminders
from ecabinet.server.services.access import (
    require_agenda_item,
    require_meeting,
    require_secretariat,
)

router = APIRouter(prefix="/api/v1", tags=["secretariat"])
Json = dict[str, Any]


class RemindersIn(Strict):
    user_ids: list[Uuid] = Field(min_length=1, max_length=500)
    text: Line = Field(default="", max_length=1000)


class AttendanceRow(Strict):
    user_id: Uuid
    state: Attendance
    deputy_name: Line = Field(default="", max_length=300)


class AttendanceIn(Strict):
    records: list[AttendanceRow] = Field(min_length=1, max_length=500)


class ConclusionIn(Strict):
    text: Text = Field(max_length=20_000)
    revision: int | None = Field(default=None, ge=1, le=2**31 - 1)


# The dashboard is plain JSON already: serialised directly, it skips FastAPI's generic
# encoder, which cost as much as building the table (bench/dashboard.py).
DASHBOARD_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The dashboard (docs/secretariat.md).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.get("/meetings/{meeting_id}/dashboard", responses=DASHBOARD_ANSWER)
def meeting_dashboard(
    meeting_id: MeetingIdPath, session: ReadSession, user: CurrentUser
) -> Response:
    """Per participant: pack synced, papers opened and how far read, ballots answered."""
    meeting = require_meeting(session, user, meeting_id)  # 404 first: existence stays hidden
    require_secretariat(user)
    table = dashboard.dashboard(session, actor=user, meeting=meeting)
    body = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(content=body, media_type="application/json")


@router.post("/meetings/{meeting_id}/reminders")
def send_reminders(
    meeting_id: MeetingIdPath, body: RemindersIn, session: WriteSession, user: CurrentUser
) -> Json:
    """A reminder in each chosen member's app at their next sync; recorded in the audit."""
    meeting = require_meeting(session, user, meeting_id)  # 404 first: existence stays hidden
    require_secretariat(user)
    sent = reminders.remind(
        session, actor=user, meeting=meeting, user_ids=body.user_ids, text=body.text
    )
    session.commit()
    return {"reminded": sent}


@router.get("/meetings/{meeting_id}/attendance")
def get_attendance(meeting_id: MeetingIdPath, session: ReadSession, user: CurrentUser) -> Json:
    """Attendance records and the quorum (two thirds of all members)."""
    meeting = require_meeting(session, user, meeting_id)  # 404 first: existence stays hidden
    require_secretariat(user)
    return attendance.report(session, meeting=meeting)


@router.put("/meetings/{meeting_id}/attendance")
def put_attendance(
    meeting_id: MeetingIdPath, body: AttendanceIn, session: WriteSession, user: CurrentUser
) -> Json:
    """Record how the participants named attend; answers the records and the quorum."""
    meeting = require_meeting(session, user, meeting_id)  # 404 first: existence stays hidden
    require_secretariat(user)
    rows = [attendance.AttendanceIn(r.user_id, r.state, r.deputy_name) for r in body.records]
    answer = attendance.record(session, actor=user, meeting=meeting, records=rows)
    session.commit()
    return answer


@router.put("/agenda-items/{item_id}/conclusion")
def put_conclusion(
    item_id: AgendaItemIdPath, body: ConclusionIn, session: WriteSession, user: CurrentUser
) -> Json:
    """The conclusion on an item; a stale ``revision`` answers 409 ``edit_conflict``."""
    item = require_agenda_item(session, user, item_id)
    meeting = require_meeting(session, user, item.meeting_id)
    require_secretariat(user)
    attendance.conclude(
        session, actor=user, meeting=meeting, item=item, text=body.text, revision=body.revision
    )
    session.commit()
    return entities.agenda_item_payload(item)
