"""End-to-end encryption of private notes (docs/security.md, "Private notes").

- The *notes key*: 32 random bytes per user, made by the user's first device. Only the
  user's devices hold it (in the vault, like the signing key).
- Each device has an X25519 key pair; its public half is registered signed by the
  device's Ed25519 key (``notes_device_statement``), so another device of the user
  checks that it belongs to a device listed among the user's own before handing it
  the notes key.
- Handing over (``wrap_for``): static-static X25519 between the giving and the receiving
  device, HKDF-SHA256 naming both key ids, AES-256-GCM. The receiver derives the same
  secret only with the giver's registered key: a server cannot slip in a key of its own
  without a device of its own in the user's list (which the app shows the minister).
- Recovery (``wrap_with_code``): the key wrapped under scrypt(recovery code).
- A private record (``seal``): AES-256-GCM under the notes key over its canonical JSON,
  with the annotation's id, owner, document and version as associated data, so a server
  cannot move a body to another annotation or another user.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ecabinet.crypto.canonical import canonical_bytes
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64
from ecabinet.errors import IntegrityError

NOTES_KEY_BYTES = 32
NOTES_DEVICE_TYPE = "ecabinet.notes-device.v1"
_WRAP_INFO = b"ecabinet notes key wrap v1"
_SEAL_VERSION = b"\x01"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# 120 random bits, in Crockford-like base32 without look-alike letters, in groups of 4.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_CHARS = 24


class NotesKeyError(IntegrityError):
    """A wrapped key or a sealed note that does not open: wrong key, or tampered with."""


def _unreadable(what: str) -> NotesKeyError:
    return NotesKeyError(
        "Không mở được ghi chú riêng: khóa không đúng hoặc dữ liệu đã bị sửa.",
        code="notes_unreadable",
        message_en=f"{what} does not open with this key: wrong key or tampered with.",
    )


def _unb64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise _unreadable(what) from None


def new_notes_key() -> bytes:
    return os.urandom(NOTES_KEY_BYTES)


# -- device keys --------------------------------------------------------------
def new_device_box() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def box_from_b64(text: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(_unb64(text, "device key"))


def box_to_b64(box: X25519PrivateKey) -> str:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    return b64(box.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))


def box_public(box: X25519PrivateKey) -> bytes:
    return box.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def notes_device_statement(*, user_id: str, key_id: str, x25519_public: bytes) -> bytes:
    """What a device's Ed25519 key signs to vouch for its X25519 key."""
    return canonical_bytes(
        {
            "type": NOTES_DEVICE_TYPE,
            "user_id": user_id,
            "key_id": key_id,
            "x25519_public": b64(x25519_public),
        }
    )


def sign_notes_device(key: SigningKey, *, user_id: str, x25519_public: bytes) -> str:
    statement = notes_device_statement(
        user_id=user_id, key_id=key.key_id, x25519_public=x25519_public
    )
    return b64(key.sign(statement))


def notes_device_verifies(
    signing_public: str, *, user_id: str, key_id: str, x25519_public: str, signature: str
) -> bool:
    """Whether ``x25519_public`` was vouched for by the device key ``signing_public``."""
    try:
        verifying = VerifyingKey.from_b64(signing_public)
        public = _unb64(x25519_public, "device key")
        signed = _unb64(signature, "signature")
    except (NotesKeyError, ValueError):
        return False
    if verifying.key_id != key_id or len(public) != 32:
        return False
    statement = notes_device_statement(user_id=user_id, key_id=key_id, x25519_public=public)
    return verifying.verify(signed, statement)


# -- handing the key over ---------------------------------------------------------
def _kek(box: X25519PrivateKey, other: bytes, giver: str, receiver: str) -> bytes:
    shared = box.exchange(X25519PublicKey.from_public_bytes(other))
    info = b"|".join([_WRAP_INFO, giver.encode(), receiver.encode()])
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def wrap_for(
    box: X25519PrivateKey, notes_key: bytes, *, receiver_public: str, giver: str, receiver: str
) -> str:
    """The notes key, for the device ``receiver`` (key ids), from this device ``giver``."""
    public = _unb64(receiver_public, "device key")
    nonce = os.urandom(12)
    sealed = AESGCM(_kek(box, public, giver, receiver)).encrypt(nonce, notes_key, receiver.encode())
    return b64(nonce + sealed)


def unwrap_from(
    box: X25519PrivateKey, wrapped: str, *, giver_public: str, giver: str, receiver: str
) -> bytes:
    raw = _unb64(wrapped, "the wrapped notes key")
    public = _unb64(giver_public, "device key")
    try:
        key = AESGCM(_kek(box, public, giver, receiver)).decrypt(
            raw[:12], raw[12:], receiver.encode()
        )
    except (InvalidTag, ValueError):
        raise _unreadable("the wrapped notes key") from None
    if len(key) != NOTES_KEY_BYTES:
        raise _unreadable("the wrapped notes key")
    return key


# -- recovery code ------------------------------------------------------------------
def new_recovery_code() -> str:
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_CHARS))
    return "-".join(chars[i : i + 4] for i in range(0, CODE_CHARS, 4))


def _normalised_code(code: str) -> bytes:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.replace("O", "0").replace("I", "1").replace("L", "1").encode()


def _code_kek(code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_normalised_code(code))


def wrap_with_code(code: str, notes_key: bytes, *, user_id: str) -> dict[str, Any]:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = _code_kek(code, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(kek).encrypt(nonce, notes_key, user_id.encode())
    return {
        "salt": b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
        "wrapped": b64(nonce + sealed),
    }  # fmt: skip


def unwrap_with_code(code: str, blob: dict[str, Any], *, user_id: str) -> bytes:
    raw = _unb64(str(blob["wrapped"]), "the recovery copy")
    salt = _unb64(str(blob["salt"]), "the recovery copy")
    kek = _code_kek(code, salt, int(blob["n"]), int(blob["r"]), int(blob["p"]))
    try:
        key = AESGCM(kek).decrypt(raw[:12], raw[12:], user_id.encode())
    except (InvalidTag, ValueError):
        raise _unreadable("the recovery copy") from None
    return key


# -- private records ------------------------------------------------------------
def record_aad(*, origin_id: str, owner_id: str, document_id: str, version_sha256: str) -> bytes:
    """What a sealed body is bound to. A conflict copy keeps its original's id."""
    return canonical_bytes(
        {
            "id": origin_id,
            "owner_id": owner_id,
            "document_id": document_id,
            "version_sha256": version_sha256,
        }
    )


def seal(notes_key: bytes, body: dict[str, Any], aad: bytes) -> str:
    nonce = os.urandom(12)
    return b64(_SEAL_VERSION + nonce + AESGCM(notes_key).encrypt(nonce, canonical_bytes(body), aad))


def open_sealed(notes_key: bytes, sealed: str, aad: bytes) -> dict[str, Any]:
    raw = _unb64(sealed, "a private note")
    if raw[:1] != _SEAL_VERSION or len(raw) < 29:
        raise _unreadable("a private note")
    try:
        plain = AESGCM(notes_key).decrypt(raw[1:13], raw[13:], aad)
        value = json.loads(plain)
    except (InvalidTag, ValueError):
        raise _unreadable("a private note") from None
    if not isinstance(value, dict):
        raise _unreadable("a private note")
    return value
