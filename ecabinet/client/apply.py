"""Apply a page of pulled changes to the local store, in the writer's transaction.

Nothing the server sent is used before ``ecabinet/protocol.py`` has checked it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from ecabinet import protocol
from ecabinet.client import consent_marks
from ecabinet.client.definitions import drop_orphans, store_definitions
from ecabinet.client.notifications import store_notifications
from ecabinet.client.opinions import merge_server_opinion
from ecabinet.notes.pulled import apply_annotations, drop_without_document, remove_for_documents
from ecabinet.search import index as search_index
from ecabinet.store import meta
from ecabinet.store.models import (
    LocalAgendaItem,
    LocalAnnotation,
    LocalBallot,
    LocalBase,
    LocalDocument,
    LocalDocumentVersion,
    LocalMeeting,
    LocalReadMark,
    LocalUser,
)

Change = dict[str, Any]

# Parents first for upserts; tombstones after every upsert of the page.
BATCH = 500
ORDER = [
    "user", "meeting", "agenda_item", "document", "document_version", "read_mark", "ballot",
    "opinion", "device", "annotation", "notification", "consent_mark",
]  # fmt: skip
DEVICE_FIELDS = ("key_id", "label", "public_key", "registered_at", "revoked_at")


def _user_row(u: protocol.UserData) -> dict[str, Any]:
    return {
        "id": u.id,
        "username": u.username,
        "full_name": u.full_name,
        "title": u.title,
        "role": u.role,
        "active": u.active,
    }


def _meeting_row(m: protocol.MeetingData) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "kind": m.kind,
        "starts_at": m.starts_at,
        "location": m.location,
        "status": m.status,
        "participants_json": json.dumps(m.participants),
        "guests_json": json.dumps([g.model_dump() for g in m.guests], ensure_ascii=False),
        "updated_at": m.updated_at or "",
    }


def _agenda_item_row(a: protocol.AgendaItemData) -> dict[str, Any]:
    return {
        "id": a.id,
        "meeting_id": a.meeting_id,
        "position": a.position,
        "title": a.title,
        "presenter": a.presenter,
    }


def _document_row(d: protocol.DocumentData) -> dict[str, Any]:
    return {
        "id": d.id,
        "meeting_id": d.meeting_id,
        "agenda_item_id": d.agenda_item_id,
        "title": d.title,
        "number": d.number,
        "position": d.position,
        "current_version_id": d.current_version_id,
    }


def _version_row(v: protocol.DocumentVersionData) -> dict[str, Any]:
    return {
        "id": v.id,
        "document_id": v.document_id,
        "version_no": v.version_no,
        "sha256": v.sha256,
        "size": v.size,
        "pages": v.pages,
        "filename": v.filename,
        "uploaded_at": v.uploaded_at,
        "change_note": v.change_note,
    }


def _ballot_row(b: protocol.BallotData) -> dict[str, Any]:
    return {
        "id": b.id,
        "meeting_id": b.meeting_id,
        "agenda_item_id": b.agenda_item_id,
        "document_id": b.document_id,
        "version": b.version,
        "question": b.question,
        "options_json": json.dumps(b.options),
        "comment_required_json": json.dumps(b.comment_required),
        "deadline": b.deadline,
        "status": b.status,
        "documents_json": json.dumps(b.documents),
        "eligible_json": json.dumps(b.eligible),
        "membership_total": b.membership_total,
        "chair_user_id": b.chair_user_id,
        "opened_at": b.opened_at,
        "closed_at": b.closed_at,
    }


TABLES: dict[str, tuple[type[LocalBase], Callable[[Any], dict[str, Any]]]] = {
    "user": (LocalUser, _user_row),
    "meeting": (LocalMeeting, _meeting_row),
    "agenda_item": (LocalAgendaItem, _agenda_item_row),
    "document": (LocalDocument, _document_row),
    "ballot": (LocalBallot, _ballot_row),
    "document_version": (LocalDocumentVersion, _version_row),
}


def apply_changes(session: Session, changes: Iterable[Change], generation: int) -> int:
    """Apply one pulled page. Every change is checked first (``ecabinet/protocol.py``):
    one that fails refuses the whole page (``ProtocolError``) before anything is written,
    so the page's transaction, and with it the cursor, stays as it was."""
    parsed = protocol.parse_changes(changes)
    upserts: dict[str, list[protocol.Wire]] = {}
    tombstones: list[protocol.Change] = []
    for change in parsed:
        if change.op == "delete":
            tombstones.append(change)
        elif change.entity is not None:
            upserts.setdefault(change.type, []).append(change.entity)
        # else: a newer server's entity, ignored until this client knows it
    for entity_type in ORDER:
        rows = upserts.get(entity_type)
        if not rows:
            continue
        if entity_type == "read_mark":
            _upsert_read_marks(session, rows)  # type: ignore[arg-type]
            continue
        if entity_type == "opinion":
            for opinion in rows:
                merge_server_opinion(session, opinion.model_dump())
            continue
        if entity_type == "device":
            _upsert_devices(session, rows, generation)  # type: ignore[arg-type]
            continue
        if entity_type == "annotation":
            apply_annotations(session, rows)  # type: ignore[arg-type]
            continue
        if entity_type == "notification":
            store_notifications(session, rows)  # type: ignore[arg-type]
            continue
        if entity_type == "consent_mark":
            consent_marks.store_marks(session, rows, generation)  # type: ignore[arg-type]
            continue
        model, to_row = TABLES[entity_type]
        if entity_type == "ballot":
            # The signed definitions, kept as signed.
            store_definitions(session, [entity.model_dump() for entity in rows])
        values = [{**to_row(entity), "generation": generation} for entity in rows]
        # Batches keep each statement under SQLite's limit on bound parameters.
        for start in range(0, len(values), BATCH):
            stmt = insert(model).values(values[start : start + BATCH])
            columns = {c: stmt.excluded[c] for c in values[0] if c != "id"}
            session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=columns))
    for change in tombstones:
        remove(session, change.type, change.id)
    if tombstones:
        drop_orphans(session)
    return len(parsed)


def _upsert_read_marks(session: Session, rows: list[protocol.ReadMarkData]) -> None:
    for mark in rows:
        stmt = insert(LocalReadMark).values(
            document_version_id=mark.document_version_id, read_at=mark.read_at, confirmed=True
        )
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["document_version_id"],
                set_={"read_at": stmt.excluded.read_at, "confirmed": True},
            )
        )


def _upsert_devices(session: Session, rows: list[protocol.DeviceData], generation: int) -> None:
    # Kept in the meta key/value store: a handful per user, no table of their own.
    known = meta.devices(session)
    for device in rows:
        fields = device.model_dump()
        known[device.key_id] = {
            **{k: fields.get(k) for k in DEVICE_FIELDS},
            "generation": generation,
        }
    meta.put_devices(session, known)


def remove(session: Session, entity_type: str, entity_id: str) -> None:
    """Delete an entity and what hangs under it (a meeting takes its papers along)."""
    if entity_type == "meeting":
        doc_ids = list(
            session.scalars(select(LocalDocument.id).where(LocalDocument.meeting_id == entity_id))
        )
        _remove_documents(session, doc_ids)
        session.execute(delete(LocalBallot).where(LocalBallot.meeting_id == entity_id))
        consent_marks.forget_meeting(session, entity_id)
        session.execute(delete(LocalAgendaItem).where(LocalAgendaItem.meeting_id == entity_id))
        session.execute(delete(LocalMeeting).where(LocalMeeting.id == entity_id))
    elif entity_type == "document":
        _remove_documents(session, [entity_id])
    elif entity_type == "agenda_item":
        session.execute(
            update(LocalDocument)
            .where(LocalDocument.agenda_item_id == entity_id)
            .values(agenda_item_id=None)
        )
        consent_marks.forget_item(session, entity_id)
        session.execute(delete(LocalAgendaItem).where(LocalAgendaItem.id == entity_id))
    elif entity_type == "document_version":
        version = session.get(LocalDocumentVersion, entity_id)
        if version is not None:
            search_index.remove_version(
                session, version_sha256=version.sha256, document_id=version.document_id
            )
        session.execute(delete(LocalDocumentVersion).where(LocalDocumentVersion.id == entity_id))
    elif entity_type == "ballot":
        session.execute(delete(LocalBallot).where(LocalBallot.id == entity_id))
    elif entity_type == "user":
        session.execute(delete(LocalUser).where(LocalUser.id == entity_id))
    elif entity_type == "read_mark":
        session.execute(delete(LocalReadMark).where(LocalReadMark.document_version_id == entity_id))
    elif entity_type == "annotation":
        search_index.remove_annotation(session, entity_id)
        session.execute(delete(LocalAnnotation).where(LocalAnnotation.id == entity_id))
    elif entity_type == "consent_mark":
        consent_marks.forget_item(session, entity_id)
    elif entity_type == "device":
        known = meta.devices(session)
        if known.pop(entity_id, None) is not None:
            meta.put_devices(session, known)


def _remove_documents(session: Session, doc_ids: list[str]) -> None:
    if not doc_ids:
        return
    for document_id in doc_ids:
        search_index.remove_document(session, document_id)
    remove_for_documents(session, doc_ids)
    session.execute(
        delete(LocalDocumentVersion).where(LocalDocumentVersion.document_id.in_(doc_ids))
    )
    session.execute(delete(LocalDocument).where(LocalDocument.id.in_(doc_ids)))


def sweep(session: Session, generation: int) -> None:
    """After a resync from zero: drop everything the server did not send again."""
    # Opinions are never swept: see LocalOpinion.
    for model in (
        LocalUser, LocalMeeting, LocalAgendaItem, LocalDocument, LocalDocumentVersion, LocalBallot,
    ):  # fmt: skip
        session.execute(delete(model).where(model.generation < generation))
    consent_marks.sweep(session, generation)
    drop_orphans(session)
    drop_without_document(session)
    search_index.remove_stale_versions(session)
    devices = meta.devices(session)
    kept = {k: d for k, d in devices.items() if int(d.get("generation") or 0) >= generation}
    if kept != devices:
        meta.put_devices(session, kept)
