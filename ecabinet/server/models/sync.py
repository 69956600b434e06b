"""Sync bookkeeping: the change log, applied client mutations, server identity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.server.db import Base, BigId, UTCDateTime
from ecabinet.timeutil import utcnow


class ChangeLogEntry(Base):
    """A row per change, written in the transaction of the change itself.

    Rows name what changed, not its content: a pull reads the current state, so a
    row never leaks data to someone who lost access after it was written.
    ``audience_user_id`` set: only that user pulls it. ``meeting_id`` set: whoever
    sees the meeting now. Neither: the whole organisation.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_org_seq", "org_id", "seq"),)

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(String(36))
    meeting_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    audience_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(100))
    op: Mapped[str] = mapped_column(String(10))  # "upsert" | "delete"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AppliedMutation(Base):
    """The answer given to a client mutation, so a retry gets the same answer."""

    __tablename__ = "applied_mutations"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mutation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    mutation_type: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    result_json: Mapped[str] = mapped_column(Text, default="{}")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ServerState(Base):
    """Single row: who this database is, and how far the change log was compacted.

    The secrets live in the key file (services/keys.py). ``token_secret`` and
    ``signing_seed`` held them before; they are blanked when moved out.
    """

    __tablename__ = "server_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    token_secret: Mapped[str] = mapped_column(String(128), default="")
    compacted_through: Mapped[int] = mapped_column(BigInteger, default=0)
    signing_seed: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The current signing key's id (public): a key file without it is another server's.
    signing_key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
