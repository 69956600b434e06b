"""The consent agenda (as Estonia's e-Cabinet): members mark each item before the meeting.

Marks arrive through push (``mark_consent``), made offline maybe days earlier: the
latest ``marked_at`` of a member on an item counts, whatever order they arrive in. An
item no one objected to, asked to speak on, or pulled out is listed for adoption
without debate; the others need discussion, with who and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, MeetingStatus, Role
from ecabinet.server.errors import invalid
from ecabinet.server.models import AgendaItem, ConsentMark, Meeting, MeetingParticipant, User
from ecabinet.server.services import agenda
from ecabinet.server.services.access import require_agenda_item, require_secretariat
from ecabinet.server.services.changes import record_change
from ecabinet.timeutil import isoformat, utcnow


class Mark(StrEnum):
    NO_OBJECTION = "no_objection"  # không có ý kiến khác
    WISH_TO_SPEAK = "wish_to_speak"  # đề nghị phát biểu
    OBJECT = "object"  # phản đối (reason required)
    PULL_OUT = "pull_out"  # đưa ra khỏi danh sách thông qua không thảo luận


def record(
    session: Session, *, user: User, item_id: str, mark: Mark, reason: str, marked_at: datetime
) -> ConsentMark:
    """Check then write: nothing is written when the mark is refused."""
    if user.role_enum is not Role.MEMBER:
        raise invalid(
            "not_a_member",
            "Chỉ thành viên Chính phủ cho ý kiến về nội dung phiên họp.",
            "Only members mark agenda items.",
        )
    item = require_agenda_item(session, user, item_id)  # 404 unless a visible meeting's
    meeting = session.get(Meeting, item.meeting_id)
    if meeting is None or meeting.status != MeetingStatus.PUBLISHED.value:
        raise invalid(
            "meeting_not_open",
            "Phiên họp đã kết thúc hoặc bị huỷ: không nhận thêm ý kiến về nội dung.",
            "The meeting is closed or cancelled: consent marks are no longer taken.",
        )
    reason = reason.strip()
    if mark is Mark.OBJECT and not reason:
        raise invalid(
            "reason_required",
            "Khi phản đối một nội dung, hãy nêu lý do.",
            "An objection needs a reason.",
        )
    marked_at = min(marked_at, utcnow())  # a laptop clock ahead must not win every race
    existing = session.get(ConsentMark, (item.id, user.id))
    if existing is not None and existing.marked_at >= marked_at:
        return existing  # an older mark arriving late changes nothing
    if existing is None:
        existing = ConsentMark(agenda_item_id=item.id, user_id=user.id, meeting_id=meeting.id)
        session.add(existing)
    existing.mark, existing.reason, existing.marked_at = mark.value, reason, marked_at
    existing.received_at = utcnow()
    # The member's other devices learn of it by their next pull (to this member only).
    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.CONSENT_MARK,
        entity_id=item.id,
        meeting_id=meeting.id,
        audience_user_id=user.id,
    )
    return existing


def consent_list(session: Session, *, actor: User, meeting: Meeting) -> dict[str, Any]:
    """For the secretariat: the consent list, the items to discuss (who, why), and who
    has not marked each item yet."""
    require_secretariat(actor)
    items = agenda.live_items(session, meeting)
    names = {
        row.id: row.full_name
        for row in session.execute(
            select(User.id, User.full_name)
            .join(MeetingParticipant, MeetingParticipant.user_id == User.id)
            .where(MeetingParticipant.meeting_id == meeting.id, User.role == Role.MEMBER.value)
        )
    }
    marks: dict[str, list[ConsentMark]] = {}
    for row in session.scalars(
        select(ConsentMark)
        .where(ConsentMark.meeting_id == meeting.id)
        .order_by(ConsentMark.marked_at)
    ):
        marks.setdefault(row.agenda_item_id, []).append(row)
    consent: list[dict[str, Any]] = []
    discussion: list[dict[str, Any]] = []
    for item in items:
        entry = _item_entry(item, marks.get(item.id, []), names)
        (discussion if entry["raised"] else consent).append(entry)
    return {"meeting_id": meeting.id, "consent": consent, "discussion": discussion}


def _item_entry(
    item: AgendaItem, marks: Sequence[ConsentMark], names: dict[str, str]
) -> dict[str, Any]:
    raised = [
        {
            "user_id": m.user_id,
            "full_name": names.get(m.user_id, ""),
            "mark": m.mark,
            "reason": m.reason,
            "marked_at": isoformat(m.marked_at),
        }
        for m in marks
        if m.mark != Mark.NO_OBJECTION.value
    ]
    agreed = sorted(m.user_id for m in marks if m.mark == Mark.NO_OBJECTION.value)
    marked = {m.user_id for m in marks}
    return {
        "agenda_item_id": item.id,
        "position": item.position,
        "title": item.title,
        "no_objection": agreed,
        "raised": raised,
        "not_marked": sorted(set(names) - marked),
    }
