"""Secrets in the OS keyring (refresh token now, device key later).

Without a keyring (a headless Linux session has no Secret Service) nothing is
written to disk in its place: the secret lives in memory for this session and
the caller is told, so the interface can say what to do.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
from keyring.errors import KeyringError

from ecabinet.errors import KeyringUnavailable

log = logging.getLogger(__name__)
SERVICE = "eCabinet"

NO_KEYRING_HELP_VI = (
    "Máy tính này không có kho khóa bảo mật của hệ điều hành (keyring), nên eCabinet "
    "không thể ghi nhớ đăng nhập một cách an toàn; bạn sẽ phải nhập lại mật khẩu khi mở "
    "lại ứng dụng. Trên Linux, hãy cài và mở khóa GNOME Keyring hoặc KWallet "
    "(ví dụ: sudo apt install gnome-keyring), rồi đăng nhập lại."
)
NO_KEYRING_HELP_EN = (
    "This computer has no OS keyring, so eCabinet cannot remember your login safely; "
    "you will have to enter your password again next time. On Linux, install and "
    "unlock GNOME Keyring or KWallet (e.g. sudo apt install gnome-keyring), then log in again."
)


def keyring_unavailable(detail: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        NO_KEYRING_HELP_VI, code="no_keyring", message_en=f"{NO_KEYRING_HELP_EN} ({detail})"
    )


class SecretSlot:
    """One named secret for one account, e.g. the refresh token of user U on server S."""

    def __init__(self, name: str, account: str) -> None:
        self.name = name
        self.account = account
        self._memory: str | None = None
        self.unavailable: KeyringUnavailable | None = None

    @property
    def _key(self) -> str:
        return f"{self.name}|{self.account}"

    def load(self) -> str | None:
        if self._memory is not None:
            return self._memory
        try:
            return keyring.get_password(SERVICE, self._key)
        except KeyringError as exc:
            self.unavailable = keyring_unavailable(str(exc))
            return None

    def save(self, secret: str) -> bool:
        """Store ``secret``; False when it could only be kept in memory."""
        try:
            keyring.set_password(SERVICE, self._key, secret)
        except KeyringError as exc:
            log.warning("keyring unavailable: %s", exc)
            self.unavailable = keyring_unavailable(str(exc))
            self._memory = secret
            return False
        self._memory = None
        self.unavailable = None
        return True

    def delete(self) -> None:
        self._memory = None
        # Nothing stored, or no keyring: either way nothing remains.
        with contextlib.suppress(KeyringError):
            keyring.delete_password(SERVICE, self._key)
