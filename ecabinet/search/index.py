"""Write side of the search index: pages of a document version and annotations' text.

Every function here takes the ``Session`` of a ``LocalStore.write`` transaction: the
index lives in the local store (encrypted with it) and changes atomically with the rows
it describes. Text extraction happens before, outside the writer (``extract.py``).

Each indexed source (one document version's pages, or one annotation) owns a run of
consecutive rowids recorded in ``search_sources``: removing it deletes that rowid range,
never a scan of the whole index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    exists,
    select,
    text,
)
from sqlalchemy.orm import Session

from ecabinet.search.fold import fold_aligned, normalise
from ecabinet.search.schema import ANNOTATION, PAGE
from ecabinet.store.models import LocalDocument, LocalDocumentVersion, LocalFile
from ecabinet.timeutil import isoformat, utcnow

_INSERT = text(
    "INSERT INTO search_index (rowid, kind, document_id, version_sha256, page, annotation_id,"
    " aligned, exact, folded) VALUES (:rowid, :kind, :document_id, :version_sha256, :page,"
    " :annotation_id, :aligned, :exact, :folded)"
)
_DELETE_RANGE = text("DELETE FROM search_index WHERE rowid >= :first AND rowid < :end")
_LAST_ROWID = text("SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT 1")
search_sources = Table(
    "search_sources",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("document_id", String(36), nullable=False),
    Column("version_sha256", String(64), nullable=False),
    Column("annotation_id", String(36), nullable=False, default=""),
    Column("first_rowid", Integer, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("indexed_at", String(40), nullable=False),
)
_sources = search_sources.c


@dataclass(frozen=True)
class IndexedSource:
    """One indexed version's pages (``annotation_id`` "") or one annotation."""

    kind: str
    document_id: str
    version_sha256: str
    annotation_id: str
    first_rowid: int
    row_count: int


def index_version(
    session: Session, *, document_id: str, version_sha256: str, page_texts: Sequence[str]
) -> int:
    """Index (or re-index) every page of one document version; returns the pages indexed.

    ``page_texts[i]`` is page i's text as pdfium gives it (``extract.page_texts``);
    empty pages are indexed too, so that a scanned paper counts as done. Idempotent: the
    version's previous rows are replaced.
    """
    remove_version(session, version_sha256=version_sha256, document_id=document_id)
    first = _next_rowid(session)
    rows = []
    for page, raw in enumerate(page_texts):
        exact = normalise(raw)
        rows.append(
            {"rowid": first + page, "kind": PAGE, "document_id": document_id,
             "version_sha256": version_sha256, "page": page, "annotation_id": "",
             **_texts(exact)}
        )  # fmt: skip
    if rows:
        session.execute(_INSERT, rows)
    _record(session, PAGE, document_id, version_sha256, "", first, len(rows))
    return len(rows)


def remove_version(session: Session, *, version_sha256: str, document_id: str | None = None) -> int:
    """Remove a version's page rows (replaced, withdrawn, or its file forgotten).

    Without ``document_id``, every document's copy of that file goes. Annotations are
    left alone: they are re-anchored or removed on their own. Returns the rows removed.
    """
    where = and_(_sources.kind == PAGE, _sources.version_sha256 == version_sha256)
    if document_id is not None:
        where = and_(where, _sources.document_id == document_id)
    return _remove(session, where)


def index_annotation(
    session: Session,
    *,
    annotation_id: str,
    document_id: str,
    version_sha256: str,
    page: int,
    annotation_text: str,
) -> bool:
    """Index (or re-index) one annotation's text; an empty text only removes it.

    Call it when an annotation is created, edited, re-anchored or pulled; returns whether
    the annotation is now searchable.
    """
    remove_annotation(session, annotation_id)
    exact = normalise(annotation_text)
    if not exact:
        return False
    first = _next_rowid(session)
    session.execute(
        _INSERT,
        {"rowid": first, "kind": ANNOTATION, "document_id": document_id,
         "version_sha256": version_sha256, "page": page, "annotation_id": annotation_id,
         **_texts(exact)},
    )  # fmt: skip
    _record(session, ANNOTATION, document_id, version_sha256, annotation_id, first, 1)
    return True


def remove_annotation(session: Session, annotation_id: str) -> int:
    """Remove an annotation's text from the index (deleted, or its text emptied)."""
    return _remove(
        session, and_(_sources.kind == ANNOTATION, _sources.annotation_id == annotation_id)
    )


def remove_document(session: Session, document_id: str) -> int:
    """Remove everything indexed for a document: its versions' pages and its annotations."""
    return _remove(session, _sources.document_id == document_id)


def indexed_sources(session: Session) -> list[IndexedSource]:
    """What the index holds, one entry per version or annotation, in rowid order."""
    rows = session.execute(
        select(
            _sources.kind, _sources.document_id, _sources.version_sha256,
            _sources.annotation_id, _sources.first_rowid, _sources.row_count,
        ).order_by(_sources.first_rowid)
    ).all()  # fmt: skip
    return [IndexedSource(*row) for row in rows]


def unindexed_versions(session: Session) -> list[tuple[str, str]]:
    """(document_id, version_sha256) of current versions whose file is verified but not
    indexed yet.

    What the sync engine still has to index: after an upgrade from a release without
    search, or after an extraction that failed.
    """
    v = LocalDocumentVersion
    indexed = exists().where(
        _sources.kind == PAGE,
        _sources.document_id == v.document_id,
        _sources.version_sha256 == v.sha256,
        _sources.annotation_id == "",
    )
    rows = session.execute(
        select(v.document_id, v.sha256)
        .join(LocalFile, LocalFile.sha256 == v.sha256)
        .join(LocalDocument, LocalDocument.current_version_id == v.id)
        .where(LocalFile.verified_at.is_not(None), ~indexed)
        .order_by(v.document_id, v.version_no)
    ).all()
    return [(str(doc), str(sha)) for doc, sha in rows]


def _texts(exact: str) -> dict[str, str | int]:
    folded, aligned = fold_aligned(exact)
    return {"exact": exact, "folded": folded, "aligned": int(aligned)}


def remove_stale_versions(session: Session) -> int:
    """Remove the pages of versions that are not their document's current version any
    more (replaced, withdrawn, or gone in a resync's sweep); returns the rows removed.

    Search covers the papers as they stand: a replaced draft's old wording must not
    answer a search. One call puts the index in step whatever changed.
    """
    v, d = LocalDocumentVersion, LocalDocument
    current = exists().where(
        v.document_id == _sources.document_id,
        v.sha256 == _sources.version_sha256,
        d.id == v.document_id,
        d.current_version_id == v.id,
    )
    return _remove(session, and_(_sources.kind == PAGE, ~current))


def _next_rowid(session: Session) -> int:
    last = session.execute(_LAST_ROWID).scalar()
    return 1 if last is None else int(last) + 1


def _record(
    session: Session, kind: str, document_id: str, sha: str, annotation_id: str,
    first: int, count: int,
) -> None:  # fmt: skip
    session.execute(
        search_sources.insert().values(
            kind=kind, document_id=document_id, version_sha256=sha,
            annotation_id=annotation_id, first_rowid=first, row_count=count,
            indexed_at=isoformat(utcnow()),
        )
    )  # fmt: skip


def _remove(session: Session, where: ColumnElement[bool]) -> int:
    sources = session.execute(
        select(_sources.id, _sources.first_rowid, _sources.row_count).where(where)
    ).all()
    removed = 0
    for source_id, first, count in sources:
        if count:
            result = session.execute(_DELETE_RANGE, {"first": first, "end": first + count})
            removed += int(result.rowcount)  # type: ignore[attr-defined]
        session.execute(delete(search_sources).where(_sources.id == source_id))
    return removed
