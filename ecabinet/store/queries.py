"""Read-only views of the local store for the interface and the command line."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecabinet.store import meta
from ecabinet.store.sql_rows import Fetch, session_fetch
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class GuestRow:
    """An invited guest: no account, never syncs, never votes, not in the quorum."""

    name: str
    position: str


def guest_rows(guests_json: str) -> list[GuestRow]:
    return [
        GuestRow(str(g.get("name", "")), str(g.get("position", "")))
        for g in json.loads(guests_json or "[]")
    ]


@dataclass
class DocumentRow:
    id: str
    meeting_id: str
    agenda_item_id: str | None
    title: str
    number: str
    version_id: str | None
    version_no: int
    sha256: str | None
    size: int
    pages: int
    filename: str
    file_verified: bool
    read: bool


@dataclass
class AgendaRow:
    id: str
    position: int
    title: str
    presenter: str
    documents: list[DocumentRow] = field(default_factory=list)


@dataclass
class MeetingRow:
    id: str
    title: str
    kind: str
    starts_at: str
    location: str
    status: str
    participant_ids: list[str]
    agenda: list[AgendaRow] = field(default_factory=list)
    loose_documents: list[DocumentRow] = field(default_factory=list)  # not on an agenda item
    guests: list[GuestRow] = field(default_factory=list)  # invited, no account

    @property
    def documents(self) -> list[DocumentRow]:
        return [d for item in self.agenda for d in item.documents] + self.loose_documents


def catalogue(session: Session, now_iso: str | None = None) -> list[MeetingRow]:
    """Every meeting with its agenda and current papers (``catalogue_rows``)."""
    return catalogue_rows(session_fetch(session), now_iso)


def catalogue_rows(fetch: Fetch, now_iso: str | None = None) -> list[MeetingRow]:
    """Every meeting with its agenda and current papers (5 queries).

    Coming meetings first, soonest on top; then past ones, latest on top: a minister
    opens the app to prepare for what is next. Plain SQL, not ORM objects: the app's first
    paint runs this before SQLAlchemy is imported (store/first_read.py, bench/cold_start.py).
    """
    meetings = {
        mid: MeetingRow(
            mid,
            title,
            kind,
            starts_at,
            location,
            status,
            json.loads(participants),
            guests=guest_rows(guests),
        )
        for mid, title, kind, starts_at, location, status, participants, guests in fetch(
            "SELECT id, title, kind, starts_at, location, status, participants_json, guests_json"
            " FROM meetings ORDER BY starts_at DESC",
            (),
        )
    }
    items: dict[str, AgendaRow] = {}
    for item_id, meeting_id, position, title, presenter in fetch(
        "SELECT id, meeting_id, position, title, presenter FROM agenda_items ORDER BY position",
        (),
    ):
        agenda_row = AgendaRow(item_id, position, title, presenter)
        items[item_id] = agenda_row
        if meeting_id in meetings:
            meetings[meeting_id].agenda.append(agenda_row)
    verified = {
        sha for (sha,) in fetch("SELECT sha256 FROM files WHERE verified_at IS NOT NULL", ())
    }
    read = {version for (version,) in fetch("SELECT document_version_id FROM read_marks", ())}
    docs = fetch(
        "SELECT d.id, d.meeting_id, d.agenda_item_id, d.title, d.number, v.id, v.version_no,"
        " v.sha256, v.size, v.pages, v.filename FROM documents AS d"
        " LEFT OUTER JOIN document_versions AS v ON v.id = d.current_version_id"
        " ORDER BY d.position, d.title",
        (),
    )
    for doc_id, meeting_id, item_id, title, number, version_id, *version in docs:
        has_version = version_id is not None
        version_no, sha256, size, pages, filename = version if has_version else (0, None, 0, 0, "")
        doc_row = DocumentRow(
            id=doc_id,
            meeting_id=meeting_id,
            agenda_item_id=item_id,
            title=title,
            number=number,
            version_id=version_id,
            version_no=version_no,
            sha256=sha256,
            size=size,
            pages=pages,
            filename=filename,
            file_verified=has_version and sha256 in verified,
            read=has_version and version_id in read,
        )
        if item_id in items:
            items[item_id].documents.append(doc_row)
        elif meeting_id in meetings:
            meetings[meeting_id].loose_documents.append(doc_row)
    now = now_iso or (isoformat(utcnow()) or "")
    coming = sorted((m for m in meetings.values() if m.starts_at >= now), key=lambda m: m.starts_at)
    past = sorted((m for m in meetings.values() if m.starts_at < now), key=lambda m: m.starts_at)
    return coming + past[::-1]


def user_names(session: Session) -> dict[str, str]:
    return user_names_rows(session_fetch(session))


def user_names_rows(fetch: Fetch) -> dict[str, str]:
    return {
        str(user_id): str(name) for user_id, name in fetch("SELECT id, full_name FROM users", ())
    }


def outbox_pending(session: Session) -> int:
    from sqlalchemy import func, select

    from ecabinet.store.models import OutboxEntry

    return int(
        session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
        )
        or 0
    )


def profile_facts(session: Session) -> dict[str, str | None]:
    keys = (
        meta.SERVER_URL,
        meta.USERNAME,
        meta.USER_ID,
        meta.USER_FULL_NAME,
        meta.USER_ROLE,
        meta.LAST_SYNC_AT,
        meta.LAST_SYNC_ATTEMPT_AT,
        meta.CLIENT_ID,
    )
    return {k: meta.get(session, k) for k in keys}
