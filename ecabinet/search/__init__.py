"""Offline full-text search over cached papers and annotations, in Vietnamese.

``extract.page_texts`` reads a PDF's text once; ``index`` writes it into an FTS5 table in
the local store (exact and folded columns); ``query.search`` finds it again, with or
without accents. Qt-free: the app and ``ecabinet search`` share it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ecabinet.search.fold import fold
from ecabinet.search.hits import Hit

if TYPE_CHECKING:
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

# The index and the query import SQLAlchemy: loaded on first use, not with the package
# (the app's first paint imports ``ecabinet.search.hits``; bench/cold_start.py).
_LAZY = {
    "index_annotation": "index",
    "index_version": "index",
    "remove_annotation": "index",
    "remove_document": "index",
    "remove_stale_versions": "index",
    "remove_version": "index",
    "unindexed_versions": "index",
    "search": "query",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


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
