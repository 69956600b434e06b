"""The member's notifications: pulled by sync, listed for the app (no Qt here).

The table is created by local-store migration 0008 and described here for SQLAlchemy
Core (like reading positions). Notices are the server's and never change; whether one
was seen is this device's. "Deadline near" is not sent by the server: it is worked out
here from the synced ballots, so it is right even offline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, MetaData, String, Table, Text, func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from ecabinet.protocol_secretariat import NotificationData
from ecabinet.store.models import LocalBallot, LocalOpinion
from ecabinet.timeutil import isoformat, utcnow

notifications = Table(
    "notifications",
    MetaData(),
    Column("id", String(64), primary_key=True),
    Column("kind", String(60), nullable=False),
    Column("meeting_id", String(64), nullable=True),
    Column("subject_id", String(64), nullable=True),
    Column("text", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("seen_at", String(40), nullable=True),
)

DEADLINE_NEAR = "deadline_near"
NEAR = timedelta(hours=24)


@dataclass(frozen=True)
class Notice:
    id: str
    kind: str  # meeting_published, paper_new, paper_updated, ballot_new, deadline_changed,
    # reminder, deadline_near (worked out here)
    meeting_id: str | None
    subject_id: str | None
    text: str
    created_at: str
    seen: bool


def store_notifications(session: Session, rows: Iterable[NotificationData]) -> None:
    """Keep pulled notices; one already here stays as it is (with its seen mark)."""
    for notice in rows:
        stmt = insert(notifications).values(
            id=notice.id,
            kind=notice.kind,
            meeting_id=notice.meeting_id,
            subject_id=notice.subject_id,
            text=notice.text,
            created_at=notice.created_at,
        )
        session.execute(stmt.on_conflict_do_nothing(index_elements=["id"]))


def listing(session: Session, *, now: datetime | None = None, limit: int = 200) -> list[Notice]:
    """Newest first: stored notices, and a "deadline near" for each open ballot due
    within a day that this member has not answered."""
    rows = session.execute(
        select(notifications).order_by(notifications.c.created_at.desc()).limit(limit)
    )
    out = [
        Notice(r.id, r.kind, r.meeting_id, r.subject_id, r.text, r.created_at, bool(r.seen_at))
        for r in rows
    ]
    return sorted(_deadlines_near(session, now or utcnow()) + out, key=_newest, reverse=True)


def unseen_count(session: Session) -> int:
    query = select(func.count()).select_from(notifications)
    return int(session.scalar(query.where(notifications.c.seen_at.is_(None))) or 0)


def mark_seen(session: Session, ids: Iterable[str]) -> None:
    session.execute(
        update(notifications)
        .where(notifications.c.id.in_(list(ids)), notifications.c.seen_at.is_(None))
        .values(seen_at=isoformat(utcnow()))
    )


def _newest(notice: Notice) -> str:
    return notice.created_at


def _deadlines_near(session: Session, now: datetime) -> list[Notice]:
    answered = set(session.scalars(select(LocalOpinion.ballot_id)))
    out = []
    for ballot in session.scalars(select(LocalBallot).where(LocalBallot.status == "open")):
        deadline = datetime.fromisoformat(ballot.deadline)
        if ballot.id in answered or not now < deadline <= now + NEAR:
            continue
        hours = max(1, int((deadline - now).total_seconds() // 3600))
        out.append(
            Notice(
                id=f"near-{ballot.id}",
                kind=DEADLINE_NEAR,
                meeting_id=ballot.meeting_id,
                subject_id=ballot.id,
                text=f"Sắp hết hạn gửi ý kiến (còn khoảng {hours} giờ): {ballot.question[:300]}",
                created_at=str(isoformat(now)),
                seen=False,
            )
        )
    return out
