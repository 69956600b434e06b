"""What a search returns: one hit per page or annotation, with its snippet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecabinet.search.schema import ANNOTATION
from ecabinet.search.snippets import Snippet, Span, cut, mark, spans_from_highlight, unfold_spans


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
    exact_accents: bool  # matched with the accents as typed (these come first)
    rank: float | None  # bm25, lower is better; None when ordered newest first

    def marked_snippet(self, open_mark: str = "«", close_mark: str = "»") -> str:
        """The snippet with each hit between the marks, for plain-text output."""
        return mark(Snippet(self.snippet, self.highlights), open_mark, close_mark)


def hit_from_row(row: tuple[Any, ...], *, exact_accents: bool) -> Hit:
    """A hit from (kind, document_id, sha, page, annotation_id, aligned, text, marked, rank).

    ``marked`` is highlight() of the column that matched. For the folded column its
    spans are positions in the folded text: the same positions in the page's text when
    the row is ``aligned``, else carried back by folding the page again.
    """
    kind, document_id, sha, page, annotation_id, aligned, page_text, marked, rank = row
    spans = spans_from_highlight(marked)
    if not exact_accents and not aligned:
        spans = unfold_spans(page_text, spans)
    snippet = cut(page_text, spans)
    return Hit(
        document_id=document_id, version_sha256=sha, page=int(page), kind=kind,
        annotation_id=annotation_id if kind == ANNOTATION else None,
        snippet=snippet.text, highlights=snippet.highlights, matches=tuple(spans),
        matched_words=tuple(dict.fromkeys(page_text[s:e] for s, e in spans)),
        exact_accents=exact_accents, rank=None if rank is None else float(rank),
    )  # fmt: skip
