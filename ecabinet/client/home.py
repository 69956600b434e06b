"""The home view's facts, read from the local store: papers not read yet, open ballots
by deadline, and papers with a new version since the minister last read them.

Plain typed rows, no Qt: the desktop app shows them (ui/views/home_view.py) and tests
read them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ecabinet.store import ballot_queries
from ecabinet.timeutil import isoformat, parse_iso, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.store.models import LocalDocumentVersion

# A ballot whose deadline is this close is flagged "soon".
SOON = timedelta(hours=24)


@dataclass(frozen=True)
class PaperRow:
    document_id: str
    title: str
    number: str
    meeting_title: str
    meeting_starts_at: str  # ISO 8601, UTC
    version_no: int
    uploaded_at: str  # of the current version
    read_version_no: int | None  # the latest version read, for an updated paper


@dataclass(frozen=True)
class BallotDue:
    ballot_id: str
    question: str
    meeting_title: str
    deadline: str  # ISO 8601, UTC
    state: str  # ballot_queries.NOT_ANSWERED, WAITING, ...
    overdue: bool
    soon: bool


@dataclass(frozen=True)
class HomeSummary:
    unread: list[PaperRow] = field(default_factory=list)
    ballots: list[BallotDue] = field(default_factory=list)
    updated: list[PaperRow] = field(default_factory=list)


def home_summary(session: Session, now: datetime | None = None) -> HomeSummary:
    from sqlalchemy import select

    from ecabinet.store.models import (
        LocalDocument,
        LocalDocumentVersion,
        LocalMeeting,
        LocalReadMark,
    )

    now = now or utcnow()
    meetings = {m.id: m for m in session.scalars(select(LocalMeeting))}
    read_ids = set(session.scalars(select(LocalReadMark.document_version_id)))
    versions: dict[str, list[LocalDocumentVersion]] = {}
    for version in session.scalars(select(LocalDocumentVersion)):
        versions.setdefault(version.document_id, []).append(version)
    unread: list[PaperRow] = []
    updated: list[PaperRow] = []
    for doc in session.scalars(select(LocalDocument).order_by(LocalDocument.position)):
        current = next(
            (v for v in versions.get(doc.id, []) if v.id == doc.current_version_id), None
        )
        if current is None or current.id in read_ids:
            continue
        older_read = [v.version_no for v in versions.get(doc.id, []) if v.id in read_ids]
        meeting = meetings.get(doc.meeting_id)
        row = PaperRow(
            document_id=doc.id,
            title=doc.title,
            number=doc.number,
            meeting_title=meeting.title if meeting else "",
            meeting_starts_at=meeting.starts_at if meeting else "",
            version_no=current.version_no,
            uploaded_at=current.uploaded_at,
            read_version_no=max(older_read) if older_read else None,
        )
        (updated if older_read else unread).append(row)
    # Papers for the next meeting first (as the catalogue orders meetings), past ones after.
    now_iso = isoformat(now) or ""
    coming = sorted((r for r in unread if r.meeting_starts_at >= now_iso),
                    key=lambda r: r.meeting_starts_at)  # fmt: skip
    past = sorted((r for r in unread if r.meeting_starts_at < now_iso),
                  key=lambda r: r.meeting_starts_at, reverse=True)  # fmt: skip
    unread = coming + past
    updated.sort(key=lambda r: r.uploaded_at, reverse=True)
    ballots: list[BallotDue] = []
    for ballot in ballot_queries.ballots(session):
        if ballot.status != "open":
            continue
        try:
            deadline = parse_iso(ballot.deadline)
        except ValueError:
            deadline = now
        meeting = meetings.get(ballot.meeting_id)
        ballots.append(
            BallotDue(
                ballot_id=ballot.id,
                question=ballot.question,
                meeting_title=meeting.title if meeting else "",
                deadline=ballot.deadline,
                state=ballot.state,
                overdue=deadline <= now,
                soon=now < deadline <= now + SOON,
            )
        )
    ballots.sort(key=lambda b: b.deadline)
    return HomeSummary(unread=unread, ballots=ballots, updated=updated)
