"""A member's consent-agenda marks, made offline and sent by the next sync (outbox).

No Qt here: the app calls ``queue_mark`` through the store's one writer; the
secretariat reads the lists with ``consent_list``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ecabinet.domain import MutationType
from ecabinet.errors import InputError
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.client.api import ApiClient

MARKS = ("no_objection", "wish_to_speak", "object", "pull_out")


def queue_mark(session: Session, agenda_item_id: str, mark: str, reason: str = "") -> None:
    """Queue a mark on an agenda item; the server keeps each member's latest per item."""
    from ecabinet.store.models import OutboxEntry

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


@dataclass(frozen=True)
class Raised:
    """A member who objected, asked to speak or pulled the item out, and why."""

    user_id: str
    full_name: str
    mark: str
    reason: str
    marked_at: str


@dataclass(frozen=True)
class ListedItem:
    agenda_item_id: str
    position: int
    title: str
    raised: tuple[Raised, ...]
    no_objection: tuple[str, ...]  # user ids
    not_marked: tuple[str, ...]  # user ids


@dataclass(frozen=True)
class ConsentList:
    consent: tuple[ListedItem, ...]  # for adoption without debate
    discussion: tuple[ListedItem, ...]  # someone objected, asked to speak or pulled it out


def consent_list(api: ApiClient, meeting_id: str) -> ConsentList:
    """The secretariat's view (``GET /meetings/{id}/consent``), read off the GUI thread."""
    body = api.get_json(f"/api/v1/meetings/{meeting_id}/consent")
    return ConsentList(
        tuple(_listed(e) for e in body.get("consent", [])),
        tuple(_listed(e) for e in body.get("discussion", [])),
    )


def _listed(entry: dict[str, Any]) -> ListedItem:
    return ListedItem(
        agenda_item_id=str(entry["agenda_item_id"]),
        position=int(entry.get("position") or 0),
        title=str(entry.get("title") or ""),
        raised=tuple(
            Raised(
                str(r.get("user_id") or ""),
                str(r.get("full_name") or ""),
                str(r.get("mark") or ""),
                str(r.get("reason") or ""),
                str(r.get("marked_at") or ""),
            )
            for r in entry.get("raised", [])
        ),
        no_objection=tuple(str(u) for u in entry.get("no_objection", [])),
        not_marked=tuple(str(u) for u in entry.get("not_marked", [])),
    )
