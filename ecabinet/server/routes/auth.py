"""Login, token refresh, logout."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ecabinet.server.deps import ContextDep, CurrentUser, WriteSession
from ecabinet.server.schemas import LoginIn, RefreshIn, TokensOut, UserPublic
from ecabinet.server.services import accounts
from ecabinet.server.services.accounts import IssuedTokens

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def _public(tokens: IssuedTokens) -> TokensOut:
    return TokensOut(
        access_token=tokens.access_token,
        access_expires_at=tokens.access_expires_at,
        refresh_token=tokens.refresh_token,
        refresh_expires_at=tokens.refresh_expires_at,
        user=UserPublic.model_validate(tokens.user, from_attributes=True),
    )


@router.post("/login")
def login(body: LoginIn, session: WriteSession, ctx: ContextDep) -> TokensOut:
    tokens = accounts.login(
        session,
        ctx.settings,
        username=body.username,
        password=body.password,
        label=body.client_label,
    )
    session.commit()
    return _public(tokens)


@router.post("/refresh")
def refresh(body: RefreshIn, session: WriteSession, ctx: ContextDep) -> TokensOut:
    tokens = accounts.refresh(session, ctx.settings, refresh_token=body.refresh_token)
    session.commit()
    return _public(tokens)


@router.post("/logout", status_code=204)
def logout(body: RefreshIn, session: WriteSession) -> Response:
    accounts.logout(session, refresh_token=body.refresh_token)
    session.commit()
    return Response(status_code=204)


@router.get("/me")
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)
