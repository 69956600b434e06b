"""Account administration and the organisation's directory."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from ecabinet.server.deps import CurrentUser, ReadSession, WriteSession
from ecabinet.server.models import Organisation, User
from ecabinet.server.schemas import UserCreate, UserPublic
from ecabinet.server.services import accounts, entities
from ecabinet.server.services.access import require_admin

router = APIRouter(prefix="/api/v1", tags=["admin"])


@router.get("/users")
def directory(session: ReadSession, user: CurrentUser) -> list[dict[str, Any]]:
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
