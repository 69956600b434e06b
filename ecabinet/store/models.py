"""Local tables: a copy of what the server let this user see, plus the outbox."""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "pk": "pk_%(table_name)s",
}


class LocalBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(LocalBase):
    """Key/value facts about this profile: cursor, client id, server, last sync."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Synced:
    """Rows that came from the server carry the resync generation that last saw them."""

    generation: Mapped[int] = mapped_column(Integer, default=0)


class LocalUser(Synced, LocalBase):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class LocalMeeting(Synced, LocalBase):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC
    location: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20))
    participants_json: Mapped[str] = mapped_column(Text, default="[]")
    guests_json: Mapped[str] = mapped_column(Text, default="[]")  # invited guests, in order
    updated_at: Mapped[str] = mapped_column(String(40), default="")


class LocalAgendaItem(Synced, LocalBase):
    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_meeting", "meeting_id", "position"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(1000))
    presenter: Mapped[str] = mapped_column(String(300), default="")


class LocalDocument(Synced, LocalBase):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_meeting", "meeting_id"),
        Index("ix_documents_agenda_item", "agenda_item_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(36))
    agenda_item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    title: Mapped[str] = mapped_column(String(1000))
    number: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    current_version_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class LocalDocumentVersion(Synced, LocalBase):
    __tablename__ = "document_versions"
    __table_args__ = (
        Index("ix_document_versions_document", "document_id"),
        Index("ix_document_versions_sha256", "sha256"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(36))
    version_no: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    uploaded_at: Mapped[str] = mapped_column(String(40), default="")
    # Why this version replaced the previous one (local migration 0008).
    change_note: Mapped[str] = mapped_column(Text, default="", server_default="")


class LocalReadMark(LocalBase):
    """This user's first opening of a version; ``confirmed`` once the server has it."""

    __tablename__ = "read_marks"

    document_version_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    read_at: Mapped[str] = mapped_column(String(40))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)


class LocalFile(LocalBase):
    """What the file cache holds for one SHA-256 (the file itself lives in blobs/)."""

    __tablename__ = "files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    verified_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class OutboxEntry(LocalBase):
    """A change made on this device, kept until the server has answered it.

    ``mutation_id`` increases per device and never repeats: it is what makes a
    retried push idempotent on the server.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state", "state", "mutation_id"),)

    mutation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(40))
    payload_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending|applied|rejected
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    answered_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    result_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    result_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    result_json: Mapped[str] = mapped_column(Text, default="{}")


class LocalBallot(Synced, LocalBase):
    __tablename__ = "ballots"
    __table_args__ = (Index("ix_ballots_meeting", "meeting_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(String(36))
    agenda_item_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    options_json: Mapped[str] = mapped_column(Text)
    comment_required_json: Mapped[str] = mapped_column(Text)
    deadline: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC
    status: Mapped[str] = mapped_column(String(20))
    documents_json: Mapped[str] = mapped_column(Text, default="[]")
    eligible_json: Mapped[str] = mapped_column(Text, default="[]")
    membership_total: Mapped[int] = mapped_column(Integer, default=0)
    chair_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    opened_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    closed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class LocalBallotDefinition(LocalBase):
    """A signed version of a ballot's definition as pulled from the server.

    Kept as the server signed it (text and signature); checked against the pinned
    server key each time an answer is signed, and an answer binds its hash (the id).
    """

    __tablename__ = "ballot_definitions"
    __table_args__ = (Index("ix_ballot_definitions_ballot", "ballot_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the text
    ballot_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(100))


class LocalOpinion(LocalBase):
    """An opinion this user signed (here or on another device) and what became of it.

    Never swept by a resync: a signed opinion waiting to be sent must not be lost, and
    the history of one's own answers stays readable.
    """

    __tablename__ = "opinions"
    __table_args__ = (Index("ix_opinions_ballot", "ballot_id"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the envelope
    ballot_id: Mapped[str] = mapped_column(String(36))
    mutation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    envelope: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(100))
    choice: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))  # waiting | accepted | rejected
    reason: Mapped[str | None] = mapped_column(String(60), nullable=True)
    reason_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    outdated: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    received_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    receipt: Mapped[str | None] = mapped_column(Text, nullable=True)
    receipt_signature: Mapped[str | None] = mapped_column(String(100), nullable=True)
    receipt_verified: Mapped[bool] = mapped_column(Boolean, default=False)


class LocalAnnotation(LocalBase):
    """An annotation of this user's (any device) or a shared one of a colleague.

    ``body_json`` is the content (kind, colour, page, geometry, text, selectors) in
    clear: the local store is encrypted. A private annotation pulled before this device
    holds the notes key waits in ``sealed`` until it can be opened. ``placement_json``
    is where the annotation lands on its document's current version when that is not
    the version it was made on (re-anchoring, never dropped). Never swept by a resync:
    an edit waiting to be sent must not be lost.
    """

    __tablename__ = "annotations"
    __table_args__ = (Index("ix_annotations_document", "document_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(36))
    owner_id: Mapped[str] = mapped_column(String(36))
    visibility: Mapped[str] = mapped_column(String(10))
    version_sha256: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_of: Mapped[str | None] = mapped_column(String(36), nullable=True)
    body_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    sealed: Mapped[str | None] = mapped_column(Text, nullable=True)
    placement_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[str] = mapped_column(String(40), default="")
