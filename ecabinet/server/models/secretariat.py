"""Notifications, consent-agenda marks, what the dashboard follows (docs/secretariat.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.server.db import Base, UTCDateTime, new_id
from ecabinet.timeutil import utcnow


class Notification(Base):
    """One notice for one member: synced to them only, never edited."""

    __tablename__ = "notifications"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id"), nullable=True)
    # meeting_published, paper_new, paper_updated, ballot_new, deadline_changed, reminder
    kind: Mapped[str] = mapped_column(String(40))
    # What it is about: a meeting, document, ballot id.
    subject_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    text: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ConsentMark(Base):
    """A member's mark on one agenda item before the meeting (the latest one counts)."""

    __tablename__ = "consent_marks"

    agenda_item_id: Mapped[str] = mapped_column(ForeignKey("agenda_items.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    # no_objection, wish_to_speak, object, pull_out
    mark: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(2000), default="")
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PullMark(Base):
    """How far a user's last complete pull went (change-log seq): "pack synced?"."""

    __tablename__ = "pull_marks"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    pulled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReadingProgress(Base):
    """The furthest page a member reached in a paper (any version), as pushed."""

    __tablename__ = "reading_progress"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    max_page: Mapped[int] = mapped_column(Integer)  # 0-based
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AttendanceRecord(Base):
    """How one participant attends a meeting, as the secretariat recorded it."""

    __tablename__ = "attendance"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))  # ecabinet.quorum.Attendance
    deputy_name: Mapped[str] = mapped_column(String(300), default="")  # represented by
    recorded_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
