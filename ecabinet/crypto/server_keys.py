"""The server's signing keys as a reader trusts them: fingerprints, rotation, trust files.

A reader (a laptop that pinned the server's key at first login, or someone checking a
result bundle with ``ecabinet verify``) trusts one or more server keys it got by a
channel of its own. When the server rotates its key, the new key is *endorsed*: a
statement naming the new key, signed by the key it replaces. A key is trusted when a
chain of valid endorsements leads to it from a key the reader already trusts; a key
that a document merely carries is never trusted for being there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecabinet.crypto.canonical import parse_canonical
from ecabinet.crypto.envelopes import Signed, sign
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64, unb64

SERVER_KEY_TYPE = "ecabinet.server-key.v1"
TRUST_FILE_TYPE = "ecabinet.trust.v1"


def fingerprint(key_id: str) -> str:
    """A key id as people compare it aloud: 16 groups of four hex digits."""
    return " ".join(key_id[i : i + 4] for i in range(0, len(key_id), 4)).upper()


def endorse(new_key: SigningKey, previous: SigningKey | None, *, created_at: str) -> Signed:
    """The statement that ``new_key`` is the server's key, signed by the key it replaces.

    The first key of a server endorses itself (it can prove nothing more); a reader
    trusts it only because it pinned it or was given it.
    """
    statement = {
        "type": SERVER_KEY_TYPE,
        "key_id": new_key.key_id,
        "public_key": b64(new_key.public_bytes),
        "created_at": created_at,
        "previous_key_id": previous.key_id if previous else None,
    }
    return sign(statement, previous or new_key)


@dataclass(frozen=True)
class KeyStatement:
    key: VerifyingKey
    previous_key_id: str | None
    created_at: str
    signed: Signed


def parse_endorsement(text: str, signature: str) -> KeyStatement:
    """Parse an endorsement (not its signature); ValueError if it is not one."""
    value = parse_canonical(text)
    fields = {"type", "key_id", "public_key", "created_at", "previous_key_id"}
    if set(value) != fields or value["type"] != SERVER_KEY_TYPE:
        raise ValueError("not a server key statement")
    key = VerifyingKey(unb64(str(value["public_key"])))
    if key.key_id != value["key_id"]:
        raise ValueError("the key id is not the SHA-256 of the key")
    previous = value["previous_key_id"]
    if previous is not None and not isinstance(previous, str):
        raise ValueError("bad previous_key_id")
    return KeyStatement(key, previous, str(value["created_at"]), Signed(text, signature))


def trusted_keys(
    anchors: Iterable[VerifyingKey], endorsements: Iterable[dict[str, Any]]
) -> dict[str, VerifyingKey]:
    """Every key reachable from ``anchors`` through valid endorsements, by key id.

    ``endorsements`` are ``{"text": ..., "signature": ...}`` items as a bundle or the
    server publishes them; malformed or unverifiable ones are ignored.
    """
    trusted = {key.key_id: key for key in anchors}
    statements: list[KeyStatement] = []
    for item in endorsements:
        try:
            statements.append(parse_endorsement(str(item["text"]), str(item["signature"])))
        except (KeyError, TypeError, ValueError):
            continue
    grew = True
    while grew:
        grew = False
        for statement in statements:
            kid = statement.key.key_id
            signer = trusted.get(statement.previous_key_id or "")
            if kid not in trusted and signer is not None and statement.signed.verify(signer):
                trusted[kid] = statement.key
                grew = True
    return trusted


class TrustFileError(ValueError):
    pass


def trust_file(*, server_url: str, keys: Iterable[VerifyingKey], exported_at: str) -> str:
    """A trust file: the server keys a profile pinned, for ``ecabinet verify --trust-file``."""
    body = {
        "type": TRUST_FILE_TYPE,
        "server_url": server_url,
        "exported_at": exported_at,
        "server_keys": [
            {"key_id": k.key_id, "public_key": b64(k.public_bytes)}
            for k in sorted(keys, key=lambda k: k.key_id)
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def load_trust_file(path: Path) -> list[VerifyingKey]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TrustFileError(f"cannot read trust file {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("type") != TRUST_FILE_TYPE:
        raise TrustFileError(f"{path} is not an eCabinet trust file")
    keys: list[VerifyingKey] = []
    for item in data.get("server_keys") or []:
        try:
            key = VerifyingKey(unb64(str(item["public_key"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise TrustFileError(f"{path}: a server key is malformed ({exc})") from exc
        if item.get("key_id") != key.key_id:
            raise TrustFileError(f"{path}: a key id is not the SHA-256 of its key")
        keys.append(key)
    if not keys:
        raise TrustFileError(f"{path} names no server key")
    return keys
