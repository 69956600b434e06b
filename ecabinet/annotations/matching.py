"""Finding a quote selector's text in another version of the document, as Hypothesis does.

In order: (a) the position selector, if the new text holds the exact quote there with its
context; (b) the exact quote, every occurrence, the best context then the nearest to the
expected place winning; (c) an approximate match allowing up to half the quote's length in
edits (at most 256), looked for on the expected page, then the two pages either side,
then everywhere else the text changed (the whole document without a diff), each candidate
scored like Hypothesis's ``match-quote``: 50 for the quote, 20 for the prefix, 20 for the
suffix, 2 for closeness to the expected place, over 92. Like Hypothesis, each page offers
only its lowest-edit matches; unlike it, a few words of context on both sides that match
end the search early, and common quotes are never scored occurrence by occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ecabinet.annotations.approx import match_start, scan, similarity
from ecabinet.annotations.search_area import SearchArea, widened
from ecabinet.annotations.selectors import Selectors
from ecabinet.annotations.text import DocumentText

Method = Literal["position", "quote", "approximate"]

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50.0, 20.0, 20.0, 2.0
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
MAX_ERRORS_CAP = 256  # Hypothesis's cap: the search costs grow with the errors allowed
NEAR_PAGES = 2  # the second ring searched: this many pages either side of the expected one
PAGES_PER_RING = 8  # pages looked at closely in one ring, the most promising first
ENDS_PER_PAGE = 6  # equally good ends on one page: the nearest to the expected place
OCCURRENCES_SCORED = 8  # exact occurrences scored in full: this many each side of the hint
GOOD_CONTEXT = 0.9  # an approximate match this good on both sides ends the search
FAR_MARGIN = 600  # text kept around each changed region: quotes up to ~400 chars fit
GAP = MAX_ERRORS_CAP + 1  # separators between stretches: more than any error budget


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    method: Method
    score: float
    errors: int
    prefix_score: float
    suffix_score: float
    occurrences: int = 0  # exact occurrences of the quote in the new text


class QuoteFinder:
    """Finds quotes in one document version; reuse it for every annotation."""

    def __init__(self, doc: DocumentText, far: list[tuple[int, int]] | None = None) -> None:
        """``far``: where to look beyond the pages near the expected one (default: the
        whole text). Given the regions a ``VersionDiff`` found changed, the far search
        reads only those: unchanged text is the new home of other, unchanged passages,
        and the exact search has already looked at all of it."""
        self.doc = doc
        self._far_ranges = far
        self._far: SearchArea | None = None
        self._whole: SearchArea | None = None

    def _whole_area(self) -> SearchArea:
        if self._whole is None:
            self._whole = SearchArea(self.doc.text, [(0, len(self.doc.text))], GAP)
        return self._whole

    def _far_area(self, exact: str, margin: int) -> SearchArea | None:
        """The changed regions (None if nothing changed), else the whole text."""
        if self._far_ranges is None or margin > FAR_MARGIN:
            return self._whole_area()
        if not self._far_ranges:
            return None
        if self._far is None:
            stretches = widened(self._far_ranges, FAR_MARGIN, len(self.doc.text))
            self._far = SearchArea(self.doc.text, stretches, GAP)
        return self._far if self._far.holds(exact) else self._whole_area()

    def find(self, selectors: Selectors, hint: int) -> Found | None:
        """The best place for ``selectors`` near document offset ``hint``, or None."""
        quote = selectors.quote
        if selectors.position is not None:
            found = self._at_position(selectors, hint)
            if found is not None:
                return found
        exact = self._exact(selectors, hint)
        if exact is not None and (
            _intact(exact.prefix_score, quote.prefix) or _intact(exact.suffix_score, quote.suffix)
        ):
            return exact
        approximate = self._approximate(selectors, hint, exact)
        candidates = [c for c in (exact, approximate) if c is not None]
        return max(candidates, key=lambda c: c.score, default=None)

    # -- scoring --------------------------------------------------------------------
    def _score(
        self, selectors: Selectors, start: int, end: int, errors: int, hint: int, method: Method
    ) -> Found:
        quote, text = selectors.quote, self.doc.text
        prefix = _context_score(text[max(0, start - len(quote.prefix)) : start], quote.prefix)
        suffix = _context_score(text[end : end + len(quote.suffix)], quote.suffix)
        closeness = 1.0 - abs(start - hint) / max(len(text), 1)
        raw = (
            QUOTE_WEIGHT * (1.0 - errors / len(quote.exact))
            + PREFIX_WEIGHT * prefix
            + SUFFIX_WEIGHT * suffix
            + POSITION_WEIGHT * closeness
        )
        return Found(start, end, method, raw / TOTAL_WEIGHT, errors, prefix, suffix)

    # -- (a) the position selector -----------------------------------------------------
    def _at_position(self, selectors: Selectors, hint: int) -> Found | None:
        assert selectors.position is not None
        quote, start = selectors.quote, selectors.position.start
        end = start + len(quote.exact)
        if self.doc.text[start:end] != quote.exact:
            return None
        found = self._score(selectors, start, end, 0, start, "position")
        if _intact(found.prefix_score, quote.prefix) or _intact(found.suffix_score, quote.suffix):
            return found
        return None

    # -- (b) the exact quote --------------------------------------------------------------
    def _exact(self, selectors: Selectors, hint: int) -> Found | None:
        """The exact quote: with both contexts, else one, else the nearest occurrences.

        Each step is a ``str.find`` of a longer string (C speed); a common word found
        thousands of times is never scored occurrence by occurrence.
        """
        quote, text = selectors.quote, self.doc.text
        exact, prefix, suffix = quote.exact, quote.prefix, quote.suffix
        # With both contexts intact only the distance differs: the nearest on each side.
        starts = [s + len(prefix) for s in _nearest(text, prefix + exact + suffix, hint, 1)]
        if not starts and text.find(exact) < 0:
            return None
        # Only a placement with its context changed needs the count (a unique long quote
        # is trusted even so); counting a common word costs a pass over the text.
        count = len(starts) if starts else text.count(exact)
        if not starts:
            with_prefix = _nearest(text, prefix + exact, hint + len(prefix), OCCURRENCES_SCORED)
            with_suffix = _nearest(text, exact + suffix, hint, OCCURRENCES_SCORED)
            starts = [s + len(prefix) for s in with_prefix] + with_suffix
        if not starts:
            starts = _nearest(text, exact, hint, OCCURRENCES_SCORED)
        scored = [self._score(selectors, s, s + len(exact), 0, hint, "quote") for s in starts]
        best = max(scored, key=lambda f: f.score)
        return replace(best, occurrences=count)

    # -- (c) approximate -----------------------------------------------------------------
    def _approximate(self, selectors: Selectors, hint: int, exact: Found | None) -> Found | None:
        doc, quote = self.doc, selectors.quote
        max_errors = min(MAX_ERRORS_CAP, len(quote.exact) // 2)
        if max_errors < 1 or not doc.page_count:
            return None
        margin = len(quote.exact) + max_errors  # a match may start this far before a range
        expected = doc.page_of(min(hint, max(len(doc.text) - 1, 0)))
        near = (max(0, expected - NEAR_PAGES), min(doc.page_count - 1, expected + NEAR_PAGES))
        best = exact
        for ring in range(3):
            if ring < 2:
                first, final = (expected, expected) if ring == 0 else near
                span = [(doc.page_starts[first], doc.page_starts[final + 1])]
                area: SearchArea | None = SearchArea(
                    doc.text, widened(span, margin, len(doc.text)), GAP
                )
            else:
                area = self._far_area(quote.exact, margin)
            found = self._search(selectors, hint, area, max_errors) if area else None
            if found is not None and (best is None or found.score > best.score):
                best = found
            if (
                best is not None
                and best.method == "approximate"
                and best.prefix_score >= GOOD_CONTEXT
                and best.suffix_score >= GOOD_CONTEXT
            ):
                break  # the context on both sides says this is the passage: look no further
        return best if best is not None and best.method == "approximate" else None

    def _search(
        self, selectors: Selectors, hint: int, area: SearchArea, max_errors: int
    ) -> Found | None:
        """The best approximate match in ``area``, its most promising pages first."""
        doc, exact = self.doc, selectors.quote.exact
        result = scan(area.bits, exact)
        candidates: list[tuple[int, int, int, int]] = []
        for stretch in area.stretches:
            end = stretch.real + stretch.size
            for page in range(
                doc.page_of(stretch.real), doc.page_of(max(stretch.real, end - 1)) + 1
            ):
                lo = max(stretch.real, doc.page_starts[page]) - stretch.real + stretch.virtual
                hi = min(end, doc.page_starts[page + 1]) - stretch.real + stretch.virtual
                candidates.append((result.lower_bound(lo, hi), page, lo, hi))
        expected = doc.page_of(hint)
        candidates.sort(key=lambda c: (c[0], abs(c[1] - expected)))
        best: Found | None = None
        for bound, _, lo, hi in candidates[:PAGES_PER_RING]:
            if bound > max_errors:
                break
            errors, ends = result.best(lo, hi, max_errors)
            real_ends = sorted((area.real(e) for e in ends), key=lambda e: abs(e - hint))
            for end in real_ends[:ENDS_PER_PAGE]:
                start = match_start(doc.text, exact, end, errors)
                found = self._score(selectors, start, end, errors, hint, "approximate")
                if best is None or found.score > best.score:
                    best = found
        return best


def _context_score(window: str, context: str) -> float:
    if not context:
        return 1.0  # nothing was there to compare (the start or end of the document)
    if window == context:
        return 1.0
    return similarity(window, context)


def _intact(score: float, context: str) -> bool:
    """The context matched exactly (or there was none to match)."""
    return score >= 1.0 or not context


def _nearest(text: str, needle: str, hint: int, each_side: int) -> list[int]:
    """Up to ``each_side`` occurrences of ``needle`` after ``hint`` and as many before."""
    found: list[int] = []
    at = text.find(needle, max(hint, 0))
    while at >= 0 and len(found) < each_side:
        found.append(at)
        at = text.find(needle, at + 1)
    before = 0
    at = text.rfind(needle, 0, max(hint, 0) + len(needle) - 1)
    while at >= 0 and before < each_side:
        if at < hint:
            found.append(at)
            before += 1
        at = text.rfind(needle, 0, at + len(needle) - 1)
    return found
