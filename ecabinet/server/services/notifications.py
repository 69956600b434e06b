"""Notices to members, delivered by their next pull (docs/secretariat.md, "Notifications").

Written at the moment something happens (a meeting published, a paper added or
updated, a ballot issued or its deadline moved, a reminder), one row per recipient,
each with a change-log row addressed to that recipient alone. Only members who can see
the meeting are told; a draft meeting tells nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.domain import MEMBER_VISIBLE_STATUSES, EntityType, Role
from ecabinet.server.models import Meeting, MeetingParticipant, Notification, User
from ecabinet.timeutil import isoformat

VIETNAM = timezone(timedelta(hours=7))
# The most recent notices a first sync (snapshot) brings along.
SNAPSHOT_NOTIFICATIONS = 200


class NoticeKind(StrEnum):
    MEETING_PUBLISHED = "meeting_published"
    PAPER_NEW = "paper_new"
    PAPER_UPDATED = "paper_updated"
    BALLOT_NEW = "ballot_new"
    DEADLINE_CHANGED = "deadline_changed"
    REMINDER = "reminder"


def member_participants(session: Session, meeting: Meeting) -> list[str]:
    if meeting.deleted_at is not None:
        return []
    if meeting.status not in {s.value for s in MEMBER_VISIBLE_STATUSES}:
        return []
    return sorted(
        session.scalars(
            select(MeetingParticipant.user_id)
            .join(User, User.id == MeetingParticipant.user_id)
            .where(
                MeetingParticipant.meeting_id == meeting.id,
                User.role == Role.MEMBER.value,
                User.is_active,
            )
        )
    )


def notify(
    session: Session,
    *,
    meeting: Meeting,
    kind: NoticeKind,
    text: str,
    subject_id: str | None = None,
    user_ids: Iterable[str] | None = None,
) -> list[Notification]:
    """Tell ``user_ids`` (default: every member participant who can see the meeting)."""
    from ecabinet.server.services.changes import record_change  # changes loads notices too

    audience = set(member_participants(session, meeting))
    if user_ids is not None:
        audience &= set(user_ids)
    made = []
    for user_id in sorted(audience):
        notice = Notification(
            org_id=meeting.org_id,
            user_id=user_id,
            meeting_id=meeting.id,
            kind=kind.value,
            subject_id=subject_id,
            text=text[:2000],
        )
        session.add(notice)
        session.flush()
        record_change(
            session,
            org_id=meeting.org_id,
            entity_type=EntityType.NOTIFICATION,
            entity_id=notice.id,
            audience_user_id=user_id,
        )
        made.append(notice)
    return made


def payload(notice: Notification) -> dict[str, Any]:
    return {
        "id": notice.id,
        "kind": notice.kind,
        "meeting_id": notice.meeting_id,
        "subject_id": notice.subject_id,
        "text": notice.text,
        "created_at": isoformat(notice.created_at),
    }


def load(session: Session, user: User, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows = session.scalars(
        select(Notification).where(Notification.id.in_(ids), Notification.user_id == user.id)
    )
    return {n.id: payload(n) for n in rows}


def recent(session: Session, user: User) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc())
        .limit(SNAPSHOT_NOTIFICATIONS)
    )
    return [payload(n) for n in rows]


def meeting_time(meeting: Meeting) -> str:
    """The start as Vietnam reads it (UTC+7, no daylight saving): 08:30 ngày 01/12/2026."""
    local = meeting.starts_at.astimezone(VIETNAM)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def deadline_text(moment: datetime) -> str:
    local = moment.astimezone(VIETNAM)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"
