"""Read side of the search index: Vietnamese full-text search, with or without accents.

Without ``ignore_diacritics`` the query matches the ``exact`` column, accents as typed
(letter case never matters). With it, the folded query matches the ``folded`` column;
pages where the words also appear with the accents as typed come first (a first query on
``exact``), then the pages that match only once folded (a second query, on ``folded``
with those first ones excluded by ``NOT``).

Within each part, hits are ranked by FTS5's bm25 when the words are on at most
``RANKED_AT_MOST`` pages; past that, the newest pages come first (rows are numbered in
the order they were indexed, so those are the papers synced last). bm25 reads the whole
index for every word to weigh it and then scores each matching page: for words found on
nearly all of 20,000 pages that costs 15-60 ms per part, past the 50 ms budget, and a
word found on thousands of pages says little about which one the reader wants.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import TextClause, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ecabinet.errors import InputError
from ecabinet.search.expression import column_expression, parse
from ecabinet.search.fold import fold
from ecabinet.search.hits import Hit, hit_from_row
from ecabinet.search.schema import EXACT_COLUMN, FOLDED_COLUMN
from ecabinet.search.snippets import CLOSE, OPEN

MAX_LIMIT = 1000
RANKED_AT_MOST = 2000

# highlight() is computed only for the rows returned: with ORDER BY rank (sorted inside
# FTS5) or ORDER BY rowid (the index's own order) and a LIMIT, never for every match.
_SELECT = """
SELECT kind, document_id, version_sha256, page, annotation_id, aligned, exact,
       highlight(search_index, {column}, :open, :close), {rank}
FROM search_index WHERE search_index MATCH :expression ORDER BY {order} LIMIT :limit
"""
_COUNT_UP_TO = text(
    "SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH :expression"
    " ORDER BY rowid DESC LIMIT :cap)"
)


def _statement(column: int, *, ranked: bool) -> TextClause:
    rank, order = ("rank", "rank") if ranked else ("NULL", "rowid DESC")
    return text(_SELECT.format(column=column, rank=rank, order=order))


_STATEMENTS = {
    (column, ranked): _statement(column, ranked=ranked)
    for column in (EXACT_COLUMN, FOLDED_COLUMN)
    for ranked in (True, False)
}


def search(
    session: Session,
    query: str,
    *,
    ignore_diacritics: bool = False,
    limit: int = 50,
    ranked_at_most: int = RANKED_AT_MOST,
) -> list[Hit]:
    """Pages and annotations whose text holds every word of ``query``, best first.

    Words may be "quoted phrases"; the last word matches as a prefix (from its second
    letter) unless the query ends with a space. A query with no letter or digit finds
    nothing. ``ranked_at_most``: above this many hits in a part, newest pages first.
    Raises ``InputError``: ``query_too_long`` or ``bad_limit``.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            f"Số kết quả phải từ 1 đến {MAX_LIMIT}.",
            code="bad_limit",
            message_en=f"The result limit must be between 1 and {MAX_LIMIT}, not {limit}.",
        )
    terms = parse(query)
    if not terms:
        return []
    exact = column_expression("exact", terms, _as_typed)
    hits = _part(session, EXACT_COLUMN, exact, limit, ranked_at_most, exact_accents=True)
    if ignore_diacritics and len(hits) < limit:
        folded = f"{column_expression('folded', terms, fold)} NOT {exact}"
        more = limit - len(hits)
        hits += _part(session, FOLDED_COLUMN, folded, more, ranked_at_most, exact_accents=False)
    return hits


def _as_typed(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _part(
    session: Session, column: int, expression: str, limit: int, ranked_at_most: int,
    *, exact_accents: bool,
) -> list[Hit]:  # fmt: skip
    params = {"expression": expression, "limit": limit, "open": OPEN, "close": CLOSE}
    try:
        count = session.execute(
            _COUNT_UP_TO, {"expression": expression, "cap": ranked_at_most + 1}
        ).scalar_one()
        ranked = count <= ranked_at_most
        rows = session.execute(_STATEMENTS[column, ranked], params).all() if count else []
    except OperationalError as exc:
        if "fts5" not in str(exc):
            raise
        # Quoting makes this unreachable for any typed text; kept so that a surprise
        # in FTS5 reaches the person as a clear message, not a crash.
        raise InputError(
            "Không hiểu được nội dung tìm kiếm.",
            code="query_invalid",
            message_en=f"The search query cannot be used: {exc.orig}",
        ) from exc
    return [hit_from_row(tuple(row), exact_accents=exact_accents) for row in rows]
