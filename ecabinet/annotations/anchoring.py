"""Re-anchoring annotations onto a new version of their document.

For each annotation record (plan/annotations.md's shape) ``Reanchorer.place`` gives a
``Placement``: where it goes in the new version, how it was found and how sure we are.

- Text kinds (highlight, underline, strikeout) and note / free text / ink that carry
  selectors follow their text (``matching.QuoteFinder``); the new quads come from the new
  version's character boxes, and non-text kinds get the ``shift`` their text moved by.
  States: ``anchored`` (found where the text flowed to, whatever its page number now),
  ``moved`` (the passage itself was moved elsewhere), ``fuzzy`` (confidence below
  ``CONFIRM_BELOW``: placed, for the minister to confirm), ``orphaned`` (not found).
- Kinds without selectors keep their page if it exists: ``anchored`` when its text is
  unchanged, ``moved`` when that exact page text now sits on another page, ``fuzzy`` (to
  confirm) when the page's text changed; ``orphaned`` when the page is gone.
- Nothing is ever dropped: an annotation whose text cannot be found is ``orphaned``, and
  ``Placement.apply`` keeps it on its old version so it can still be shown and listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ecabinet.annotations.matching import Found, QuoteFinder
from ecabinet.annotations.pdf_text import PageQuads, PdfText, Quad
from ecabinet.annotations.placement_record import apply_placement
from ecabinet.annotations.selectors import Selectors, selectors_for_range
from ecabinet.annotations.version_diff import VersionDiff
from ecabinet.errors import InputError

State = Literal["anchored", "moved", "fuzzy", "orphaned"]
PlacementMethod = Literal["position", "quote", "approximate", "page", "none"]

TEXT_KINDS = frozenset({"highlight", "underline", "strikeout"})
# Below this the minister is asked to confirm; below ORPHAN_BELOW it is not a placement.
CONFIRM_BELOW = 0.95
ORPHAN_BELOW = 0.7
# An exact quote found once in the whole new text, this long or longer, is unambiguous
# whatever happened around it.
UNIQUE_QUOTE_CHARS = 32  # as long as a context: a short phrase may recur by chance
PAGE_CHANGED_CONFIDENCE = 0.5
# Found this many characters (or twice the quote's length) away from where the versions'
# diff says the text flowed to: the passage itself was moved, not just its page.
MOVED_BEYOND = 200


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one annotation lands in the new version.

    ``page``/``start``/``end``: new page (0-based) and document offsets (None if orphaned
    or placed by page only). ``page_quads``: one quad per line, per page the text covers
    (the first is on ``page``). ``selectors``: recomputed on the new version.
    ``shift``: (dx, dy) in points to move a note's/free text's/ink's geometry by.
    ``reason``: why, for people and logs (``unchanged``, ``text_moved``,
    ``context_changed``, ``text_changed``, ``text_not_found``, ``page_text_changed``,
    ``page_removed``, ``invalid_selectors``).
    """

    annotation_id: str
    kind: str
    state: State
    method: PlacementMethod
    confidence: float
    page: int | None
    start: int | None = None
    end: int | None = None
    page_quads: tuple[PageQuads, ...] = ()
    selectors: Selectors | None = None
    shift: tuple[float, float] | None = None
    reason: str = ""

    @property
    def needs_confirmation(self) -> bool:
        return self.state == "fuzzy"

    @property
    def quads(self) -> tuple[Quad, ...]:
        """The quads on ``page``."""
        return self.page_quads[0].quads if self.page_quads else ()

    def anchor(self, from_sha256: str | None) -> dict[str, Any]:
        """The record's ``anchor`` field."""
        return {
            "state": self.state,
            "confidence": round(self.confidence, 4),
            "from_sha256": from_sha256,
        }

    def apply(
        self, record: Mapping[str, Any], *, new_sha256: str, old_sha256: str
    ) -> dict[str, Any]:
        """The annotation record moved onto the new version (orphans stay on the old one)."""
        return apply_placement(self, record, new_sha256=new_sha256, old_sha256=old_sha256)


class Reanchorer:
    """Places annotations made on ``old`` onto ``new`` (both open, used from one thread)."""

    def __init__(self, old: PdfText, new: PdfText, diff: VersionDiff | None = None) -> None:
        """``diff``: the versions' ``VersionDiff`` if the caller has it (the app shows it)."""
        self.old, self.new = old, new
        self.diff = diff if diff is not None else VersionDiff(old.document, new.document)
        self.finder = QuoteFinder(new.document, far=self.diff.changed_regions())
        self._page_index: dict[str, int] | None = None

    def place_all(self, records: Iterable[Mapping[str, Any]]) -> list[Placement]:
        return [self.place(record) for record in records]

    def place(self, record: Mapping[str, Any]) -> Placement:
        ident, kind = str(record.get("id", "")), str(record.get("kind", ""))
        page = record.get("page")
        page = page if isinstance(page, int) and not isinstance(page, bool) else 0
        try:
            selectors = Selectors.from_dict(record.get("selectors"))
        except InputError:
            return Placement(ident, kind, "orphaned", "none", 0.0, None, reason="invalid_selectors")
        if selectors is None:
            return self._by_page(ident, kind, page)
        hint, traced = self._hint(selectors, page)
        found = self.finder.find(selectors, hint)
        if found is None or _confidence(found) < ORPHAN_BELOW:
            return Placement(ident, kind, "orphaned", "none", 0.0, None, reason="text_not_found")
        if traced:  # the diff says where the text flowed to: moved means moved away from it
            moved = abs(found.start - hint) > max(MOVED_BEYOND, 2 * len(selectors.quote.exact))
        else:
            moved = self.new.document.page_of(found.start) != page
        return self._placement(ident, kind, page, selectors, found, moved)

    # -- by text ------------------------------------------------------------------------
    def _hint(self, selectors: Selectors, page: int) -> tuple[int, bool]:
        """Where the text is expected, and whether that was traced through the diff.

        Traced: the old offset carried through the versions' diff (text that only
        reflowed onto another page is expected exactly where it went). Otherwise the same
        place on the same page number.
        """
        old, new = self.old.document, self.new.document
        if not new.page_count:
            return 0, False
        position = selectors.position
        if position is not None and old.text[position.start : position.end] == (
            selectors.quote.exact
        ):
            return self.diff.map_offset(position.start), True
        old_page = min(max(page, 0), max(old.page_count - 1, 0))
        within = 0
        if position is not None and old.page_count:
            within = max(0, position.start - old.page_starts[old_page])
        start, end = new.page_span(min(old_page, new.page_count - 1))
        return min(start + within, end), False

    def _placement(
        self, ident: str, kind: str, old_page: int, selectors: Selectors, found: Found,
        moved: bool,
    ) -> Placement:  # fmt: skip
        confidence = _confidence(found)
        page_quads = tuple(self.new.quads(found.start, found.end))
        new_page = page_quads[0].page if page_quads else self.new.document.page_of(found.start)
        if confidence < CONFIRM_BELOW:
            state: State = "fuzzy"
        else:
            state = "moved" if moved else "anchored"
        shift = None
        if kind not in TEXT_KINDS and page_quads:
            shift = self._shift(selectors, old_page, page_quads[0])
        return Placement(
            ident, kind, state, found.method, confidence, new_page, found.start, found.end,
            page_quads, selectors_for_range(self.new.document, found.start, found.end), shift,
            _reason(found, moved),
        )  # fmt: skip

    def _shift(
        self, selectors: Selectors, old_page: int, new_quads: PageQuads
    ) -> tuple[float, float] | None:
        """How far the text's first line moved (upper-left corner), old page to new page."""
        position = selectors.position
        if position is None:
            return None
        old_quads = self.old.quads(position.start, position.end)
        if not old_quads or not new_quads.quads:
            return None
        before, after = old_quads[0].quads[0], new_quads.quads[0]
        return (round(after[0] - before[0], 3), round(after[1] - before[1], 3))

    # -- by page --------------------------------------------------------------------------
    def _by_page(self, ident: str, kind: str, page: int) -> Placement:
        old, new = self.old.document, self.new.document
        text = old.page_text(page) if 0 <= page < old.page_count else None
        if text is not None and page < new.page_count and new.page_text(page) == text:
            return Placement(ident, kind, "anchored", "page", 1.0, page, reason="unchanged")
        elsewhere = self._pages_by_text().get(text) if text else None
        if elsewhere is not None:
            return Placement(ident, kind, "moved", "page", 1.0, elsewhere, reason="page_moved")
        if 0 <= page < new.page_count:
            return Placement(
                ident, kind, "fuzzy", "page", PAGE_CHANGED_CONFIDENCE, page,
                reason="page_text_changed",
            )  # fmt: skip
        return Placement(ident, kind, "orphaned", "none", 0.0, None, reason="page_removed")

    def _pages_by_text(self) -> dict[str, int]:
        if self._page_index is None:
            new = self.new.document
            index: dict[str, int] = {}
            for page in reversed(range(new.page_count)):
                index[new.page_text(page)] = page  # the first page with that text wins
            self._page_index = index
        return self._page_index


def _confidence(found: Found) -> float:
    unique = found.method == "quote" and found.occurrences == 1
    if unique and found.end - found.start >= UNIQUE_QUOTE_CHARS:
        return max(found.score, CONFIRM_BELOW)
    return found.score


def _reason(found: Found, moved: bool) -> str:
    if found.method == "approximate":
        return "text_changed"
    if found.prefix_score < 1.0 or found.suffix_score < 1.0:
        return "context_changed"
    return "text_moved" if moved else "unchanged"


def reanchor(
    records: Iterable[Mapping[str, Any]], *, old: PdfText, new: PdfText
) -> list[Placement]:
    """Placements of ``records`` (made on ``old``) on ``new``, in the same order."""
    return Reanchorer(old, new).place_all(records)


def orphans(placements: Iterable[Placement]) -> list[Placement]:
    """The annotations that could not be placed: list them, never drop them."""
    return [p for p in placements if p.state == "orphaned"]


__all__ = [
    "CONFIRM_BELOW",
    "ORPHAN_BELOW",
    "Placement",
    "Reanchorer",
    "orphans",
    "reanchor",
]
