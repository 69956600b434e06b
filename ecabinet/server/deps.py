"""Typed dependencies for the routes: settings, sessions, the current user."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
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
from ecabinet.server.services.keys import ServerKeys
from ecabinet.server.services.session_ended import EndReason, session_ended
from ecabinet.server.services.session_queries import check_live
from ecabinet.server.settings import ServerSettings


class UserCache:
    """Users by id, valid while their row's ``updated_at`` is unchanged.

    The session check reads ``updated_at`` (with ``is_active`` and ``role``) on every
    request anyway, so a cached user is never stale: a changed row reloads it, and a
    disabled account is refused by the check itself, never by the cache.
    """

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._entries: dict[str, User] = {}
        self._lock = threading.Lock()

    def get(self, user_id: str, updated_at: datetime) -> User | None:
        with self._lock:
            user = self._entries.get(user_id)
        if user is None or user.updated_at != updated_at:
            return None
        return user

    def put(self, user: User) -> None:
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[user.id] = user


@dataclass
class AppContext:
    settings: ServerSettings
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    blobs: BlobStore
    epoch: str
    keys: ServerKeys
    users: UserCache = field(default_factory=UserCache)
    _password_pool: ThreadPoolExecutor | None = None

    @property
    def local_database(self) -> bool:
        """SQLite: a read is a local file read in WAL mode, never waiting for a writer."""
        return self.engine.dialect.name == "sqlite"

    @cached_property
    def check_engine(self) -> Engine:
        # One statement, no transaction: on PostgreSQL that saves BEGIN and ROLLBACK.
        if self.local_database:
            return self.engine
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def signing_key(self) -> SigningKey:
        """The current receipt-signing key (older ones: ``keys.signing_keys``)."""
        return self.keys.signing_key

    @property
    def password_pool(self) -> ThreadPoolExecutor:
        """Where password checks run: ``password_checks_at_once`` threads, the rest queue
        (holding no request thread). The threads run at a lower CPU priority, so a flood
        of guesses yields the processor to members' requests."""
        if self._password_pool is None:
            self._password_pool = ThreadPoolExecutor(
                max_workers=self.settings.password_checks_at_once,
                thread_name_prefix="password-check",
                initializer=_lower_thread_priority,
            )
        return self._password_pool

    def close(self) -> None:
        """At shutdown: drop queued password checks (their requests are gone) and connections."""
        if self._password_pool is not None:
            self._password_pool.shutdown(wait=False, cancel_futures=True)
        self.engine.dispose()


def _lower_thread_priority() -> None:
    # Linux schedules threads as tasks: this renices the calling thread only. Elsewhere
    # (or without permission) the checks simply run at normal priority.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


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


def _invalid_token() -> ApiError:
    return _unauthorized(
        "invalid_token", "Mã truy cập không hợp lệ.", "The access token is invalid."
    )


def _live_user(ctx: AppContext, session_id: str, user_id: str, role: str) -> User:
    """The session check (one primary-key lookup), then the user (cached while unchanged)."""
    with ctx.check_engine.connect() as conn:
        live = check_live(conn, session_id)
    if live is None:
        raise session_ended(EndReason.EXPIRED)
    if live.ended_reason is not None:
        raise session_ended(live.ended_reason)
    if live.user_id != user_id or live.role != role:
        raise _invalid_token()  # a changed role: the client refreshes into the new one
    user = ctx.users.get(user_id, live.user_updated_at)
    if user is None:
        with ctx.reader() as session:
            user = session.get(User, user_id)
        if user is None:
            raise session_ended(EndReason.EXPIRED)
        ctx.users.put(user)
    return user


def _secret_for(ctx: AppContext, kid: str | None) -> bytes | None:
    secret = ctx.keys.secret_for(kid)
    return secret.secret if secret else None


async def current_user(request: Request, ctx: ContextDep) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized("not_authenticated", "Cần đăng nhập.", "Authentication required.")
    try:
        claims = decode_access_token(lambda kid: _secret_for(ctx, kid), token.strip())
    except TokenExpired:
        raise _unauthorized(
            "token_expired", "Phiên truy cập đã hết hạn.", "The access token has expired."
        ) from None
    except TokenInvalid:
        raise _invalid_token() from None
    user = await run_in_threadpool(_live_user, ctx, claims.session_id, claims.user_id, claims.role)
    request.state.session_id = claims.session_id
    return user


CurrentUser = Annotated[User, Depends(current_user)]
