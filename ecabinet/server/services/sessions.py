"""Login sessions: made by a password login, checked on every request, ended at once.

A session holds the refresh token chain of one login on one device. Refresh rotates
the token (each is spent by its first use); a spent token presented again within
``refresh_grace``, while its successor is unused, gets the same pair once (its answer
was lost); otherwise it is a copy and the session ends (``refresh_reuse``).
Ending a session (logout, reuse, device revoked, password reset, account disabled, an
administrator, expiry) refuses both of its tokens at the next request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ecabinet.server.models import LoginSession, RefreshToken, User
from ecabinet.server.security import (
    access_claims,
    claims_expiry,
    encode_access_token,
    new_refresh_token,
    successor_refresh_token,
    token_digest,
)
from ecabinet.server.services import audit
from ecabinet.server.services.keys import ServerKeys
from ecabinet.server.services.session_ended import EndReason, session_ended
from ecabinet.server.settings import ServerSettings
from ecabinet.timeutil import utcnow

# Spent refresh tokens are kept this long to recognise a copy presented later.
SPENT_TOKEN_MEMORY = timedelta(days=1)


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    user: User
    session_id: str
    device_key_id: str | None


# -- starting and refreshing -------------------------------------------------
def start(
    session: Session,
    keys: ServerKeys,
    settings: ServerSettings,
    *,
    user: User,
    label: str,
    source: str,
    device_key_id: str | None,
) -> IssuedTokens:
    """A new session for a password login just verified (the caller audits it)."""
    now = utcnow()
    login = LoginSession(
        user_id=user.id,
        device_key_id=device_key_id,
        client_label=label[:200],
        source=source[:64],
        created_at=now,
        last_used_at=now,
        idle_expires_at=now + settings.session_idle_ttl,
        absolute_expires_at=now + settings.session_absolute_ttl,
    )
    session.add(login)
    session.flush()
    issued, _row = _issue(
        session, keys, settings, user=user, login=login, token=new_refresh_token()
    )
    return issued


def _issue(
    session: Session,
    keys: ServerKeys,
    settings: ServerSettings,
    *,
    user: User,
    login: LoginSession,
    token: str,
) -> tuple[IssuedTokens, RefreshToken]:
    secret = keys.token_secret
    claims = access_claims(
        user_id=user.id,
        org_id=user.org_id,
        role=user.role,
        session_id=login.id,
        ttl=settings.access_token_ttl,
    )
    row = RefreshToken(
        user_id=user.id,
        session_id=login.id,
        token_hash=token_digest(token),
        expires_at=min(login.idle_expires_at, login.absolute_expires_at),
        access_claims_json=json.dumps(claims, sort_keys=True),
        kid=secret.kid,
    )
    session.add(row)
    session.flush()
    issued = IssuedTokens(
        access_token=encode_access_token(secret.kid, secret.secret, claims),
        access_expires_at=claims_expiry(claims),
        refresh_token=token,
        refresh_expires_at=row.expires_at,
        user=user,
        session_id=login.id,
        device_key_id=login.device_key_id,
    )
    return issued, row


def _reissue(
    keys: ServerKeys, user: User, login: LoginSession, spent: str, successor: RefreshToken
) -> IssuedTokens | None:
    """The pair first issued for ``successor``, again: same claims, same key, same bytes."""
    secret = keys.secret_for(successor.kid)
    if secret is None:
        return None
    token = successor_refresh_token(secret.secret, spent)
    if token_digest(token) != successor.token_hash:
        return None
    claims = json.loads(successor.access_claims_json)
    return IssuedTokens(
        access_token=encode_access_token(secret.kid, secret.secret, claims),
        access_expires_at=claims_expiry(claims),
        refresh_token=token,
        refresh_expires_at=successor.expires_at,
        user=user,
        session_id=login.id,
        device_key_id=login.device_key_id,
    )


_FRESH = {"populate_existing": True}  # past the identity map: another transaction wrote


def _fresh_token(session: Session, token_id: str) -> RefreshToken | None:
    query = select(RefreshToken).where(RefreshToken.id == token_id)
    return session.execute(query, execution_options=_FRESH).scalar_one_or_none()


def _fresh_login(session: Session, session_id: str) -> LoginSession:
    query = select(LoginSession).where(LoginSession.id == session_id)
    return session.execute(query, execution_options=_FRESH).scalar_one()


def refresh(
    session: Session, keys: ServerKeys, settings: ServerSettings, *, refresh_token: str
) -> IssuedTokens:
    """Rotate a refresh token. Raises (after committing what it decided) when refused."""
    presented = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token))
    ).first()
    if presented is None:
        raise session_ended(EndReason.EXPIRED)  # unknown, or forgotten long ago
    login = session.get(LoginSession, presented.session_id)
    if login is None:
        raise session_ended(EndReason.EXPIRED)
    if login.ended_at is not None:
        raise session_ended(login.end_reason or EndReason.EXPIRED)
    now = utcnow()
    if presented.used_at is None:
        # The atomic claim: of parallel refreshes of one token, exactly one spends it.
        claimed = session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == presented.id, RefreshToken.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:  # type: ignore[attr-defined]
            return _rotate(session, keys, settings, login, presented, refresh_token, now)
        # Another request spent it first (and has committed: the UPDATE waited for it).
        again = _fresh_token(session, presented.id)
        login = _fresh_login(session, login.id)
        if again is None or login.ended_at is not None:
            raise session_ended(login.end_reason or EndReason.EXPIRED)
        presented = again
    return _replay(session, keys, settings, login, presented, refresh_token, now)


def _rotate(
    session: Session,
    keys: ServerKeys,
    settings: ServerSettings,
    login: LoginSession,
    presented: RefreshToken,
    token: str,
    now: datetime,
) -> IssuedTokens:
    user = session.get(User, login.user_id)
    active = user is not None and user.is_active
    reason = _expiry_reason(login, now) if active else EndReason.ACCOUNT_DISABLED
    if user is None or reason is not None:
        reason = reason or EndReason.ACCOUNT_DISABLED
        _end(session, login, reason, actor=None)
        session.commit()  # the end is recorded although the request is refused
        raise session_ended(reason)
    login.last_used_at = now
    login.idle_expires_at = now + settings.session_idle_ttl
    issued, successor = _issue(
        session,
        keys,
        settings,
        user=user,
        login=login,
        token=successor_refresh_token(keys.token_secret.secret, token),
    )
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == presented.id)
        .values(successor_id=successor.id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(RefreshToken).where(
            RefreshToken.session_id == login.id,
            RefreshToken.used_at < now - SPENT_TOKEN_MEMORY,
        )
    )
    return issued


def _replay(
    session: Session,
    keys: ServerKeys,
    settings: ServerSettings,
    login: LoginSession,
    presented: RefreshToken,
    token: str,
    now: datetime,
) -> IssuedTokens:
    successor = _fresh_token(session, presented.successor_id) if presented.successor_id else None
    used_at = presented.used_at
    in_grace = used_at is not None and now - used_at <= settings.refresh_grace
    if in_grace and successor is not None and successor.used_at is None:
        claimed = session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == presented.id, RefreshToken.replayed_at.is_(None))
            .values(replayed_at=now)
            .execution_options(synchronize_session=False)
        )
        user = session.get(User, login.user_id)
        if claimed.rowcount == 1 and user is not None and user.is_active:  # type: ignore[attr-defined]
            again = _reissue(keys, user, login, token, successor)
            if again is not None:
                return again
    # A spent token came back too late, twice, or after its successor was used: a copy.
    _end(session, login, EndReason.REFRESH_REUSE, actor=None)
    audit.record(
        session,
        action="auth.refresh_reuse",
        actor_user_id=login.user_id,
        org_id=None,
        object_type="session",
        object_id=login.id,
    )
    session.commit()
    raise session_ended(EndReason.REFRESH_REUSE)


def _expiry_reason(login: LoginSession, now: datetime) -> EndReason | None:
    if now >= login.absolute_expires_at:
        return EndReason.EXPIRED
    if now >= login.idle_expires_at:
        return EndReason.IDLE
    return None


# -- ending ---------------------------------------------------------------------
def _end(session: Session, login: LoginSession, reason: EndReason, actor: str | None) -> None:
    end_where(session, LoginSession.id == login.id, reason, actor)
    session.refresh(login)


def end_where(session: Session, condition: Any, reason: EndReason, actor: str | None) -> int:
    """End every live session matching ``condition``; returns how many."""
    result = session.execute(
        update(LoginSession)
        .where(condition, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason=reason.value, ended_by=actor)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def end_user_sessions(
    session: Session, user_id: str, reason: EndReason, actor: str | None = None
) -> int:
    return end_where(session, LoginSession.user_id == user_id, reason, actor)


def end_device_sessions(
    session: Session, key_id: str, reason: EndReason, actor: str | None = None
) -> int:
    return end_where(session, LoginSession.device_key_id == key_id, reason, actor)


def logout(session: Session, *, refresh_token: str) -> LoginSession | None:
    """End the session a refresh token (current or spent) belongs to."""
    row = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token))
    ).first()
    login = session.get(LoginSession, row.session_id) if row else None
    if login is None or login.ended_at is not None:
        return None
    _end(session, login, EndReason.LOGGED_OUT, actor=login.user_id)
    audit.record(
        session,
        action="auth.logout",
        actor_user_id=login.user_id,
        org_id=None,
        object_type="session",
        object_id=login.id,
    )
    return login
