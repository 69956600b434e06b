"""The private-notes cryptography on its own: what a hostile server could try with it."""

from __future__ import annotations

import pytest

from ecabinet.crypto import notes_keys as nk
from ecabinet.crypto.keys import SigningKey, b64

BODY = {
    "kind": "note",
    "page": 0,
    "text": "Đề nghị giữ nguyên điều 7",
    "rect": [1.0, 2.0, 3.0, 4.0],
}


def _aad(annotation_id: str, owner: str = "u1", sha: str = "a" * 64) -> bytes:
    return nk.record_aad(origin_id=annotation_id, owner_id=owner, document_id="d1",
                         version_sha256=sha)  # fmt: skip


def test_a_sealed_note_opens_only_where_it_was_sealed() -> None:
    key = nk.new_notes_key()
    sealed = nk.seal(key, BODY, _aad("n1"))
    assert "giữ nguyên".encode() not in sealed.encode() and "nguy" not in sealed
    assert nk.open_sealed(key, sealed, _aad("n1")) == BODY
    for moved in (_aad("n2"), _aad("n1", owner="u2"), _aad("n1", sha="b" * 64)):
        with pytest.raises(nk.NotesKeyError):
            nk.open_sealed(key, sealed, moved)  # a body moved to another note, person, version
    with pytest.raises(nk.NotesKeyError):
        nk.open_sealed(nk.new_notes_key(), sealed, _aad("n1"))
    flipped = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(nk.NotesKeyError):
        nk.open_sealed(key, flipped, _aad("n1"))


def test_the_key_is_handed_over_only_between_the_two_named_devices() -> None:
    key = nk.new_notes_key()
    giver, receiver, server = nk.new_device_box(), nk.new_device_box(), nk.new_device_box()
    wrapped = nk.wrap_for(giver, key, receiver_public=b64(nk.box_public(receiver)),
                          giver="g" * 64, receiver="r" * 64)  # fmt: skip
    opened = nk.unwrap_from(receiver, wrapped, giver_public=b64(nk.box_public(giver)),
                            giver="g" * 64, receiver="r" * 64)  # fmt: skip
    assert opened == key
    with pytest.raises(nk.NotesKeyError):  # a server claiming its own key gave it
        nk.unwrap_from(receiver, wrapped, giver_public=b64(nk.box_public(server)),
                       giver="g" * 64, receiver="r" * 64)  # fmt: skip
    with pytest.raises(nk.NotesKeyError):  # handed to another device id
        nk.unwrap_from(receiver, wrapped, giver_public=b64(nk.box_public(giver)),
                       giver="g" * 64, receiver="x" * 64)  # fmt: skip


def test_a_device_key_counts_only_with_its_device_signature() -> None:
    device, other = SigningKey.generate(), SigningKey.generate()
    box = nk.box_public(nk.new_device_box())
    signature = nk.sign_notes_device(device, user_id="u1", x25519_public=box)
    good = {"user_id": "u1", "key_id": device.key_id, "x25519_public": b64(box),
            "signature": signature}  # fmt: skip
    assert nk.notes_device_verifies(b64(device.public_bytes), **good)
    assert not nk.notes_device_verifies(b64(other.public_bytes), **good)
    assert not nk.notes_device_verifies(b64(device.public_bytes), **{**good, "user_id": "u2"})
    swapped = b64(nk.box_public(nk.new_device_box()))
    assert not nk.notes_device_verifies(
        b64(device.public_bytes), **{**good, "x25519_public": swapped}
    )


def test_the_recovery_code_opens_the_key_and_forgives_case_and_dashes() -> None:
    key = nk.new_notes_key()
    code = nk.new_recovery_code()
    assert len(code) == 29 and code.count("-") == 5
    blob = nk.wrap_with_code(code, key, user_id="u1")
    assert nk.unwrap_with_code(code.lower().replace("-", " "), blob, user_id="u1") == key
    with pytest.raises(nk.NotesKeyError):
        nk.unwrap_with_code(code, blob, user_id="u2")
    with pytest.raises(nk.NotesKeyError):
        nk.unwrap_with_code(nk.new_recovery_code(), blob, user_id="u1")
