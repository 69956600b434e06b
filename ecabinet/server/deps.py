"""Typed dependencies for the routes: settings, sessions, the current user."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from ecabinet.crypto.keys import SigningKey
from ecabinet.server.blobstore import BlobStore
from ecabinet.server.errors import ApiError
from ecabinet.server.models import User
from ecabinet.server.security import TokenExpired, TokenInvalid, decode_access_token
from ecabinet.server.settings import ServerSettings


class UserCache:
    """Users by id for a few seconds: most requests need no database round trip for them.

    A deactivated account or a changed role takes effect within ``ttl`` seconds; the
    access token itself lives 10 minutes, so this adds little to that window.
    """

    def __init__(self, ttl: float = 5.0, size: int = 2048) -> None:
        self.ttl = ttl
        self.size = size
        self._entries: dict[str, tuple[float, User]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: str) -> User | None:
        with self._lock:
            entry = self._entries.get(user_id)
        if entry is None or time.monotonic() - entry[0] > self.ttl:
            return None
        return entry[1]

    def put(self, user: User) -> None:
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[user.id] = (time.monotonic(), user)


@dataclass
class AppContext:
    settings: ServerSettings
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    blobs: BlobStore
    token_secret: str
    epoch: str
    signing_key: SigningKey
    users: UserCache = field(default_factory=UserCache)


async def get_context(request: Request) -> AppContext:
    # async: FastAPI would run a plain function in the thread pool, a hop per request.
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


def _load_user(ctx: AppContext, user_id: str) -> User | None:
    user = ctx.users.get(user_id)
    if user is None:
        with ctx.reader() as session:
            user = session.get(User, user_id)
        if user is not None:
            ctx.users.put(user)
    return user


async def current_user(request: Request, ctx: ContextDep) -> User:
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
    user = ctx.users.get(claims.user_id) or await run_in_threadpool(_load_user, ctx, claims.user_id)
    if user is None or not user.is_active or user.role != claims.role:
        raise _unauthorized(
            "invalid_token", "Tài khoản không còn hiệu lực.", "The account is no longer valid."
        )
    return user


CurrentUser = Annotated[User, Depends(current_user)]
