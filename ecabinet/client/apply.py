"""Apply a page of pulled changes to the local store, in the writer's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from ecabinet.client.opinions import merge_server_opinion
from ecabinet.store import meta
from ecabinet.store.models import (
    LocalAgendaItem,
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
    "opinion", "device",
]  # fmt: skip
DEVICE_FIELDS = ("key_id", "label", "public_key", "registered_at", "revoked_at")


def _meeting_row(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": d["id"],
        "title": d["title"],
        "kind": d["kind"],
        "starts_at": d["starts_at"],
        "location": d.get("location", ""),
        "status": d["status"],
        "participants_json": json.dumps(d.get("participants", [])),
        "updated_at": d.get("updated_at") or "",
    }


def _ballot_row(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": d["id"],
        "meeting_id": d["meeting_id"],
        "agenda_item_id": d.get("agenda_item_id"),
        "document_id": d.get("document_id"),
        "version": d["version"],
        "question": d["question"],
        "options_json": json.dumps(d["options"]),
        "comment_required_json": json.dumps(d.get("comment_required", [])),
        "deadline": d["deadline"],
        "status": d["status"],
        "documents_json": json.dumps(d.get("documents", [])),
        "eligible_json": json.dumps(d.get("eligible", [])),
        "membership_total": d.get("membership_total", 0),
        "chair_user_id": d.get("chair_user_id"),
        "opened_at": d.get("opened_at"),
        "closed_at": d.get("closed_at"),
    }


def _pick(*keys: str) -> Any:
    def row(d: dict[str, Any]) -> dict[str, Any]:
        return {k: d.get(k) for k in keys}

    return row


TABLES: dict[str, tuple[type[LocalBase], Any]] = {
    "user": (LocalUser, _pick("id", "username", "full_name", "title", "role", "active")),
    "meeting": (LocalMeeting, _meeting_row),
    "agenda_item": (LocalAgendaItem, _pick("id", "meeting_id", "position", "title", "presenter")),
    "document": (
        LocalDocument,
        _pick(
            "id",
            "meeting_id",
            "agenda_item_id",
            "title",
            "number",
            "position",
            "current_version_id",
        ),
    ),
    "ballot": (LocalBallot, _ballot_row),
    "document_version": (
        LocalDocumentVersion,
        _pick(
            "id", "document_id", "version_no", "sha256", "size", "pages", "filename", "uploaded_at"
        ),
    ),
}


def apply_changes(session: Session, changes: Iterable[Change], generation: int) -> int:
    upserts: dict[str, list[dict[str, Any]]] = {}
    tombstones: list[Change] = []
    count = 0
    for change in changes:
        count += 1
        if change["op"] == "delete":
            tombstones.append(change)
        else:
            upserts.setdefault(change["type"], []).append(change["data"])
    for entity_type in ORDER:
        rows = upserts.get(entity_type)
        if not rows:
            continue
        if entity_type == "read_mark":
            _upsert_read_marks(session, rows)
            continue
        if entity_type == "opinion":
            for data in rows:
                merge_server_opinion(session, data)
            continue
        if entity_type == "device":
            _upsert_devices(session, rows, generation)
            continue
        if entity_type not in TABLES:
            continue  # a newer server's entity: ignored until this client knows it
        model, to_row = TABLES[entity_type]
        values = [{**to_row(d), "generation": generation} for d in rows]
        # Batches keep each statement under SQLite's limit on bound parameters.
        for start in range(0, len(values), BATCH):
            stmt = insert(model).values(values[start : start + BATCH])
            columns = {c: stmt.excluded[c] for c in values[0] if c != "id"}
            session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=columns))
    for change in tombstones:
        remove(session, change["type"], change["id"])
    return count


def _upsert_read_marks(session: Session, rows: list[dict[str, Any]]) -> None:
    for d in rows:
        stmt = insert(LocalReadMark).values(
            document_version_id=d["document_version_id"], read_at=d["read_at"], confirmed=True
        )
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["document_version_id"],
                set_={"read_at": stmt.excluded.read_at, "confirmed": True},
            )
        )


def _upsert_devices(session: Session, rows: list[dict[str, Any]], generation: int) -> None:
    # Kept in the meta key/value store: a handful per user, no table of their own.
    known = meta.devices(session)
    for d in rows:
        known[str(d["key_id"])] = {**{k: d.get(k) for k in DEVICE_FIELDS}, "generation": generation}
    meta.put_devices(session, known)


def remove(session: Session, entity_type: str, entity_id: str) -> None:
    """Delete an entity and what hangs under it (a meeting takes its papers along)."""
    if entity_type == "meeting":
        doc_ids = list(
            session.scalars(select(LocalDocument.id).where(LocalDocument.meeting_id == entity_id))
        )
        _remove_documents(session, doc_ids)
        session.execute(delete(LocalBallot).where(LocalBallot.meeting_id == entity_id))
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
        session.execute(delete(LocalAgendaItem).where(LocalAgendaItem.id == entity_id))
    elif entity_type == "document_version":
        session.execute(delete(LocalDocumentVersion).where(LocalDocumentVersion.id == entity_id))
    elif entity_type == "ballot":
        session.execute(delete(LocalBallot).where(LocalBallot.id == entity_id))
    elif entity_type == "user":
        session.execute(delete(LocalUser).where(LocalUser.id == entity_id))
    elif entity_type == "read_mark":
        session.execute(delete(LocalReadMark).where(LocalReadMark.document_version_id == entity_id))
    elif entity_type == "device":
        known = meta.devices(session)
        if known.pop(entity_id, None) is not None:
            meta.put_devices(session, known)


def _remove_documents(session: Session, doc_ids: list[str]) -> None:
    if not doc_ids:
        return
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
    devices = meta.devices(session)
    kept = {k: d for k, d in devices.items() if int(d.get("generation") or 0) >= generation}
    if kept != devices:
        meta.put_devices(session, kept)
