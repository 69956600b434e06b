"""Offline full-text search over cached papers and annotations, in Vietnamese.

``extract.page_texts`` reads a PDF's text once; ``index`` writes it into an FTS5 table in
the local store (exact and folded columns); ``query.search`` finds it again, with or
without accents. Qt-free: the app and ``ecabinet search`` share it.
"""

from __future__ import annotations

from ecabinet.search.fold import fold
from ecabinet.search.hits import Hit
from ecabinet.search.index import (
    index_annotation,
    index_version,
    remove_annotation,
    remove_document,
    remove_stale_versions,
    remove_version,
    unindexed_versions,
)
from ecabinet.search.query import search

__all__ = [
    "Hit",
    "fold",
    "index_annotation",
    "index_version",
    "remove_annotation",
    "remove_document",
    "remove_stale_versions",
    "remove_version",
    "search",
    "unindexed_versions",
]
