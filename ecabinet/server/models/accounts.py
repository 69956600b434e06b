"""Organisations, people, their login sessions and the login throttle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.domain import Role
from ecabinet.server.db import Base, UTCDateTime, new_id
from ecabinet.timeutil import utcnow


class Organisation(Base):
    """One Government, People's Committee or ministry: a tenant of the server."""

    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # The Prime Minister (or the chair of a People's Committee): breaks a tied tally.
    chair_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Wrong passwords since the last good one (information for administrators; the
    # delays are per username and address, in LoginThrottle).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class LoginSession(Base):
    """One password login on one device, and every token pair it refreshed into.

    Every access token names its session (``sid``); each request checks the session
    is live (a primary-key lookup), so ending it cuts off both tokens at once.
    """

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    # The device key registered or presented by the password login that made it.
    device_key_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    client_label: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(64), default="")  # the login's address
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Moved by each refresh (at least every access-token lifetime while in use).
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    idle_expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    absolute_expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    end_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    ended_by: Mapped[str | None] = mapped_column(String(36), nullable=True)


class RefreshToken(Base):
    """A refresh token of a session, stored only as a hash, spent by its first use.

    A token's successor is derived from it (HMAC with the token secret ``kid``), and the
    access claims issued with it are kept (nothing secret): a client whose answer was lost
    may present the spent token again within the grace window and get the same pair.
    """

    __tablename__ = "refresh_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("login_sessions.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The one replay a lost answer is allowed.
    replayed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    successor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # The access token issued together with this refresh token: its claims and key id.
    access_claims_json: Mapped[str] = mapped_column(Text, default="{}")
    kid: Mapped[str] = mapped_column(String(40), default="")


class LoginThrottle(Base):
    """Recent wrong passwords per (username, address) and per address.

    Keyed by a hash of the username as typed (normalised) and the address, so unknown
    usernames are throttled exactly like real ones and nothing is kept in clear.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
