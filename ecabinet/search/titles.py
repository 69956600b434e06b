"""What a hit's document is called, from the local store (for listing hits)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DocumentLabel:
    title: str
    number: str
    meeting_id: str = ""
    meeting_title: str = ""


def document_labels(session: Session, document_ids: Collection[str]) -> dict[str, DocumentLabel]:
    """Title, number and meeting of each document still in the store (absent ids are left out)."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalDocument, LocalMeeting

    if not document_ids:
        return {}
    rows = session.execute(
        select(LocalDocument.id, LocalDocument.title, LocalDocument.number,
               LocalDocument.meeting_id, LocalMeeting.title)
        .outerjoin(LocalMeeting, LocalMeeting.id == LocalDocument.meeting_id)
        .where(LocalDocument.id.in_(list(document_ids)))
    ).all()  # fmt: skip
    return {
        doc_id: DocumentLabel(title, number, meeting_id or "", meeting or "")
        for doc_id, title, number, meeting_id, meeting in rows
    }
