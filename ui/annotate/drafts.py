"""Records read from the Workspace, and the drafts of new annotations, as plain data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ecabinet.notes.records import AnnotationDraft
from ui.annotate.reader_api import ReaderLike


def as_dict(record: Any) -> dict[str, Any]:
    """A Workspace ``AnnotationRecord`` (or a dict) as the contract's plain dict."""
    if isinstance(record, Mapping):
        return dict(record)
    return dict(record.to_dict())


def make_draft(**fields: Any) -> AnnotationDraft:
    return AnnotationDraft(**fields)


def draft_fields(
    reader: ReaderLike, kind: str, page: int, colour: str, visibility: str, **geometry: Any
) -> dict[str, Any]:
    """An annotation draft's fields for the reader's paper; ``geometry`` fills in quads,
    rect, ink or text."""
    fields: dict[str, Any] = {
        "document_id": reader.document_id,
        "version_sha256": reader.version_sha256,
        "kind": kind,
        "color": colour,
        "page": page,
        "quads": [],
        "rect": None,
        "ink": [],
        "text": "",
        "visibility": visibility,
    }
    fields.update(geometry)
    return fields
