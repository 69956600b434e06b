"""This member's consent-agenda marks on this device (docs/secretariat.md, "Consent agenda").

Two sources, no Qt: the marks the server keeps, pulled (``consent_mark``, so a mark made
on another laptop shows here too; table made by local migration 0009), and the marks made
here, read from the outbox until the server has answered them. The newest ``marked_at``
per item wins, as on the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from ecabinet.domain import MutationType
from ecabinet.protocol_secretariat import ConsentMarkData
from ecabinet.store.models import LocalAgendaItem, OutboxEntry

consent_marks = Table(
    "consent_marks",
    MetaData(),
    Column("agenda_item_id", String(64), primary_key=True),
    Column("meeting_id", String(64), nullable=False),
    Column("mark", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("marked_at", String(40), nullable=False),
    Column("generation", Integer, nullable=False),
)

QUEUED = "queued"  # in the outbox, not yet answered by the server
DELIVERED = "delivered"  # the server has it (pushed from here, or pulled)
REFUSED = "refused"  # the server refused it (the meeting closed, say): not in force


@dataclass(frozen=True)
class MyMark:
    agenda_item_id: str
    mark: str  # no_objection, wish_to_speak, object, pull_out
    reason: str
    marked_at: str
    state: str  # QUEUED, DELIVERED or REFUSED
    refusal: str = ""  # the server's Vietnamese message when REFUSED


def store_marks(session: Session, rows: Iterable[ConsentMarkData], generation: int) -> None:
    """Keep pulled marks: the server's copy replaces the one here."""
    for row in rows:
        values = {
            "agenda_item_id": row.agenda_item_id,
            "meeting_id": row.meeting_id,
            "mark": row.mark,
            "reason": row.reason,
            "marked_at": row.marked_at,
            "generation": generation,
        }
        stmt = insert(consent_marks).values(**values)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["agenda_item_id"],
                set_={k: v for k, v in values.items() if k != "agenda_item_id"},
            )
        )


def forget_item(session: Session, agenda_item_id: str) -> None:
    session.execute(delete(consent_marks).where(consent_marks.c.agenda_item_id == agenda_item_id))


def forget_meeting(session: Session, meeting_id: str) -> None:
    session.execute(delete(consent_marks).where(consent_marks.c.meeting_id == meeting_id))


def sweep(session: Session, generation: int) -> None:
    """After a resync from zero: drop marks the server did not send again."""
    session.execute(delete(consent_marks).where(consent_marks.c.generation < generation))


def my_marks(session: Session, meeting_id: str) -> dict[str, MyMark]:
    """The mark in force (or waiting) per agenda item of ``meeting_id``."""
    item_ids = set(
        session.scalars(select(LocalAgendaItem.id).where(LocalAgendaItem.meeting_id == meeting_id))
    )
    found: dict[str, MyMark] = {}
    for row in session.execute(
        select(consent_marks).where(consent_marks.c.meeting_id == meeting_id)
    ):
        found[row.agenda_item_id] = MyMark(
            row.agenda_item_id, row.mark, row.reason, row.marked_at, DELIVERED
        )
    entries = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.type == MutationType.MARK_CONSENT.value)
        .order_by(OutboxEntry.mutation_id)
    )
    for entry in entries:
        payload = json.loads(entry.payload_json)
        item_id = str(payload.get("agenda_item_id", ""))
        if item_id not in item_ids:
            continue
        state = {"pending": QUEUED, "applied": DELIVERED}.get(entry.state, REFUSED)
        here = MyMark(
            item_id,
            str(payload["mark"]),
            str(payload.get("reason", "")),
            str(payload["marked_at"]),
            state,
            entry.result_message or "" if state == REFUSED else "",
        )
        known = found.get(item_id)
        # Later in the outbox wins over earlier; the server's copy wins only if newer.
        if known is None or known.state != DELIVERED or here.marked_at >= known.marked_at:
            if state == REFUSED and known is not None and known.state == DELIVERED:
                continue  # a refused mark changes nothing the server keeps
            found[item_id] = here
    return found
