"""Written-opinion ballots, device keys and signed opinions (docs/ballots.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ecabinet.server.db import Base, UTCDateTime, new_id
from ecabinet.timeutil import utcnow


class Device(Base):
    """A laptop's Ed25519 public key, bound to one user. The private key never leaves it."""

    __tablename__ = "devices"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw 32 bytes
    label: Mapped[str] = mapped_column(String(200), default="")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Ballot(Base):
    __tablename__ = "ballots"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    question: Mapped[str] = mapped_column(Text)
    options_json: Mapped[str] = mapped_column(Text)
    comment_required_json: Mapped[str] = mapped_column(Text, default='["other"]')
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20))  # draft | open | closed
    membership_total: Mapped[int] = mapped_column(Integer)
    chair_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The head of this ballot's chain (signed definitions, receipts, the closing record).
    chain_seq: Mapped[int] = mapped_column(Integer, default=0)
    chain_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    # The id (hash) of the current signed definition; None while a draft.
    definition_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class BallotDocument(Base):
    __tablename__ = "ballot_documents"

    ballot_id: Mapped[str] = mapped_column(ForeignKey("ballots.id"), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)


class BallotEligible(Base):
    __tablename__ = "ballot_eligible"

    ballot_id: Mapped[str] = mapped_column(ForeignKey("ballots.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class Opinion(Base):
    """A signed opinion as received, accepted or rejected, with the server's receipt."""

    __tablename__ = "opinions"
    __table_args__ = (
        UniqueConstraint("ballot_id", "seq"),
        Index("ix_opinions_ballot_user", "ballot_id", "user_id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the envelope
    ballot_id: Mapped[str] = mapped_column(ForeignKey("ballots.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    device_key_id: Mapped[str] = mapped_column(String(64))
    envelope: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(100))
    choice: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))  # accepted | rejected
    reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    outdated: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    seq: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    receipt: Mapped[str] = mapped_column(Text)
    receipt_signature: Mapped[str] = mapped_column(String(100))


class BallotRecord(Base):
    """A record the server signed into a ballot's chain besides the receipts: a version
    of the ballot's definition, or the closing record (docs/ballots.md)."""

    __tablename__ = "ballot_records"
    __table_args__ = (UniqueConstraint("ballot_id", "seq"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the text
    ballot_id: Mapped[str] = mapped_column(ForeignKey("ballots.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # definition | closing
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)  # definitions only
    # SHA-256 of the definition's substance (question, options, papers); definitions only.
    substance: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
