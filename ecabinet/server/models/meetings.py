"""Meetings, their agenda and papers. Document versions are immutable."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.server.db import Base, UTCDateTime, new_id
from ecabinet.timeutil import utcnow


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    location: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20))
    # Invited guests, in order: a JSON list of {"name", "position"}. Guests have no
    # account: they never sync, never vote and do not count for the quorum.
    guests_json: Mapped[str] = mapped_column(Text, default="[]")
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class MeetingParticipant(Base):
    __tablename__ = "meeting_participants"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(1000))
    presenter: Mapped[str] = mapped_column(String(300), default="")
    # Every save bumps it; a save naming an older one is refused (two clerks, one item).
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # "" or a state-secret level (ecabinet.domain.Classification).
    classification: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # The meeting's conclusion on this item (kết luận), recorded by the secretariat.
    conclusion: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("agenda_items.id"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(1000))
    number: Mapped[str] = mapped_column(String(100), default="")  # số, ký hiệu: 125/TTr-BTC
    position: Mapped[int] = mapped_column(Integer, default=0)
    current_version_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class DocumentVersion(Base):
    """One uploaded file of a document. Never updated: a new upload is a new version."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "version_no"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    # Why this version replaced the previous one; shown to members with the "updated" mark.
    change_note: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    uploaded_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DocumentRead(Base):
    """A member opened a document version (first time, as the device saw it)."""

    __tablename__ = "document_reads"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    document_version_id: Mapped[str] = mapped_column(
        ForeignKey("document_versions.id"), primary_key=True, index=True
    )
    read_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
