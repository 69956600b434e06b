"""Annotation writes in the local store, each queued in the outbox for the next sync.

Every function takes the ``Session`` of one ``LocalStore.write`` transaction. A private
annotation is sealed here, with the notes key, before it enters the outbox: what the
push sends is already ciphertext.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from ecabinet.crypto.notes_keys import record_aad, seal
from ecabinet.domain import MutationType
from ecabinet.errors import InputError
from ecabinet.notes.records import (
    AnnotationDraft,
    AnnotationRecord,
    bad_annotation,
    body_of,
    check_page,
    checked_body,
    draft_body,
    record_of,
)
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.store.models import LocalAnnotation


def no_notes_key() -> InputError:
    return InputError(
        "Máy này chưa có khóa ghi chú riêng. Hãy kết nối mạng và đồng bộ, hoặc nhập mã "
        "khôi phục ghi chú riêng, rồi thử lại.",
        code="no_notes_key",
        message_en="This device holds no notes key yet: sync online or enter the recovery code.",
    )


def _now() -> str:
    return isoformat(utcnow()) or ""


def current_sha256(session: Session, document_id: str) -> str | None:
    from sqlalchemy import select

    from ecabinet.store.models import LocalDocument, LocalDocumentVersion

    return session.scalar(
        select(LocalDocumentVersion.sha256)
        .join(LocalDocument, LocalDocument.current_version_id == LocalDocumentVersion.id)
        .where(LocalDocument.id == document_id)
    )


def version_pages(session: Session, document_id: str, sha256: str) -> int | None:
    from sqlalchemy import select

    from ecabinet.store.models import LocalDocumentVersion

    pages = session.scalar(
        select(LocalDocumentVersion.pages).where(
            LocalDocumentVersion.document_id == document_id, LocalDocumentVersion.sha256 == sha256
        )
    )
    return None if pages is None else int(pages)


def _row(session: Session, annotation_id: str) -> LocalAnnotation:
    from ecabinet.store.models import LocalAnnotation

    row = session.get(LocalAnnotation, annotation_id)
    if row is None or row.body_json is None:
        raise bad_annotation(
            "Không tìm thấy ghi chú này.", f"No annotation {annotation_id}.", "not_found"
        )
    return row


def _own(session: Session, row: LocalAnnotation) -> None:
    if row.owner_id != meta.get(session, meta.USER_ID):
        raise bad_annotation(
            "Chỉ người viết mới sửa được ghi chú này.",
            "Only its author may change this annotation.",
            "not_your_annotation",
        )


def wire_payload(
    row: LocalAnnotation, notes_key: bytes | None, *, deleted: bool | None = None
) -> dict[str, Any]:
    """The push payload (``AnnotationWrite``): private bodies sealed with the notes key."""
    body = body_of(row) or {}
    payload: dict[str, Any] = {
        "id": row.id, "document_id": row.document_id, "version_sha256": row.version_sha256,
        "visibility": row.visibility, "base_revision": row.revision,
        "deleted": row.deleted if deleted is None else deleted,
    }  # fmt: skip
    if row.visibility == "shared":
        payload["body"] = body
        return payload
    if notes_key is None:
        raise no_notes_key()
    aad = record_aad(
        origin_id=row.conflict_of or row.id, owner_id=row.owner_id,
        document_id=row.document_id, version_sha256=row.version_sha256,
    )  # fmt: skip
    payload["sealed"] = seal(notes_key, body, aad)
    return payload


def queue(session: Session, row: LocalAnnotation, notes_key: bytes | None) -> None:
    from ecabinet.store.models import OutboxEntry

    payload = wire_payload(row, notes_key)
    session.add(
        OutboxEntry(
            mutation_id=meta.next_mutation_id(session),
            type=MutationType.SAVE_ANNOTATION.value,
            payload_json=json.dumps(payload, ensure_ascii=False),
            created_at=_now(),
        )
    )


def reindex(session: Session, row: LocalAnnotation) -> None:
    """Index the annotation's text where it is shown now (its placement on the current
    version after re-anchoring); deleted ones and conflict copies are not searchable."""
    from ecabinet.search import index as search_index

    if row.deleted or row.body_json is None or row.conflict_of is not None:
        search_index.remove_annotation(session, row.id)
        return
    shown = record_of(row, current_sha256=current_sha256(session, row.document_id))
    search_index.index_annotation(
        session, annotation_id=row.id, document_id=row.document_id,
        version_sha256=shown.version_sha256, page=shown.page, annotation_text=shown.text,
    )  # fmt: skip


def _saved(session: Session, row: LocalAnnotation, notes_key: bytes | None) -> AnnotationRecord:
    row.updated_at = _now()
    queue(session, row, notes_key)
    reindex(session, row)
    return record_of(row, current_sha256=current_sha256(session, row.document_id))


def add(session: Session, draft: AnnotationDraft, notes_key: bytes | None) -> AnnotationRecord:
    from ecabinet.store.models import LocalAnnotation

    check_page(version_pages(session, draft.document_id, draft.version_sha256), draft.page)
    owner = meta.get(session, meta.USER_ID) or ""
    now = _now()
    body = draft_body(
        draft, author_name=meta.get(session, meta.USER_FULL_NAME) or "", created_at=now
    )
    if draft.visibility == "private" and notes_key is None:
        raise no_notes_key()  # after the content's checks: the reason shown is the real one
    row = LocalAnnotation(
        id=str(uuid.uuid4()), document_id=draft.document_id, owner_id=owner,
        visibility=draft.visibility, version_sha256=draft.version_sha256, revision=0,
        deleted=False, conflict_of=None, created_at=now, updated_at=now,
        body_json=json.dumps(body, ensure_ascii=False),
    )  # fmt: skip
    session.add(row)
    return _saved(session, row, notes_key)


def edit(
    session: Session, annotation_id: str, notes_key: bytes | None, changes: dict[str, Any]
) -> AnnotationRecord:
    row = _row(session, annotation_id)
    _own(session, row)
    body = body_of(row) or {}
    visibility = changes.pop("visibility", None)
    if visibility is not None:
        if visibility not in {"private", "shared"}:
            raise bad_annotation("Chế độ chia sẻ không hợp lệ.", f"Bad visibility {visibility!r}.")
        row.visibility = visibility
    body.update({k: v for k, v in changes.items() if v is not None})
    row.body_json = json.dumps(checked_body(body).model_dump(), ensure_ascii=False)
    return _saved(session, row, notes_key)


def set_deleted(
    session: Session, annotation_id: str, notes_key: bytes | None, *, deleted: bool
) -> AnnotationRecord:
    row = _row(session, annotation_id)
    _own(session, row)
    row.deleted = deleted
    return _saved(session, row, notes_key)


def restore_conflict(
    session: Session, conflict_id: str, notes_key: bytes | None
) -> AnnotationRecord:
    """Put a conflict copy's content back into its annotation; the copy is tombstoned."""
    copy = _row(session, conflict_id)
    _own(session, copy)
    if copy.conflict_of is None:
        raise bad_annotation(
            "Đây không phải bản xung đột.", "Not a conflict copy.", "not_a_conflict"
        )
    original = _row(session, copy.conflict_of)
    original.body_json = copy.body_json
    original.version_sha256 = copy.version_sha256
    original.placement_json = None
    original.deleted = False
    copy.deleted = True
    _saved(session, copy, notes_key)
    return _saved(session, original, notes_key)


def confirm_placement(
    session: Session, annotation_id: str, notes_key: bytes | None
) -> AnnotationRecord:
    """The minister accepts where re-anchoring put it: that becomes its content."""
    row = _row(session, annotation_id)
    _own(session, row)
    current = current_sha256(session, row.document_id)
    record = record_of(row, current_sha256=current)
    if record.orphaned or record.version_sha256 == row.version_sha256:
        raise bad_annotation(
            "Ghi chú này không có vị trí mới nào để xác nhận.",
            "This annotation has no new placement to confirm.",
            "nothing_to_confirm",
        )
    body = body_of(row) or {}
    body.update(page=record.page, quads=record.quads, rect=record.rect, ink=record.ink,
                selectors=record.selectors)  # fmt: skip
    row.body_json = json.dumps(checked_body(body).model_dump(), ensure_ascii=False)
    row.version_sha256 = record.version_sha256
    row.placement_json = None
    return _saved(session, row, notes_key)


def listed(
    session: Session, document_id: str, *, include_deleted: bool, conflicts: bool
) -> list[AnnotationRecord]:
    from sqlalchemy import select

    from ecabinet.store.models import LocalAnnotation

    current = current_sha256(session, document_id)
    query = select(LocalAnnotation).where(
        LocalAnnotation.document_id == document_id, LocalAnnotation.body_json.is_not(None)
    )
    if conflicts:
        query = query.where(LocalAnnotation.conflict_of.is_not(None))
    else:
        query = query.where(LocalAnnotation.conflict_of.is_(None))
    if not include_deleted:
        query = query.where(LocalAnnotation.deleted.is_(False))
    rows = session.scalars(query.order_by(LocalAnnotation.created_at, LocalAnnotation.id))
    return [record_of(r, current_sha256=current) for r in rows]
