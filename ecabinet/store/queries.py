"""Read-only views of the local store for the interface and the command line."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.store import meta
from ecabinet.store.models import (
    LocalAgendaItem,
    LocalDocument,
    LocalDocumentVersion,
    LocalFile,
    LocalMeeting,
    LocalReadMark,
    LocalUser,
    OutboxEntry,
)
from ecabinet.timeutil import isoformat, utcnow


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

    @property
    def documents(self) -> list[DocumentRow]:
        return [d for item in self.agenda for d in item.documents] + self.loose_documents


def catalogue(session: Session, now_iso: str | None = None) -> list[MeetingRow]:
    """Every meeting with its agenda and current papers (5 queries).

    Coming meetings first, soonest on top; then past ones, latest on top: a minister
    opens the app to prepare for what is next. Columns, not ORM objects: the app's first
    paint waits for this (bench/cold_start.py).
    """
    m, item, doc, version = LocalMeeting, LocalAgendaItem, LocalDocument, LocalDocumentVersion
    meetings = {
        row.id: MeetingRow(
            row.id,
            row.title,
            row.kind,
            row.starts_at,
            row.location,
            row.status,
            json.loads(row.participants_json),
        )
        for row in session.execute(
            select(
                m.id, m.title, m.kind, m.starts_at, m.location, m.status, m.participants_json
            ).order_by(m.starts_at.desc())
        )
    }
    items: dict[str, AgendaRow] = {}
    for row in session.execute(
        select(item.id, item.meeting_id, item.position, item.title, item.presenter).order_by(
            item.position
        )
    ):
        agenda_row = AgendaRow(row.id, row.position, row.title, row.presenter)
        items[row.id] = agenda_row
        if row.meeting_id in meetings:
            meetings[row.meeting_id].agenda.append(agenda_row)
    verified = set(
        session.scalars(select(LocalFile.sha256).where(LocalFile.verified_at.is_not(None)))
    )
    read = set(session.scalars(select(LocalReadMark.document_version_id)))
    docs = session.execute(
        select(
            doc.id,
            doc.meeting_id,
            doc.agenda_item_id,
            doc.title,
            doc.number,
            version.id.label("version_id"),
            version.version_no,
            version.sha256,
            version.size,
            version.pages,
            version.filename,
        )
        .outerjoin(version, version.id == doc.current_version_id)
        .order_by(doc.position, doc.title)
    )
    for doc_cols in docs:
        has_version = doc_cols.version_id is not None
        doc_row = DocumentRow(
            id=doc_cols.id,
            meeting_id=doc_cols.meeting_id,
            agenda_item_id=doc_cols.agenda_item_id,
            title=doc_cols.title,
            number=doc_cols.number,
            version_id=doc_cols.version_id,
            version_no=doc_cols.version_no if has_version else 0,
            sha256=doc_cols.sha256 if has_version else None,
            size=doc_cols.size if has_version else 0,
            pages=doc_cols.pages if has_version else 0,
            filename=doc_cols.filename if has_version else "",
            file_verified=has_version and doc_cols.sha256 in verified,
            read=has_version and doc_cols.version_id in read,
        )
        if doc_cols.agenda_item_id in items:
            items[doc_cols.agenda_item_id].documents.append(doc_row)
        elif doc_cols.meeting_id in meetings:
            meetings[doc_cols.meeting_id].loose_documents.append(doc_row)
    now = now_iso or (isoformat(utcnow()) or "")
    coming = sorted((m for m in meetings.values() if m.starts_at >= now), key=lambda m: m.starts_at)
    past = sorted((m for m in meetings.values() if m.starts_at < now), key=lambda m: m.starts_at)
    return coming + past[::-1]


def user_names(session: Session) -> dict[str, str]:
    return {u.id: u.full_name for u in session.scalars(select(LocalUser))}


def outbox_pending(session: Session) -> int:
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
