"""Meetings, participants and agenda items, as the secretariat prepares them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, MeetingKind, MeetingStatus, Role
from ecabinet.protocol_secretariat import Classification
from ecabinet.server.errors import invalid
from ecabinet.server.models import AgendaItem, Document, Meeting, MeetingParticipant, User
from ecabinet.server.services import agenda, audit, notifications
from ecabinet.server.services.access import (
    meeting_audience,
    meeting_visibility,
    require_secretariat,
)
from ecabinet.server.services.changes import DELETE, record_access_change, record_change
from ecabinet.server.services.notifications import NoticeKind, meeting_time
from ecabinet.timeutil import utcnow


def _meeting_changed(session: Session, meeting: Meeting) -> None:
    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.MEETING,
        entity_id=meeting.id,
        meeting_id=meeting.id,
    )


def list_meetings(session: Session, *, user: User) -> Sequence[Meeting]:
    return session.scalars(
        select(Meeting).where(meeting_visibility(user)).order_by(Meeting.starts_at.desc())
    ).all()


def _check_participants(session: Session, org_id: str, user_ids: Sequence[str]) -> set[str]:
    wanted = set(user_ids)
    found = set(
        session.scalars(
            select(User.id).where(
                User.id.in_(wanted), User.org_id == org_id, User.role == Role.MEMBER.value
            )
        )
    )
    missing = wanted - found
    if missing:
        raise invalid(
            "unknown_participant",
            "Người tham dự phải là thành viên Chính phủ của cùng tổ chức.",
            f"Participants must be members of the same organisation: {sorted(missing)}",
        )
    return wanted


Guests = Sequence[Mapping[str, str]]


def _guests_json(guests: Guests) -> str:
    """The invited guests as stored: names and positions trimmed, a blank name refused."""
    cleaned = [
        {"name": g.get("name", "").strip(), "position": g.get("position", "").strip()}
        for g in guests
    ]
    if any(not g["name"] for g in cleaned):
        raise invalid(
            "empty_guest_name",
            "Tên khách mời không được để trống.",
            "An invited guest's name must not be empty.",
        )
    return json.dumps(cleaned, ensure_ascii=False)


def create_meeting(
    session: Session,
    *,
    actor: User,
    title: str,
    kind: MeetingKind,
    starts_at: datetime,
    location: str,
    participant_ids: Sequence[str] = (),
    status: MeetingStatus = MeetingStatus.DRAFT,
    guests: Guests = (),
) -> Meeting:
    require_secretariat(actor)  # a new meeting has no items: nothing classified to refuse
    participants = _check_participants(session, actor.org_id, participant_ids)
    guests_json = _guests_json(guests)
    meeting = Meeting(
        org_id=actor.org_id,
        title=title.strip(),
        kind=kind.value,
        starts_at=starts_at,
        location=location.strip(),
        status=status.value,
        guests_json=guests_json,
        created_by=actor.id,
    )
    session.add(meeting)
    session.flush()
    for user_id in sorted(participants):
        session.add(MeetingParticipant(meeting_id=meeting.id, user_id=user_id))
    _meeting_changed(session, meeting)
    record_access_change(session, meeting, before=set())
    audit.record(
        session,
        action="meeting.create",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
        details={
            "title": meeting.title,
            "status": meeting.status,
            "guests": json.loads(guests_json),
        },
    )
    return meeting


def update_meeting(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    title: str | None = None,
    kind: MeetingKind | None = None,
    starts_at: datetime | None = None,
    location: str | None = None,
    status: MeetingStatus | None = None,
    guests: Guests | None = None,
    allow_classified: bool = False,
) -> Meeting:
    require_secretariat(actor)
    guests_json = None if guests is None else _guests_json(guests)
    if status is MeetingStatus.PUBLISHED and meeting.status != status.value:
        agenda.check_meeting_distributable(session, meeting, allow_classified=allow_classified)
    before = meeting_audience(session, meeting)
    changes: dict[str, object] = {}
    if title is not None:
        meeting.title = title.strip()
        changes["title"] = meeting.title
    if kind is not None:
        meeting.kind = kind.value
    if starts_at is not None:
        meeting.starts_at = starts_at
    if location is not None:
        meeting.location = location.strip()
    if guests_json is not None and guests_json != meeting.guests_json:
        meeting.guests_json = guests_json
        changes["guests"] = json.loads(guests_json)
    published_now = status is MeetingStatus.PUBLISHED and meeting.status != status.value
    if status is not None and status.value != meeting.status:
        changes["status"] = f"{meeting.status}->{status.value}"
        meeting.status = status.value
    meeting.updated_at = utcnow()
    _meeting_changed(session, meeting)
    record_access_change(session, meeting, before)
    if published_now:
        notifications.notify(
            session,
            meeting=meeting,
            kind=NoticeKind.MEETING_PUBLISHED,
            text=f"Phiên họp mới: {meeting.title} ({meeting_time(meeting)})",
            subject_id=meeting.id,
        )
    audit.record(
        session,
        action="meeting.update",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
        details=changes,
    )
    return meeting


def delete_meeting(session: Session, *, actor: User, meeting: Meeting) -> None:
    require_secretariat(actor)
    before = meeting_audience(session, meeting)
    meeting.deleted_at = utcnow()
    record_access_change(session, meeting, before)
    audit.record(
        session,
        action="meeting.delete",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
    )


def set_participants(
    session: Session, *, actor: User, meeting: Meeting, user_ids: Sequence[str]
) -> None:
    require_secretariat(actor)
    wanted = _check_participants(session, actor.org_id, user_ids)
    before = meeting_audience(session, meeting)
    current = {
        p.user_id: p
        for p in session.scalars(
            select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        )
    }
    for user_id, row in current.items():
        if user_id not in wanted:
            session.delete(row)
    for user_id in sorted(wanted - current.keys()):
        session.add(MeetingParticipant(meeting_id=meeting.id, user_id=user_id))
    meeting.updated_at = utcnow()
    _meeting_changed(session, meeting)
    record_access_change(session, meeting, before)
    audit.record(
        session,
        action="meeting.participants",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
        details={"participants": sorted(wanted)},
    )


def participants(session: Session, meeting: Meeting) -> list[str]:
    return sorted(
        session.scalars(
            select(MeetingParticipant.user_id).where(MeetingParticipant.meeting_id == meeting.id)
        )
    )


def _agenda_changed(
    session: Session, item: AgendaItem, meeting: Meeting, op: str = "upsert"
) -> None:
    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.AGENDA_ITEM,
        entity_id=item.id,
        meeting_id=meeting.id,
        op=op,
    )


def add_agenda_item(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    position: int | None = None,
    classification: Classification = Classification.NONE,
    allow_classified: bool = False,
) -> AgendaItem:
    require_secretariat(actor)
    agenda.check_marking(meeting, classification, allow_classified=allow_classified)
    if not title.strip():
        raise invalid("empty_title", "Nội dung không được để trống.", "Title must not be empty.")
    if position is None:
        last = session.scalar(
            select(func.max(AgendaItem.position)).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.deleted_at.is_(None)
            )
        )
        position = (last or 0) + 1
    item = AgendaItem(
        meeting_id=meeting.id,
        position=position,
        title=title.strip(),
        presenter=presenter.strip(),
        classification=classification.value,
        revision=1,
    )
    session.add(item)
    session.flush()
    _agenda_changed(session, item, meeting)
    audit.record(
        session,
        action="agenda.create",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="agenda_item",
        object_id=item.id,
        details={"meeting_id": meeting.id, **_agenda_state(item)},
    )
    return item


def _agenda_state(item: AgendaItem) -> dict[str, object]:
    # The whole item, so the audit trail alone tells what the agenda said and when.
    return {
        "title": item.title,
        "presenter": item.presenter,
        "position": item.position,
        "classification": item.classification,
        "revision": item.revision,
    }


def update_agenda_item(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    item: AgendaItem,
    title: str | None = None,
    presenter: str | None = None,
    position: int | None = None,
    classification: Classification | None = None,
    revision: int | None = None,
    allow_classified: bool = False,
) -> AgendaItem:
    require_secretariat(actor)
    agenda.check_revision(session, item, revision)
    if classification is not None:
        agenda.check_marking(meeting, classification, allow_classified=allow_classified)
    before = _agenda_state(item)
    if title is not None:
        item.title = title.strip()
    if presenter is not None:
        item.presenter = presenter.strip()
    if position is not None:
        item.position = position
    if classification is not None:
        item.classification = classification.value
    agenda.bump(item)
    _agenda_changed(session, item, meeting)
    audit.record(
        session,
        action="agenda.update",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="agenda_item",
        object_id=item.id,
        details={"meeting_id": meeting.id, "before": before, "after": _agenda_state(item)},
    )
    return item


def delete_agenda_item(
    session: Session, *, actor: User, meeting: Meeting, item: AgendaItem
) -> None:
    """Remove an item from the agenda; its papers stay in the meeting, unattached."""
    require_secretariat(actor)
    item.deleted_at = utcnow()
    for document in session.scalars(
        select(Document).where(Document.agenda_item_id == item.id, Document.deleted_at.is_(None))
    ):
        document.agenda_item_id = None
        record_change(
            session,
            org_id=meeting.org_id,
            entity_type=EntityType.DOCUMENT,
            entity_id=document.id,
            meeting_id=meeting.id,
        )
    _agenda_changed(session, item, meeting, op=DELETE)
    audit.record(
        session,
        action="agenda.delete",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="agenda_item",
        object_id=item.id,
        details={"meeting_id": meeting.id, **_agenda_state(item)},
    )


def publish_meeting(
    session: Session, *, actor: User, meeting: Meeting, allow_classified: bool = False
) -> Meeting:
    """Draft -> published: the participants get it at their next sync. Publishing one
    already published changes nothing; a cancelled or closed one is refused."""
    require_secretariat(actor)
    if meeting.status == MeetingStatus.PUBLISHED.value:
        return meeting
    if meeting.status != MeetingStatus.DRAFT.value:
        raise invalid(
            "not_draft",
            "Chỉ phát hành được phiên họp đang chuẩn bị (chưa huỷ, chưa kết thúc).",
            f"Only a draft meeting can be published (this one is {meeting.status}).",
        )
    return update_meeting(
        session,
        actor=actor,
        meeting=meeting,
        status=MeetingStatus.PUBLISHED,
        allow_classified=allow_classified,
    )
