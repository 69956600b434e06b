"""Ed25519 keys: device keys (seed in the OS keyring) and the server's receipt key."""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SEED_BYTES = 32


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def key_id(public_key: bytes) -> str:
    """A key's id: the hex SHA-256 of its raw 32-byte public key."""
    return hashlib.sha256(public_key).hexdigest()


class SigningKey:
    """An Ed25519 private key; the key object is built once (a receipt signs twice)."""

    __slots__ = ("_private", "key_id", "public_bytes", "seed")

    def __init__(self, seed: bytes) -> None:
        if len(seed) != SEED_BYTES:
            raise ValueError("an Ed25519 seed has 32 bytes")
        self.seed = seed
        self._private = Ed25519PrivateKey.from_private_bytes(seed)
        self.public_bytes = self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = key_id(self.public_bytes)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(os.urandom(SEED_BYTES))

    @classmethod
    def from_b64(cls, text: str) -> SigningKey:
        return cls(unb64(text))

    def to_b64(self) -> str:
        return b64(self.seed)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


class VerifyingKey:
    def __init__(self, public_bytes: bytes) -> None:
        if len(public_bytes) != 32:
            raise ValueError("an Ed25519 public key has 32 bytes")
        self.public_bytes = public_bytes
        self._key = Ed25519PublicKey.from_public_bytes(public_bytes)
        self.key_id = key_id(public_bytes)

    @classmethod
    def from_b64(cls, text: str) -> VerifyingKey:
        return cls(unb64(text))

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            self._key.verify(signature, data)
        except InvalidSignature:
            return False
        return True
