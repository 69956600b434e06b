"""The JSON shape of each synced entity (docs/sync-protocol.md, "Entities")."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.server.models import (
    AgendaItem,
    Ballot,
    Device,
    Document,
    DocumentRead,
    DocumentVersion,
    Meeting,
    MeetingParticipant,
    Opinion,
    User,
)
from ecabinet.server.services.ballot_access import ballot_payload, ballot_visibility
from ecabinet.server.services.opinion_payload import opinion_payload
from ecabinet.timeutil import isoformat

Payload = dict[str, Any]


def user_payload(user: User) -> Payload:
    # The directory entry: what colleagues may know of each other. No login data.
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "title": user.title,
        "role": user.role,
        "active": user.is_active,
    }


def device_payload(device: Device) -> Payload:
    # Sent to the device's owner only (audience_user_id): their own laptops' keys.
    return {
        "id": device.key_id,
        "key_id": device.key_id,
        "user_id": device.user_id,
        "public_key": device.public_key,
        "label": device.label,
        "registered_at": isoformat(device.registered_at),
        "revoked_at": isoformat(device.revoked_at),
    }


def meeting_payload(session: Session, meeting: Meeting) -> Payload:
    participants = sorted(
        session.scalars(
            select(MeetingParticipant.user_id).where(MeetingParticipant.meeting_id == meeting.id)
        )
    )
    return {
        "id": meeting.id,
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": isoformat(meeting.starts_at),
        "location": meeting.location,
        "status": meeting.status,
        "participants": participants,
        "guests": json.loads(meeting.guests_json or "[]"),
        "updated_at": isoformat(meeting.updated_at),
    }


def agenda_item_payload(item: AgendaItem) -> Payload:
    return {
        "id": item.id,
        "meeting_id": item.meeting_id,
        "position": item.position,
        "title": item.title,
        "presenter": item.presenter,
        "classification": item.classification,
        "revision": item.revision,
        "conclusion": item.conclusion,
    }


def document_payload(document: Document) -> Payload:
    return {
        "id": document.id,
        "meeting_id": document.meeting_id,
        "agenda_item_id": document.agenda_item_id,
        "title": document.title,
        "number": document.number,
        "position": document.position,
        "current_version_id": document.current_version_id,
    }


def version_payload(version: DocumentVersion) -> Payload:
    return {
        "id": version.id,
        "document_id": version.document_id,
        "version_no": version.version_no,
        "sha256": version.sha256,
        "size": version.size,
        "pages": version.pages,
        "filename": version.filename,
        "change_note": version.change_note,
        "uploaded_at": isoformat(version.uploaded_at),
    }


def read_mark_payload(read: DocumentRead) -> Payload:
    return {
        "id": read.document_version_id,
        "document_version_id": read.document_version_id,
        "read_at": isoformat(read.read_at),
    }


def meeting_contents(session: Session, meeting: Meeting, user: User) -> list[tuple[str, Payload]]:
    """Everything of one meeting ``user`` may see, parents before children."""
    out: list[tuple[str, Payload]] = [("meeting", meeting_payload(session, meeting))]
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting.id, AgendaItem.deleted_at.is_(None))
        .order_by(AgendaItem.position)
    ).all()
    out.extend(("agenda_item", agenda_item_payload(item)) for item in items)
    documents = session.scalars(
        select(Document)
        .where(Document.meeting_id == meeting.id, Document.deleted_at.is_(None))
        .order_by(Document.position, Document.created_at)
    ).all()
    out.extend(("document", document_payload(doc)) for doc in documents)
    versions = session.scalars(
        select(DocumentVersion)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.meeting_id == meeting.id, Document.deleted_at.is_(None))
        .order_by(DocumentVersion.document_id, DocumentVersion.version_no)
    ).all()
    out.extend(("document_version", version_payload(v)) for v in versions)
    reads = session.scalars(
        select(DocumentRead)
        .join(DocumentVersion, DocumentVersion.id == DocumentRead.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(DocumentRead.user_id == user.id, Document.meeting_id == meeting.id)
    ).all()
    out.extend(("read_mark", read_mark_payload(r)) for r in reads)
    ballots = session.scalars(
        select(Ballot)
        .where(Ballot.meeting_id == meeting.id, ballot_visibility(user))
        .order_by(Ballot.created_at)
    ).all()
    out.extend(("ballot", ballot_payload(session, b)) for b in ballots)
    if ballots:
        mine = session.scalars(
            select(Opinion)
            .where(Opinion.ballot_id.in_([b.id for b in ballots]), Opinion.user_id == user.id)
            .order_by(Opinion.seq)
        )
        out.extend(("opinion", opinion_payload(o)) for o in mine)
    return out
