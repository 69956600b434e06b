"""A member's consent-agenda marks, made offline and sent by the next sync (outbox).

No Qt here: the app calls ``queue_mark`` through the store's one writer.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from ecabinet.domain import MutationType
from ecabinet.errors import InputError
from ecabinet.store import meta
from ecabinet.store.models import OutboxEntry
from ecabinet.timeutil import isoformat, utcnow

MARKS = ("no_objection", "wish_to_speak", "object", "pull_out")


def queue_mark(session: Session, agenda_item_id: str, mark: str, reason: str = "") -> None:
    """Queue a mark on an agenda item; the server keeps each member's latest per item."""
    if mark not in MARKS:
        raise InputError(
            "Ý kiến không hợp lệ.", code="bad_consent_mark", message_en=f"Unknown mark {mark!r}."
        )
    if mark == "object" and not reason.strip():
        raise InputError(
            "Khi phản đối một nội dung, hãy nêu lý do.",
            code="reason_required",
            message_en="An objection needs a reason.",
        )
    now = isoformat(utcnow()) or ""
    payload = {
        "agenda_item_id": agenda_item_id,
        "mark": mark,
        "reason": reason.strip(),
        "marked_at": now,
    }
    session.add(
        OutboxEntry(
            mutation_id=meta.next_mutation_id(session),
            type=MutationType.MARK_CONSENT.value,
            payload_json=json.dumps(payload, ensure_ascii=False),
            created_at=now,
        )
    )
