"""Opinion envelopes and receipts (docs/ballots.md): build, sign, check shape.

An opinion envelope of version 2 (``ecabinet.opinion.v2``) binds the hash of the
signed ballot definition the minister answered (``definition_hash``). Version 1
envelopes (``ballot_version`` instead) were signed before definitions were signed:
they still parse, so old records stay readable, but no server accepts a new one and
no recount counts one (docs/ballots.md, "Old envelopes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ecabinet.crypto.canonical import canonical_text, digest, parse_canonical
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64, unb64

OPINION_TYPE = "ecabinet.opinion.v2"
OPINION_V1_TYPE = "ecabinet.opinion.v1"
RECEIPT_TYPE = "ecabinet.receipt.v1"
CHAIN_HEAD_TYPE = "ecabinet.chain-head.v1"
CHOICES = ("agree", "disagree", "other")
GENESIS = "0" * 64
MAX_COMMENT = 20_000

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


class MalformedEnvelope(ValueError):
    pass


@dataclass(frozen=True)
class Signed:
    """A canonical JSON text and the base64 Ed25519 signature over its UTF-8 bytes."""

    text: str
    signature: str

    @property
    def id(self) -> str:
        return digest(self.text.encode("utf-8"))

    def verify(self, key: VerifyingKey) -> bool:
        try:
            signature = unb64(self.signature)
        except ValueError:
            return False
        return key.verify(signature, self.text.encode("utf-8"))


def sign(value: dict[str, Any], key: SigningKey) -> Signed:
    text = canonical_text(value)
    return Signed(text, b64(key.sign(text.encode("utf-8"))))


def opinion_envelope(
    *,
    ballot_id: str,
    definition_hash: str,
    choice: str,
    comment: str,
    documents: list[dict[str, str]],
    user_id: str,
    device_key_id: str,
    client_id: str,
    mutation_id: int,
    signed_at: str,
    supersedes: str | None,
) -> dict[str, Any]:
    return {
        "type": OPINION_TYPE,
        "ballot_id": ballot_id,
        "definition_hash": definition_hash,
        "choice": choice,
        "comment": comment,
        "documents": sorted(documents, key=lambda d: d["document_id"]),
        "user_id": user_id,
        "device_key_id": device_key_id,
        "client_id": client_id,
        "mutation_id": mutation_id,
        "signed_at": signed_at,
        "supersedes": supersedes,
    }


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise MalformedEnvelope(what)


_COMMON_FIELDS = frozenset((
    "type", "ballot_id", "choice", "comment", "documents", "user_id", "device_key_id",
    "client_id", "mutation_id", "signed_at", "supersedes",
))  # fmt: skip
_FIELDS = {
    OPINION_TYPE: _COMMON_FIELDS | {"definition_hash"},
    OPINION_V1_TYPE: _COMMON_FIELDS | {"ballot_version"},
}


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def parse_opinion(text: str) -> dict[str, Any]:
    """Parse and check the shape of an opinion envelope, v2 or v1 (not its signature)."""
    try:
        env = parse_canonical(text)
    except ValueError as exc:
        raise MalformedEnvelope(str(exc)) from exc
    kind = env.get("type")
    expected = _FIELDS.get(kind) if isinstance(kind, str) else None
    if expected is None:
        raise MalformedEnvelope("unknown envelope type")
    _need(set(env) == expected, f"fields must be exactly {sorted(expected)}")
    for name in ("ballot_id", "user_id", "client_id"):
        _need(isinstance(env[name], str) and bool(_ID.match(env[name])), f"bad {name}")
    for name in ("device_key_id", "definition_hash"):
        if name in env:
            _need(isinstance(env[name], str) and bool(_HEX64.match(env[name])), f"bad {name}")
    _need(_positive(env["mutation_id"]), "bad mutation_id")
    _need("ballot_version" not in env or _positive(env["ballot_version"]), "bad ballot_version")
    _need(isinstance(env["choice"], str), "bad choice")
    _need(isinstance(env["comment"], str) and len(env["comment"]) <= MAX_COMMENT, "bad comment")
    _need(
        isinstance(env["signed_at"], str) and bool(_TIME.match(env["signed_at"])), "bad signed_at"
    )
    supersedes = env["supersedes"]
    _need(supersedes is None or (isinstance(supersedes, str) and bool(_HEX64.match(supersedes))),
          "bad supersedes")  # fmt: skip
    docs = env["documents"]
    _need(isinstance(docs, list) and len(docs) <= 100, "bad documents")
    for doc in docs:
        _need(isinstance(doc, dict) and set(doc) == {"document_id", "version_id", "sha256"},
              "bad document entry")  # fmt: skip
        _need(all(isinstance(v, str) for v in doc.values()), "bad document entry")
        _need(bool(_HEX64.match(doc["sha256"])), "bad document sha256")
    ids = [d["document_id"] for d in docs]
    _need(ids == sorted(ids) and len(set(ids)) == len(ids), "documents must be sorted, unique")
    return env


def receipt(
    *,
    opinion_id: str,
    ballot_id: str,
    user_id: str,
    status: str,
    reason: str | None,
    outdated: bool,
    seq: int,
    prev: str,
    received_at: str,
    server_key_id: str,
) -> dict[str, Any]:
    return {
        "type": RECEIPT_TYPE,
        "opinion_id": opinion_id,
        "ballot_id": ballot_id,
        "user_id": user_id,
        "status": status,
        "reason": reason,
        "outdated": outdated,
        "seq": seq,
        "prev": prev,
        "received_at": received_at,
        "server_key_id": server_key_id,
    }


def chain_head(*, ballot_id: str, seq: int, hash_: str) -> dict[str, Any]:
    return {"type": CHAIN_HEAD_TYPE, "ballot_id": ballot_id, "seq": seq, "hash": hash_}
