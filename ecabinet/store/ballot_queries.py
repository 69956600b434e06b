"""Ballots as the minister's laptop sees them: the question, the papers, my answer's state."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.store.models import LocalBallot, LocalDocument, LocalDocumentVersion, LocalOpinion

# What the minister sees for a ballot (docs/ballots.md, "In the app").
NOT_ANSWERED, WAITING, DELIVERED, REJECTED, OUTDATED = (
    "not_answered", "waiting", "delivered", "rejected", "outdated",
)  # fmt: skip


@dataclass
class OpinionRow:
    id: str
    choice: str
    comment: str
    signed_at: str
    state: str  # waiting | accepted | rejected
    reason: str | None
    reason_message: str | None
    outdated: bool
    superseded: bool
    received_at: str | None
    receipt_verified: bool
    bound_versions: dict[str, str]  # document id -> version id the answer was signed on


@dataclass
class BallotDocumentRow:
    document_id: str
    title: str
    current_version_id: str | None


@dataclass
class BallotRow:
    id: str
    meeting_id: str
    agenda_item_id: str | None
    document_id: str | None
    question: str
    options: list[str]
    comment_required: list[str]
    deadline: str
    status: str
    documents: list[BallotDocumentRow] = field(default_factory=list)
    current: OpinionRow | None = None  # the answer that stands (or waits to be sent)
    history: list[OpinionRow] = field(default_factory=list)  # newest first

    @property
    def state(self) -> str:
        if self.current is None:
            return NOT_ANSWERED
        if self.current.state == "waiting":
            return WAITING
        if self.current.state == "rejected":
            return REJECTED
        return OUTDATED if self.current.outdated else DELIVERED

    def newer_papers(self) -> list[BallotDocumentRow]:
        """Papers that changed since the standing answer was signed: worth a second look."""
        if self.current is None:
            return []
        bound = self.current.bound_versions
        return [d for d in self.documents if bound.get(d.document_id) != d.current_version_id]


def _opinion_row(o: LocalOpinion) -> OpinionRow:
    try:
        bound = {d["document_id"]: d["version_id"] for d in json.loads(o.envelope)["documents"]}
    except (ValueError, KeyError, TypeError):
        bound = {}
    return OpinionRow(
        id=o.id,
        choice=o.choice,
        comment=o.comment,
        signed_at=o.signed_at,
        state=o.state,
        reason=o.reason,
        reason_message=o.reason_message,
        outdated=o.outdated,
        superseded=o.superseded_by is not None,
        received_at=o.received_at,
        receipt_verified=o.receipt_verified,
        bound_versions=bound,
    )


def answer_order(o: LocalOpinion) -> tuple[int, int, str]:
    """Sort key, oldest to newest, of a member's answers to one ballot on this laptop.

    Waiting answers are newer than anything the server has decided on.
    """
    return (1 if o.state == "waiting" else 0, o.seq or o.mutation_id or 0, o.signed_at)


def ballots(session: Session, meeting_id: str | None = None) -> list[BallotRow]:
    query = select(LocalBallot).order_by(LocalBallot.deadline)
    if meeting_id:
        query = query.where(LocalBallot.meeting_id == meeting_id)
    rows = []
    for ballot in session.scalars(query):
        papers = [(d, session.get(LocalDocument, d)) for d in json.loads(ballot.documents_json)]
        # In the agenda's order: the submission before the draft before the appraisal.
        papers.sort(key=lambda p: (p[1].position if p[1] else 1 << 30, p[0]))
        docs = [
            BallotDocumentRow(d, doc.title if doc else "", doc.current_version_id if doc else None)
            for d, doc in papers
        ]
        opinions = sorted(
            session.scalars(select(LocalOpinion).where(LocalOpinion.ballot_id == ballot.id)),
            key=answer_order,
            reverse=True,
        )
        history = [_opinion_row(o) for o in opinions]
        rows.append(
            BallotRow(
                id=ballot.id,
                meeting_id=ballot.meeting_id,
                agenda_item_id=ballot.agenda_item_id,
                document_id=ballot.document_id,
                question=ballot.question,
                options=json.loads(ballot.options_json),
                comment_required=json.loads(ballot.comment_required_json),
                deadline=ballot.deadline,
                status=ballot.status,
                documents=docs,
                current=history[0] if history else None,
                history=history,
            )
        )
    return rows


def version_sha(session: Session, version_id: str) -> str | None:
    version = session.get(LocalDocumentVersion, version_id)
    return version.sha256 if version else None
