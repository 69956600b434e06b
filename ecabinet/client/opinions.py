"""Sign opinions on the device, queue them, and check the server's receipts.

Signing needs no network: the ballot's signed definition, its papers and the device
key are all on the laptop. An answer binds the hash of the newest definition, checked
against the pinned server key first (``definitions.py``). The signed envelope and its
outbox entry are written in one transaction, so an opinion is either fully queued or
not at all.
"""

from __future__ import annotations

import json
import platform
from typing import TYPE_CHECKING, Any

from ecabinet.ballots.tally import CHOICE_VI
from ecabinet.client.credentials import SecretSlot
from ecabinet.client.definitions import (
    ENDORSED_SERVER_KEYS,
    SERVER_KEY,
    pinned_server_keys,
    verified_definition,
)
from ecabinet.client.vault import Vault
from ecabinet.crypto.device_proof import device_offer
from ecabinet.crypto.envelopes import (
    MalformedEnvelope,
    Signed,
    opinion_envelope,
    parse_opinion,
    sign,
)
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64
from ecabinet.crypto.server_keys import trusted_keys
from ecabinet.domain import MutationType
from ecabinet.errors import InputError, IntegrityError, KeyringUnavailable
from ecabinet.store import meta
from ecabinet.store.ballot_queries import answer_order
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.store.models import LocalBallot, LocalOpinion, OutboxEntry

DEVICE_KEY_ID = "device_key_id"


def device_slot(server_url: str, username: str, vault: Vault | None = None) -> SecretSlot:
    return SecretSlot("device-key", f"{server_url}|{username}", vault)


def load_device_key(slot: SecretSlot) -> SigningKey | None:
    seed = slot.load()
    return SigningKey.from_b64(seed) if seed else None


def ensure_device_key(slot: SecretSlot) -> SigningKey:
    """The device's key: made once, kept in the OS keyring.

    The server registers it only inside a password login that carries it
    (``device_login_offer``); no token alone can register a key.
    """
    key = load_device_key(slot)
    if key is None:
        if slot.unavailable is not None:
            raise slot.unavailable
        key = SigningKey.generate()
        if not slot.save(key.to_b64()):
            slot.delete()  # never keep a signing key outside the keyring, not even in memory
            assert slot.unavailable is not None
            raise slot.unavailable
    return key


def device_login_offer(key: SigningKey, username: str) -> dict[str, str]:
    """The ``device`` member of a login body: the key, a label, and its proof."""
    return device_offer(key, username=username, label=f"eCabinet – {platform.node()}"[:200])


def pin_server_key(session: Session, info: dict[str, Any]) -> None:
    """Remember the server's receipt key; a different key later means a different server,
    unless the server rotated to it and an endorsement chain from the pinned key vouches
    for it (``server_keys`` in server-info), in which case it is trusted too."""
    offered = str(info.get("server_key", {}).get("public_key", ""))
    pinned = meta.get(session, SERVER_KEY)
    if pinned is None:
        meta.put(session, SERVER_KEY, offered)
        return
    if pinned == offered:
        return
    trusted = trusted_keys(
        pinned_server_keys(session),
        [k.get("endorsement") or {} for k in info.get("server_keys") or [] if isinstance(k, dict)],
    )
    try:
        offered_id = VerifyingKey.from_b64(offered).key_id
    except ValueError:
        offered_id = ""
    if offered_id in trusted:
        anchor = VerifyingKey.from_b64(pinned).key_id
        endorsed = [b64(k.public_bytes) for kid, k in sorted(trusted.items()) if kid != anchor]
        meta.put(session, ENDORSED_SERVER_KEYS, json.dumps(endorsed))
        session.info.pop("pinned_keys", None)
    else:
        raise IntegrityError(
            "Khóa ký biên nhận của máy chủ đã thay đổi. Không gửi phiếu tới máy chủ này; "
            "hãy liên hệ Văn phòng Chính phủ.",
            code="server_key_changed",
            message_en="The server's receipt key changed since this device pinned it.",
        )


def _bound_documents(session: Session, ballot: LocalBallot) -> list[dict[str, str]]:
    """The version of each attached paper this device holds right now."""
    from ecabinet.store.models import LocalDocument, LocalDocumentVersion

    bound = []
    for document_id in json.loads(ballot.documents_json):
        doc = session.get(LocalDocument, document_id)
        version = (
            session.get(LocalDocumentVersion, doc.current_version_id)
            if doc and doc.current_version_id
            else None
        )
        if version is not None:
            bound.append(
                {"document_id": document_id, "version_id": version.id, "sha256": version.sha256}
            )
    return bound


def latest_opinion(session: Session, ballot_id: str) -> LocalOpinion | None:
    """The minister's current answer: the newest waiting one, else the last the server took."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalOpinion

    rows = session.scalars(select(LocalOpinion).where(LocalOpinion.ballot_id == ballot_id))
    # One refused before the server recorded it has no receipt; nothing can supersede it.
    candidates = [o for o in rows if o.state == "waiting" or o.seq is not None]
    return max(candidates, key=answer_order) if candidates else None


def checked_answer(
    session: Session, ballot_id: str, choice: str, comment: str
) -> tuple[LocalBallot, str, str]:
    """The ballot, the cleaned comment and the hash of the signed definition the answer
    would bind, if this answer may be signed; else InputError (or IntegrityError when the
    definition does not verify)."""
    from ecabinet.store.models import LocalBallot

    ballot = session.get(LocalBallot, ballot_id)
    if ballot is None:
        raise InputError(
            "Không tìm thấy phiếu này trên máy.", code="no_ballot", message_en="Unknown ballot."
        )
    # The options and comment rules checked here are the signed ones (they match the
    # ballot shown, or verified_definition refuses).
    definition_id, definition = verified_definition(session, ballot)
    if choice not in definition["options"]:
        raise InputError(
            "Hãy chọn một phương án.", code="no_choice", message_en="Choose an option."
        )
    comment = comment.strip()
    if choice in definition["comment_required"] and not comment:
        raise InputError(
            f"Phương án «{CHOICE_VI.get(choice, choice)}» cần ghi rõ ý kiến.",
            code="comment_required",
            message_en="This choice needs a comment.",
        )
    return ballot, comment, definition_id


def bound_documents(session: Session, ballot: LocalBallot) -> list[dict[str, str]]:
    """The papers an answer to ``ballot`` signed now would be bound to."""
    return _bound_documents(session, ballot)


def sign_opinion(
    session: Session, *, key: SigningKey, ballot_id: str, choice: str, comment: str
) -> LocalOpinion:
    """Sign and queue an answer (inside the writer's transaction)."""
    from ecabinet.store.models import LocalOpinion, OutboxEntry

    ballot, comment, definition_id = checked_answer(session, ballot_id, choice, comment)
    user_id = meta.get(session, meta.USER_ID)
    if user_id is None:
        raise InputError(
            "Hồ sơ chưa đăng nhập lần nào.", code="no_user", message_en="Not logged in yet."
        )
    previous = latest_opinion(session, ballot_id)
    mutation_id = meta.next_mutation_id(session)
    now = isoformat(utcnow()) or ""
    signed = sign(
        opinion_envelope(
            ballot_id=ballot.id,
            definition_hash=definition_id,
            choice=choice,
            comment=comment,
            documents=_bound_documents(session, ballot),
            user_id=user_id,
            device_key_id=key.key_id,
            client_id=meta.client_id(session),
            mutation_id=mutation_id,
            signed_at=now,
            supersedes=previous.id if previous is not None else None,
        ),
        key,
    )
    opinion = LocalOpinion(
        id=signed.id,
        ballot_id=ballot.id,
        mutation_id=mutation_id,
        envelope=signed.text,
        signature=signed.signature,
        choice=choice,
        comment=comment,
        signed_at=now,
        state="waiting",
    )
    session.add(opinion)
    session.add(
        OutboxEntry(
            mutation_id=mutation_id,
            type=MutationType.SUBMIT_OPINION.value,
            payload_json=json.dumps({"envelope": signed.text, "signature": signed.signature}),
            created_at=now,
        )
    )
    return opinion


def _trusted_keys(session: Session) -> dict[str, VerifyingKey]:
    # Looked up once per transaction: a push answer carries up to 500 receipts.
    if "pinned_keys" not in session.info:
        session.info["pinned_keys"] = {k.key_id: k for k in pinned_server_keys(session)}
    keys: dict[str, VerifyingKey] = session.info["pinned_keys"]
    return keys


def receipt_ok(
    session: Session, opinion_id: str, receipt: str | None, signature: str | None
) -> bool:
    """Does the receipt verify with a server key this profile trusts and name this opinion?"""
    if not (receipt and signature):
        return False
    try:
        body = json.loads(receipt)
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    key = _trusted_keys(session).get(str(body.get("server_key_id")))
    if key is None or not Signed(receipt, signature).verify(key):
        return False
    return bool(body.get("opinion_id") == opinion_id)


def reverify_receipts(session: Session) -> int:
    """Check again the receipts that did not verify (after the trusted keys grew);
    returns how many still do not."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalOpinion

    failing = 0
    for opinion in session.scalars(
        select(LocalOpinion).where(
            LocalOpinion.receipt.is_not(None), LocalOpinion.receipt_verified.is_(False)
        )
    ):
        receipt, signature = opinion.receipt, opinion.receipt_signature
        opinion.receipt = None  # apply_receipt skips a receipt it already holds
        if not apply_receipt(session, opinion, receipt, signature):
            failing += 1
    return failing


def record_outcome(session: Session, entry: OutboxEntry, answer: dict[str, Any]) -> bool:
    """Store the server's answer to a submitted opinion. False if its receipt did not verify."""
    from ecabinet.store.models import LocalOpinion

    payload = json.loads(entry.payload_json)
    opinion_id = Signed(payload["envelope"], payload["signature"]).id
    opinion = session.get(LocalOpinion, opinion_id)
    if opinion is None:
        return True
    result = answer.get("result") or {}
    opinion.state = "accepted" if answer["status"] == "applied" else "rejected"
    opinion.reason = answer.get("code")
    opinion.reason_message = answer.get("message")
    opinion.outdated = bool(result.get("outdated"))
    return apply_receipt(session, opinion, result.get("receipt"), result.get("receipt_signature"))


def apply_receipt(
    session: Session, opinion: LocalOpinion, receipt: str | None, signature: str | None
) -> bool:
    if not receipt:
        return True  # refused before it was recorded: no receipt exists
    if opinion.receipt_verified and opinion.receipt == receipt:
        return True  # the same receipt came back with the pull: checked already
    opinion.receipt = receipt
    opinion.receipt_signature = signature
    opinion.receipt_verified = receipt_ok(session, opinion.id, receipt, signature)
    if opinion.receipt_verified:
        body = json.loads(receipt)
        opinion.received_at = body.get("received_at")
        opinion.seq = body.get("seq")
    return opinion.receipt_verified


def merge_server_opinion(session: Session, data: dict[str, Any]) -> None:
    """An opinion as the server knows it (this device's, or another of this user's)."""
    from ecabinet.store.models import LocalOpinion

    opinion = session.get(LocalOpinion, data["id"])
    if opinion is None:
        try:
            env = parse_opinion(data["envelope"])
        except (MalformedEnvelope, KeyError):
            return
        opinion = LocalOpinion(
            id=data["id"],
            ballot_id=data["ballot_id"],
            mutation_id=None,
            envelope=data["envelope"],
            signature=data["signature"],
            choice=env["choice"],
            comment=env["comment"],
            signed_at=env["signed_at"],
            state="waiting",
        )
        session.add(opinion)
    opinion.state = data["status"]
    opinion.reason = data.get("reason")
    opinion.outdated = bool(data.get("outdated"))
    opinion.superseded_by = data.get("superseded_by")
    apply_receipt(session, opinion, data.get("receipt"), data.get("receipt_signature"))


__all__ = [
    "CHOICE_VI",
    "SERVER_KEY",
    "KeyringUnavailable",
    "device_login_offer",
    "device_slot",
    "ensure_device_key",
    "latest_opinion",
    "load_device_key",
    "merge_server_opinion",
    "pin_server_key",
    "pinned_server_keys",
    "record_outcome",
    "sign_opinion",
]
