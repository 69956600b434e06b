"""Annotations pulled from the server: stored, then (private ones) opened with the key.

``apply_annotations`` runs inside the pulled page's transaction (``client/apply.py``)
and needs no key: a private annotation is kept sealed until ``open_sealed_rows`` opens
it on this device. An annotation with an edit still waiting in the outbox keeps the
local text: the edit reaches the server at the next push, and the server decides.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from ecabinet.crypto.notes_keys import NotesKeyError, open_sealed, record_aad
from ecabinet.domain import MutationType
from ecabinet.notes.local import reindex

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.protocol_annotations import AnnotationData


log = logging.getLogger(__name__)


def _pending(session: Session, annotation_id: str) -> bool:
    from sqlalchemy import select

    from ecabinet.store.models import OutboxEntry

    found = session.scalar(
        select(OutboxEntry.mutation_id)
        .where(
            OutboxEntry.state == "pending",
            OutboxEntry.type == MutationType.SAVE_ANNOTATION.value,
            OutboxEntry.payload_json.contains(f'"id": "{annotation_id}"'),
        )
        .limit(1)
    )
    return found is not None


def apply_annotations(session: Session, rows: list[AnnotationData]) -> int:
    """Store pulled annotations; returns how many changed here."""
    from ecabinet.store.models import LocalAnnotation

    changed = 0
    for data in rows:
        if _pending(session, data.id):
            continue
        row = session.get(LocalAnnotation, data.id)
        if row is None:
            row = LocalAnnotation(id=data.id, created_at=data.created_at or data.updated_at)
            session.add(row)
        elif row.revision == data.revision and row.version_sha256 == data.version_sha256:
            continue
        if row.version_sha256 != data.version_sha256:
            row.placement_json = None  # placed again for the new content
        row.document_id = data.document_id
        row.owner_id = data.owner_id
        row.visibility = data.visibility
        row.version_sha256 = data.version_sha256
        row.revision = data.revision
        row.deleted = data.deleted
        row.conflict_of = data.conflict_of
        row.updated_at = data.updated_at
        if data.body is not None:
            row.body_json = json.dumps(data.body.model_dump(), ensure_ascii=False)
            row.sealed = None
            reindex(session, row)
        else:
            # Shown as it was until this device opens the new revision (after the pull).
            row.sealed = data.sealed
        changed += 1
    return changed


def open_sealed_rows(session: Session, notes_key: bytes) -> int:
    """Open the private annotations waiting sealed; returns how many opened.

    One that does not open (another key, or a body a server moved from another
    annotation: the associated data binds it to its id) stays sealed and unlisted.
    """
    from pydantic import ValidationError
    from sqlalchemy import select

    from ecabinet.protocol_annotations import AnnotationBody
    from ecabinet.store.models import LocalAnnotation

    opened = 0
    for row in session.scalars(select(LocalAnnotation).where(LocalAnnotation.sealed.is_not(None))):
        aad = record_aad(
            origin_id=row.conflict_of or row.id, owner_id=row.owner_id,
            document_id=row.document_id, version_sha256=row.version_sha256,
        )  # fmt: skip
        try:
            body = AnnotationBody.model_validate(open_sealed(notes_key, row.sealed or "", aad))
        except (NotesKeyError, ValidationError) as exc:
            log.warning("annotation %s does not open: %s", row.id, exc)
            continue
        row.body_json = json.dumps(body.model_dump(), ensure_ascii=False)
        row.sealed = None
        reindex(session, row)
        opened += 1
    return opened


def remove_for_documents(session: Session, document_ids: list[str]) -> None:
    """A document withdrawn from this user: its annotations go too (the server keeps them)."""
    from sqlalchemy import select

    from ecabinet.search import index as search_index
    from ecabinet.store.models import LocalAnnotation

    for row in session.scalars(
        select(LocalAnnotation).where(LocalAnnotation.document_id.in_(document_ids))
    ):
        search_index.remove_annotation(session, row.id)
        session.delete(row)


def drop_without_document(session: Session) -> None:
    """After a resync: annotations of documents this user no longer sees go too."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalAnnotation, LocalDocument

    gone = select(LocalAnnotation.document_id).where(
        LocalAnnotation.document_id.not_in(select(LocalDocument.id))
    )
    remove_for_documents(session, list(set(session.scalars(gone))))
