"""Signed ballot definitions on the laptop: keep what is pulled, check before signing.

The server signs each version of a ballot's definition (docs/ballots.md). The
laptop keeps every version it pulls, as signed, and before the minister signs an
answer checks the newest one against the server key pinned at first login: an
answer binds the hash of a definition this laptop verified, and is never signed for
one that does not verify, nor for one that differs from the ballot on screen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ecabinet.crypto.ballot_records import parse_definition
from ecabinet.crypto.canonical import digest
from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.errors import IntegrityError
from ecabinet.store import meta

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.store.models import LocalBallot, LocalBallotDefinition

SERVER_KEY = "server_key"  # base64 public key, pinned at first login (see opinions.py)
# Keys the server rotated to later, each reached from the pinned one by endorsements
# (ecabinet/crypto/server_keys.py): a JSON list of base64 public keys.
ENDORSED_SERVER_KEYS = "server_keys_endorsed"
# Definitions already verified, by (SHA-256 of the text, signature, key id): a minister
# answering 50 ballots offline verifies each definition once, not at every answer.
_VERIFIED: dict[tuple[str, str, str], dict[str, Any]] = {}
_VERIFIED_MAX = 512


def pinned_server_keys(session: Session) -> list[VerifyingKey]:
    """The server keys this profile trusts: the one pinned at first login, then every key
    the server rotated to that an endorsement chain from it vouches for."""
    pinned = meta.get(session, SERVER_KEY)
    if not pinned:
        return []
    texts = [pinned]
    try:
        endorsed = json.loads(meta.get(session, ENDORSED_SERVER_KEYS) or "[]")
    except ValueError:
        endorsed = []
    texts += [k for k in endorsed if isinstance(k, str)] if isinstance(endorsed, list) else []
    keys: list[VerifyingKey] = []
    for text in texts:
        try:
            keys.append(VerifyingKey.from_b64(text))
        except ValueError:
            continue
    return keys


def store_definitions(session: Session, ballots: Iterable[dict[str, Any]]) -> None:
    """Keep the signed definition each pulled ballot carries (drafts carry none).

    Kept even if it does not verify: signing then refuses, rather than quietly binding
    an older version.
    """
    from ecabinet.store.models import LocalBallotDefinition

    for data in ballots:
        signed = data.get("definition")
        if not isinstance(signed, dict):
            continue
        text, signature = signed.get("text"), signed.get("signature")
        version = signed.get("version")
        if not (isinstance(text, str) and isinstance(signature, str) and type(version) is int):
            continue
        definition_id = digest(text.encode("utf-8", "surrogatepass"))
        if session.get(LocalBallotDefinition, definition_id) is None:
            session.add(
                LocalBallotDefinition(
                    id=definition_id,
                    ballot_id=str(data["id"]),
                    version=version,
                    text=text,
                    signature=signature[:100],
                )
            )


def drop_orphans(session: Session) -> None:
    """Forget the definitions of ballots this laptop no longer holds."""
    from sqlalchemy import delete, select

    from ecabinet.store.models import LocalBallot, LocalBallotDefinition

    session.execute(
        delete(LocalBallotDefinition).where(
            LocalBallotDefinition.ballot_id.not_in(select(LocalBallot.id))
        )
    )


def _refuse(message: str, code: str, message_en: str) -> IntegrityError:
    return IntegrityError(message, code=code, message_en=message_en)


def _verified(record: LocalBallotDefinition, pinned: list[VerifyingKey]) -> dict[str, Any] | None:
    """The definition's content if its signature verifies with a pinned key, else None."""
    text_hash = digest(record.text.encode("utf-8", "surrogatepass"))
    for key in pinned:
        cached = _VERIFIED.get((text_hash, record.signature, key.key_id))
        if cached is not None:
            return cached
    try:
        value = parse_definition(record.text)
    except (ValueError, RecursionError):
        return None
    signer = {k.key_id: k for k in pinned}.get(str(value["server_key_id"]))
    if signer is None or not Signed(record.text, record.signature).verify(signer):
        return None
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[(text_hash, record.signature, signer.key_id)] = value
    return value


def signed_by_unknown_keys(session: Session) -> bool:
    """Does a kept definition name a server key this profile does not trust (yet)?

    After the server rotated its key, new definitions are signed with the new one: the
    sync then learns it through the endorsement chain (``SyncEngine.learn_rotated_keys``).
    """
    from sqlalchemy import select

    from ecabinet.store.models import LocalBallotDefinition

    trusted = {k.key_id for k in pinned_server_keys(session)}
    for text in session.scalars(select(LocalBallotDefinition.text)):
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if isinstance(value, dict) and str(value.get("server_key_id")) not in trusted:
            return True
    return False


def verified_definition(session: Session, ballot: LocalBallot) -> tuple[str, dict[str, Any]]:
    """The newest definition of the ballot, verified: its id (hash) and content."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalBallotDefinition

    record = session.scalars(
        select(LocalBallotDefinition)
        .where(LocalBallotDefinition.ballot_id == ballot.id)
        .order_by(LocalBallotDefinition.version.desc())
        .limit(1)
    ).first()
    if record is None:
        raise _refuse(
            "Phiếu này chưa có nội dung được máy chủ ký xác nhận; hãy đồng bộ rồi ký lại.",
            "definition_missing",
            "This ballot has no definition signed by the server yet: sync, then sign.",
        )
    value = _verified(record, pinned_server_keys(session))
    if value is None:
        raise _refuse(
            "Chữ ký của máy chủ trên nội dung phiếu không hợp lệ với khóa máy chủ đã ghim trên "
            "máy này. Không ký phiếu; hãy liên hệ Văn phòng Chính phủ.",
            "definition_unverified",
            "The ballot's definition does not verify with the server key this device pinned.",
        )
    shown = {
        "ballot_id": ballot.id,
        "question": ballot.question,
        "options": json.loads(ballot.options_json),
        "comment_required": sorted(json.loads(ballot.comment_required_json)),
    }
    if any(value[name] != shown[name] for name in shown):
        raise _refuse(
            "Nội dung phiếu hiển thị trên máy khác với nội dung máy chủ đã ký. Không ký phiếu; "
            "hãy đồng bộ lại hoặc liên hệ Văn phòng Chính phủ.",
            "definition_mismatch",
            "The ballot shown differs from the definition the server signed.",
        )
    return record.id, value
