"""The small exception tree the core raises; the UI shows them in one place.

Every error carries a stable ``code`` (for programs and tests) and a Vietnamese
message for people; ``message_en`` is the English text when the UI speaks English.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    AUTH = "auth"  # wrong password, session ended: ask the user to log in again
    NETWORK = "network"  # server unreachable: keep working offline
    SERVER = "server"  # server answered with an error it should not have
    PROTOCOL = "protocol"  # the server answered something we do not understand
    INTEGRITY = "integrity"  # a file or signature failed verification
    KEYRING = "keyring"  # no OS keyring to keep secrets in
    STORE = "store"  # the local store cannot be opened or upgraded
    INPUT = "input"  # the user gave something we cannot use


class ECabinetError(Exception):
    """Base of every error the core raises on purpose."""

    kind: ErrorKind = ErrorKind.SERVER

    def __init__(
        self,
        message: str,
        *,
        code: str = "error",
        message_en: str | None = None,
        kind: ErrorKind | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        self.code = code
        if kind is not None:
            self.kind = kind


class AuthError(ECabinetError):
    """Log in again. ``reason`` says why a session ended (``session_ended`` answers:
    logged_out, refresh_reuse, device_revoked, password_reset, account_disabled,
    ended_by_admin, expired, idle); ``wipe`` is the server's order to erase this
    profile (only for a revoked device)."""

    kind = ErrorKind.AUTH

    def __init__(
        self,
        message: str,
        *,
        code: str = "error",
        message_en: str | None = None,
        reason: str | None = None,
        wipe: bool = False,
    ) -> None:
        super().__init__(message, code=code, message_en=message_en)
        self.reason = reason
        self.wipe = wipe


class NetworkError(ECabinetError):
    kind = ErrorKind.NETWORK


class ServerError(ECabinetError):
    kind = ErrorKind.SERVER

    def __init__(self, message: str, *, status: int = 0, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.status = status


class IntegrityError(ECabinetError):
    kind = ErrorKind.INTEGRITY


class KeyringUnavailable(ECabinetError):
    kind = ErrorKind.KEYRING


class StoreError(ECabinetError):
    kind = ErrorKind.STORE


class InputError(ECabinetError):
    kind = ErrorKind.INPUT
