"""The page each document was last read at on this device (local store only, not synced).

The table is created by local-store migration 0007 and described here for SQLAlchemy
Core, like the search tables: it is the reader's memory, not part of the synced model.
Writes go through ``LocalStore.write`` (the one writer), reads through ``read``.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from ecabinet.errors import InputError
from ecabinet.timeutil import isoformat, utcnow

reading_positions = Table(
    "reading_positions",
    MetaData(),
    Column("document_id", String(36), primary_key=True),
    Column("page", Integer, nullable=False),
    Column("updated_at", String(40), nullable=False),
)


def position(session: Session, document_id: str) -> int | None:
    """The zero-based page last read, or None for a document never read here."""
    page = session.scalar(
        select(reading_positions.c.page).where(reading_positions.c.document_id == document_id)
    )
    return None if page is None else int(page)


def remember(session: Session, document_id: str, page: int) -> None:
    if not document_id or len(document_id) > 36 or page < 0:
        raise InputError(
            "Vị trí đọc không hợp lệ.",
            code="bad_reading_position",
            message_en=f"Invalid reading position {document_id!r} page {page}.",
        )
    now = isoformat(utcnow()) or ""
    statement = insert(reading_positions).values(document_id=document_id, page=page, updated_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[reading_positions.c.document_id],
            set_={"page": page, "updated_at": now},
        )
    )
