"""A ballot's hash chain on the server: signed definitions, the closing record.

Receipts (``opinions.py``), definitions and the closing record share one sequence per
ballot (``Ballot.chain_seq`` / ``chain_hash``). Whoever appends takes the ordered-log
lock first and reads the head as committed (``lock_chain``), so two writers never give
out the same ``seq``.

When the closing record is made (docs/ballots.md, "Closing"): at an early close; and,
for a ballot whose deadline passed, by the first thing that touches its chain after
the deadline (a late opinion's refusal, a bundle export, a close). Nothing else can be
appended after the deadline, so that record is always the same bytes: ``closed_at`` is
the deadline and ``prev`` the head the chain had at the deadline.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.ballot_records import (
    BY_DEADLINE,
    BY_EARLY_CLOSE,
    CLOSED_EARLY,
    MIGRATED,
    closing,
    definition,
    substance_hash,
)
from ecabinet.crypto.envelopes import sign
from ecabinet.crypto.keys import SigningKey
from ecabinet.domain import EntityType
from ecabinet.server.models import (
    Ballot,
    BallotDocument,
    BallotEligible,
    BallotRecord,
    Document,
    DocumentVersion,
    User,
)
from ecabinet.server.services.ballot_access import CLOSED, OPEN
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.timeutil import isoformat, utcnow

DEFINITION, CLOSING = "definition", "closing"


def ballot_changed(session: Session, ballot: Ballot) -> None:
    """Tell the laptops that see this ballot that it changed."""
    record_change(
        session,
        org_id=ballot.org_id,
        entity_type=EntityType.BALLOT,
        entity_id=ballot.id,
        meeting_id=ballot.meeting_id,
    )


def lock_chain(session: Session, ballot: Ballot) -> None:
    """Become the only writer of chains, then read this ballot's head as committed.

    Call before changing the ballot in this transaction: the refresh drops changes
    not yet flushed.
    """
    lock_ordered_logs(session)
    session.refresh(ballot)


def _append(
    session: Session,
    ballot: Ballot,
    key: SigningKey,
    kind: str,
    build: Callable[[int, str], dict[str, Any]],
    **columns: Any,
) -> BallotRecord:
    seq = ballot.chain_seq + 1
    signed = sign(build(seq, ballot.chain_hash), key)
    record = BallotRecord(
        id=signed.id,
        ballot_id=ballot.id,
        seq=seq,
        kind=kind,
        text=signed.text,
        signature=signed.signature,
        **columns,
    )
    session.add(record)
    ballot.chain_seq, ballot.chain_hash = seq, signed.id
    return record


def _documents(session: Session, ballot: Ballot) -> list[dict[str, str]]:
    """Every paper attached to the ballot, with its version current right now."""
    rows = session.execute(
        select(Document.id, DocumentVersion.id, DocumentVersion.sha256)
        .join(BallotDocument, BallotDocument.document_id == Document.id)
        .outerjoin(DocumentVersion, DocumentVersion.id == Document.current_version_id)
        .where(BallotDocument.ballot_id == ballot.id)
    )
    return [{"document_id": d, "version_id": v or "", "sha256": s or ""} for d, v, s in rows]


def _eligible(session: Session, ballot: Ballot) -> list[dict[str, str]]:
    rows = session.execute(
        select(User.id, User.full_name, User.title)
        .join(BallotEligible, BallotEligible.user_id == User.id)
        .where(BallotEligible.ballot_id == ballot.id)
    )
    return [{"user_id": u, "full_name": name, "title": title or ""} for u, name, title in rows]


def current_definition(session: Session, ballot: Ballot) -> BallotRecord | None:
    return session.get(BallotRecord, ballot.definition_id) if ballot.definition_id else None


def issue_definition(
    session: Session, ballot: Ballot, key: SigningKey, *, change: str
) -> BallotRecord:
    """Sign the ballot as it stands now as its next definition version."""
    previous = current_definition(session, ballot)
    version = (previous.version or 0) + 1 if previous else 1
    built: dict[str, Any] = {}

    def build(seq: int, prev: str) -> dict[str, Any]:
        built.update(
            definition(
                ballot_id=ballot.id,
                org_id=ballot.org_id,
                meeting_id=ballot.meeting_id,
                agenda_item_id=ballot.agenda_item_id,
                version=version,
                change=change,
                question=ballot.question,
                options=json.loads(ballot.options_json),
                comment_required=json.loads(ballot.comment_required_json),
                documents=_documents(session, ballot),
                deadline=isoformat(ballot.deadline) or "",
                # Set only by an early close, just before its definition is issued.
                closed_at=isoformat(ballot.closed_at),
                eligible=_eligible(session, ballot),
                membership_total=ballot.membership_total,
                chair_user_id=ballot.chair_user_id,
                issued_at=isoformat(utcnow()) or "",
                seq=seq,
                prev=prev,
                server_key_id=key.key_id,
            )
        )
        return built

    record = _append(session, ballot, key, DEFINITION, build, version=version)
    record.substance = substance_hash(built)
    ballot.definition_id = record.id
    return record


def seal(
    session: Session, ballot: Ballot, key: SigningKey, *, closed_at: datetime, cause: str
) -> BallotRecord:
    """Append the closing record; the ballot takes no opinion after ``closed_at``."""
    ballot.status = CLOSED
    ballot.closed_at = closed_at
    stamp = isoformat(closed_at) or ""
    record = _append(
        session,
        ballot,
        key,
        CLOSING,
        lambda seq, prev: closing(
            ballot_id=ballot.id,
            seq=seq,
            prev=prev,
            closed_at=stamp,
            cause=cause,
            server_key_id=key.key_id,
        ),
    )
    ballot_changed(session, ballot)
    return record


def seal_if_ended(session: Session, ballot: Ballot, key: SigningKey, now: datetime) -> bool:
    """Seal a ballot whose deadline has passed (the caller holds the chain lock)."""
    if ballot.status != OPEN or now <= ballot.deadline:
        return False
    seal(session, ballot, key, closed_at=ballot.deadline, cause=BY_DEADLINE)
    return True


def close_early(session: Session, ballot: Ballot, key: SigningKey, now: datetime) -> None:
    """The secretariat closes before the deadline: a definition saying so, then the seal."""
    ballot.closed_at = now
    issue_definition(session, ballot, key, change=CLOSED_EARLY)
    seal(session, ballot, key, closed_at=now, cause=BY_EARLY_CLOSE)


def records(session: Session, ballot: Ballot) -> list[BallotRecord]:
    return list(
        session.scalars(
            select(BallotRecord)
            .where(BallotRecord.ballot_id == ballot.id)
            .order_by(BallotRecord.seq)
        )
    )


def sign_unsigned_ballots(session: Session, key: SigningKey) -> int:
    """Give ballots issued before definitions were signed a signed definition (at start).

    It is appended at the head of their chain, after the receipts they already have:
    new opinions can bind it, but a recount of such a ballot reports that its first
    records precede any signed definition (they cannot be proven).
    """
    unsigned = list(
        session.scalars(
            # Issued (opened) ones only: a draft closed unissued has nothing to sign.
            select(Ballot).where(Ballot.definition_id.is_(None), Ballot.opened_at.is_not(None))
        )
    )
    if not unsigned:
        return 0
    lock_ordered_logs(session)
    now = utcnow()
    for ballot in unsigned:
        session.refresh(ballot)
        closed_at = ballot.closed_at
        issue_definition(session, ballot, key, change=MIGRATED)
        if ballot.status == CLOSED:
            end = min(closed_at or ballot.deadline, ballot.deadline)
            cause = BY_EARLY_CLOSE if end < ballot.deadline else BY_DEADLINE
            seal(session, ballot, key, closed_at=end, cause=cause)
        else:
            seal_if_ended(session, ballot, key, now)
    return len(unsigned)
