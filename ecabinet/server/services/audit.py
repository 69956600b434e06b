"""The audit trail: each event's hash covers the previous one, and the server signs it.

The signature (Ed25519, the server's current receipt key) covers the head the event
makes, so rewriting an event and recomputing the hashes after it no longer verifies
without the key file. ``verify_chain`` checks both and names the first bad event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.canonical import canonical_text
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64, unb64
from ecabinet.server.models import AuditEvent
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.timeutil import isoformat, utcnow

GENESIS = "0" * 64
HEAD_TYPE = "ecabinet.audit-head.v1"
# Session.info key holding the SigningKey that signs heads (set by the app's factories).
SIGNER = "ecabinet_audit_signer"


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


def head_statement(head_hash: str) -> bytes:
    return canonical_text({"type": HEAD_TYPE, "hash": head_hash}).encode()


def _signer(session: Session) -> SigningKey:
    key = session.info.get(SIGNER)
    if not isinstance(key, SigningKey):
        raise RuntimeError("audit events need the server's signing key (use AppContext sessions)")
    return key


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
    key = _signer(session)
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
    event.head_signature = b64(key.sign(head_statement(event.hash)))
    event.head_key_id = key.key_id
    session.add(event)
    session.flush()
    return event


def sign_head_if_unsigned(session: Session) -> None:
    """A trail from before signed heads: sign its head now, by adding a signed event."""
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    if last is not None and last.head_signature is None:
        record(
            session,
            action="audit.signing_started",
            actor_user_id=None,
            org_id=None,
            details={"unsigned_through_seq": last.seq},
        )


@dataclass(frozen=True)
class AuditCheck:
    events: int
    first_bad_seq: int | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def _signature_ok(event: AuditEvent, key_for: Callable[[str], VerifyingKey | None]) -> bool:
    key = key_for(event.head_key_id or "")
    if key is None or event.head_signature is None:
        return False
    try:
        signature = unb64(event.head_signature)
    except ValueError:
        return False
    return key.verify(signature, head_statement(event.hash))


def verify_chain(session: Session, key_for: Callable[[str], VerifyingKey | None]) -> AuditCheck:
    """Check every hash link and every head signature against the server's keys.

    Events written before heads were signed may be unsigned; once one is signed, every
    later one must be, and so must the last (the first start after the upgrade signs).
    """
    prev_hash = GENESIS
    count = 0
    signed_seen = False
    last: AuditEvent | None = None
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        count += 1
        last = event
        if event.prev_hash != prev_hash:
            return AuditCheck(count, event.seq, "does not follow the event before it")
        if _event_hash(prev_hash, event) != event.hash:
            return AuditCheck(count, event.seq, "its content does not match its hash")
        if event.head_signature is not None or signed_seen:
            if not _signature_ok(event, key_for):
                return AuditCheck(count, event.seq, "its signature does not verify")
            signed_seen = True
        prev_hash = event.hash
    if last is not None and not signed_seen:
        return AuditCheck(count, last.seq, "the trail's head is not signed")
    return AuditCheck(events=count, first_bad_seq=None)
