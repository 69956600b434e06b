"""Password hashing (argon2id) and access tokens (short-lived JWT, HS256)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ecabinet.timeutil import utcnow

# argon2id, 64 MiB, 3 passes: the argon2-cffi defaults follow RFC 9106's second choice.
_hasher = PasswordHasher()
# Compared against when the username does not exist, so a wrong username costs as
# much time as a wrong password and timing tells nothing.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


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


def issue_access_token(
    secret: str, *, user_id: str, org_id: str, role: str, session_id: str, ttl: timedelta
) -> tuple[str, datetime]:
    now = utcnow()
    expires = now + ttl
    payload = {
        "sub": user_id,
        "org": org_id,
        "role": role,
        "sid": session_id,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "typ": "access",
    }
    return jwt.encode(payload, secret, algorithm="HS256"), expires


def decode_access_token(secret: str, token: str) -> AccessClaims:
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
        expires_at=datetime.fromtimestamp(int(payload["exp"]), tz=utcnow().tzinfo),
    )
