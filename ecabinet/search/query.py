"""Read side of the search index: Vietnamese full-text search, with or without accents.

Without ``ignore_diacritics`` the query matches the ``exact`` column, accents as typed
(letter case never matters). With it, the folded query matches the ``folded`` column;
pages where the words also appear with the accents as typed come first (a first query on
``exact``), then the pages that match only once folded (a second query, on ``folded``
with those first ones excluded by ``NOT``).

Each part is ordered by FTS5's bm25 rank, computed for the newest ``RANK_WINDOW`` rows
of the index first (rows are numbered in the order they were indexed, so these are the
papers synced last): ranking every page costs ~1.5 µs per matching page and common
words match nearly all of them, which at 20,000 pages would blow the 50 ms budget.
When that window holds fewer hits than asked for, the whole index is ranked instead
(the words are then rare, and ranking them is cheap).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import TextClause, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ecabinet.errors import InputError
from ecabinet.search.expression import column_expression, parse
from ecabinet.search.fold import fold
from ecabinet.search.schema import ANNOTATION, EXACT_COLUMN, FOLDED_COLUMN
from ecabinet.search.snippets import (
    CLOSE,
    OPEN,
    Snippet,
    Span,
    cut,
    mark,
    spans_from_highlight,
    unfold_spans,
)

MAX_LIMIT = 1000
RANK_WINDOW = 2000

# highlight() is computed only for the rows FTS5 returns: ORDER BY rank with a LIMIT is
# sorted inside FTS5, so the markers are not computed for every matching page.
_QUERY = """
SELECT kind, document_id, version_sha256, page, annotation_id, aligned, exact,
       highlight(search_index, {column}, :open, :close) AS marked, rank
FROM search_index WHERE search_index MATCH :expression AND rowid >= :floor
ORDER BY rank LIMIT :limit
"""
_NEWEST = text("SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT 1")
_EXACT_QUERY = text(_QUERY.format(column=EXACT_COLUMN))
_FOLDED_QUERY = text(_QUERY.format(column=FOLDED_COLUMN))


@dataclass(frozen=True)
class Hit:
    document_id: str
    version_sha256: str
    page: int  # 0-based; people read page + 1
    kind: str  # "page" or "annotation"
    annotation_id: str | None  # for kind "annotation"
    snippet: str  # a window of the text around the first hit, "…" where cut
    highlights: tuple[Span, ...]  # where the hits are in ``snippet``
    matches: tuple[Span, ...]  # where the hits are in the whole (normalised) page text
    matched_words: tuple[str, ...]  # the words that matched, as written on the page
    exact_accents: bool  # matched with the accents as typed (ranked first)
    rank: float  # FTS5 bm25 within its group: lower is better

    def marked_snippet(self, open_mark: str = "«", close_mark: str = "»") -> str:
        return mark(Snippet(self.snippet, self.highlights), open_mark, close_mark)


def search(
    session: Session,
    query: str,
    *,
    ignore_diacritics: bool = False,
    limit: int = 50,
    rank_window: int = RANK_WINDOW,
) -> list[Hit]:
    """Pages and annotations whose text holds every word of ``query``, best first.

    Words may be "quoted phrases"; the last word matches as a prefix unless the query
    ends with a space. An empty query (or one with no letter or digit) finds nothing.
    ``rank_window``: how many of the newest index rows are ranked first (see above).
    Raises ``InputError``: ``query_too_long`` or ``bad_limit``.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            f"Số kết quả phải từ 1 đến {MAX_LIMIT}.",
            code="bad_limit",
            message_en=f"The result limit must be between 1 and {MAX_LIMIT}, not {limit}.",
        )
    terms = parse(query)
    newest = session.execute(_NEWEST).scalar()
    if not terms or newest is None:
        return []
    floor = max(0, int(newest) - rank_window + 1)
    exact = column_expression("exact", terms, _as_typed)
    hits = _ranked(session, _EXACT_QUERY, exact, floor, limit, exact_accents=True)
    if ignore_diacritics and len(hits) < limit:
        folded = f"{column_expression('folded', terms, fold)} NOT {exact}"
        more = limit - len(hits)
        hits += _ranked(session, _FOLDED_QUERY, folded, floor, more, exact_accents=False)
    return hits


def _as_typed(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _ranked(
    session: Session, statement: TextClause, expression: str, floor: int, limit: int,
    *, exact_accents: bool,
) -> list[Hit]:  # fmt: skip
    """The best ``limit`` hits among the newest rows, or among all if those hold too few."""
    hits = _run(session, statement, expression, floor, limit, exact_accents=exact_accents)
    if len(hits) < limit and floor > 0:
        hits = _run(session, statement, expression, 0, limit, exact_accents=exact_accents)
    return hits


def _run(
    session: Session, statement: TextClause, expression: str, floor: int, limit: int,
    *, exact_accents: bool,
) -> list[Hit]:  # fmt: skip
    try:
        rows = session.execute(
            statement,
            {"expression": expression, "floor": floor, "limit": limit, "open": OPEN,
             "close": CLOSE},
        ).all()  # fmt: skip
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
    hits = []
    for kind, document_id, sha, page, annotation_id, aligned, page_text, marked, rank in rows:
        spans = spans_from_highlight(marked)
        if not exact_accents and not aligned:
            spans = unfold_spans(page_text, spans)
        snippet = cut(page_text, spans)
        hits.append(
            Hit(
                document_id=document_id, version_sha256=sha, page=int(page), kind=kind,
                annotation_id=annotation_id if kind == ANNOTATION else None,
                snippet=snippet.text, highlights=snippet.highlights, matches=tuple(spans),
                matched_words=tuple(dict.fromkeys(page_text[s:e] for s, e in spans)),
                exact_accents=exact_accents, rank=float(rank),
            )
        )  # fmt: skip
    return hits
