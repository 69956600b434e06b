"""Growing delays after wrong passwords, per (username, address) and per address.

Keyed on the username as typed, so an unknown username is throttled exactly like a
real one and the answers never tell which exist. Keyed on the address too, so a
stranger guessing a minister's password from elsewhere delays only himself: the
minister's own laptop, with no failures of its own, logs in at once. One address
guessing many usernames is slowed by its own, looser, counter.

Counters are updated with one atomic statement each (INSERT … ON CONFLICT DO UPDATE …
RETURNING), so parallel failures are all counted, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ecabinet.server.errors import ApiError
from ecabinet.server.models import LoginThrottle
from ecabinet.server.settings import ServerSettings


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def account_key(username: str, source: str) -> str:
    return _key("account", username, source)


def source_key(source: str) -> str:
    return _key("source", source)


def too_many_attempts(retry_after: float) -> ApiError:
    seconds = max(1, math.ceil(retry_after))
    return ApiError(
        429,
        "too_many_attempts",
        f"Đăng nhập sai nhiều lần. Vui lòng thử lại sau {seconds} giây.",
        f"Too many failed logins. Try again in {seconds} seconds.",
        extra={"retry_after": seconds},
        headers={"Retry-After": str(seconds)},
    )


def wait_needed(session: Session, *, username: str, source: str, now: datetime) -> float:
    """Seconds this (username, address) must still wait; 0 when it may try now."""
    until = session.scalar(
        select(LoginThrottle.blocked_until)
        .where(LoginThrottle.key.in_([account_key(username, source), source_key(source)]))
        .where(LoginThrottle.blocked_until.is_not(None))
        .order_by(LoginThrottle.blocked_until.desc())
        .limit(1)
    )
    return max(0.0, (until - now).total_seconds()) if until is not None else 0.0


def _count_failure(
    session: Session, settings: ServerSettings, key: str, free: int, now: datetime
) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    cutoff = now - settings.login_failure_window
    first = insert(LoginThrottle).values(key=key, failures=1, last_failure_at=now)
    stmt = first.on_conflict_do_update(
        index_elements=["key"],
        set_={
            "failures": case(
                (LoginThrottle.last_failure_at < cutoff, 1), else_=LoginThrottle.failures + 1
            ),
            "last_failure_at": now,
        },
    ).returning(LoginThrottle.failures)
    failures = int(session.execute(stmt).scalar_one())
    if failures >= free:
        delay = settings.login_delay_base * (2 ** min(failures - free, 30))
        until = now + min(delay, settings.login_delay_max)
        session.execute(
            update(LoginThrottle)
            .where(
                LoginThrottle.key == key,
                or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until < until),
            )
            .values(blocked_until=until)
        )
    return failures


def record_failure(
    session: Session, settings: ServerSettings, *, username: str, source: str, now: datetime
) -> int:
    """Count a wrong password; returns the (username, address) count."""
    failures = _count_failure(
        session, settings, account_key(username, source), settings.login_free_attempts, now
    )
    _count_failure(session, settings, source_key(source), settings.source_free_attempts, now)
    # Forget what no longer matters, so the table stays small.
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.last_failure_at < now - settings.login_failure_window,
            or_(LoginThrottle.blocked_until.is_(None), LoginThrottle.blocked_until < now),
        )
    )
    return failures


def record_success(session: Session, *, username: str, source: str) -> None:
    """The right password from this address: its own counter starts again."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == account_key(username, source)))


def failures_of(session: Session, *, username: str, source: str) -> int:
    row = session.get(LoginThrottle, account_key(username, source))
    return row.failures if row else 0
