"""Passwords (argon2id), access tokens (short-lived JWT, HS256 with a key id), refresh tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher, extract_parameters
from argon2 import low_level as argon2_core
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ecabinet.timeutil import utcnow

ffi = argon2_core.ffi
lib: Any = getattr(argon2_core, "lib")  # noqa: B009  (there, but not in its __all__)

# argon2id, 64 MiB, 3 passes, 4 lanes: the argon2-cffi defaults follow RFC 9106's
# second choice.
_hasher = PasswordHasher()
# Compared against when the username does not exist, so a wrong username costs as
# much time as a wrong password and timing tells nothing.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
REFRESH_DERIVATION = b"ecabinet.refresh-successor.v1\x00"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _unb64_nopad(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _argon2_one_thread(encoded: str, password: bytes) -> bool | None:
    """Recompute an argon2 hash on one thread; None if the hash is not one we can parse.

    libargon2 fills the lanes of a hash (4 here) on as many threads: one login would
    take every core of a small server. The same lanes computed on one thread give the
    same bytes, so a password check costs at most one core.
    """
    try:
        params = extract_parameters(encoded)
        parts = encoded.split("$")
        salt, expected = _unb64_nopad(parts[-2]), _unb64_nopad(parts[-1])
    except (InvalidHashError, ValueError, IndexError):
        return None
    out = ffi.new("uint8_t[]", len(expected))
    pwd = ffi.new("uint8_t[]", password)
    salt_buf = ffi.new("uint8_t[]", salt)
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": len(expected),
            "pwd": pwd,
            "pwdlen": len(password),
            "salt": salt_buf,
            "saltlen": len(salt),
            "secret": ffi.NULL,
            "secretlen": 0,
            "ad": ffi.NULL,
            "adlen": 0,
            "t_cost": params.time_cost,
            "m_cost": params.memory_cost,
            "lanes": params.parallelism,
            "threads": 1,
            "version": params.version,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": lib.ARGON2_DEFAULT_FLAGS,
        },
    )
    if lib.argon2_ctx(ctx, params.type.value) != lib.ARGON2_OK:
        return None
    return hmac.compare_digest(bytes(ffi.buffer(out, len(expected))), expected)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password (about 0.15 s of one core); None hash: the same cost, False."""
    encoded = password_hash or _DUMMY_HASH
    result = _argon2_one_thread(encoded, password.encode("utf-8"))
    if result is None:
        try:
            result = _hasher.verify(encoded, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            result = False
    return result and password_hash is not None


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def successor_refresh_token(secret: bytes, token: str) -> str:
    """The token that replaces ``token``: derived, so a lost answer can be given again.

    Only its hash is stored; without the token secret nobody can compute it.
    """
    mac = hmac.new(secret, REFRESH_DERIVATION + token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def token_digest(token: str) -> str:
    # Refresh tokens are 256-bit random: a plain hash is enough, no KDF needed.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    org_id: str
    role: str
    session_id: str
    expires_at: datetime


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def access_claims(
    *, user_id: str, org_id: str, role: str, session_id: str, ttl: timedelta
) -> dict[str, Any]:
    now = utcnow()
    return {
        "sub": user_id,
        "org": org_id,
        "role": role,
        "sid": session_id,
        "iat": int(now.timestamp()),
        # Rounded up: a token never lives shorter than its lifetime (int() could leave
        # a one-second token less than a tenth of a second).
        "exp": math.ceil((now + ttl).timestamp()),
        "typ": "access",
    }


def encode_access_token(kid: str, secret: bytes, claims: dict[str, Any]) -> str:
    """Deterministic: the same claims, key id and secret give the same token (the claims in
    key order, as they come back from storage)."""
    return jwt.encode(dict(sorted(claims.items())), secret, algorithm="HS256", headers={"kid": kid})


def claims_expiry(claims: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(int(claims["exp"]), tz=utcnow().tzinfo)


def _key_id(token: str) -> str | None:
    """The ``kid`` of a JWT's header, read cheaply (jwt.decode checks it all afterwards)."""
    try:
        header = json.loads(base64.urlsafe_b64decode(_padded(token.split(".", 1)[0])))
    except (ValueError, UnicodeDecodeError):
        return None
    kid = header.get("kid") if isinstance(header, dict) else None
    return kid if isinstance(kid, str) else None


def _padded(text: str) -> str:
    return text + "=" * (-len(text) % 4)


def decode_access_token(
    secret_for: Callable[[str | None], bytes | None], token: str
) -> AccessClaims:
    """Verify with the token secret the token's ``kid`` names (old ones stay valid)."""
    secret = secret_for(_key_id(token))
    if secret is None:
        raise TokenInvalid("unknown key id")
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            options={"require": ["exp", "sub", "org", "role", "sid", "typ"]},
            leeway=0,
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenExpired from exc
    except jwt.PyJWTError as exc:
        raise TokenInvalid(str(exc)) from exc
    if payload.get("typ") != "access":
        raise TokenInvalid("not an access token")
    return AccessClaims(
        user_id=str(payload["sub"]),
        org_id=str(payload["org"]),
        role=str(payload["role"]),
        session_id=str(payload["sid"]),
        expires_at=claims_expiry(payload),
    )
