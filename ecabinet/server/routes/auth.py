"""Login, token refresh, logout (docs/sync-protocol.md, "Sessions")."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ecabinet.server.deps import AppContext, ContextDep, CurrentUser, WriteSession
from ecabinet.server.models import Device
from ecabinet.server.schemas import DevicePublic, LoginIn, RefreshIn, TokensOut, UserPublic
from ecabinet.server.security import verify_password
from ecabinet.server.services import accounts, entities, sessions
from ecabinet.server.services.sessions import IssuedTokens

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def _public(ctx: AppContext, session: Session, tokens: IssuedTokens) -> TokensOut:
    device = session.get(Device, tokens.device_key_id) if tokens.device_key_id else None
    return TokensOut(
        access_token=tokens.access_token,
        access_expires_at=tokens.access_expires_at,
        refresh_token=tokens.refresh_token,
        refresh_expires_at=tokens.refresh_expires_at,
        user=UserPublic.model_validate(tokens.user, from_attributes=True),
        session_id=tokens.session_id,
        device=DevicePublic.model_validate(entities.device_payload(device)) if device else None,
        offline_access_days=ctx.settings.offline_access_days,
    )


def _source(request: Request) -> str:
    return request.client.host if request.client else ""


def _begin(ctx: AppContext, body: LoginIn, source: str) -> accounts.LoginAttempt:
    with ctx.reader() as session:
        return accounts.begin_login(
            session,
            username=body.username,
            source=source,
            device=body.device.model_dump() if body.device else None,
        )


def _check_password(ctx: AppContext, attempt: accounts.LoginAttempt, password: str) -> bool:
    # The wait in the queue may have been long: failures meanwhile may throttle this key.
    with ctx.reader() as session:
        accounts.require_not_throttled(session, username=attempt.username, source=attempt.source)
    return verify_password(attempt.password_hash, password)


def _finish(ctx: AppContext, attempt: accounts.LoginAttempt, ok: bool, label: str) -> TokensOut:
    with ctx.writer() as session:
        tokens = accounts.finish_login(
            session, ctx.keys, ctx.settings, attempt=attempt, password_ok=ok, label=label
        )
        return _public(ctx, session, tokens)


@router.post("/login")
async def login(body: LoginIn, request: Request, ctx: ContextDep) -> TokensOut:
    """Password login. The password check holds no database lock, and at most
    ``password_checks_at_once`` run at a time: waiting logins hold no thread either."""
    attempt = await run_in_threadpool(_begin, ctx, body, _source(request))
    loop = asyncio.get_running_loop()
    ok = await loop.run_in_executor(ctx.password_pool, _check_password, ctx, attempt, body.password)
    return await run_in_threadpool(_finish, ctx, attempt, ok, body.client_label)


@router.post("/refresh")
def refresh(body: RefreshIn, session: WriteSession, ctx: ContextDep) -> TokensOut:
    """Rotate the refresh token. Never registers a device: the session keeps its own."""
    tokens = sessions.refresh(session, ctx.keys, ctx.settings, refresh_token=body.refresh_token)
    answer = _public(ctx, session, tokens)
    session.commit()
    return answer


@router.post("/logout", status_code=204)
def logout(body: RefreshIn, session: WriteSession) -> Response:
    sessions.logout(session, refresh_token=body.refresh_token)
    session.commit()
    return Response(status_code=204)


@router.get("/me")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)
