"""Typed dependencies for the routes: settings, sessions, the current user."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ecabinet.server.blobstore import BlobStore
from ecabinet.server.errors import ApiError
from ecabinet.server.models import User
from ecabinet.server.security import TokenExpired, TokenInvalid, decode_access_token
from ecabinet.server.settings import ServerSettings


@dataclass
class AppContext:
    settings: ServerSettings
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    blobs: BlobStore
    token_secret: str
    epoch: str


def get_context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


ContextDep = Annotated[AppContext, Depends(get_context)]


def read_session(ctx: ContextDep) -> Iterator[Session]:
    with ctx.reader() as session:
        yield session


def write_session(ctx: ContextDep) -> Iterator[Session]:
    # Routes commit explicitly before answering; anything left uncommitted rolls back.
    with ctx.writer() as session:
        yield session


ReadSession = Annotated[Session, Depends(read_session)]
WriteSession = Annotated[Session, Depends(write_session)]


def _unauthorized(code: str, message: str, message_en: str) -> ApiError:
    return ApiError(
        401, code, message, message_en, headers={"WWW-Authenticate": f'Bearer error="{code}"'}
    )


def current_user(request: Request, ctx: ContextDep) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized("not_authenticated", "Cần đăng nhập.", "Authentication required.")
    try:
        claims = decode_access_token(ctx.token_secret, token.strip())
    except TokenExpired:
        raise _unauthorized(
            "token_expired", "Phiên truy cập đã hết hạn.", "The access token has expired."
        ) from None
    except TokenInvalid:
        raise _unauthorized(
            "invalid_token", "Mã truy cập không hợp lệ.", "The access token is invalid."
        ) from None
    with ctx.reader() as session:
        user = session.get(User, claims.user_id)
    if user is None or not user.is_active or user.role != claims.role:
        raise _unauthorized(
            "invalid_token", "Tài khoản không còn hiệu lực.", "The account is no longer valid."
        )
    return user


CurrentUser = Annotated[User, Depends(current_user)]
