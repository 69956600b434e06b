"""Organisations, users, password logins, and the administration of accounts.

A login runs in three steps so that no password check ever holds a database write
lock: ``begin_login`` reads (throttle, user, device offer), the route checks the
password outside any transaction (a bounded number at once), and ``finish_login``
records the outcome in one short write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType, Role
from ecabinet.server.errors import ApiError, forbidden, not_found
from ecabinet.server.models import LoginSession, Organisation, RefreshToken, User
from ecabinet.server.security import hash_password
from ecabinet.server.services import audit, devices, sessions, throttle
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.devices import DeviceOffer
from ecabinet.server.services.keys import ServerKeys
from ecabinet.server.services.session_ended import EndReason
from ecabinet.server.services.sessions import IssuedTokens
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


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ApiError(
            422,
            "weak_password",
            f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
            f"A password needs {MIN_PASSWORD_LENGTH}+ characters.",
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


# -- password login ---------------------------------------------------------------
@dataclass(frozen=True)
class LoginAttempt:
    username: str  # as typed, normalised: the throttle's key whether or not it exists
    source: str
    user_id: str | None
    password_hash: str | None
    device: DeviceOffer | None


def begin_login(
    session: Session,
    *,
    username: str,
    source: str,
    device: dict[str, str] | None,
) -> LoginAttempt:
    """The reading half of a login, before the password is checked (no write lock)."""
    typed, username = username, normalise_username(username)
    offer = None
    if device is not None:
        offer = devices.check_offer(
            usernames=(username, typed),
            public_key=device["public_key"],
            label=device.get("label", ""),
            proof=device["proof"],
        )
        devices.refuse_if_revoked(session, offer=offer, username=username)
    require_not_throttled(session, username=username, source=source)
    user = session.execute(
        select(User.id, User.password_hash).where(User.username == username)
    ).first()
    return LoginAttempt(
        username=username,
        source=source,
        user_id=user.id if user else None,
        password_hash=user.password_hash if user else None,
        device=offer,
    )


def require_not_throttled(session: Session, *, username: str, source: str) -> None:
    wait = throttle.wait_needed(session, username=username, source=source, now=utcnow())
    if wait > 0:
        raise throttle.too_many_attempts(wait)


def finish_login(
    session: Session,
    keys: ServerKeys,
    settings: ServerSettings,
    *,
    attempt: LoginAttempt,
    password_ok: bool,
    label: str,
) -> IssuedTokens:
    """The writing half: count a failure (atomically) or start a session. Commits."""
    now = utcnow()
    user = session.get(User, attempt.user_id) if attempt.user_id else None
    if user is None or not password_ok or not user.is_active:
        # Unknown usernames are counted exactly like known ones: same answer, same delay.
        throttle.record_failure(
            session, settings, username=attempt.username, source=attempt.source, now=now
        )
        if user is not None:
            session.execute(
                update(User)
                .where(User.id == user.id)
                .values(failed_logins=User.failed_logins + 1)
                .execution_options(synchronize_session=False)
            )
            audit.record(
                session,
                action="auth.login_failed",
                actor_user_id=user.id,
                org_id=user.org_id,
                object_type="user",
                object_id=user.id,
                details={"source": attempt.source},
            )
        session.commit()
        raise bad_credentials()
    throttle.record_success(session, username=attempt.username, source=attempt.source)
    user.failed_logins = 0
    user.locked_until = None
    device = (
        devices.bind_device(session, user=user, offer=attempt.device) if attempt.device else None
    )
    tokens = sessions.start(
        session,
        keys,
        settings,
        user=user,
        label=label,
        source=attempt.source,
        device_key_id=device.key_id if device else None,
    )
    audit.record(
        session,
        action="auth.login",
        actor_user_id=user.id,
        org_id=user.org_id,
        object_type="session",
        object_id=tokens.session_id,
        details={
            "client": label[:200],
            "source": attempt.source,
            "device_key_id": device.key_id if device else None,
        },
    )
    session.commit()
    return tokens


def purge_expired_tokens(session: Session, *, older_than: timedelta) -> None:
    """Forget sessions (and their tokens) that ended or expired before ``older_than`` ago."""
    cutoff = utcnow() - older_than
    stale = select(LoginSession.id).where(
        (LoginSession.ended_at < cutoff) | (LoginSession.absolute_expires_at < cutoff)
    )
    session.execute(delete(RefreshToken).where(RefreshToken.session_id.in_(stale)))
    session.execute(delete(LoginSession).where(LoginSession.id.in_(stale)))


# -- administration ---------------------------------------------------------------
def list_accounts(session: Session, *, org_id: str | None) -> list[User]:
    query = select(User).order_by(User.username)
    if org_id is not None:
        query = query.where(User.org_id == org_id)
    return list(session.scalars(query))


def account_public(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "title": user.title,
        "role": user.role,
        "org_id": user.org_id,
        "active": user.is_active,
        "failed_logins": user.failed_logins,
    }


def find_user(session: Session, *, actor: User | None, user_id: str) -> User:
    """A user an administrator (``actor``; None: the server console) may manage."""
    user = session.get(User, user_id)
    if user is None or (actor is not None and user.org_id != actor.org_id):
        raise not_found("Không tìm thấy người dùng.", "User not found.")
    return user


def _require_admin_of(actor: User | None, user: User) -> None:
    if actor is None:
        return
    if actor.role != Role.ADMIN.value:
        raise forbidden()
    if actor.id == user.id:
        raise ApiError(
            409,
            "not_on_yourself",
            "Không thể tự khóa hoặc tự đặt lại mật khẩu của chính mình tại đây.",
            "An administrator cannot do this to their own account here.",
        )


def set_active(session: Session, *, actor: User | None, user: User, active: bool) -> int:
    """Disable (ending every session) or re-enable an account; returns sessions ended."""
    _require_admin_of(actor, user)
    ended = 0
    if user.is_active != active:
        user.is_active = active
        record_change(session, org_id=user.org_id, entity_type=EntityType.USER, entity_id=user.id)
    if not active:
        ended = sessions.end_user_sessions(
            session, user.id, EndReason.ACCOUNT_DISABLED, actor.id if actor else None
        )
    audit.record(
        session,
        action="user.enable" if active else "user.disable",
        actor_user_id=actor.id if actor else None,
        org_id=user.org_id,
        object_type="user",
        object_id=user.id,
        details={"username": user.username, "sessions_ended": ended},
    )
    return ended


def reset_password(session: Session, *, actor: User | None, user: User, password_hash: str) -> int:
    """Set a new password (hashed beforehand, outside the transaction); ends every session."""
    _require_admin_of(actor, user)
    user.password_hash = password_hash
    user.failed_logins = 0
    user.locked_until = None
    ended = sessions.end_user_sessions(
        session, user.id, EndReason.PASSWORD_RESET, actor.id if actor else None
    )
    audit.record(
        session,
        action="user.password_reset",
        actor_user_id=actor.id if actor else None,
        org_id=user.org_id,
        object_type="user",
        object_id=user.id,
        details={"username": user.username, "sessions_ended": ended},
    )
    return ended


def end_session(session: Session, *, actor: User | None, session_id: str) -> LoginSession:
    """An administrator ends one session (the user's next request is refused)."""
    login = session.get(LoginSession, session_id)
    owner = session.get(User, login.user_id) if login else None
    if login is None or owner is None or (actor is not None and owner.org_id != actor.org_id):
        raise not_found("Không tìm thấy phiên đăng nhập.", "Session not found.")
    if actor is not None and actor.role != Role.ADMIN.value:
        raise forbidden()
    ended = sessions.end_where(
        session, LoginSession.id == login.id, EndReason.ENDED_BY_ADMIN, actor.id if actor else None
    )
    session.refresh(login)
    audit.record(
        session,
        action="session.end",
        actor_user_id=actor.id if actor else None,
        org_id=owner.org_id,
        object_type="session",
        object_id=login.id,
        details={"user_id": owner.id, "ended": bool(ended)},
    )
    return login
