"""Where a profile's secrets live: the OS keyring, or a file sealed with a passphrase.

A profile holds three secrets: the profile key (it encrypts the local store and every
cached paper), the refresh token, and the device's signing seed. With an OS keyring
(GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager) they are kept
there. Without one nothing is kept in clear: the secrets go into ``vault.json`` in
the profile, encrypted with AES-256-GCM under a key derived from a passphrase the
minister chooses, with Argon2id (memory-hard: 64 MiB, 3 passes, 4 lanes, recorded in
the file with the salt, so a later release can raise them).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ecabinet.errors import InputError, KeyringUnavailable, StoreError
from ecabinet.fsutil import atomic_write_bytes

log = logging.getLogger(__name__)

SERVICE = "eCabinet"
KIND_KEYRING = "keyring"
KIND_PASSPHRASE = "passphrase"  # noqa: S105 (a kind, not a secret)
PROFILE_KEY = "profile-key"
# Secrets kept per account (server URL | username), named as the previous release named
# them in the keyring, so an upgraded profile keeps its login and its registered key.
ACCOUNT_SECRETS = ("refresh-token", "device-key", "notes-key", "notes-device-box")
MIN_PASSPHRASE = 8
VAULT_FORMAT = "ecabinet.vault.v1"
KDF_DEFAULTS = {"iterations": 3, "memory_kib": 64 * 1024, "lanes": 4}
# A vault file is data from disk: refuse parameters that would exhaust the machine.
KDF_LIMITS = {"iterations": (1, 64), "memory_kib": (8 * 1024, 4 * 1024 * 1024), "lanes": (1, 64)}

PassphraseNeed = Literal["none", "create", "unlock"]

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


def slot_key(name: str, account: str) -> str:
    return f"{name}|{account}"


def os_keyring_works() -> bool:
    """True when a real keyring answers: the configured backend, probed with a read.

    Backends that are no keyring at all (keyring's fail and null backends) or that keep
    secrets in a file of their own (keyrings.alt) do not count. The read itself is the
    test: a Secret Service without a D-Bus session raises here, not at import.
    """
    import keyring
    from keyring.backends import chainer, fail, null

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # any failure to pick a backend means none
        log.info("no keyring backend: %s", exc)
        return False
    if isinstance(backend, chainer.ChainerBackend):
        candidates = list(backend.backends)
    else:
        candidates = [backend]
    for candidate in candidates:
        if isinstance(candidate, fail.Keyring | null.Keyring):
            continue
        if type(candidate).__module__.startswith("keyrings.alt"):
            continue
        try:
            candidate.get_password(SERVICE, "probe")
        except Exception as exc:  # D-Bus errors are not all KeyringErrors
            log.info("keyring backend %s does not answer: %s", type(candidate).__name__, exc)
            continue
        return True
    return False


class Vault(ABC):
    """Named secrets of one profile. ``put`` raises KeyringUnavailable when it cannot."""

    kind: str

    @abstractmethod
    def get(self, key: str) -> str | None: ...

    @abstractmethod
    def put(self, key: str, secret: str) -> None: ...

    @abstractmethod
    def delete(self, key: str) -> None: ...

    @abstractmethod
    def wipe(self) -> None:
        """Remove every secret of this profile (remote wipe, a profile deleted)."""

    def profile_key(self) -> bytes | None:
        stored = self.get(PROFILE_KEY)
        return base64.b64decode(stored) if stored else None

    def new_profile_key(self) -> bytes:
        key = os.urandom(32)
        self.put(PROFILE_KEY, base64.b64encode(key).decode())
        return key


class KeyringVault(Vault):
    """Secrets in the OS keyring (``SecretSlot`` without a vault uses one directly)."""

    kind = KIND_KEYRING

    def __init__(self, profile_id: str = "", account: Callable[[], str | None] = lambda: None):
        self.profile_id = profile_id
        self._account = account

    def _entry(self, key: str) -> str:
        # One profile key per profile: two profiles of one account must not share it.
        return slot_key(PROFILE_KEY, self.profile_id) if key == PROFILE_KEY else key

    def get(self, key: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, self._entry(key))
        except KeyringError as exc:
            raise keyring_unavailable(str(exc)) from exc

    def put(self, key: str, secret: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, self._entry(key), secret)
        except KeyringError as exc:
            raise keyring_unavailable(str(exc)) from exc

    def delete(self, key: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, self._entry(key))
        except PasswordDeleteError:
            pass  # nothing stored: nothing remains
        except KeyringError as exc:
            raise keyring_unavailable(str(exc)) from exc

    def wipe(self) -> None:
        keys = [PROFILE_KEY]
        account = self._account()
        if account:
            keys += [slot_key(name, account) for name in ACCOUNT_SECRETS]
        for key in keys:
            self.delete(key)


def wrong_passphrase() -> InputError:
    return InputError(
        "Cụm mật khẩu không đúng (hoặc tệp khóa của hồ sơ đã bị hỏng). Hãy nhập lại.",
        code="wrong_passphrase",
        message_en="Wrong passphrase (or the profile's key file is damaged). Try again.",
    )


def passphrase_required() -> InputError:
    return InputError(
        "Máy tính này không có kho khóa bảo mật của hệ điều hành, nên tài liệu trên máy được "
        "bảo vệ bằng một cụm mật khẩu. Hãy nhập cụm mật khẩu của hồ sơ.",
        code="passphrase_required",
        message_en="This computer has no OS keyring, so the papers on it are protected by a "
        "passphrase. Enter the profile's passphrase.",
    )


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            f"Cụm mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự.",
            code="weak_passphrase",
            message_en=f"The passphrase needs at least {MIN_PASSPHRASE} characters.",
        )


def derive_key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    """Argon2id: cryptography's when it has one (43+ on OpenSSL 3.2+), else argon2-cffi's."""
    secret = passphrase.encode("utf-8")
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    except ImportError:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            secret, salt, time_cost=params["iterations"], memory_cost=params["memory_kib"],
            parallelism=params["lanes"], hash_len=32, type=Type.ID,
        )  # fmt: skip
    kdf = Argon2id(
        salt=salt, length=32, iterations=params["iterations"], lanes=params["lanes"],
        memory_cost=params["memory_kib"],
    )  # fmt: skip
    return kdf.derive(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class PassphraseVault(Vault):
    """Every secret in one file, sealed under a key derived from the passphrase.

    The derived key stays in memory while the profile is open (deriving costs about
    0.1 s and 64 MiB); each change rewrites the file atomically with a fresh nonce.
    The associated data binds the file to its profile id.
    """

    kind = KIND_PASSPHRASE

    def __init__(
        self, path: Path, profile_id: str, key: bytes, kdf: dict[str, Any], secrets: dict[str, str]
    ) -> None:
        self.path = path
        self.profile_id = profile_id
        self._key = key
        self._kdf = kdf
        self._secrets = secrets
        self._lock = threading.Lock()

    @classmethod
    def create(cls, path: Path, profile_id: str, passphrase: str) -> PassphraseVault:
        check_new_passphrase(passphrase)
        salt = os.urandom(16)
        kdf: dict[str, Any] = {"algorithm": "argon2id", "salt": _b64(salt), **KDF_DEFAULTS}
        vault = cls(path, profile_id, derive_key(passphrase, salt, KDF_DEFAULTS), kdf, {})
        vault._save()
        return vault

    @classmethod
    def unlock(cls, path: Path, profile_id: str, passphrase: str) -> PassphraseVault:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            kdf = data["kdf"]
            params = {name: int(kdf[name]) for name in KDF_DEFAULTS}
            salt = base64.b64decode(kdf["salt"])
            nonce = base64.b64decode(data["nonce"])
            sealed = base64.b64decode(data["ciphertext"])
            known = data["format"] == VAULT_FORMAT and kdf["algorithm"] == "argon2id"
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                "Tệp khóa của hồ sơ (vault.json) không đọc được.",
                code="vault_unreadable",
                message_en=f"The profile's key file cannot be read: {exc}",
            ) from exc
        in_range = all(lo <= params[name] <= hi for name, (lo, hi) in KDF_LIMITS.items())
        if not known or not in_range or len(salt) < 16 or len(nonce) != 12:
            raise StoreError(
                "Tệp khóa của hồ sơ (vault.json) không hợp lệ.",
                code="vault_unreadable",
                message_en="The profile's key file has an unknown format or parameters.",
            )
        key = derive_key(passphrase, salt, params)
        try:
            plain = AESGCM(key).decrypt(nonce, sealed, cls._aad(profile_id))
        except InvalidTag:
            raise wrong_passphrase() from None
        secrets = json.loads(plain)
        return cls(path, profile_id, key, kdf, {str(k): str(v) for k, v in secrets.items()})

    @staticmethod
    def _aad(profile_id: str) -> bytes:
        return f"{VAULT_FORMAT}|{profile_id}".encode()

    def _save(self) -> None:
        nonce = os.urandom(12)
        plain = json.dumps(self._secrets).encode()
        sealed = AESGCM(self._key).encrypt(nonce, plain, self._aad(self.profile_id))
        document = {
            "format": VAULT_FORMAT,
            "kdf": self._kdf,
            "nonce": _b64(nonce),
            "ciphertext": _b64(sealed),
        }
        atomic_write_bytes(self.path, json.dumps(document, indent=1).encode())

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._secrets.get(key)

    def put(self, key: str, secret: str) -> None:
        with self._lock:
            self._secrets[key] = secret
            self._save()

    def delete(self, key: str) -> None:
        with self._lock:
            if self._secrets.pop(key, None) is not None:
                self._save()

    def wipe(self) -> None:
        with self._lock:
            self._secrets.clear()
            self.path.unlink(missing_ok=True)
