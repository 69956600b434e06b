"""Ballots as the secretariat prepares and runs them; who may see which ballot."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, Role
from ecabinet.server.errors import ApiError, invalid
from ecabinet.server.models import (
    Ballot,
    BallotDocument,
    BallotEligible,
    Document,
    Meeting,
    MeetingParticipant,
    Organisation,
    User,
)
from ecabinet.server.services import audit
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.ballot_access import (
    CLOSED,
    DRAFT,
    OPEN,
    OPTIONS,
    ballot_visibility,
)
from ecabinet.server.services.changes import record_change
from ecabinet.timeutil import isoformat, utcnow


def _changed(session: Session, ballot: Ballot) -> None:
    record_change(
        session,
        org_id=ballot.org_id,
        entity_type=EntityType.BALLOT,
        entity_id=ballot.id,
        meeting_id=ballot.meeting_id,
    )


def _check_documents(session: Session, meeting: Meeting, document_ids: Sequence[str]) -> None:
    found = set(
        session.scalars(
            select(Document.id).where(
                Document.id.in_(document_ids),
                Document.meeting_id == meeting.id,
                Document.deleted_at.is_(None),
            )
        )
    )
    if found != set(document_ids):
        raise invalid(
            "unknown_document",
            "Tài liệu kèm phiếu phải thuộc phiên họp này.",
            "Attached documents must belong to this meeting.",
        )


def _members_of(session: Session, meeting: Meeting, user_ids: Sequence[str] | None) -> list[str]:
    participants = set(
        session.scalars(
            select(MeetingParticipant.user_id)
            .join(User, User.id == MeetingParticipant.user_id)
            .where(MeetingParticipant.meeting_id == meeting.id, User.role == Role.MEMBER.value)
        )
    )
    if user_ids is None:
        return sorted(participants)
    if not set(user_ids) <= participants:
        raise invalid(
            "not_a_participant",
            "Người được lấy ý kiến phải là thành viên tham dự phiên họp.",
            "Eligible members must be participants of the meeting.",
        )
    return sorted(set(user_ids))


def create_ballot(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    question: str,
    deadline: datetime,
    agenda_item_id: str | None = None,
    document_id: str | None = None,
    document_ids: Sequence[str] = (),
    eligible: Sequence[str] | None = None,
    comment_required: Sequence[str] = ("other",),
    membership_total: int | None = None,
    open_now: bool = False,
) -> Ballot:
    require_secretariat(actor)
    if not question.strip():
        raise invalid("empty_question", "Câu hỏi không được để trống.", "The question is empty.")
    if not set(comment_required) <= set(OPTIONS):
        raise invalid("bad_options", "Lựa chọn không hợp lệ.", "Unknown option in comment rules.")
    attached = sorted(set(document_ids) | ({document_id} if document_id else set()))
    _check_documents(session, meeting, attached)
    members = _members_of(session, meeting, eligible)
    org = session.get(Organisation, actor.org_id)
    total = membership_total or int(
        session.scalar(
            select(func.count(User.id)).where(
                User.org_id == actor.org_id, User.role == Role.MEMBER.value, User.is_active
            )
        )
        or 0
    )
    ballot = Ballot(
        org_id=actor.org_id,
        meeting_id=meeting.id,
        agenda_item_id=agenda_item_id,
        document_id=document_id,
        question=question.strip(),
        options_json=json.dumps(OPTIONS),
        comment_required_json=json.dumps(sorted(set(comment_required))),
        deadline=deadline,
        status=DRAFT,
        membership_total=total,
        chair_user_id=org.chair_user_id if org else None,
        created_by=actor.id,
    )
    session.add(ballot)
    session.flush()
    session.add_all(BallotDocument(ballot_id=ballot.id, document_id=d) for d in attached)
    session.add_all(BallotEligible(ballot_id=ballot.id, user_id=u) for u in members)
    session.flush()
    audit.record(
        session,
        action="ballot.create",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="ballot",
        object_id=ballot.id,
        details={"question": ballot.question, "deadline": isoformat(deadline)},
    )
    if open_now:
        open_ballot(session, actor=actor, ballot=ballot)
    else:
        _changed(session, ballot)
    return ballot


def open_ballot(session: Session, *, actor: User, ballot: Ballot) -> Ballot:
    require_secretariat(actor)
    if ballot.status != DRAFT:
        raise ApiError(
            409, "not_draft", "Phiếu đã được phát hành.", "The ballot was already issued."
        )
    if ballot.deadline <= utcnow():
        raise invalid("deadline_past", "Hạn gửi phiếu đã qua.", "The deadline is in the past.")
    ballot.status = OPEN
    ballot.opened_at = utcnow()
    _changed(session, ballot)
    audit.record(
        session, action="ballot.open", actor_user_id=actor.id, org_id=actor.org_id,
        object_type="ballot", object_id=ballot.id,
    )  # fmt: skip
    return ballot


def close_ballot(session: Session, *, actor: User, ballot: Ballot) -> Ballot:
    require_secretariat(actor)
    if ballot.status == CLOSED:
        return ballot
    ballot.status = CLOSED
    ballot.closed_at = utcnow()
    _changed(session, ballot)
    audit.record(
        session, action="ballot.close", actor_user_id=actor.id, org_id=actor.org_id,
        object_type="ballot", object_id=ballot.id,
    )  # fmt: skip
    return ballot


def extend_deadline(session: Session, *, actor: User, ballot: Ballot, deadline: datetime) -> Ballot:
    require_secretariat(actor)
    if ballot.status == CLOSED:
        raise ApiError(
            409, "ballot_closed", "Phiếu đã đóng, không thể gia hạn.", "The ballot is closed."
        )
    if deadline <= max(utcnow(), ballot.deadline):
        raise invalid(
            "deadline_not_later",
            "Hạn mới phải muộn hơn hạn hiện tại và thời điểm hiện tại.",
            "The new deadline must be later than the current one and than now.",
        )
    old = ballot.deadline
    ballot.deadline = deadline
    _changed(session, ballot)
    audit.record(
        session, action="ballot.extend", actor_user_id=actor.id, org_id=actor.org_id,
        object_type="ballot", object_id=ballot.id,
        details={"from": isoformat(old), "to": isoformat(deadline)},
    )  # fmt: skip
    return ballot


def list_ballots(
    session: Session, *, user: User, meeting_id: str | None = None
) -> Sequence[Ballot]:
    query = select(Ballot).where(ballot_visibility(user))
    if meeting_id:
        query = query.where(Ballot.meeting_id == meeting_id)
    return session.scalars(query.order_by(Ballot.deadline)).all()
