"""Names of the search tables (created by local-store migration 0005), in one place.

``search_index`` is an FTS5 virtual table, so it is reached with SQL text; the small
``search_sources`` table is described here for SQLAlchemy Core. Neither belongs to the
ORM models: the index is derived data, rebuilt from the files whenever it is missing.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table

# search_index columns, in declaration order (FTS5 functions take a column's index).
INDEX_COLUMNS = (
    "kind", "document_id", "version_sha256", "page", "annotation_id", "aligned", "exact",
    "folded",
)  # fmt: skip
EXACT_COLUMN = INDEX_COLUMNS.index("exact")
FOLDED_COLUMN = INDEX_COLUMNS.index("folded")

PAGE = "page"
ANNOTATION = "annotation"

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
