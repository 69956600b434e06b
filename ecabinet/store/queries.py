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
    """Every meeting with its agenda and current papers (4 queries).

    Coming meetings first, soonest on top; then past ones, latest on top: a minister
    opens the app to prepare for what is next.
    """
    meetings = {
        m.id: MeetingRow(
            m.id,
            m.title,
            m.kind,
            m.starts_at,
            m.location,
            m.status,
            json.loads(m.participants_json),
        )
        for m in session.scalars(select(LocalMeeting).order_by(LocalMeeting.starts_at.desc()))
    }
    items: dict[str, AgendaRow] = {}
    for item in session.scalars(select(LocalAgendaItem).order_by(LocalAgendaItem.position)):
        row = AgendaRow(item.id, item.position, item.title, item.presenter)
        items[item.id] = row
        if item.meeting_id in meetings:
            meetings[item.meeting_id].agenda.append(row)
    verified = set(
        session.scalars(select(LocalFile.sha256).where(LocalFile.verified_at.is_not(None)))
    )
    read = set(session.scalars(select(LocalReadMark.document_version_id)))
    docs = session.execute(
        select(LocalDocument, LocalDocumentVersion)
        .outerjoin(
            LocalDocumentVersion, LocalDocumentVersion.id == LocalDocument.current_version_id
        )
        .order_by(LocalDocument.position, LocalDocument.title)
    ).all()
    for doc, version in docs:
        doc_row = DocumentRow(
            id=doc.id,
            meeting_id=doc.meeting_id,
            agenda_item_id=doc.agenda_item_id,
            title=doc.title,
            number=doc.number,
            version_id=version.id if version else None,
            version_no=version.version_no if version else 0,
            sha256=version.sha256 if version else None,
            size=version.size if version else 0,
            pages=version.pages if version else 0,
            filename=version.filename if version else "",
            file_verified=bool(version and version.sha256 in verified),
            read=bool(version and version.id in read),
        )
        if doc.agenda_item_id in items:
            items[doc.agenda_item_id].documents.append(doc_row)
        elif doc.meeting_id in meetings:
            meetings[doc.meeting_id].loose_documents.append(doc_row)
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
