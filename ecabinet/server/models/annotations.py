"""Annotations and the wrapped copies of each user's private-notes key.

A private annotation is stored as ciphertext (``sealed``) the server cannot open, with
only the routing metadata in clear; a shared one as its plain body. The notes key
itself is never here: only copies wrapped for a device's X25519 key or for the
minister's recovery code (docs/security.md, docs/annotations.md).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.server.db import Base, UTCDateTime
from ecabinet.timeutil import utcnow


class Annotation(Base):
    __tablename__ = "annotations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    version_sha256: Mapped[str] = mapped_column(String(64))
    visibility: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set on a conflict copy: the annotation whose other text it keeps.
    conflict_of: Mapped[str | None] = mapped_column(String(36), nullable=True)
    sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    body_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The client that wrote the current revision: its own queued edits are no conflict.
    last_client_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NotesDevice(Base):
    """A device's X25519 key (signed by its Ed25519 device key) and its wrapped notes key."""

    __tablename__ = "notes_devices"

    key_id: Mapped[str] = mapped_column(ForeignKey("devices.key_id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    x25519_public: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(100))
    wrapped: Mapped[str | None] = mapped_column(String(200), nullable=True)
    wrapped_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NotesRecovery(Base):
    """The notes key wrapped under the minister's recovery code (scrypt), one per user."""

    __tablename__ = "notes_recovery"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    blob_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
