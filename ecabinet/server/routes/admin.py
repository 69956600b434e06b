"""Account administration, sessions, and the organisation's directory.

Every administrative action is audited, listings included (who looked at whose sessions).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from sqlalchemy import select

from ecabinet.server.deps import CurrentUser, ReadSession, WriteSession
from ecabinet.server.fields import OptionalUuidQuery, SessionIdPath, UserIdPath
from ecabinet.server.models import Organisation, User
from ecabinet.server.schemas import PasswordResetIn, UserCreate, UserPublic
from ecabinet.server.security import hash_password
from ecabinet.server.services import accounts, audit, entities, session_queries
from ecabinet.server.services.access import require_admin

router = APIRouter(prefix="/api/v1", tags=["admin"])
Json = dict[str, Any]


@router.get("/users")
def directory(session: ReadSession, user: CurrentUser) -> list[Json]:
    """Everyone in the caller's organisation: names and titles, nothing private."""
    rows = session.scalars(select(User).where(User.org_id == user.org_id).order_by(User.full_name))
    return [entities.user_payload(u) for u in rows]


@router.post("/admin/users", status_code=201)
def create_user(body: UserCreate, session: WriteSession, user: CurrentUser) -> UserPublic:
    require_admin(user)
    org = session.get(Organisation, user.org_id)
    assert org is not None
    created = accounts.create_user(
        session,
        org=org,
        username=body.username,
        full_name=body.full_name,
        title=body.title,
        role=body.role,
        password=body.password,
        actor_user_id=user.id,
    )
    session.commit()
    return UserPublic.model_validate(created, from_attributes=True)


@router.get("/admin/users")
def list_accounts(session: ReadSession, user: CurrentUser) -> list[Json]:
    """Accounts with their state (active, recent wrong passwords), for administrators."""
    require_admin(user)
    return [accounts.account_public(u) for u in accounts.list_accounts(session, org_id=user.org_id)]


@router.post("/admin/users/{user_id}/disable")
def disable_user(user_id: UserIdPath, session: WriteSession, user: CurrentUser) -> Json:
    """Disable an account: every session of it ends at once (reason account_disabled)."""
    require_admin(user)
    target = accounts.find_user(session, actor=user, user_id=user_id)
    ended = accounts.set_active(session, actor=user, user=target, active=False)
    session.commit()
    return {**accounts.account_public(target), "sessions_ended": ended}


@router.post("/admin/users/{user_id}/enable")
def enable_user(user_id: UserIdPath, session: WriteSession, user: CurrentUser) -> Json:
    require_admin(user)
    target = accounts.find_user(session, actor=user, user_id=user_id)
    accounts.set_active(session, actor=user, user=target, active=True)
    session.commit()
    return accounts.account_public(target)


@router.post("/admin/users/{user_id}/password")
def reset_password(
    user_id: UserIdPath, body: PasswordResetIn, session: WriteSession, user: CurrentUser
) -> Json:
    """Set a new password; every session of the account ends (reason password_reset)."""
    require_admin(user)
    accounts.check_new_password(body.password)
    # Hashed before the transaction begins: no write lock is held for argon2.
    password_hash = hash_password(body.password)
    target = accounts.find_user(session, actor=user, user_id=user_id)
    ended = accounts.reset_password(session, actor=user, user=target, password_hash=password_hash)
    session.commit()
    return {**accounts.account_public(target), "sessions_ended": ended}


@router.get("/admin/sessions")
def list_sessions(
    session: WriteSession,
    user: CurrentUser,
    user_id: OptionalUuidQuery = None,
    include_ended: bool = Query(default=False),
) -> list[Json]:
    """Sessions of the organisation (or of one user); live ones unless ``include_ended``."""
    require_admin(user)
    rows = session_queries.list_sessions(
        session, org_id=user.org_id, user_id=user_id, live_only=not include_ended
    )
    audit.record(
        session,
        action="session.list",
        actor_user_id=user.id,
        org_id=user.org_id,
        object_type="user" if user_id else "",
        object_id=user_id or "",
        details={"include_ended": include_ended, "count": len(rows)},
    )
    session.commit()
    return [session_queries.session_public(s, u) for s, u in rows]


@router.post("/admin/sessions/{session_id}/end")
def end_session(session_id: SessionIdPath, session: WriteSession, user: CurrentUser) -> Json:
    """End one session: its tokens are refused at their next use (reason ended_by_admin)."""
    require_admin(user)
    login = accounts.end_session(session, actor=user, session_id=session_id)
    owner = session.get(User, login.user_id)
    assert owner is not None
    session.commit()
    return session_queries.session_public(login, owner)
