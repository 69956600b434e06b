"""An append-only audit trail: hash-chained, and each head signed with the server's key.

Editing a row breaks the chain; rewriting the chain from there on breaks the
signatures, which only the holder of the key file could make again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.server.db import Base, BigId, UTCDateTime
from ecabinet.timeutil import utcnow


class AuditEvent(Base):
    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    org_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    actor_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(100), default="")
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The server key's signature over the chain head this event makes (None only for
    # events written before heads were signed).
    head_signature: Mapped[str | None] = mapped_column(String(100), nullable=True)
    head_key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
