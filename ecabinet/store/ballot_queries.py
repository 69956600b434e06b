"""Ballots as the minister's laptop sees them: the question, the papers, my answer's state."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ecabinet.store.sql_rows import Fetch, session_fetch

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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


class OpinionCols(NamedTuple):
    """An ``opinions`` row, the columns a ballot's answer shows (SELECTed in this order)."""

    id: str
    ballot_id: str
    choice: str
    comment: str
    signed_at: str
    state: str
    reason: str | None
    reason_message: str | None
    outdated: bool
    superseded_by: str | None
    received_at: str | None
    receipt_verified: bool
    envelope: str
    seq: int | None
    mutation_id: int | None


_OPINION_SQL = (
    "SELECT id, ballot_id, choice, comment, signed_at, state, reason, reason_message, outdated,"
    " superseded_by, received_at, receipt_verified, envelope, seq, mutation_id FROM opinions"
)


class Answer(Protocol):
    """What ``answer_order`` reads: an ``OpinionCols`` or a ``LocalOpinion``."""

    @property
    def state(self) -> str: ...
    @property
    def seq(self) -> int | None: ...
    @property
    def mutation_id(self) -> int | None: ...
    @property
    def signed_at(self) -> str: ...


def _opinion_row(o: OpinionCols) -> OpinionRow:
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
        outdated=bool(o.outdated),
        superseded=o.superseded_by is not None,
        received_at=o.received_at,
        receipt_verified=bool(o.receipt_verified),
        bound_versions=bound,
    )


def answer_order(o: Answer) -> tuple[int, int, str]:
    """Sort key, oldest to newest, of a member's answers to one ballot on this laptop.

    Waiting answers are newer than anything the server has decided on.
    """
    return (1 if o.state == "waiting" else 0, o.seq or o.mutation_id or 0, o.signed_at)


def ballots(session: Session, meeting_id: str | None = None) -> list[BallotRow]:
    return ballot_rows(session_fetch(session), meeting_id)


def ballot_rows(fetch: Fetch, meeting_id: str | None = None) -> list[BallotRow]:
    """Every ballot (of one meeting, if given), deadline first, with its papers and this
    laptop's answers. Plain SQL: the app's first paint reads it (store/first_read.py)."""
    found = fetch(
        "SELECT id, meeting_id, agenda_item_id, document_id, question, options_json,"
        " comment_required_json, deadline, status, documents_json FROM ballots"
        " WHERE ? IS NULL OR meeting_id = ? ORDER BY deadline",
        (meeting_id or None, meeting_id or None),
    )
    if not found:
        return []
    wanted = {d for row in found for d in json.loads(row[9])}
    papers = {
        doc_id: (title, current, position)
        for doc_id, title, current, position in fetch(
            "SELECT id, title, current_version_id, position FROM documents", ()
        )
        if doc_id in wanted
    }
    answers: dict[str, list[OpinionCols]] = {}
    for cols in fetch(_OPINION_SQL, ()):
        opinion = OpinionCols(*cols)
        answers.setdefault(opinion.ballot_id, []).append(opinion)
    rows = []
    for (
        ballot_id,
        meeting,
        item_id,
        doc_id,
        question,
        options,
        required,
        deadline,
        status,
        docs,
    ) in found:
        # In the agenda's order: the submission before the draft before the appraisal.
        ordered = sorted(
            json.loads(docs), key=lambda d: (papers[d][2] if d in papers else 1 << 30, d)
        )
        history = [
            _opinion_row(o)
            for o in sorted(answers.get(ballot_id, []), key=answer_order, reverse=True)
        ]
        rows.append(
            BallotRow(
                id=ballot_id,
                meeting_id=meeting,
                agenda_item_id=item_id,
                document_id=doc_id,
                question=question,
                options=json.loads(options),
                comment_required=json.loads(required),
                deadline=deadline,
                status=status,
                documents=[
                    BallotDocumentRow(d, *papers[d][:2])
                    if d in papers
                    else BallotDocumentRow(d, "", None)
                    for d in ordered
                ],
                current=history[0] if history else None,
                history=history,
            )
        )
    return rows


def version_sha(session: Session, version_id: str) -> str | None:
    from ecabinet.store.models import LocalDocumentVersion

    version = session.get(LocalDocumentVersion, version_id)
    return version.sha256 if version else None
