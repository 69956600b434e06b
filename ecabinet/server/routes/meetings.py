"""Meetings, participants, agenda items (the secretariat's preparation endpoints)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ecabinet.server.deps import ContextDep, CurrentUser, ReadSession, WriteSession
from ecabinet.server.fields import AgendaItemIdPath, MeetingIdPath
from ecabinet.server.models import AgendaItem
from ecabinet.server.schemas import (
    AgendaItemCreate,
    AgendaItemUpdate,
    MeetingCreate,
    MeetingUpdate,
    ParticipantsIn,
)
from ecabinet.server.schemas_secretariat import AgendaOrderIn
from ecabinet.server.services import agenda, consent, documents, entities, meetings
from ecabinet.server.services.access import require_agenda_item, require_meeting

router = APIRouter(prefix="/api/v1", tags=["meetings"])
Json = dict[str, Any]


@router.get("/meetings")
def list_meetings(session: ReadSession, user: CurrentUser) -> list[Json]:
    return [
        entities.meeting_payload(session, m) for m in meetings.list_meetings(session, user=user)
    ]


@router.post("/meetings", status_code=201)
def create_meeting(body: MeetingCreate, session: WriteSession, user: CurrentUser) -> Json:
    meeting = meetings.create_meeting(
        session,
        actor=user,
        title=body.title,
        kind=body.kind,
        starts_at=body.starts_at,
        location=body.location,
        participant_ids=body.participant_ids,
        status=body.status,
        guests=[g.model_dump() for g in body.guests],
    )
    session.commit()
    return entities.meeting_payload(session, meeting)


@router.get("/meetings/{meeting_id}")
def get_meeting(meeting_id: MeetingIdPath, session: ReadSession, user: CurrentUser) -> Json:
    meeting = require_meeting(session, user, meeting_id)
    contents = entities.meeting_contents(session, meeting, user)
    grouped: Json = {"meeting": contents[0][1]}
    for kind in ("agenda_item", "document", "document_version", "read_mark"):
        grouped[kind + "s"] = [payload for t, payload in contents if t == kind]
    return grouped


@router.patch("/meetings/{meeting_id}")
def update_meeting(
    meeting_id: MeetingIdPath,
    body: MeetingUpdate,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    meeting = require_meeting(session, user, meeting_id)
    meetings.update_meeting(
        session,
        actor=user,
        meeting=meeting,
        allow_classified=ctx.settings.allow_classified_distribution,
        **body.model_dump(exclude_unset=True),
    )
    session.commit()
    return entities.meeting_payload(session, meeting)


@router.delete("/meetings/{meeting_id}", status_code=204)
def delete_meeting(meeting_id: MeetingIdPath, session: WriteSession, user: CurrentUser) -> Response:
    meeting = require_meeting(session, user, meeting_id)
    meetings.delete_meeting(session, actor=user, meeting=meeting)
    session.commit()
    return Response(status_code=204)


@router.put("/meetings/{meeting_id}/participants")
def set_participants(
    meeting_id: MeetingIdPath, body: ParticipantsIn, session: WriteSession, user: CurrentUser
) -> Json:
    meeting = require_meeting(session, user, meeting_id)
    meetings.set_participants(session, actor=user, meeting=meeting, user_ids=body.user_ids)
    session.commit()
    return entities.meeting_payload(session, meeting)


@router.post("/meetings/{meeting_id}/agenda-items", status_code=201)
def add_agenda_item(
    meeting_id: MeetingIdPath,
    body: AgendaItemCreate,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    meeting = require_meeting(session, user, meeting_id)
    item = meetings.add_agenda_item(
        session,
        actor=user,
        meeting=meeting,
        title=body.title,
        presenter=body.presenter,
        position=body.position,
        classification=body.classification,
        allow_classified=ctx.settings.allow_classified_distribution,
    )
    session.commit()
    return entities.agenda_item_payload(item)


def _item_and_meeting(session: Any, user: Any, item_id: str) -> tuple[AgendaItem, Any]:
    item = require_agenda_item(session, user, item_id)
    return item, require_meeting(session, user, item.meeting_id)


@router.patch("/agenda-items/{item_id}")
def update_agenda_item(
    item_id: AgendaItemIdPath,
    body: AgendaItemUpdate,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    """Send the ``revision`` the edit started from: a stale one answers 409 ``edit_conflict``."""
    item, meeting = _item_and_meeting(session, user, item_id)
    meetings.update_agenda_item(
        session,
        actor=user,
        meeting=meeting,
        item=item,
        allow_classified=ctx.settings.allow_classified_distribution,
        **body.model_dump(exclude_unset=True),
    )
    session.commit()
    return entities.agenda_item_payload(item)


@router.delete("/agenda-items/{item_id}", status_code=204)
def delete_agenda_item(
    item_id: AgendaItemIdPath, session: WriteSession, user: CurrentUser
) -> Response:
    item, meeting = _item_and_meeting(session, user, item_id)
    meetings.delete_agenda_item(session, actor=user, meeting=meeting, item=item)
    session.commit()
    return Response(status_code=204)


@router.put("/meetings/{meeting_id}/agenda-order")
def reorder_agenda(
    meeting_id: MeetingIdPath, body: AgendaOrderIn, session: WriteSession, user: CurrentUser
) -> list[Json]:
    """The new order of every live item of the meeting (422 if the list differs)."""
    meeting = require_meeting(session, user, meeting_id)
    items = agenda.reorder(session, actor=user, meeting=meeting, item_ids=body.item_ids)
    session.commit()
    return [entities.agenda_item_payload(item) for item in items]


@router.post("/meetings/{meeting_id}/publish")
def publish_meeting(
    meeting_id: MeetingIdPath, session: WriteSession, user: CurrentUser, ctx: ContextDep
) -> Json:
    """Send a draft meeting to its participants (PATCH status=published does the same)."""
    meeting = require_meeting(session, user, meeting_id)
    meetings.publish_meeting(
        session,
        actor=user,
        meeting=meeting,
        allow_classified=ctx.settings.allow_classified_distribution,
    )
    session.commit()
    return entities.meeting_payload(session, meeting)


@router.get("/meetings/{meeting_id}/reads")
def read_report(meeting_id: MeetingIdPath, session: ReadSession, user: CurrentUser) -> list[Json]:
    meeting = require_meeting(session, user, meeting_id)
    return documents.read_report(session, actor=user, meeting=meeting)


@router.get("/meetings/{meeting_id}/consent")
def consent_list(meeting_id: MeetingIdPath, session: ReadSession, user: CurrentUser) -> Json:
    """Consent agenda: items for adoption without debate, and items to discuss (who, why)."""
    meeting = require_meeting(session, user, meeting_id)
    return consent.consent_list(session, actor=user, meeting=meeting)
