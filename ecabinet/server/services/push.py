"""Push: apply a client's queued mutations exactly once, each answered on its own.

A retry of a mutation already seen (same user, client id and mutation id) gets the
stored answer and changes nothing. A business rejection is an answer too: it is
stored, and the mutations after it are still applied.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import SigningKey
from ecabinet.domain import MutationStatus, MutationType
from ecabinet.server.errors import ApiError
from ecabinet.server.models import AppliedMutation, Document, Meeting, User
from ecabinet.server.services import documents, opinions
from ecabinet.server.services.access import require_version
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.timeutil import parse_iso


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


Handler = Callable[[Session, User, dict[str, Any], PushContext], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}


def handler(mutation_type: MutationType) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[mutation_type.value] = fn
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
    # One pusher at a time: a retry racing its original sees the original's answers.
    lock_ordered_logs(session)
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
        context = PushContext(client_id, mutation.mutation_id, verifier)
        outcome = _apply_one(session, user, context, mutation)
        answered[mutation.mutation_id] = replace(outcome, duplicate=True)
        results.append(outcome)
    return results


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
        result = fn(session, user, mutation.payload, context)
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
    stored = {
        "code": outcome.code,
        "message": outcome.message,
        "message_en": outcome.message_en,
        "result": outcome.result,
    }
    session.add(
        AppliedMutation(
            user_id=user.id,
            client_id=context.client_id,
            mutation_id=mutation.mutation_id,
            mutation_type=mutation.type[:40],
            status=outcome.status,
            result_json=json.dumps(stored, ensure_ascii=False),
        )
    )
    return outcome


def _require(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str) or not value:
        raise Rejected(
            "malformed_mutation",
            "Dữ liệu gửi lên không hợp lệ.",
            f"Mutation payload lacks a valid {key!r}.",
        )
    return value


@handler(MutationType.MARK_READ)
def _mark_read(
    session: Session, user: User, payload: dict[str, Any], _context: PushContext
) -> dict[str, Any]:
    version = require_version(session, user, _require(payload, "document_version_id"))
    try:
        read_at = parse_iso(_require(payload, "read_at"))
    except ValueError as exc:
        raise Rejected("malformed_mutation", "Thời điểm đọc không hợp lệ.", str(exc)) from exc
    meeting = session.scalars(
        select(Meeting)
        .join(Document, Document.meeting_id == Meeting.id)
        .where(Document.id == version.document_id)
    ).one()
    read = documents.mark_read(
        session, user=user, version=version, meeting=meeting, read_at=read_at
    )
    return {"read_at": read.read_at.isoformat()}


@handler(MutationType.SUBMIT_OPINION)
def _submit_opinion(
    session: Session, user: User, payload: dict[str, Any], context: PushContext
) -> dict[str, Any]:
    envelope, signature = payload.get("envelope"), payload.get("signature")
    if not isinstance(envelope, str) or not isinstance(signature, str):
        raise Rejected(
            "malformed_envelope",
            opinions.REASONS_VI["malformed_envelope"],
            "submit_opinion needs an envelope string and a signature string.",
        )
    try:
        result = opinions.submit(
            context.verifier,
            client_id=context.client_id,
            mutation_id=context.mutation_id,
            envelope=envelope,
            signature=signature,
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
