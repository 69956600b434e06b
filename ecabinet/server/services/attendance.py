"""Attendance at a meeting and the conclusion of each agenda item (secretariat writes).

The quorum is two thirds of *all* Government members of the organisation (active
member accounts), not of those invited (ecabinet/quorum.py, the rule the minutes use).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, Role
from ecabinet.quorum import Attendance, check_quorum
from ecabinet.server.errors import invalid
from ecabinet.server.models import AgendaItem, AttendanceRecord, Meeting, MeetingParticipant, User
from ecabinet.server.services import agenda, audit
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.timeutil import isoformat, utcnow


@dataclass(frozen=True)
class AttendanceIn:
    user_id: str
    state: Attendance
    deputy_name: str = ""


def record(
    session: Session, *, actor: User, meeting: Meeting, records: Sequence[AttendanceIn]
) -> dict[str, Any]:
    """Set the attendance of the participants named (others are left as they were)."""
    require_secretariat(actor)
    lock_ordered_logs(session)  # two clerks at once: one after the other, no insert race
    invited = set(
        session.scalars(
            select(MeetingParticipant.user_id).where(MeetingParticipant.meeting_id == meeting.id)
        )
    )
    for entry in records:
        if entry.user_id not in invited:
            raise invalid(
                "not_a_participant",
                "Chỉ ghi điểm danh cho người tham dự phiên họp.",
                f"{entry.user_id} is not a participant of the meeting.",
            )
        deputy = entry.deputy_name.strip()
        if (entry.state is Attendance.REPRESENTED) != bool(deputy):
            raise invalid(
                "deputy_name",
                "Khi thành viên cử cấp phó dự thay, hãy ghi tên người dự thay (và chỉ khi đó).",
                "A deputy's name goes with 'represented', and only with it.",
            )
    if len({e.user_id for e in records}) != len(records):
        raise invalid("duplicate_participant", "Mỗi người chỉ một dòng.", "One row per person.")
    for entry in records:
        row = session.get(AttendanceRecord, (meeting.id, entry.user_id))
        if row is None:
            row = AttendanceRecord(meeting_id=meeting.id, user_id=entry.user_id)
            session.add(row)
        row.state, row.deputy_name = entry.state.value, entry.deputy_name.strip()
        row.recorded_by, row.updated_at = actor.id, utcnow()
    session.flush()
    audit.record(
        session,
        action="meeting.attendance",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
        details={e.user_id: [e.state.value, e.deputy_name.strip()] for e in records},
    )
    return report(session, meeting=meeting)


def report(session: Session, *, meeting: Meeting) -> dict[str, Any]:
    rows = session.execute(
        select(AttendanceRecord, User.full_name)
        .join(User, User.id == AttendanceRecord.user_id)
        .where(AttendanceRecord.meeting_id == meeting.id)
        .order_by(User.full_name)
    ).all()
    members = int(
        session.scalar(
            select(func.count(User.id)).where(
                User.org_id == meeting.org_id, User.role == Role.MEMBER.value, User.is_active
            )
        )
        or 0
    )
    member_ids = set(
        session.scalars(
            select(User.id).where(User.org_id == meeting.org_id, User.role == Role.MEMBER.value)
        )
    )
    states = [
        Attendance(r.AttendanceRecord.state)
        for r in rows
        if r.AttendanceRecord.user_id in member_ids
    ]
    return {
        "meeting_id": meeting.id,
        "records": [
            {
                "user_id": r.AttendanceRecord.user_id,
                "full_name": r.full_name,
                "state": r.AttendanceRecord.state,
                "deputy_name": r.AttendanceRecord.deputy_name,
                "updated_at": isoformat(r.AttendanceRecord.updated_at),
            }
            for r in rows
        ],
        "quorum": _quorum(states, members),
    }


def _quorum(states: list[Attendance], members: int) -> dict[str, Any]:
    if members == 0:  # no member accounts yet: nothing to count
        return {"members": 0, "attending": 0, "required": 0, "met": False, "text": ""}
    result = check_quorum(states, members=members)
    return {
        "members": result.members,
        "attending": result.attending,
        "present": result.present,
        "remote": result.remote,
        "represented": result.represented,
        "required": result.required,
        "met": result.met,
        "text": result.describe(),
    }


def conclude(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    item: AgendaItem,
    text: str,
    revision: int | None,
) -> AgendaItem:
    """Record the meeting's conclusion on an item (same revision check as any edit)."""
    require_secretariat(actor)
    agenda.check_revision(session, item, revision)
    before = item.conclusion
    item.conclusion = text.strip()
    agenda.bump(item)
    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.AGENDA_ITEM,
        entity_id=item.id,
        meeting_id=meeting.id,
    )
    audit.record(
        session,
        action="agenda.conclusion",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="agenda_item",
        object_id=item.id,
        details={"meeting_id": meeting.id, "before": before, "after": item.conclusion},
    )
    return item
