"""Annotations (docs/annotations.md) and the wrapped private-notes key (docs/security.md).

Routes stay thin: the rules live in ``services/annotations.py`` and
``services/notes_keys.py``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from ecabinet.protocol_annotations import (
    AnnotationWrite,
    NotesDeviceIn,
    RecoveryBlob,
    WrappedKeyIn,
)
from ecabinet.server.deps import CurrentUser, ReadSession, WriteSession
from ecabinet.server.errors import ApiError
from ecabinet.server.fields import UUID_PATTERN, DocumentIdPath, KeyIdPath
from ecabinet.server.services import annotation_service, notes_keys

router = APIRouter(prefix="/api/v1", tags=["annotations"])
Json = dict[str, Any]
AnnotationIdPath = Annotated[
    str, Path(pattern=UUID_PATTERN, description="An annotation id (UUID).")
]


@router.get("/documents/{document_id}/annotations")
def list_annotations(
    document_id: DocumentIdPath, session: ReadSession, user: CurrentUser
) -> list[Json]:
    """The caller's own annotations of a document and the shared ones of its meeting."""
    found = annotation_service.for_document(session, user=user, document_id=document_id)
    return [annotation_service.payload(a) for a in found]


@router.get("/documents/{document_id}/shared-comments")
def list_shared_comments(
    document_id: DocumentIdPath, session: ReadSession, user: CurrentUser
) -> list[Json]:
    """For the secretariat: the shared comments on a document (never private notes)."""
    return annotation_service.shared_comments(session, user=user, document_id=document_id)


@router.get("/annotations/{annotation_id}")
def get_annotation(
    annotation_id: AnnotationIdPath, session: ReadSession, user: CurrentUser
) -> Json:
    return annotation_service.payload(
        annotation_service.get(session, user=user, annotation_id=annotation_id)
    )


@router.put("/annotations/{annotation_id}")
def put_annotation(
    annotation_id: AnnotationIdPath,
    body: AnnotationWrite,
    request: Request,
    session: WriteSession,
    user: CurrentUser,
) -> Json:
    """Create or replace one annotation (the app writes through the sync push instead)."""
    if body.id != annotation_id.lower():
        raise ApiError(
            422, "id_mismatch", "Mã ghi chú không khớp.", "The body's id differs from the URL's."
        )
    client = f"session:{getattr(request.state, 'session_id', '')}"
    saved, copy = annotation_service.save(session, user=user, write=body, client_id=client)
    session.commit()
    return {
        **annotation_service.payload(saved),
        "conflict_id": copy.id if copy is not None else None,
    }


@router.get("/notes/keys")
def notes_key_state(request: Request, session: ReadSession, user: CurrentUser) -> Json:
    """The caller's devices able to receive the notes key, its own wrapped copy, recovery."""
    device = notes_keys.session_device(session, user, getattr(request.state, "session_id", None))
    return notes_keys.state(session, user=user, device=device)


@router.put("/notes/devices/{key_id}")
def register_notes_device(
    key_id: KeyIdPath, body: NotesDeviceIn, request: Request, session: WriteSession,
    user: CurrentUser,
) -> Json:  # fmt: skip
    """The caller's own device registers its X25519 key, signed by its device key."""
    device = notes_keys.session_device(session, user, getattr(request.state, "session_id", None))
    notes_keys.register_device(session, user=user, device=device, key_id=key_id, offer=body)
    session.commit()
    return notes_keys.state(session, user=user, device=device)


@router.put("/notes/devices/{key_id}/wrapped")
def store_wrapped_key(
    key_id: KeyIdPath, body: WrappedKeyIn, request: Request, session: WriteSession,
    user: CurrentUser,
) -> Json:  # fmt: skip
    """The notes key, wrapped by one of the caller's devices for another of them."""
    device = notes_keys.session_device(session, user, getattr(request.state, "session_id", None))
    notes_keys.store_wrapped(session, user=user, device=device, key_id=key_id, body=body)
    session.commit()
    return notes_keys.state(session, user=user, device=device)


@router.put("/notes/recovery")
def store_recovery(
    body: RecoveryBlob, request: Request, session: WriteSession, user: CurrentUser
) -> Json:
    """The notes key wrapped under the minister's recovery code (replaces the last one)."""
    device = notes_keys.session_device(session, user, getattr(request.state, "session_id", None))
    notes_keys.store_recovery(session, user=user, blob=body)
    session.commit()
    return notes_keys.state(session, user=user, device=device)
