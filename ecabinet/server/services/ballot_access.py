"""Which ballots a user may see, and their JSON shape (shared by REST and sync)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from ecabinet.domain import Role
from ecabinet.server.errors import not_found
from ecabinet.server.models import (
    Ballot,
    BallotDocument,
    BallotEligible,
    BallotRecord,
    Meeting,
    User,
)
from ecabinet.server.services.access import meeting_visibility
from ecabinet.timeutil import isoformat

OPTIONS = ["agree", "disagree", "other"]
DRAFT, OPEN, CLOSED = "draft", "open", "closed"


def is_accepting(ballot: Ballot, now: datetime) -> bool:
    """Open by the server's clock: the only clock that decides."""
    return ballot.status == OPEN and now <= ballot.deadline


def ballot_visibility(user: User) -> ColumnElement[bool]:
    """Members see the ballots they may answer once issued; the secretariat all of them."""
    visible = Ballot.meeting_id.in_(select(Meeting.id).where(meeting_visibility(user)))
    if user.role_enum is Role.SECRETARIAT:
        return visible
    eligible = select(BallotEligible.ballot_id).where(BallotEligible.user_id == user.id)
    return and_(visible, Ballot.status != DRAFT, Ballot.id.in_(eligible))


def require_ballot(session: Session, user: User, ballot_id: str) -> Ballot:
    ballot = session.scalars(
        select(Ballot).where(Ballot.id == ballot_id, ballot_visibility(user))
    ).first()
    if ballot is None:
        raise not_found("Không tìm thấy phiếu lấy ý kiến.", "Ballot not found.")
    return ballot


def ballot_documents(session: Session, ballot: Ballot) -> list[str]:
    return sorted(
        session.scalars(
            select(BallotDocument.document_id).where(BallotDocument.ballot_id == ballot.id)
        )
    )


def eligible_ids(session: Session, ballot: Ballot) -> list[str]:
    return sorted(
        session.scalars(select(BallotEligible.user_id).where(BallotEligible.ballot_id == ballot.id))
    )


def signed_definition(session: Session, ballot: Ballot) -> dict[str, Any] | None:
    """The current signed definition as the wire carries it; None for a draft."""
    record = session.get(BallotRecord, ballot.definition_id) if ballot.definition_id else None
    if record is None:
        return None
    return {"id": record.id, "version": record.version, "text": record.text,
            "signature": record.signature}  # fmt: skip


def ballot_payload(session: Session, ballot: Ballot) -> dict[str, Any]:
    """The ballot as the REST API and the sync protocol carry it.

    The plain fields are for display and queries; ``definition`` is what the server
    signed (docs/ballots.md): a laptop answers only a definition whose signature
    verifies with the key it pinned, and binds its hash.
    """
    return {
        "id": ballot.id,
        "meeting_id": ballot.meeting_id,
        "agenda_item_id": ballot.agenda_item_id,
        "document_id": ballot.document_id,
        "version": ballot.version,
        "question": ballot.question,
        "options": json.loads(ballot.options_json),
        "comment_required": json.loads(ballot.comment_required_json),
        "deadline": isoformat(ballot.deadline),
        "status": ballot.status,
        "documents": ballot_documents(session, ballot),
        "eligible": eligible_ids(session, ballot),
        "membership_total": ballot.membership_total,
        "chair_user_id": ballot.chair_user_id,
        "opened_at": isoformat(ballot.opened_at),
        "closed_at": isoformat(ballot.closed_at),
        "definition": signed_definition(session, ballot),
    }
