"""Applying a placement to an annotation record (plan/annotations.md's shape)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecabinet.annotations.anchoring import Placement

_TEXT_KINDS = frozenset({"highlight", "underline", "strikeout"})


def apply_placement(
    placement: Placement, record: Mapping[str, Any], *, new_sha256: str, old_sha256: str
) -> dict[str, Any]:
    """A copy of ``record`` placed on the new version.

    An orphan keeps its version, page and geometry (they still mean something on the old
    version, shown side by side) and is marked orphaned. Timestamps are the caller's.
    """
    out = copy.deepcopy(dict(record))
    out["anchor"] = placement.anchor(old_sha256)
    if placement.state == "orphaned" or placement.page is None:
        return out
    out["version_sha256"] = new_sha256
    out["page"] = placement.page
    if placement.selectors is not None:
        out["selectors"] = placement.selectors.to_dict()
    if out.get("kind") in _TEXT_KINDS:
        out["quads"] = [list(q) for q in placement.quads]
    elif placement.shift is not None:
        dx, dy = placement.shift
        if isinstance(out.get("rect"), list) and len(out["rect"]) == 4:
            x0, y0, x1, y1 = out["rect"]
            out["rect"] = [x0 + dx, y0 + dy, x1 + dx, y1 + dy]
        if isinstance(out.get("ink"), list):
            out["ink"] = [
                [[x + dx, y + dy, *rest] for x, y, *rest in stroke] for stroke in out["ink"]
            ]
    return out
