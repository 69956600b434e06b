"""Reading sessions: the check on every request, and the administrators' listing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from ecabinet.server.models import LoginSession, User
from ecabinet.server.services.session_ended import EndReason
from ecabinet.timeutil import isoformat, utcnow


# -- the check on every request -------------------------------------------------------
@dataclass(frozen=True)
class LiveSession:
    user_id: str
    role: str
    user_active: bool
    user_updated_at: datetime
    ended_reason: str | None


_LIVE_QUERY = (
    select(
        LoginSession.user_id,
        LoginSession.ended_at,
        LoginSession.end_reason,
        LoginSession.idle_expires_at,
        LoginSession.absolute_expires_at,
        User.is_active,
        User.role,
        User.updated_at,
    )
    .join(User, User.id == LoginSession.user_id)
    .where(LoginSession.id == bindparam("sid"))
)


def check_live(conn: Connection, session_id: str) -> LiveSession | None:
    """One primary-key lookup (session joined to its user); None if there is no such session.

    ``ended_reason`` is None for a live session, else why it is over (an expiry that
    no refresh has recorded yet counts as over too).
    """
    row = conn.execute(_LIVE_QUERY, {"sid": session_id}).first()
    if row is None:
        return None
    reason: str | None = row.end_reason or (EndReason.EXPIRED if row.ended_at else None)
    if reason is None:
        now = utcnow()
        if now >= row.absolute_expires_at:
            reason = EndReason.EXPIRED
        elif now >= row.idle_expires_at:
            reason = EndReason.IDLE
        elif not row.is_active:
            reason = EndReason.ACCOUNT_DISABLED
    return LiveSession(row.user_id, row.role, row.is_active, row.updated_at, reason)


# -- administration -------------------------------------------------------------------
def list_sessions(
    session: Session, *, org_id: str | None, user_id: str | None = None, live_only: bool = True
) -> Sequence[tuple[LoginSession, User]]:
    query = select(LoginSession, User).join(User, User.id == LoginSession.user_id)
    if org_id is not None:
        query = query.where(User.org_id == org_id)
    if user_id is not None:
        query = query.where(LoginSession.user_id == user_id)
    if live_only:
        query = query.where(
            LoginSession.ended_at.is_(None), LoginSession.absolute_expires_at > utcnow()
        )
    rows = session.execute(query.order_by(User.username, LoginSession.created_at)).all()
    return [(s, u) for s, u in rows]


def session_public(login: LoginSession, user: User) -> dict[str, Any]:
    return {
        "id": login.id,
        "user_id": user.id,
        "username": user.username,
        "device_key_id": login.device_key_id,
        "client_label": login.client_label,
        "source": login.source,
        "created_at": isoformat(login.created_at),
        "last_used_at": isoformat(login.last_used_at),
        "idle_expires_at": isoformat(login.idle_expires_at),
        "absolute_expires_at": isoformat(login.absolute_expires_at),
        "ended_at": isoformat(login.ended_at),
        "end_reason": login.end_reason,
    }
