"""Hits labelled for people: which paper, which meeting. Shared by the app and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecabinet.search.hits import Hit
from ecabinet.search.titles import DocumentLabel, document_labels

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class SearchResult:
    hit: Hit
    label: DocumentLabel  # empty title when the document left the store meanwhile


def find(
    session: Session, query: str, *, ignore_diacritics: bool = False, limit: int = 50
) -> list[SearchResult]:
    """``query.search`` with each hit's document title, number and meeting."""
    from ecabinet.search.query import search

    hits = search(session, query, ignore_diacritics=ignore_diacritics, limit=limit)
    labels = document_labels(session, {hit.document_id for hit in hits})
    empty = DocumentLabel(title="", number="")
    return [SearchResult(hit, labels.get(hit.document_id, empty)) for hit in hits]
