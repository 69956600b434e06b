"""Names of the search tables (created by local-store migration 0005), in one place.

``search_index`` is an FTS5 virtual table, so it is reached with SQL text; the small
``search_sources`` table is described for SQLAlchemy Core in ``index.py`` (this module
stays free of SQLAlchemy: the app's first paint imports it). Neither belongs to the
ORM models: the index is derived data, rebuilt from the files whenever it is missing.
"""

from __future__ import annotations

# search_index columns, in declaration order (FTS5 functions take a column's index).
INDEX_COLUMNS = (
    "kind", "document_id", "version_sha256", "page", "annotation_id", "aligned", "exact",
    "folded",
)  # fmt: skip
EXACT_COLUMN = INDEX_COLUMNS.index("exact")
FOLDED_COLUMN = INDEX_COLUMNS.index("folded")

PAGE = "page"
ANNOTATION = "annotation"
