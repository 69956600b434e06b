"""The audit trail: each event's hash covers the previous one, so an edit shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.server.models import AuditEvent
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.timeutil import isoformat, utcnow

GENESIS = "0" * 64


def _event_hash(prev_hash: str, event: AuditEvent) -> str:
    material = json.dumps(
        [
            prev_hash,
            isoformat(event.at),
            event.org_id,
            event.actor_user_id,
            event.action,
            event.object_type,
            event.object_id,
            event.details_json,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode()).hexdigest()


def record(
    session: Session,
    *,
    action: str,
    actor_user_id: str | None,
    org_id: str | None,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    lock_ordered_logs(session)
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    prev_hash = last.hash if last else GENESIS
    event = AuditEvent(
        at=utcnow().replace(microsecond=0),
        org_id=org_id,
        actor_user_id=actor_user_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details_json=json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
        prev_hash=prev_hash,
    )
    event.hash = _event_hash(prev_hash, event)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class AuditCheck:
    events: int
    first_bad_seq: int | None

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def verify_chain(session: Session) -> AuditCheck:
    prev_hash = GENESIS
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        count += 1
        if event.prev_hash != prev_hash or _event_hash(prev_hash, event) != event.hash:
            return AuditCheck(events=count, first_bad_seq=event.seq)
        prev_hash = event.hash
    return AuditCheck(events=count, first_bad_seq=None)
