"""Reminders from the secretariat: a notice in each chosen member's app at next sync."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ecabinet.server.errors import invalid
from ecabinet.server.models import Meeting, User
from ecabinet.server.services import audit, notifications
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.notifications import NoticeKind


def remind(
    session: Session, *, actor: User, meeting: Meeting, user_ids: Sequence[str], text: str
) -> list[str]:
    require_secretariat(actor)
    reachable = set(notifications.member_participants(session, meeting))
    strangers = sorted(set(user_ids) - reachable)
    if strangers:
        raise invalid(
            "not_reachable",
            "Chỉ nhắc được thành viên tham dự phiên họp đã phát hành.",
            f"Only participants of a published meeting can be reminded: {strangers}",
        )
    message = text.strip() or f"Văn phòng Chính phủ nhắc: hãy chuẩn bị cho {meeting.title}"
    sent = notifications.notify(
        session,
        meeting=meeting,
        kind=NoticeKind.REMINDER,
        text=message,
        subject_id=meeting.id,
        user_ids=user_ids,
    )
    audit.record(
        session,
        action="meeting.remind",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
        details={"user_ids": sorted(set(user_ids)), "text": message},
    )
    return [n.user_id for n in sent]
