"""One named secret of an account, kept in the profile's vault.

The vault is the OS keyring, or without one a file sealed with a passphrase
(``ecabinet/client/vault.py``). A slot made without a vault uses the OS keyring
directly, as the previous release did. When the keyring refuses a secret nothing is
written to disk in its place: it lives in memory for this session and
``unavailable`` says why, so the interface can say what to do.
"""

from __future__ import annotations

import contextlib
import logging

from ecabinet.client.vault import (
    NO_KEYRING_HELP_EN,
    NO_KEYRING_HELP_VI,
    SERVICE,
    KeyringVault,
    Vault,
    keyring_unavailable,
    slot_key,
)
from ecabinet.errors import KeyringUnavailable

log = logging.getLogger(__name__)

__all__ = [
    "NO_KEYRING_HELP_EN",
    "NO_KEYRING_HELP_VI",
    "SERVICE",
    "SecretSlot",
    "keyring_unavailable",
]


class SecretSlot:
    """One named secret for one account, e.g. the refresh token of user U on server S."""

    def __init__(self, name: str, account: str, vault: Vault | None = None) -> None:
        self.name = name
        self.account = account
        self.vault = vault if vault is not None else KeyringVault()
        self._memory: str | None = None
        self.unavailable: KeyringUnavailable | None = None

    @property
    def _key(self) -> str:
        return slot_key(self.name, self.account)

    def load(self) -> str | None:
        if self._memory is not None:
            return self._memory
        try:
            return self.vault.get(self._key)
        except KeyringUnavailable as exc:
            self.unavailable = exc
            return None

    def save(self, secret: str) -> bool:
        """Store ``secret``; False when it could only be kept in memory."""
        try:
            self.vault.put(self._key, secret)
        except KeyringUnavailable as exc:
            log.warning("keyring unavailable: %s", exc.message_en)
            self.unavailable = exc
            self._memory = secret
            return False
        self._memory = None
        self.unavailable = None
        return True

    def delete(self) -> None:
        self._memory = None
        # Nothing stored, or no keyring: either way nothing remains.
        with contextlib.suppress(KeyringUnavailable):
            self.vault.delete(self._key)
