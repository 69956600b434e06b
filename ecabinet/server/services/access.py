"""Who may see what. Every route that touches an object goes through here.

A member sees the meetings they take part in, once published; the secretariat
sees every meeting of its organisation; an administrator manages accounts and
sees no cabinet papers. What a user may not see answers 404, never 403, so that
existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, select
from sqlalchemy.orm import Session

from ecabinet.domain import MEMBER_VISIBLE_STATUSES, Role
from ecabinet.server.errors import forbidden, not_found
from ecabinet.server.models import (
    AgendaItem,
    Document,
    DocumentVersion,
    Meeting,
    MeetingParticipant,
    User,
)


def meeting_visibility(user: User) -> ColumnElement[bool]:
    """A WHERE clause on Meeting selecting what ``user`` may see."""
    alive = and_(Meeting.org_id == user.org_id, Meeting.deleted_at.is_(None))
    role = user.role_enum
    if role is Role.SECRETARIAT:
        return alive
    if role is Role.MEMBER:
        invited = select(MeetingParticipant.meeting_id).where(MeetingParticipant.user_id == user.id)
        return and_(
            alive,
            Meeting.status.in_([s.value for s in MEMBER_VISIBLE_STATUSES]),
            Meeting.id.in_(invited),
        )
    return false()


def visible_meeting_ids(user: User) -> Select[Any]:
    return select(Meeting.id).where(meeting_visibility(user))


def can_see_meeting(session: Session, user: User, meeting_id: str) -> bool:
    found = session.scalar(
        select(Meeting.id).where(Meeting.id == meeting_id, meeting_visibility(user))
    )
    return found is not None


def require_meeting(session: Session, user: User, meeting_id: str) -> Meeting:
    meeting = session.scalars(
        select(Meeting).where(Meeting.id == meeting_id, meeting_visibility(user))
    ).first()
    if meeting is None:
        raise not_found("Không tìm thấy phiên họp.", "Meeting not found.")
    return meeting


def require_secretariat(user: User) -> None:
    if user.role_enum is not Role.SECRETARIAT:
        raise forbidden()


def require_admin(user: User) -> None:
    if user.role_enum is not Role.ADMIN:
        raise forbidden()


def require_agenda_item(session: Session, user: User, item_id: str) -> AgendaItem:
    item = session.scalars(
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.id == item_id, AgendaItem.deleted_at.is_(None), meeting_visibility(user))
    ).first()
    if item is None:
        raise not_found("Không tìm thấy nội dung phiên họp.", "Agenda item not found.")
    return item


def require_document(session: Session, user: User, document_id: str) -> Document:
    document = session.scalars(
        select(Document)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(Document.id == document_id, Document.deleted_at.is_(None), meeting_visibility(user))
    ).first()
    if document is None:
        raise not_found("Không tìm thấy tài liệu.", "Document not found.")
    return document


def require_version(session: Session, user: User, version_id: str) -> DocumentVersion:
    version = session.scalars(
        select(DocumentVersion)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(
            DocumentVersion.id == version_id,
            Document.deleted_at.is_(None),
            meeting_visibility(user),
        )
    ).first()
    if version is None:
        raise not_found("Không tìm thấy phiên bản tài liệu.", "Document version not found.")
    return version


def can_fetch_blob(session: Session, user: User, sha256: str) -> bool:
    found = session.scalar(
        select(DocumentVersion.id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(
            DocumentVersion.sha256 == sha256,
            Document.deleted_at.is_(None),
            meeting_visibility(user),
        )
        .limit(1)
    )
    return found is not None


def meeting_audience(session: Session, meeting: Meeting) -> set[str]:
    """Ids of every user who may see ``meeting`` right now (mirrors meeting_visibility)."""
    if meeting.deleted_at is not None:
        return set()
    audience = set(
        session.scalars(
            select(User.id).where(
                User.org_id == meeting.org_id, User.role == Role.SECRETARIAT.value
            )
        )
    )
    if meeting.status in {s.value for s in MEMBER_VISIBLE_STATUSES}:
        audience.update(
            session.scalars(
                select(MeetingParticipant.user_id)
                .join(User, User.id == MeetingParticipant.user_id)
                .where(
                    MeetingParticipant.meeting_id == meeting.id,
                    User.role == Role.MEMBER.value,
                )
            )
        )
    return audience
