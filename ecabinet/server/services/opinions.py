"""Signed opinions: verify at the server's receive time, record, answer with a receipt.

The checks, their order and their reasons are those of docs/ballots.md. Only
authentic opinions (a valid signature by a key registered to the sender) enter a
ballot's record and receipt chain; anything else is refused without a record there
(the push log keeps the answer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.canonical import digest
from ecabinet.crypto.envelopes import (
    OPINION_TYPE,
    MalformedEnvelope,
    Signed,
    parse_opinion,
    receipt,
    sign,
)
from ecabinet.crypto.keys import SigningKey, VerifyingKey
from ecabinet.domain import EntityType
from ecabinet.server.errors import ApiError
from ecabinet.server.models import (
    Ballot,
    BallotDocument,
    BallotEligible,
    BallotRecord,
    Device,
    Document,
    DocumentVersion,
    Opinion,
    User,
)
from ecabinet.server.services.ballot_access import is_accepting, require_ballot
from ecabinet.server.services.ballot_chain import seal_if_ended
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.server.services.opinion_payload import opinion_payload
from ecabinet.timeutil import isoformat, utcnow

REASONS_VI = {
    "not_found": "Không tìm thấy phiếu lấy ý kiến này.",
    "malformed_envelope": "Phiếu gửi lên không đúng định dạng.",
    "wrong_identity": "Phiếu không thuộc tài khoản hoặc thiết bị đang gửi.",
    "unknown_device": "Thiết bị ký phiếu chưa được đăng ký với máy chủ.",
    "bad_signature": "Chữ ký trên phiếu không hợp lệ (phiếu đã bị sửa sau khi ký).",
    "device_revoked": "Thiết bị ký phiếu đã bị thu hồi quyền ký.",
    "not_eligible": "Bạn không thuộc danh sách được lấy ý kiến của phiếu này.",
    "ballot_changed": (
        "Nội dung phiếu đã thay đổi (hoặc phiếu được ký theo định dạng cũ) sau khi bạn ký; "
        "hãy trả lời lại."
    ),
    "ballot_closed": "Phiếu đã hết hạn hoặc đã đóng khi máy chủ nhận được ý kiến.",
    "invalid_choice": "Lựa chọn không hợp lệ.",
    "comment_required": "Lựa chọn này cần có ý kiến cụ thể.",
}
REASONS_EN = {
    "not_found": "No such ballot for this account.",
    "malformed_envelope": "The opinion envelope is malformed.",
    "wrong_identity": "The opinion is not from this account or device.",
    "unknown_device": "The signing device is not registered.",
    "bad_signature": "The signature does not verify (the opinion was altered after signing).",
    "device_revoked": "The signing device has been revoked.",
    "not_eligible": "You are not among the members asked on this ballot.",
    "ballot_changed": (
        "The ballot changed (or the opinion was signed in the old format) after you signed; "
        "answer again."
    ),
    "ballot_closed": "The ballot had closed when the server received the opinion.",
    "invalid_choice": "Not one of the ballot's options.",
    "comment_required": "This choice needs a comment.",
}


class OpinionRefused(Exception):
    """Refused before it could be recorded: not authentic, or no such ballot for this user."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.message = REASONS_VI.get(code, code)
        self.message_en = REASONS_EN.get(code, code) + (f" ({detail})" if detail else "")


@dataclass
class Verifier:
    """Per-push caches: a batch of 1,000 opinions looks up each key and ballot once."""

    session: Session
    user: User
    signing_key: SigningKey
    devices: dict[str, Device | None] = field(default_factory=dict)
    ballots: dict[str, Ballot] = field(default_factory=dict)
    eligible: dict[str, bool] = field(default_factory=dict)
    current: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    bindings: dict[tuple[str, str], bool] = field(default_factory=dict)

    keys: dict[str, VerifyingKey] = field(default_factory=dict)
    recorded: set[str] | None = None  # set by expect(); None: look each one up
    seen: dict[str, Opinion] = field(default_factory=dict)
    standing_answers: dict[str, Opinion | None] = field(default_factory=dict)

    def verifying_key(self, device: Device) -> VerifyingKey:
        if device.key_id not in self.keys:
            self.keys[device.key_id] = VerifyingKey.from_b64(device.public_key)
        return self.keys[device.key_id]

    def expect(self, opinion_ids: set[str]) -> None:
        """Learn in one query which of a push's opinions were recorded before."""
        self.recorded = set(
            self.session.scalars(select(Opinion.id).where(Opinion.id.in_(opinion_ids)))
        )

    def known(self, opinion_id: str) -> Opinion | None:
        """An opinion already recorded: earlier, or earlier in this very push."""
        if opinion_id in self.seen:
            return self.seen[opinion_id]
        if self.recorded is not None and opinion_id not in self.recorded:
            return None  # a new envelope: no lookup (a fifth of a push's time)
        # No autoflush: this push's pending rows are written once, at commit.
        with self.session.no_autoflush:
            return self.session.get(Opinion, opinion_id)

    def standing(self, ballot_id: str) -> Opinion | None:
        """This user's accepted, not superseded answer on a ballot (one query per ballot)."""
        if ballot_id not in self.standing_answers:
            with self.session.no_autoflush:
                self.standing_answers[ballot_id] = self.session.scalars(
                    select(Opinion).where(
                        Opinion.ballot_id == ballot_id,
                        Opinion.user_id == self.user.id,
                        Opinion.status == "accepted",
                        Opinion.superseded_by.is_(None),
                    )
                ).first()
        return self.standing_answers[ballot_id]

    def device(self, key_id: str) -> Device | None:
        if key_id not in self.devices:
            self.devices[key_id] = self.session.get(Device, key_id)
        return self.devices[key_id]

    def ballot(self, ballot_id: str) -> Ballot:
        if ballot_id not in self.ballots:
            self.ballots[ballot_id] = require_ballot(self.session, self.user, ballot_id)
        return self.ballots[ballot_id]

    def is_eligible(self, ballot: Ballot) -> bool:
        if ballot.id not in self.eligible:
            self.eligible[ballot.id] = (
                self.session.get(BallotEligible, (ballot.id, self.user.id)) is not None
            )
        return self.eligible[ballot.id]

    def binds_current(self, ballot: Ballot, definition_hash: str) -> bool:
        """Is this a definition of this ballot with the substance of its current one?

        A definition that differs only administratively (a later deadline, members
        added) still binds: what the member answered has not changed.
        """
        key = (ballot.id, definition_hash)
        if key not in self.bindings:
            with self.session.no_autoflush:
                bound = self.session.get(BallotRecord, definition_hash)
                current = (
                    self.session.get(BallotRecord, ballot.definition_id)
                    if ballot.definition_id
                    else None
                )
            self.bindings[key] = (
                bound is not None
                and current is not None
                and bound.kind == "definition"
                and bound.ballot_id == ballot.id
                and bound.substance == current.substance
            )
        return self.bindings[key]

    def current_versions(self, ballot: Ballot) -> set[tuple[str, str]]:
        if ballot.id not in self.current:
            rows = self.session.execute(
                select(Document.id, DocumentVersion.sha256)
                .join(BallotDocument, BallotDocument.document_id == Document.id)
                .join(DocumentVersion, DocumentVersion.id == Document.current_version_id)
                .where(BallotDocument.ballot_id == ballot.id, Document.deleted_at.is_(None))
            )
            self.current[ballot.id] = {(r[0], r[1]) for r in rows}
        return self.current[ballot.id]


def submit(
    verifier: Verifier, *, client_id: str, mutation_id: int, envelope: str, signature: str
) -> dict[str, Any]:
    """Decide on one opinion. Returns the outcome with its signed receipt.

    Raises OpinionRefused for what cannot be recorded (checks 1-5 of docs/ballots.md).
    """
    session, user = verifier.session, verifier.user
    try:
        env = parse_opinion(envelope)
    except MalformedEnvelope as exc:
        raise OpinionRefused("malformed_envelope", str(exc)) from None
    mine = env["user_id"] == user.id and env["client_id"] == client_id
    if not mine or env["mutation_id"] != mutation_id:
        raise OpinionRefused("wrong_identity")
    device = verifier.device(env["device_key_id"])
    if device is None or device.user_id != user.id:
        raise OpinionRefused("unknown_device")
    signed = Signed(envelope, signature)
    if not signed.verify(verifier.verifying_key(device)):
        raise OpinionRefused("bad_signature")
    opinion_id = signed.id
    existing = verifier.known(opinion_id)
    if existing is not None:
        return outcome(existing)
    try:
        ballot = verifier.ballot(env["ballot_id"])
    except ApiError:
        raise OpinionRefused("not_found") from None

    now = utcnow()
    # After its deadline a ballot's chain is sealed before anything else joins it.
    seal_if_ended(session, ballot, verifier.signing_key, now)
    reason = _recorded_rejection(verifier, ballot, device, env, now)
    outdated = {(d["document_id"], d["sha256"]) for d in env["documents"]} != (
        verifier.current_versions(ballot)
    )
    opinion = Opinion(
        id=opinion_id,
        ballot_id=ballot.id,
        user_id=user.id,
        device_key_id=device.key_id,
        envelope=envelope,
        signature=signature,
        choice=str(env["choice"])[:20],
        comment=env["comment"],
        status="rejected" if reason else "accepted",
        reason=reason,
        outdated=outdated and not reason,
        received_at=now,
    )
    if reason is None:
        previous = verifier.standing(ballot.id)
        if previous is not None:
            previous.superseded_by = opinion_id
        verifier.standing_answers[ballot.id] = opinion
    _sign_receipt(verifier.signing_key, ballot, opinion, now)
    session.add(opinion)
    verifier.seen[opinion_id] = opinion
    record_change(
        session,
        org_id=ballot.org_id,
        entity_type=EntityType.OPINION,
        entity_id=opinion_id,
        meeting_id=ballot.meeting_id,
        audience_user_id=user.id,
    )
    return outcome(opinion)


def submit_direct(
    session: Session,
    *,
    user: User,
    signing_key: SigningKey,
    ballot_id: str,
    client_id: str,
    mutation_id: int,
    envelope: str,
    signature: str,
) -> dict[str, Any]:
    # Receipts of a ballot are chained: one writer at a time, and the lock comes before
    # the ballot is read, so its chain head is the committed one.
    lock_ordered_logs(session)
    require_ballot(session, user, ballot_id)
    result = submit(
        Verifier(session, user, signing_key),
        client_id=client_id,
        mutation_id=mutation_id,
        envelope=envelope,
        signature=signature,
    )
    if result["ballot_id"] != ballot_id:
        raise OpinionRefused("malformed_envelope", "the envelope is for another ballot")
    return result


def _recorded_rejection(
    verifier: Verifier, ballot: Ballot, device: Device, env: dict[str, Any], now: datetime
) -> str | None:
    if device.revoked_at is not None and device.revoked_at <= now:
        return "device_revoked"
    if not verifier.is_eligible(ballot):
        return "not_eligible"
    # A v1 envelope binds no signed definition; a v2 one must bind this ballot's.
    if env["type"] != OPINION_TYPE or not verifier.binds_current(ballot, env["definition_hash"]):
        return "ballot_changed"
    if not is_accepting(ballot, now):
        return "ballot_closed"
    if env["choice"] not in json.loads(ballot.options_json):
        return "invalid_choice"
    if env["choice"] in json.loads(ballot.comment_required_json) and not env["comment"].strip():
        return "comment_required"
    return None


def _sign_receipt(key: SigningKey, ballot: Ballot, opinion: Opinion, now: datetime) -> None:
    seq = ballot.chain_seq + 1
    signed = sign(
        receipt(
            opinion_id=opinion.id,
            ballot_id=ballot.id,
            user_id=opinion.user_id,
            status=opinion.status,
            reason=opinion.reason,
            outdated=opinion.outdated,
            seq=seq,
            prev=ballot.chain_hash,
            received_at=isoformat(now) or "",
            server_key_id=key.key_id,
        ),
        key,
    )
    opinion.seq = seq
    opinion.receipt = signed.text
    opinion.receipt_signature = signed.signature
    ballot.chain_seq = seq
    ballot.chain_hash = digest(signed.text.encode("utf-8"))


def outcome(opinion: Opinion) -> dict[str, Any]:
    return {
        "opinion_id": opinion.id,
        "ballot_id": opinion.ballot_id,
        "status": opinion.status,
        "reason": opinion.reason,
        "outdated": opinion.outdated,
        "receipt": opinion.receipt,
        "receipt_signature": opinion.receipt_signature,
    }


__all__ = ["OpinionRefused", "Verifier", "opinion_payload", "outcome", "submit"]
