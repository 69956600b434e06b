"""The secretariat's dashboard of a meeting: per participant, what they actually did.

Nine queries whatever the size (bench/dashboard.py: 30 participants x 50 papers), the
table is assembled in Python. Ballot choices are not shown here: only whether a member
answered, and whether on the ballot's current draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ecabinet.domain import Role
from ecabinet.server.models import (
    Ballot,
    BallotEligible,
    ChangeLogEntry,
    Document,
    DocumentRead,
    DocumentVersion,
    Meeting,
    MeetingParticipant,
    Opinion,
    PullMark,
    ReadingProgress,
    User,
)
from ecabinet.server.services.access import require_secretariat
from ecabinet.timeutil import isoformat, utcnow

# Within this of the meeting (papers) or of a ballot's deadline, what is missing is overdue.
OVERDUE_WINDOW = timedelta(hours=24)


# A no-op sync rewrites the pull mark at most this often (it is one write per sync).
PULL_MARK_REFRESH = timedelta(minutes=5)


def pull_mark_stale(session: Session, *, user_id: str, seq: int) -> bool:
    """Is the stored mark behind ``seq``, or old enough that "last sync" would mislead?"""
    mark = session.get(PullMark, user_id)
    return mark is None or mark.seq < seq or mark.pulled_at < utcnow() - PULL_MARK_REFRESH


def record_pull(session: Session, *, user_id: str, seq: int) -> None:
    """A pull reached the end of the change log at ``seq``: remember the furthest, and
    commit. Two laptops of one member finishing at once may both try to create the row:
    the one refused leaves the other's, which is as good (the pull itself succeeded)."""
    mark = session.get(PullMark, user_id)
    if mark is None:
        session.add(PullMark(user_id=user_id, seq=seq, pulled_at=utcnow()))
    elif seq >= mark.seq:
        mark.seq, mark.pulled_at = seq, utcnow()
    try:
        session.commit()
    except IntegrityError:
        session.rollback()


def record_progress(session: Session, *, user: User, document: Document, page: int) -> int:
    """The furthest page reached in ``document``; a lower page changes nothing."""
    row = session.get(ReadingProgress, (user.id, document.id))
    if row is None:
        row = ReadingProgress(user_id=user.id, document_id=document.id, max_page=page)
        session.add(row)
    elif page > row.max_page:
        row.max_page, row.updated_at = page, utcnow()
    return row.max_page


@dataclass
class _Facts:
    people: list[User]
    documents: list[Any]
    read: set[tuple[str, str]]  # (user, version) opened
    opened_docs: set[tuple[str, str]]  # (user, document) any version opened
    progress: dict[tuple[str, str], int]
    ballots: list[Ballot]
    eligible: set[tuple[str, str]]
    answers: dict[tuple[str, str], Opinion]
    pulls: dict[str, PullMark]
    meeting_seq: int


def _facts(session: Session, meeting: Meeting) -> _Facts:
    people = list(
        session.scalars(
            select(User)
            .join(MeetingParticipant, MeetingParticipant.user_id == User.id)
            .where(MeetingParticipant.meeting_id == meeting.id, User.role == Role.MEMBER.value)
            .order_by(User.full_name)
        )
    )
    ids = [p.id for p in people]
    documents = list(
        session.execute(
            select(Document.id, Document.title, Document.current_version_id, DocumentVersion.pages)
            .outerjoin(DocumentVersion, DocumentVersion.id == Document.current_version_id)
            .where(Document.meeting_id == meeting.id, Document.deleted_at.is_(None))
            .order_by(Document.position, Document.created_at)
        )
    )
    reads = session.execute(
        select(DocumentRead.user_id, DocumentRead.document_version_id, DocumentVersion.document_id)
        .join(DocumentVersion, DocumentVersion.id == DocumentRead.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.meeting_id == meeting.id, DocumentRead.user_id.in_(ids))
    ).all()
    progress = {
        (r.user_id, r.document_id): r.max_page
        for r in session.scalars(
            select(ReadingProgress)
            .join(Document, Document.id == ReadingProgress.document_id)
            .where(Document.meeting_id == meeting.id, ReadingProgress.user_id.in_(ids))
        )
    }
    ballots = list(
        session.scalars(
            select(Ballot).where(Ballot.meeting_id == meeting.id).order_by(Ballot.created_at)
        )
    )
    ballot_ids = [b.id for b in ballots]
    eligible = {
        (row.ballot_id, row.user_id)
        for row in session.execute(
            select(BallotEligible.ballot_id, BallotEligible.user_id).where(
                BallotEligible.ballot_id.in_(ballot_ids)
            )
        )
    }
    answers: dict[tuple[str, str], Opinion] = {}
    for opinion in session.scalars(
        select(Opinion)
        .where(Opinion.ballot_id.in_(ballot_ids), Opinion.status == "accepted")
        .order_by(Opinion.seq)
    ):
        answers[(opinion.ballot_id, opinion.user_id)] = opinion  # the latest counts
    pulls = {
        p.user_id: p for p in session.scalars(select(PullMark).where(PullMark.user_id.in_(ids)))
    }
    meeting_seq = session.scalar(
        select(func.max(ChangeLogEntry.seq)).where(
            ChangeLogEntry.meeting_id == meeting.id, ChangeLogEntry.audience_user_id.is_(None)
        )
    )
    return _Facts(
        people,
        documents,
        {(r.user_id, r.document_version_id) for r in reads},
        {(r.user_id, r.document_id) for r in reads},
        progress,
        ballots,
        eligible,
        answers,
        pulls,
        int(meeting_seq or 0),
    )


def dashboard(
    session: Session, *, actor: User, meeting: Meeting, now: datetime | None = None
) -> dict[str, Any]:
    require_secretariat(actor)
    now = now or utcnow()
    facts = _facts(session, meeting)
    papers_due = meeting.starts_at - OVERDUE_WINDOW <= now
    rows = [_row(facts, person, now, papers_due) for person in facts.people]
    return {
        "meeting_id": meeting.id,
        "generated_at": isoformat(now),
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "current_version_id": d.current_version_id,
                "pages": d.pages,
            }
            for d in facts.documents
        ],
        "ballots": [
            {
                "id": b.id,
                "question": b.question,
                "status": b.status,
                "deadline": isoformat(b.deadline),
                "version": b.version,
            }
            for b in facts.ballots
        ],
        "participants": rows,
    }


def _row(facts: _Facts, person: User, now: datetime, papers_due: bool) -> dict[str, Any]:
    pull = facts.pulls.get(person.id)
    papers = [
        {
            "document_id": d.id,
            "opened": (person.id, d.id) in facts.opened_docs,
            "read_current": (person.id, d.current_version_id) in facts.read,
            "max_page": facts.progress.get((person.id, d.id)),
            "pages": d.pages,
        }
        for d in facts.documents
    ]
    ballots = []
    reasons = []
    for ballot in facts.ballots:
        if (ballot.id, person.id) not in facts.eligible:
            continue
        answer = facts.answers.get((ballot.id, person.id))
        ballots.append(
            {
                "ballot_id": ballot.id,
                "answered": answer is not None,
                "on_current_draft": answer is not None and not answer.outdated,
                "answered_at": isoformat(answer.received_at) if answer else None,
            }
        )
        if answer is None and ballot.status == "open" and ballot.deadline - OVERDUE_WINDOW <= now:
            reasons.append("ballot")
    unread = sum(1 for p in papers if not p["read_current"])
    if papers_due and unread:
        reasons.append("papers")
    return {
        "user_id": person.id,
        "full_name": person.full_name,
        "title": person.title,
        "pack_synced": pull is not None and pull.seq >= facts.meeting_seq,
        "last_sync_at": isoformat(pull.pulled_at) if pull else None,
        "papers": papers,
        "papers_read": len(papers) - unread,
        "ballots": ballots,
        "overdue": bool(reasons),
        "overdue_reasons": sorted(set(reasons)),
    }
