"""After a sync that brought a new version: place each annotation on it, never drop one.

For every annotation whose document's current version is not the version it was made
on, the text of both versions (both cached, decrypted in memory) goes through
``ecabinet.annotations.Reanchorer``; the placement (anchored / moved / fuzzy /
orphaned, with its confidence) is stored beside the annotation, whose own content stays
as it was made. An orphan keeps its old version and geometry, shown side by side. The
old version's file stays cached while an annotation refers to it (every known version
is kept by ``SyncEngine.collect_garbage``).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from ecabinet.annotations.anchoring import Reanchorer
from ecabinet.annotations.pdf_text import PdfText
from ecabinet.client.files import FileCache
from ecabinet.errors import ECabinetError
from ecabinet.notes.local import current_sha256, reindex
from ecabinet.notes.records import body_of
from ecabinet.store.db import LocalStore

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
PLACED_FIELDS = ("page", "quads", "rect", "ink", "selectors")
Job = tuple[str, str]  # (old sha256, new sha256)
Fetch = Callable[[str, int], bool]  # (sha256, size) -> fetched


def _waiting(session: Session) -> dict[Job, list[dict[str, Any]]]:
    """Annotations not yet placed on their document's current version, by version pair."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalAnnotation

    jobs: dict[Job, list[dict[str, Any]]] = defaultdict(list)
    current: dict[str, str | None] = {}
    rows = session.scalars(select(LocalAnnotation).where(LocalAnnotation.body_json.is_not(None)))
    for row in rows:
        if row.document_id not in current:
            current[row.document_id] = current_sha256(session, row.document_id)
        new = current[row.document_id]
        if new is None or new == row.version_sha256:
            continue
        placed = json.loads(row.placement_json) if row.placement_json else {}
        if placed.get("for_sha256") == new:
            continue
        body = body_of(row) or {}
        jobs[(row.version_sha256, new)].append(
            {**body, "id": row.id, "version_sha256": row.version_sha256}
        )
    return jobs


def _read(files: FileCache, sha256: str) -> bytes | None:
    try:
        with files.open(sha256) as reader:
            return reader.read_all()
    except (FileNotFoundError, ECabinetError):
        return None


def _store(session: Session, placements: dict[str, dict[str, Any]]) -> None:
    from ecabinet.store.models import LocalAnnotation

    for annotation_id, placement in placements.items():
        row = session.get(LocalAnnotation, annotation_id)
        if row is not None:
            row.placement_json = json.dumps(placement, ensure_ascii=False)
            reindex(session, row)  # search hits point at the new page


def _fetched(store: LocalStore, files: FileCache, sha256: str, fetch: Fetch | None) -> bytes | None:
    """A version's bytes; an old version never cached here is fetched (online)."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalDocumentVersion

    data = _read(files, sha256)
    if data is not None or fetch is None:
        return data
    with store.read() as session:
        size = session.scalar(
            select(LocalDocumentVersion.size).where(LocalDocumentVersion.sha256 == sha256)
        )
    if size is None or not fetch(sha256, int(size)):
        return None
    return _read(files, sha256)


def reanchor_pending(store: LocalStore, files: FileCache, fetch: Fetch | None = None) -> set[str]:
    """Place every waiting annotation; returns the ids of the documents whose
    annotations moved. A current version whose file is not here yet waits for the next
    sync; an old one is fetched with ``fetch`` (None offline), else listed as orphaned."""
    from sqlalchemy import select

    from ecabinet.store.models import LocalAnnotation

    with store.read() as session:
        jobs = _waiting(session)
    touched: set[str] = set()
    for (old_sha, new_sha), records in jobs.items():
        new_bytes = _read(files, new_sha)
        old_bytes = _fetched(store, files, old_sha, fetch) if new_bytes is not None else None
        placements: dict[str, dict[str, Any]] = {}
        if old_bytes is None or new_bytes is None:
            if new_bytes is None:
                continue
            # The version it was made on was never cached here: listed as orphaned.
            for record in records:
                placements[record["id"]] = _orphan(record, old_sha, new_sha, "old_version_missing")
        else:
            try:
                with PdfText(old_bytes) as old, PdfText(new_bytes) as new:
                    reanchorer = Reanchorer(old, new)
                    for record in records:
                        placement = reanchorer.place(record)
                        moved = placement.apply(record, new_sha256=new_sha, old_sha256=old_sha)
                        placements[record["id"]] = {
                            "for_sha256": new_sha,
                            "version_sha256": moved["version_sha256"],
                            "anchor": {**moved["anchor"], "reason": placement.reason},
                            **{k: moved.get(k) for k in PLACED_FIELDS},
                        }
            except ECabinetError as exc:
                log.warning("re-anchoring %s -> %s failed: %s", old_sha, new_sha, exc)
                for record in records:
                    placements[record["id"]] = _orphan(record, old_sha, new_sha, "unreadable")
        store.write(partial(_store, placements=placements))
        with store.read() as session:
            touched.update(
                session.scalars(
                    select(LocalAnnotation.document_id).where(
                        LocalAnnotation.id.in_(list(placements))
                    )
                )
            )
    return touched


def _orphan(record: dict[str, Any], old_sha: str, new_sha: str, reason: str) -> dict[str, Any]:
    return {
        "for_sha256": new_sha,
        "version_sha256": old_sha,
        "anchor": {"state": "orphaned", "confidence": 0.0, "from_sha256": old_sha,
                   "reason": reason},
        **{k: record.get(k) for k in PLACED_FIELDS},
    }  # fmt: skip
