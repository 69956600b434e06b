"""The proof a laptop gives when its signing key is registered: a signature over a
statement naming the account and the key, made with that very key.

Only a password login carries one (docs/sync-protocol.md, "Sessions"), so a stolen
refresh token can never bring a signing key of its own.
"""

from __future__ import annotations

from typing import Any

from ecabinet.crypto.canonical import canonical_text
from ecabinet.crypto.envelopes import Signed, sign
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64

REGISTRATION_TYPE = "ecabinet.device-registration.v1"


def registration_statement(*, username: str, public_key: str) -> dict[str, Any]:
    return {"type": REGISTRATION_TYPE, "username": username, "public_key": public_key}


def device_offer(key: SigningKey, *, username: str, label: str) -> dict[str, str]:
    """The ``device`` member of a login body."""
    public_key = b64(key.public_bytes)
    proof = sign(registration_statement(username=username, public_key=public_key), key)
    return {"public_key": public_key, "label": label, "proof": proof.signature}


def proof_verifies(key: VerifyingKey, *, username: str, public_key: str, proof: str) -> bool:
    text = canonical_text(registration_statement(username=username, public_key=public_key))
    return Signed(text, proof).verify(key)
