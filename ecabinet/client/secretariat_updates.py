"""The "updated" mark: a paper whose current version this member has not opened, though
they read an earlier one — with the secretariat's change note. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.store.models import LocalDocumentVersion


@dataclass(frozen=True)
class UpdatedPaper:
    document_id: str
    version_no: int  # the current one
    read_version_no: int  # the latest one this member opened
    change_note: str  # of the current version ("" if the secretariat gave none)


def updated_papers(session: Session) -> dict[str, UpdatedPaper]:
    """By document id: papers replaced since this member last read them."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalDocument, LocalDocumentVersion, LocalReadMark

    read = set(session.scalars(select(LocalReadMark.document_version_id)))
    versions: dict[str, list[LocalDocumentVersion]] = {}
    for version in session.scalars(
        select(LocalDocumentVersion).order_by(LocalDocumentVersion.version_no)
    ):
        versions.setdefault(version.document_id, []).append(version)
    out = {}
    for document_id, current_id in session.execute(
        select(LocalDocument.id, LocalDocument.current_version_id)
    ):
        history = versions.get(document_id, [])
        current = next((v for v in history if v.id == current_id), None)
        if current is None or current.id in read:
            continue
        earlier = [
            v.version_no for v in history if v.id in read and v.version_no < current.version_no
        ]
        if earlier:
            out[document_id] = UpdatedPaper(
                document_id, current.version_no, max(earlier), current.change_note
            )
    return out
