"""Organisations, users, logins and refresh-token rotation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, Role
from ecabinet.server.db import new_id
from ecabinet.server.errors import ApiError
from ecabinet.server.models import Organisation, RefreshToken, User
from ecabinet.server.security import (
    hash_password,
    issue_access_token,
    new_refresh_token,
    token_digest,
    verify_password,
)
from ecabinet.server.services import audit
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.state import server_state
from ecabinet.server.settings import ServerSettings
from ecabinet.timeutil import utcnow

MIN_PASSWORD_LENGTH = 8


def bad_credentials() -> ApiError:
    # Same answer for an unknown user, a wrong password and a disabled account.
    return ApiError(
        401,
        "bad_credentials",
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "Wrong username or password.",
    )


def session_ended() -> ApiError:
    return ApiError(
        401,
        "session_ended",
        "Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.",
        "Your session has ended. Please log in again.",
    )


def ensure_organisation(session: Session, *, code: str, name: str) -> Organisation:
    org = session.scalars(select(Organisation).where(Organisation.code == code)).first()
    if org is None:
        org = Organisation(code=code, name=name)
        session.add(org)
        session.flush()
    return org


def create_user(
    session: Session,
    *,
    org: Organisation,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    title: str = "",
    actor_user_id: str | None = None,
) -> User:
    username = username.strip().lower()
    if not username or len(password) < MIN_PASSWORD_LENGTH:
        raise ApiError(
            422,
            "weak_password" if username else "invalid_username",
            f"Tên đăng nhập không được để trống; mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
            f"Username must not be empty; password needs {MIN_PASSWORD_LENGTH}+ characters.",
        )
    if session.scalars(select(User.id).where(User.username == username)).first():
        raise ApiError(
            409,
            "username_taken",
            f"Tên đăng nhập «{username}» đã có người dùng.",
            f"Username {username!r} is taken.",
        )
    user = User(
        org_id=org.id,
        username=username,
        full_name=full_name,
        title=title,
        role=role.value,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    record_change(session, org_id=org.id, entity_type=EntityType.USER, entity_id=user.id)
    audit.record(
        session,
        action="user.create",
        actor_user_id=actor_user_id,
        org_id=org.id,
        object_type="user",
        object_id=user.id,
        details={"username": username, "role": role.value},
    )
    return user


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    user: User


def _issue(
    session: Session, settings: ServerSettings, user: User, family_id: str, label: str
) -> IssuedTokens:
    state = server_state(session)
    refresh = new_refresh_token()
    refresh_expires = utcnow() + settings.refresh_token_ttl
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=token_digest(refresh),
            client_label=label[:200],
            expires_at=refresh_expires,
        )
    )
    access, access_expires = issue_access_token(
        state.token_secret,
        user_id=user.id,
        org_id=user.org_id,
        role=user.role,
        session_id=family_id,
        ttl=settings.access_token_ttl,
    )
    return IssuedTokens(access, access_expires, refresh, refresh_expires, user)


def login(
    session: Session, settings: ServerSettings, *, username: str, password: str, label: str = ""
) -> IssuedTokens:
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    now = utcnow()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        # Checked before the password so that a locked account cannot be probed.
        verify_password(None, password)
        raise ApiError(
            429,
            "locked",
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.",
            "Too many failed logins. Try again in a few minutes.",
            headers={"Retry-After": str(int((user.locked_until - now).total_seconds()) + 1)},
        )
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.is_active:
        if user is not None and not ok:
            user.failed_logins += 1
            if user.failed_logins >= settings.max_failed_logins:
                user.locked_until = now + settings.lockout_time
                user.failed_logins = 0
            audit.record(
                session,
                action="auth.login_failed",
                actor_user_id=user.id,
                org_id=user.org_id,
                object_type="user",
                object_id=user.id,
            )
            session.commit()
        raise bad_credentials()
    user.failed_logins = 0
    user.locked_until = None
    tokens = _issue(session, settings, user, new_id(), label)
    audit.record(
        session,
        action="auth.login",
        actor_user_id=user.id,
        org_id=user.org_id,
        object_type="user",
        object_id=user.id,
        details={"client": label[:200]},
    )
    return tokens


def refresh(session: Session, settings: ServerSettings, *, refresh_token: str) -> IssuedTokens:
    record = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token))
    ).first()
    now = utcnow()
    if record is None or record.revoked_at is not None or record.expires_at <= now:
        raise session_ended()
    if record.used_at is not None:
        # A rotated token came back: someone holds a copy. End that whole login.
        revoke_family(session, record.family_id)
        audit.record(
            session,
            action="auth.refresh_reuse",
            actor_user_id=record.user_id,
            org_id=None,
            object_type="session",
            object_id=record.family_id,
        )
        session.commit()
        raise session_ended()
    user = session.get(User, record.user_id)
    if user is None or not user.is_active:
        raise session_ended()
    record.used_at = now
    return _issue(session, settings, user, record.family_id, record.client_label)


def revoke_family(session: Session, family_id: str) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def logout(session: Session, *, refresh_token: str) -> None:
    record = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token))
    ).first()
    if record is not None:
        revoke_family(session, record.family_id)


def purge_expired_tokens(session: Session, *, older_than: timedelta) -> None:
    cutoff = utcnow() - older_than
    session.execute(
        RefreshToken.__table__.delete().where(RefreshToken.expires_at < cutoff)  # type: ignore[attr-defined]
    )
