"""Annotations on the server: who may write, read and list them (docs/annotations.md).

A private annotation is readable by its owner's sessions only, and the server holds
nothing of it but ciphertext and routing metadata. A shared one is visible to whoever
sees its meeting (its participants and the secretariat), on every route and in the
pull feed; a member who does not take part in the meeting gets 403.

Two devices that edited the same annotation offline: the later arrival wins, and the
text it replaced is kept as a *conflict copy* (a new annotation with ``conflict_of``)
that the owner sees and can restore. A delete is a tombstone (``deleted``): undone by
writing the annotation again.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, Role
from ecabinet.protocol_annotations import (
    MAX_SEALED_CHARS,
    AnnotationBody,
    AnnotationWrite,
    body_problem,
)
from ecabinet.server.errors import ApiError, forbidden, not_found
from ecabinet.server.models import Annotation, Document, DocumentVersion, Meeting, User
from ecabinet.server.services.access import visible_meeting_ids
from ecabinet.timeutil import isoformat, utcnow

PRIVATE = "private"
SHARED = "shared"


def _not_participant() -> ApiError:
    return ApiError(
        403,
        "not_participant",
        "Bạn không tham dự phiên họp của tài liệu này nên không xem hay ghi chú được.",
        "You do not take part in this document's meeting.",
    )


def _not_yours() -> ApiError:
    return ApiError(
        403,
        "not_your_annotation",
        "Chỉ người viết mới sửa được ghi chú này; ghi chú riêng không thể gửi cho người khác.",
        "Only its author may write this annotation; a private note cannot go to anyone else.",
    )


def visible_to(user: User) -> ColumnElement[bool]:
    """A WHERE clause on Annotation: the user's own, and shared ones of meetings they see;
    never those of a withdrawn document."""
    live = select(Document.id).where(Document.deleted_at.is_(None))
    return and_(
        Annotation.document_id.in_(live),
        or_(
            Annotation.owner_id == user.id,
            and_(
                Annotation.visibility == SHARED,
                Annotation.meeting_id.in_(visible_meeting_ids(user)),
            ),
        ),
    )


def payload(annotation: Annotation) -> dict[str, Any]:
    """The wire shape (``AnnotationData``): a private one sealed, a shared one in clear."""
    return {
        "id": annotation.id,
        "owner_id": annotation.owner_id,
        "document_id": annotation.document_id,
        "version_sha256": annotation.version_sha256,
        "visibility": annotation.visibility,
        "revision": annotation.revision,
        "deleted": annotation.deleted,
        "conflict_of": annotation.conflict_of,
        "created_at": isoformat(annotation.created_at),
        "updated_at": isoformat(annotation.updated_at),
        "sealed": annotation.sealed if annotation.visibility == PRIVATE else None,
        "body": json.loads(annotation.body_json)
        if annotation.visibility == SHARED and annotation.body_json
        else None,
    }


def document_for(session: Session, user: User, document_id: str) -> tuple[Document, Meeting]:
    """The document, if ``user`` takes part in its meeting: 404 if there is none in the
    user's organisation, 403 if there is one the user does not see."""
    row = session.execute(
        select(Document, Meeting)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(
            Document.id == document_id,
            Document.deleted_at.is_(None),
            Meeting.org_id == user.org_id,
        )
    ).first()
    if row is None:
        raise not_found("Không tìm thấy tài liệu.", "Document not found.")
    document, meeting = row
    if not _sees(session, user, meeting.id):
        raise _not_participant()
    return document, meeting


def _sees(session: Session, user: User, meeting_id: str) -> bool:
    found = session.scalar(
        select(Meeting.id).where(
            Meeting.id == meeting_id, Meeting.id.in_(visible_meeting_ids(user))
        )
    )
    return found is not None


def _version(session: Session, document: Document, sha256: str) -> DocumentVersion:
    version = session.scalars(
        select(DocumentVersion).where(
            DocumentVersion.document_id == document.id, DocumentVersion.sha256 == sha256
        )
    ).first()
    if version is None:
        raise ApiError(
            422,
            "unknown_version",
            "Phiên bản tài liệu mà ghi chú gắn vào không tồn tại.",
            f"The document has no version {sha256}.",
        )
    return version


def _check_body(body: AnnotationBody, version: DocumentVersion) -> None:
    problem = body_problem(body)
    if problem is not None:
        code, vi, en = problem
        status = 413 if code in {"note_too_long", "ink_too_large"} else 422
        raise ApiError(status, code, vi, en)
    if body.page >= version.pages:
        raise ApiError(
            422,
            "unknown_page",
            f"Tài liệu chỉ có {version.pages} trang; ghi chú gắn vào trang không tồn tại.",
            f"Page {body.page} (0-based) does not exist: the version has {version.pages} pages.",
        )


def save(
    session: Session, *, user: User, write: AnnotationWrite, client_id: str
) -> tuple[Annotation, Annotation | None]:
    """Create or update one annotation; returns it and the conflict copy made, if any."""
    if user.role_enum is Role.ADMIN:
        raise forbidden()
    if write.owner_id is not None and write.owner_id != user.id:
        raise _not_yours()
    existing = session.get(Annotation, write.id)
    if existing is not None and existing.owner_id != user.id:
        if existing.visibility == PRIVATE:
            raise not_found("Không tìm thấy ghi chú.", "Annotation not found.")
        raise _not_yours()
    if existing is not None and existing.document_id != write.document_id:
        raise ApiError(
            422,
            "document_mismatch",
            "Ghi chú này thuộc một tài liệu khác.",
            "The annotation belongs to another document.",
        )
    document, meeting = document_for(session, user, write.document_id)
    version = _version(session, document, write.version_sha256)
    if write.body is not None:
        _check_body(write.body, version)
    if write.sealed is not None and len(write.sealed) > MAX_SEALED_CHARS:
        raise ApiError(
            413,
            "note_too_large",
            "Ghi chú riêng quá lớn (giới hạn 1.000.000 ký tự sau khi mã hóa).",
            f"The sealed note exceeds the limit of {MAX_SEALED_CHARS} characters.",
        )
    body_json = (
        json.dumps(write.body.model_dump(), ensure_ascii=False, sort_keys=True)
        if write.body is not None
        else None
    )
    now = utcnow()
    copy: Annotation | None = None
    if existing is None:
        existing = Annotation(
            id=write.id, org_id=meeting.org_id, owner_id=user.id, meeting_id=meeting.id,
            document_id=document.id, revision=0, created_at=now,
        )  # fmt: skip
        session.add(existing)
    else:
        changed = (existing.sealed, existing.body_json, existing.deleted) != (
            write.sealed, body_json, write.deleted,
        )  # fmt: skip
        concurrent = write.base_revision < existing.revision and (
            existing.last_client_id != client_id
        )
        if changed and concurrent and not existing.deleted:
            copy = _conflict_copy(existing, now)
            session.add(copy)
    was_shared = existing.visibility == SHARED
    existing.version_sha256 = version.sha256
    existing.visibility = write.visibility
    existing.sealed = write.sealed
    existing.body_json = body_json
    existing.deleted = write.deleted
    existing.revision = (existing.revision or 0) + 1
    existing.last_client_id = client_id[:64]
    existing.updated_at = now
    session.flush()
    _record(session, existing, shared_before=was_shared)
    if copy is not None:
        _record(session, copy, shared_before=False)
    return existing, copy


def _conflict_copy(existing: Annotation, now: Any) -> Annotation:
    return Annotation(
        id=str(uuid.uuid4()),
        org_id=existing.org_id,
        owner_id=existing.owner_id,
        meeting_id=existing.meeting_id,
        document_id=existing.document_id,
        version_sha256=existing.version_sha256,
        visibility=existing.visibility,
        revision=1,
        deleted=False,
        conflict_of=existing.id,
        sealed=existing.sealed,
        body_json=existing.body_json,
        last_client_id=existing.last_client_id,
        created_at=existing.updated_at,
        updated_at=now,
    )


def _record(session: Session, annotation: Annotation, *, shared_before: bool) -> None:
    """A private annotation's change goes to its owner only; one that is or was shared
    goes to the meeting (whoever may no longer see it gets a tombstone)."""
    from ecabinet.server.services.changes import record_change  # changes loads these rows

    private_only = annotation.visibility == PRIVATE and not shared_before
    record_change(
        session,
        org_id=annotation.org_id,
        entity_type=EntityType.ANNOTATION,
        entity_id=annotation.id,
        meeting_id=annotation.meeting_id,
        audience_user_id=annotation.owner_id if private_only else None,
    )


def get(session: Session, *, user: User, annotation_id: str) -> Annotation:
    annotation = session.get(Annotation, annotation_id)
    if annotation is None or (
        annotation.owner_id != user.id
        and (annotation.visibility == PRIVATE or annotation.org_id != user.org_id)
    ):
        raise not_found("Không tìm thấy ghi chú.", "Annotation not found.")
    if annotation.owner_id != user.id and not _sees(session, user, annotation.meeting_id):
        raise _not_participant()
    return annotation


def for_document(session: Session, *, user: User, document_id: str) -> list[Annotation]:
    """The annotations of a document the user may read (own ones and shared ones)."""
    document_for(session, user, document_id)
    return list(
        session.scalars(
            select(Annotation)
            .where(Annotation.document_id == document_id, visible_to(user))
            .order_by(Annotation.created_at, Annotation.id)
        )
    )


def shared_comments(session: Session, *, user: User, document_id: str) -> list[dict[str, Any]]:
    """For the secretariat: which shared comments exist on a document, and by whom."""
    if user.role_enum is not Role.SECRETARIAT:
        raise forbidden()
    document_for(session, user, document_id)
    rows = session.execute(
        select(Annotation, User)
        .join(User, User.id == Annotation.owner_id)
        .where(Annotation.document_id == document_id, Annotation.visibility == SHARED)
        .order_by(Annotation.created_at, Annotation.id)
    ).all()
    out = []
    for annotation, author in rows:
        body = json.loads(annotation.body_json or "{}")
        out.append(
            {
                "id": annotation.id,
                "author_id": author.id,
                "author_name": author.full_name,
                "kind": body.get("kind", "note"),
                "page": body.get("page", 0),
                "text": body.get("text", ""),
                "deleted": annotation.deleted,
                "updated_at": isoformat(annotation.updated_at),
            }
        )
    return out


def meeting_annotations(session: Session, meeting: Meeting, user: User) -> list[dict[str, Any]]:
    """For a snapshot of ``meeting``: the annotations ``user`` may read in it."""
    rows = session.scalars(
        select(Annotation)
        .where(Annotation.meeting_id == meeting.id, visible_to(user))
        .order_by(Annotation.id)
    )
    return [payload(a) for a in rows]


def load(session: Session, user: User, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The pull feed's loader: a changed annotation the user may no longer read is
    answered by a tombstone."""
    rows = session.scalars(select(Annotation).where(Annotation.id.in_(ids), visible_to(user)))
    return {a.id: payload(a) for a in rows}
