"""A member's own consent-agenda marks in their pull feed (``consent_mark``), so that
their other devices show what they marked (docs/sync-protocol.md). Never another
member's marks: only the secretariat sees those (services/consent.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.server.models import AgendaItem, ConsentMark, Meeting, User
from ecabinet.server.services.access import meeting_visibility
from ecabinet.timeutil import isoformat


def mark_payload(mark: ConsentMark) -> dict[str, Any]:
    """A member's own mark, as pulled (``id`` is the agenda item's: one mark per item)."""
    return {
        "id": mark.agenda_item_id,
        "agenda_item_id": mark.agenda_item_id,
        "meeting_id": mark.meeting_id,
        "mark": mark.mark,
        "reason": mark.reason,
        "marked_at": isoformat(mark.marked_at),
    }


def load(session: Session, user: User, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The user's own marks on ``ids`` (agenda item ids), in meetings they still see."""
    rows = session.scalars(
        select(ConsentMark)
        .join(Meeting, Meeting.id == ConsentMark.meeting_id)
        .join(AgendaItem, AgendaItem.id == ConsentMark.agenda_item_id)
        .where(
            ConsentMark.user_id == user.id,
            ConsentMark.agenda_item_id.in_(ids),
            AgendaItem.deleted_at.is_(None),
            meeting_visibility(user),
        )
    )
    return {m.agenda_item_id: mark_payload(m) for m in rows}


def meeting_marks(session: Session, meeting: Meeting, user: User) -> list[dict[str, Any]]:
    """The user's own marks in ``meeting``, for a snapshot."""
    rows = session.scalars(
        select(ConsentMark)
        .join(AgendaItem, AgendaItem.id == ConsentMark.agenda_item_id)
        .where(
            ConsentMark.meeting_id == meeting.id,
            ConsentMark.user_id == user.id,
            AgendaItem.deleted_at.is_(None),
        )
        .order_by(ConsentMark.agenda_item_id)
    )
    return [mark_payload(m) for m in rows]
