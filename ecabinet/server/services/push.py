"""Push: apply a client's queued mutations exactly once, each answered on its own.

A retry of a mutation already seen (same user, client id and mutation id) gets the
stored answer and changes nothing. A business rejection is an answer too: it is
stored, and the mutations after it are still applied.

Each payload is checked against its type's schema before anything is written
(``PAYLOADS``). Should the database still refuse a row (a constraint, a value that
slipped through), the batch is rolled back and replayed with a savepoint per
mutation: the others are applied, the one refused is answered ``rejected``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, InternalError
from sqlalchemy.orm import Session

from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import SigningKey
from ecabinet.domain import MutationStatus, MutationType
from ecabinet.protocol_annotations import AnnotationWrite
from ecabinet.server.errors import ApiError
from ecabinet.server.models import AppliedMutation, Document, Meeting, User
from ecabinet.server.schemas import (
    MarkConsentPayload,
    MarkReadPayload,
    ReadingProgressPayload,
    SubmitOpinionPayload,
)
from ecabinet.server.services import annotation_service, consent, dashboard, documents, opinions
from ecabinet.server.services.access import require_document, require_version
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.server.validation_text import explain

log = logging.getLogger(__name__)

# Refusals by the database of what a mutation wrote: the data, not the connection.
# (OperationalError — a lost connection, a deadlock — fails the whole push: retry it.)
REFUSED_BY_DATABASE = (DataError, IntegrityError, InternalError)


class Rejected(Exception):
    """A business refusal. With ``keep`` the mutation's writes stay (a recorded rejection)."""

    def __init__(
        self,
        code: str,
        message: str,
        message_en: str,
        *,
        keep: bool = False,
        result: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en
        self.keep = keep
        self.result = result or {}


@dataclass
class Mutation:
    mutation_id: int
    type: str
    payload: dict[str, Any]


@dataclass
class MutationResult:
    mutation_id: int
    status: str
    duplicate: bool = False
    code: str | None = None
    message: str | None = None
    message_en: str | None = None
    result: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class PushContext:
    client_id: str
    mutation_id: int
    verifier: opinions.Verifier


Handler = Callable[[Session, User, Any, PushContext], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}
PAYLOADS: dict[str, type[BaseModel]] = {}
# The refusal code of a payload that fails its schema, per type.
_MALFORMED: dict[str, str] = {}


def handler(
    mutation_type: MutationType, payload: type[BaseModel], *, malformed: str = "malformed_mutation"
) -> Callable[[Handler], Handler]:
    """Register the handler of a mutation type; it receives the checked ``payload``."""

    def register(fn: Handler) -> Handler:
        _HANDLERS[mutation_type.value] = fn
        PAYLOADS[mutation_type.value] = payload
        _MALFORMED[mutation_type.value] = malformed
        return fn

    return register


def push(
    session: Session,
    *,
    user: User,
    client_id: str,
    mutations: list[Mutation],
    signing_key: SigningKey,
) -> list[MutationResult]:
    try:
        results = _push(session, user, client_id, mutations, signing_key, isolate=False)
        session.flush()  # the database's refusals surface here, not at the route's commit
        return results
    except REFUSED_BY_DATABASE as exc:
        log.warning("push: the database refused a row (%s); replaying one by one", exc.orig)
        session.rollback()
    return _push(session, user, client_id, mutations, signing_key, isolate=True)


def _push(
    session: Session,
    user: User,
    client_id: str,
    mutations: list[Mutation],
    signing_key: SigningKey,
    *,
    isolate: bool,
) -> list[MutationResult]:
    """Apply the batch. With ``isolate`` each mutation runs in a savepoint, flushed,
    so a row the database refuses is charged to its own mutation and no other.
    (Not the default: a savepoint per mutation halves push throughput.)"""
    # One pusher at a time: a retry racing its original sees the original's answers.
    lock_ordered_logs(session)
    verifier = _verifier(session, user, signing_key, mutations)
    answered = {
        row.mutation_id: _from_stored(row)
        for row in session.scalars(
            select(AppliedMutation).where(
                AppliedMutation.user_id == user.id,
                AppliedMutation.client_id == client_id,
                AppliedMutation.mutation_id.in_([m.mutation_id for m in mutations]),
            )
        )
    }
    results: list[MutationResult] = []
    for mutation in mutations:
        if mutation.mutation_id in answered:
            results.append(answered[mutation.mutation_id])
            continue
        if isolate:
            outcome, verifier = _apply_isolated(
                session, user, client_id, mutation, verifier, signing_key
            )
        else:
            outcome = _apply_one(
                session, user, PushContext(client_id, mutation.mutation_id, verifier), mutation
            )
        answered[mutation.mutation_id] = replace(outcome, duplicate=True)
        results.append(outcome)
    return results


def _verifier(
    session: Session, user: User, signing_key: SigningKey, mutations: list[Mutation]
) -> opinions.Verifier:
    verifier = opinions.Verifier(session, user, signing_key)
    verifier.expect(
        {
            Signed(m.payload["envelope"], m.payload["signature"]).id
            for m in mutations
            if m.type == MutationType.SUBMIT_OPINION.value
            and isinstance(m.payload.get("envelope"), str)
            and isinstance(m.payload.get("signature"), str)
        }
    )
    return verifier


def _apply_isolated(
    session: Session,
    user: User,
    client_id: str,
    mutation: Mutation,
    verifier: opinions.Verifier,
    signing_key: SigningKey,
) -> tuple[MutationResult, opinions.Verifier]:
    try:
        with session.begin_nested():
            outcome = _apply_one(
                session, user, PushContext(client_id, mutation.mutation_id, verifier), mutation
            )
            session.flush()
        return outcome, verifier
    except REFUSED_BY_DATABASE as exc:
        log.warning("push: mutation %s refused by the database: %s", mutation.mutation_id, exc.orig)
    outcome = MutationResult(
        mutation.mutation_id,
        MutationStatus.REJECTED.value,
        code="refused_by_database",
        message="Máy chủ không lưu được thao tác này vì dữ liệu không hợp lệ; "
        "các thao tác khác vẫn được thực hiện.",
        message_en="The database refused this mutation's data; the others were applied.",
    )
    _store_answer(session, user, client_id, mutation, outcome)
    # The verifier caches rows of the savepoint just rolled back: start a new one.
    return outcome, opinions.Verifier(session, user, signing_key)


def _from_stored(stored: AppliedMutation) -> MutationResult:
    data = json.loads(stored.result_json)
    return MutationResult(
        mutation_id=stored.mutation_id,
        status=stored.status,
        duplicate=True,
        code=data.get("code"),
        message=data.get("message"),
        message_en=data.get("message_en"),
        result=data.get("result", {}),
    )


def _apply_one(
    session: Session, user: User, context: PushContext, mutation: Mutation
) -> MutationResult:
    """Apply one mutation. Handlers check everything before they write anything, so a
    refusal needs no savepoint (a savepoint per mutation halved push throughput); a
    refusal raised with ``keep`` is a recorded rejection whose writes stay.
    """
    fn = _HANDLERS.get(mutation.type)
    outcome: MutationResult
    try:
        if fn is None:
            raise Rejected(
                "unknown_mutation",
                "Máy chủ không hỗ trợ thao tác này; hãy cập nhật ứng dụng.",
                f"Unknown mutation type {mutation.type!r}.",
            )
        result = fn(session, user, _checked_payload(mutation), context)
        outcome = MutationResult(mutation.mutation_id, MutationStatus.APPLIED.value, result=result)
    except (Rejected, ApiError) as exc:
        outcome = MutationResult(
            mutation.mutation_id,
            MutationStatus.REJECTED.value,
            code=exc.code,
            message=exc.message,
            message_en=exc.message_en,
            result=exc.result if isinstance(exc, Rejected) else {},
        )
    _store_answer(session, user, context.client_id, mutation, outcome)
    return outcome


def _store_answer(
    session: Session, user: User, client_id: str, mutation: Mutation, outcome: MutationResult
) -> None:
    stored = {
        "code": outcome.code,
        "message": outcome.message,
        "message_en": outcome.message_en,
        "result": outcome.result,
    }
    session.add(
        AppliedMutation(
            user_id=user.id,
            client_id=client_id,
            mutation_id=mutation.mutation_id,
            mutation_type=mutation.type[:40],
            status=outcome.status,
            result_json=json.dumps(stored, ensure_ascii=False),
        )
    )


def _checked_payload(mutation: Mutation) -> Any:
    """The payload checked against its type's schema, before anything is written."""
    try:
        return PAYLOADS[mutation.type].model_validate(mutation.payload)
    except ValidationError as exc:
        field, vi, en = explain(exc.errors(include_input=False))
        raise Rejected(
            _MALFORMED[mutation.type],
            f"Dữ liệu của thao tác không hợp lệ: {field} {vi}.",
            f"Invalid mutation payload: {field} {en}.",
        ) from None


@handler(MutationType.MARK_READ, MarkReadPayload)
def _mark_read(
    session: Session, user: User, payload: MarkReadPayload, _context: PushContext
) -> dict[str, Any]:
    version = require_version(session, user, payload.document_version_id)
    meeting = session.scalars(
        select(Meeting)
        .join(Document, Document.meeting_id == Meeting.id)
        .where(Document.id == version.document_id)
    ).one()
    read = documents.mark_read(
        session, user=user, version=version, meeting=meeting, read_at=payload.read_at
    )
    return {"read_at": read.read_at.isoformat()}


@handler(MutationType.SUBMIT_OPINION, SubmitOpinionPayload, malformed="malformed_envelope")
def _submit_opinion(
    session: Session, user: User, payload: SubmitOpinionPayload, context: PushContext
) -> dict[str, Any]:
    try:
        result = opinions.submit(
            context.verifier,
            client_id=context.client_id,
            mutation_id=context.mutation_id,
            envelope=payload.envelope,
            signature=payload.signature,
        )
    except opinions.OpinionRefused as exc:
        raise Rejected(exc.code, exc.message, exc.message_en) from None
    if result["status"] == "rejected":
        code = str(result["reason"])
        raise Rejected(
            code,
            opinions.REASONS_VI.get(code, code),
            opinions.REASONS_EN.get(code, code),
            keep=True,
            result=result,
        )
    return result


@handler(MutationType.SAVE_ANNOTATION, AnnotationWrite, malformed="malformed_annotation")
def _save_annotation(
    session: Session, user: User, payload: AnnotationWrite, context: PushContext
) -> dict[str, Any]:
    saved, copy = annotation_service.save(
        session, user=user, write=payload, client_id=context.client_id
    )
    return {"revision": saved.revision, "conflict_id": copy.id if copy is not None else None}


@handler(MutationType.MARK_CONSENT, MarkConsentPayload)
def _mark_consent(
    session: Session, user: User, payload: MarkConsentPayload, _context: PushContext
) -> dict[str, Any]:
    kept = consent.record(
        session,
        user=user,
        item_id=payload.agenda_item_id,
        mark=consent.Mark(payload.mark),
        reason=payload.reason,
        marked_at=payload.marked_at,
    )
    return {"mark": kept.mark, "marked_at": kept.marked_at.isoformat()}


@handler(MutationType.READING_PROGRESS, ReadingProgressPayload)
def _reading_progress(
    session: Session, user: User, payload: ReadingProgressPayload, _context: PushContext
) -> dict[str, Any]:
    document = require_document(session, user, payload.document_id)
    page = dashboard.record_progress(session, user=user, document=document, page=payload.page)
    return {"max_page": page}
