"""The annotation record the screens and the export use, and the draft a screen makes.

The record's dict (``AnnotationRecord.to_dict``) is the shape
``ecabinet/pdf/annotated_export.py`` and ``ecabinet/annotations`` read (common contract:
id, document_id, version_sha256, kind, color, page, quads, rect, ink, text, selectors,
anchor, visibility, author_id, author_name, created_at, updated_at, deleted, revision,
conflict_of).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ecabinet.errors import InputError

# pydantic and the wire models load with the first annotation written, not with the app
# (its first paint imports this module; bench/cold_start.py).
# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from ecabinet.protocol_annotations import AnnotationBody
    from ecabinet.store.models import LocalAnnotation


ANCHORED = {"state": "anchored", "confidence": 1.0}
# The fields of a record that travel in its body (sealed when private).
BODY_FIELDS = (
    "kind", "color", "page", "quads", "rect", "ink", "text", "selectors", "author_name",
    "created_at",
)  # fmt: skip


@dataclass(frozen=True)
class AnnotationDraft:
    """What a screen asks to create. Geometry in PDF points, origin bottom-left."""

    document_id: str
    version_sha256: str
    kind: str
    page: int
    color: str = "#FFD400"
    quads: list[list[float]] = field(default_factory=list)
    rect: list[float] | None = None
    ink: list[list[list[float]]] = field(default_factory=list)
    text: str = ""
    selectors: dict[str, Any] | None = None
    visibility: str = "private"


@dataclass(frozen=True)
class AnnotationRecord:
    id: str
    document_id: str
    version_sha256: str
    kind: str
    color: str
    page: int
    quads: list[list[float]]
    rect: list[float] | None
    ink: list[list[list[float]]]
    text: str
    selectors: dict[str, Any] | None
    anchor: dict[str, Any]
    visibility: str
    author_id: str
    author_name: str
    created_at: str
    updated_at: str
    deleted: bool
    revision: int
    conflict_of: str | None
    # The version the annotation was made (or last confirmed) on; differs from
    # ``version_sha256`` after re-anchoring onto a newer version.
    source_version_sha256: str = ""

    @property
    def needs_confirmation(self) -> bool:
        return self.anchor.get("state") == "fuzzy"

    @property
    def orphaned(self) -> bool:
        return self.anchor.get("state") == "orphaned"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "document_id": self.document_id,
            "version_sha256": self.version_sha256, "kind": self.kind, "color": self.color,
            "page": self.page, "quads": self.quads, "rect": self.rect, "ink": self.ink,
            "text": self.text, "selectors": self.selectors, "anchor": self.anchor,
            "visibility": self.visibility, "author_id": self.author_id,
            "author_name": self.author_name, "created_at": self.created_at,
            "updated_at": self.updated_at, "deleted": self.deleted,
            "revision": self.revision, "conflict_of": self.conflict_of,
        }  # fmt: skip


def bad_annotation(vi: str, en: str, code: str = "bad_annotation") -> InputError:
    return InputError(vi, code=code, message_en=en)


def checked_body(body: dict[str, Any]) -> AnnotationBody:
    """The body checked against the wire model and the limits; ``InputError`` says why."""
    from pydantic import ValidationError

    from ecabinet.protocol_annotations import AnnotationBody, body_problem

    try:
        checked = AnnotationBody.model_validate(body)
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "-"
        raise bad_annotation(
            "Ghi chú không hợp lệ nên chưa được lưu "
            f"(kiểu, màu, trang, vị trí hoặc nội dung: {where}).",
            f"Invalid annotation ({where}: {first['msg']}).",
        ) from None
    problem = body_problem(checked)
    if problem is not None:
        code, vi, en = problem
        raise bad_annotation(vi, en, code)
    return checked


def draft_body(draft: AnnotationDraft, *, author_name: str, created_at: str) -> dict[str, Any]:
    if draft.visibility not in {"private", "shared"}:
        raise bad_annotation(
            "Chế độ chia sẻ của ghi chú không hợp lệ.", f"Unknown visibility {draft.visibility!r}."
        )
    body = {
        "kind": draft.kind, "color": draft.color, "page": draft.page,
        "quads": [list(q) for q in draft.quads],
        "rect": list(draft.rect) if draft.rect is not None else None,
        "ink": [[list(p) for p in stroke] for stroke in draft.ink], "text": draft.text,
        "selectors": draft.selectors or None, "author_name": author_name,
        "created_at": created_at,
    }  # fmt: skip
    return checked_body(body).model_dump()


def check_page(pages: int | None, page: int) -> None:
    if pages is None:
        raise bad_annotation(
            "Không tìm thấy phiên bản tài liệu này trên máy; hãy đồng bộ rồi thử lại.",
            "This document version is not in the local store.",
            "unknown_version",
        )
    if not 0 <= page < pages:
        raise bad_annotation(
            f"Tài liệu chỉ có {pages} trang; không thể ghi chú vào trang {page + 1}.",
            f"Page {page} (0-based) does not exist: the version has {pages} pages.",
            "unknown_page",
        )


def body_of(row: LocalAnnotation) -> dict[str, Any] | None:
    if row.body_json is None:
        return None
    value = json.loads(row.body_json)
    return value if isinstance(value, dict) else None


def record_of(row: LocalAnnotation, *, current_sha256: str | None = None) -> AnnotationRecord:
    """The record as shown for the document's current version (``current_sha256``)."""
    body = body_of(row) or {}
    placed = json.loads(row.placement_json) if row.placement_json else None
    shown: dict[str, Any] = dict(body)
    version = row.version_sha256
    anchor: dict[str, Any] = dict(ANCHORED)
    if placed and current_sha256 and placed.get("for_sha256") == current_sha256:
        anchor = dict(placed.get("anchor") or ANCHORED)
        for name in ("page", "quads", "rect", "ink", "selectors"):
            if name in placed:
                shown[name] = placed[name]
        version = str(placed.get("version_sha256") or version)
    elif current_sha256 and current_sha256 != row.version_sha256:
        # Made on another version and not placed on this one yet (its old file is
        # missing, or the re-anchoring runs after the next sync): listed, never dropped.
        anchor = {"state": "orphaned", "confidence": 0.0, "from_sha256": row.version_sha256,
                  "reason": "not_placed_yet"}  # fmt: skip
    return AnnotationRecord(
        id=row.id, document_id=row.document_id, version_sha256=version,
        kind=str(shown.get("kind", "note")), color=str(shown.get("color", "#FFD400")),
        page=int(shown.get("page", 0)), quads=list(shown.get("quads") or []),
        rect=shown.get("rect"), ink=list(shown.get("ink") or []),
        text=str(shown.get("text", "")), selectors=shown.get("selectors"), anchor=anchor,
        visibility=row.visibility, author_id=row.owner_id,
        author_name=str(shown.get("author_name", "")),
        created_at=str(shown.get("created_at") or row.created_at),
        updated_at=row.updated_at, deleted=row.deleted, revision=row.revision,
        conflict_of=row.conflict_of, source_version_sha256=row.version_sha256,
    )  # fmt: skip


__all__ = [
    "AnnotationDraft",
    "AnnotationRecord",
    "check_page",
    "checked_body",
    "draft_body",
    "record_of",
]
