"""Server keys a reader trusts: endorsement chains, forged endorsements, trust files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecabinet.crypto.keys import SigningKey, VerifyingKey
from ecabinet.crypto.server_keys import (
    TrustFileError,
    endorse,
    fingerprint,
    load_trust_file,
    trust_file,
    trusted_keys,
)

NOW = "2026-11-28T00:00:00Z"


def _item(signed) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"text": signed.text, "signature": signed.signature}


def _public(key: SigningKey) -> VerifyingKey:
    return VerifyingKey(key.public_bytes)


def test_a_rotated_key_is_trusted_through_its_endorsement_chain() -> None:
    first, second, third = SigningKey.generate(), SigningKey.generate(), SigningKey.generate()
    chain = [endorse(first, None, created_at=NOW), endorse(second, first, created_at=NOW),
             endorse(third, second, created_at=NOW)]  # fmt: skip
    trusted = trusted_keys([_public(first)], [_item(s) for s in reversed(chain)])
    assert set(trusted) == {first.key_id, second.key_id, third.key_id}


def test_a_key_the_document_carries_is_not_trusted_for_being_there() -> None:
    first, rogue = SigningKey.generate(), SigningKey.generate()
    self_signed = endorse(rogue, None, created_at=NOW)
    # The rogue key claims the trusted key as its predecessor but signs the claim itself.
    forged = endorse(rogue, rogue, created_at=NOW)
    text = forged.text.replace(rogue.key_id + '"}', first.key_id + '"}')
    items = [_item(self_signed), {"text": text, "signature": forged.signature}]
    assert set(trusted_keys([_public(first)], items)) == {first.key_id}


def test_malformed_endorsements_are_ignored() -> None:
    first = SigningKey.generate()
    items = [{"text": "{}", "signature": "x"}, {"nothing": 1}, {"text": "[", "signature": ""}]
    assert set(trusted_keys([_public(first)], items)) == {first.key_id}  # type: ignore[list-item]


def test_trust_files_round_trip_and_refuse_lies(tmp_path: Path) -> None:
    key = _public(SigningKey.generate())
    path = tmp_path / "trust.json"
    path.write_text(trust_file(server_url="https://ecabinet.test", keys=[key], exported_at=NOW))
    assert [k.key_id for k in load_trust_file(path)] == [key.key_id]
    other = _public(SigningKey.generate())
    path.write_text(path.read_text().replace(key.key_id, other.key_id))
    with pytest.raises(TrustFileError, match="SHA-256"):
        load_trust_file(path)
    path.write_text("not json")
    with pytest.raises(TrustFileError):
        load_trust_file(path)


def test_fingerprints_group_the_key_id() -> None:
    assert fingerprint("ab" * 32) == " ".join(["ABAB"] * 16)
