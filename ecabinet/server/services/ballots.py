"""Ballots as the secretariat prepares and runs them.

Opening a ballot, and every later change (a deadline extension, an early close, a new
list of members asked), signs a new version of its definition into its chain
(``ballot_chain``); a draft is not signed, as no member can see it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.crypto.ballot_records import DEADLINE_EXTENDED, ELIGIBLE_CHANGED, ISSUED
from ecabinet.crypto.keys import SigningKey
from ecabinet.domain import Role
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
from ecabinet.server.services import audit, notifications
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.ballot_access import (
    CLOSED,
    DRAFT,
    OPEN,
    OPTIONS,
    ballot_visibility,
    is_accepting,
)
from ecabinet.server.services.ballot_chain import (
    ballot_changed,
    close_early,
    current_definition,
    issue_definition,
    lock_chain,
    seal_if_ended,
)
from ecabinet.server.services.notifications import NoticeKind, deadline_text
from ecabinet.timeutil import isoformat, utcnow


def _audit(session: Session, actor: User, ballot: Ballot, action: str, **details: object) -> None:
    """Audit a change with the definition it signed, in full (its canonical text), so the
    trail holds what was signed and where it sits in the ballot's chain."""
    record = current_definition(session, ballot)
    audit.record(
        session, action=action, actor_user_id=actor.id, org_id=actor.org_id,
        object_type="ballot", object_id=ballot.id,
        details={**details, "definition_id": ballot.definition_id,
                 "definition": record.text if record else None, "chain_seq": ballot.chain_seq},
    )  # fmt: skip


def _ended() -> ApiError:
    return ApiError(
        409,
        "ballot_closed",
        "Phiếu đã đóng hoặc đã hết hạn.",
        "The ballot is closed or past its deadline.",
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
    signing_key: SigningKey,
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
        open_ballot(session, actor=actor, ballot=ballot, signing_key=signing_key)
    else:
        ballot_changed(session, ballot)
    return ballot


def _tell_eligible(session: Session, ballot: Ballot, kind: NoticeKind, text: str) -> None:
    meeting = session.get(Meeting, ballot.meeting_id)
    if meeting is None:
        return
    eligible = session.scalars(
        select(BallotEligible.user_id).where(BallotEligible.ballot_id == ballot.id)
    )
    notifications.notify(
        session, meeting=meeting, kind=kind, text=text, subject_id=ballot.id, user_ids=eligible
    )


def open_ballot(
    session: Session, *, actor: User, ballot: Ballot, signing_key: SigningKey
) -> Ballot:
    require_secretariat(actor)
    lock_chain(session, ballot)
    if ballot.status != DRAFT:
        raise ApiError(
            409, "not_draft", "Phiếu đã được phát hành.", "The ballot was already issued."
        )
    if ballot.deadline <= utcnow():
        raise invalid("deadline_past", "Hạn gửi phiếu đã qua.", "The deadline is in the past.")
    ballot.status = OPEN
    ballot.opened_at = utcnow()
    issue_definition(session, ballot, signing_key, change=ISSUED)
    ballot_changed(session, ballot)
    _tell_eligible(
        session,
        ballot,
        NoticeKind.BALLOT_NEW,
        f"Phiếu lấy ý kiến mới: {ballot.question[:300]} — hạn {deadline_text(ballot.deadline)}",
    )
    _audit(session, actor, ballot, "ballot.open")
    return ballot


def close_ballot(
    session: Session, *, actor: User, ballot: Ballot, signing_key: SigningKey
) -> Ballot:
    """Close now; a ballot whose deadline passed is sealed as closed by its deadline."""
    require_secretariat(actor)
    lock_chain(session, ballot)
    if ballot.status == CLOSED:
        return ballot
    now = utcnow()
    if ballot.status == DRAFT:
        ballot.status, ballot.closed_at = CLOSED, now  # never issued: nothing to seal
        ballot_changed(session, ballot)
    elif not seal_if_ended(session, ballot, signing_key, now):
        close_early(session, ballot, signing_key, now)
    _audit(session, actor, ballot, "ballot.close", closed_at=isoformat(ballot.closed_at))
    return ballot


def extend_deadline(
    session: Session, *, actor: User, ballot: Ballot, deadline: datetime, signing_key: SigningKey
) -> Ballot:
    """A later deadline, while the ballot still takes opinions (a passed one has closed)."""
    require_secretariat(actor)
    lock_chain(session, ballot)
    now = utcnow()
    if ballot.status == CLOSED or (ballot.status == OPEN and not is_accepting(ballot, now)):
        raise _ended()
    if deadline <= max(now, ballot.deadline):
        raise invalid(
            "deadline_not_later",
            "Hạn mới phải muộn hơn hạn hiện tại và thời điểm hiện tại.",
            "The new deadline must be later than the current one and than now.",
        )
    old = ballot.deadline
    ballot.deadline = deadline
    if ballot.status == OPEN:
        issue_definition(session, ballot, signing_key, change=DEADLINE_EXTENDED)
        _tell_eligible(
            session,
            ballot,
            NoticeKind.DEADLINE_CHANGED,
            f"Gia hạn lấy ý kiến: {ballot.question[:300]} — hạn mới {deadline_text(deadline)}",
        )
    ballot_changed(session, ballot)
    _audit(
        session,
        actor,
        ballot,
        "ballot.extend",
        **{"from": isoformat(old), "to": isoformat(deadline)},
    )
    return ballot


def set_eligible(
    session: Session,
    *,
    actor: User,
    ballot: Ballot,
    user_ids: Sequence[str],
    signing_key: SigningKey,
) -> Ballot:
    """Change who is asked; on an issued ballot, a new signed definition version.

    A member taken off the list keeps the opinions already recorded, but the tally
    counts only the members the last definition asks.
    """
    require_secretariat(actor)
    lock_chain(session, ballot)
    if ballot.status == CLOSED or (ballot.status == OPEN and not is_accepting(ballot, utcnow())):
        raise _ended()
    meeting = session.get(Meeting, ballot.meeting_id)
    assert meeting is not None  # a ballot's meeting is never deleted
    members = _members_of(session, meeting, user_ids)
    if not members:
        raise invalid(
            "no_members", "Phải có ít nhất một người được lấy ý kiến.", "Ask at least one member."
        )
    before = set(
        session.scalars(select(BallotEligible.user_id).where(BallotEligible.ballot_id == ballot.id))
    )
    if before == set(members):
        return ballot
    for user_id in before - set(members):
        session.delete(session.get(BallotEligible, (ballot.id, user_id)))
    session.add_all(BallotEligible(ballot_id=ballot.id, user_id=u) for u in set(members) - before)
    session.flush()
    if ballot.status == OPEN:
        issue_definition(session, ballot, signing_key, change=ELIGIBLE_CHANGED)
    ballot_changed(session, ballot)
    _audit(session, actor, ballot, "ballot.eligible", eligible=members)
    return ballot


def list_ballots(
    session: Session, *, user: User, meeting_id: str | None = None
) -> Sequence[Ballot]:
    query = select(Ballot).where(ballot_visibility(user))
    if meeting_id:
        query = query.where(Ballot.meeting_id == meeting_id)
    return session.scalars(query.order_by(Ballot.deadline)).all()
