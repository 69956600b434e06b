"""The annotation records an export draws, read from the model's dicts and checked.

The shape is the one in docs (plan/annotations.md): geometry in PDF points in the
page's unrotated user space, pages 0-based, times ISO 8601 UTC. A record the exporter
cannot read at all (unknown kind, a colour that is not "#RRGGBB", numbers that are not
numbers) stops the export before anything is written; a record that is readable but
cannot be placed (orphaned, another version, a page the file lacks, no geometry) is
listed on the closing pages instead of drawn.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ecabinet.errors import ECabinetError, ErrorKind
from ecabinet.pdf.cid_font import clean_text
from ecabinet.timeutil import parse_iso

KIND_VI = {
    "highlight": "Đánh dấu",
    "underline": "Gạch chân",
    "strikeout": "Gạch ngang",
    "note": "Ghi chú",
    "freetext": "Hộp chữ",
    "ink": "Nét vẽ",
}
MARKUP_KINDS = frozenset({"highlight", "underline", "strikeout"})
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

Quad = tuple[float, float, float, float, float, float, float, float]
Rect = tuple[float, float, float, float]
Stroke = tuple[tuple[float, float, float], ...]


class AnnotationExportError(ECabinetError):
    """The export cannot be made; nothing was written."""

    kind = ErrorKind.INPUT


@dataclass(frozen=True)
class ExportAnnotation:
    id: str
    kind: str
    color: tuple[float, float, float]
    color_hex: str
    page: int
    quads: tuple[Quad, ...]
    rect: Rect | None
    ink: tuple[Stroke, ...]
    text: str
    quote: str
    author: str
    created_at: datetime | None
    updated_at: datetime | None
    visibility: str
    anchor_state: str
    confidence: float | None
    version_sha256: str

    @property
    def kind_vi(self) -> str:
        return KIND_VI[self.kind]

    def bounds(self) -> Rect | None:
        """The smallest box holding the annotation's geometry (None: it has none)."""
        xs: list[float] = []
        ys: list[float] = []
        if self.kind in MARKUP_KINDS:
            for quad in self.quads:
                xs += quad[0::2]
                ys += quad[1::2]
        elif self.kind == "ink":
            for stroke in self.ink:
                xs += [p[0] for p in stroke]
                ys += [p[1] for p in stroke]
        elif self.rect is not None:
            xs += [self.rect[0], self.rect[2]]
            ys += [self.rect[1], self.rect[3]]
        if not xs:
            return None
        return (min(xs), min(ys), max(xs), max(ys))


def _bad(record_id: str, what: str, what_en: str) -> AnnotationExportError:
    return AnnotationExportError(
        f"Ghi chú {record_id} không hợp lệ: {what}.",
        code="invalid_annotation",
        message_en=f"Annotation {record_id} is invalid: {what_en}.",
    )


def _number(value: Any, record_id: str, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(record_id, f"{field} không phải là số", f"{field} is not a finite number")
    return float(value)


def _numbers(value: Any, count: int, record_id: str, field: str) -> tuple[float, ...]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != count:
        raise _bad(record_id, f"{field} phải có {count} số", f"{field} must hold {count} numbers")
    return tuple(_number(v, record_id, field) for v in value)


def _quad(value: Any, record_id: str) -> Quad:
    x1, y1, x2, y2, x3, y3, x4, y4 = _numbers(value, 8, record_id, "quads")
    return (x1, y1, x2, y2, x3, y3, x4, y4)


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        return None


def _text(value: Any) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _stroke(points: Any, record_id: str) -> Stroke:
    if not isinstance(points, Sequence) or isinstance(points, str):
        raise _bad(record_id, "nét vẽ không phải là danh sách điểm", "a stroke is not a list")
    out: list[tuple[float, float, float]] = []
    for point in points:
        if not isinstance(point, Sequence) or len(point) not in (2, 3):
            raise _bad(record_id, "điểm của nét vẽ phải là [x, y, p]", "ink points are [x, y, p]")
        x, y = (_number(v, record_id, "ink") for v in point[:2])
        pressure = _number(point[2], record_id, "ink") if len(point) == 3 else 0.5
        out.append((x, y, min(max(pressure, 0.0), 1.0)))
    return tuple(out)


def parse_annotation(raw: Mapping[str, Any]) -> ExportAnnotation:
    """Read one record of the model; raise ``AnnotationExportError`` if it is unusable."""
    if not isinstance(raw, Mapping):
        raise _bad("?", "không phải là một bản ghi", "not a mapping")
    record_id = raw.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise _bad("?", "thiếu mã (id)", "it has no id")
    kind = raw.get("kind")
    if kind not in KIND_VI:
        raise _bad(record_id, f"loại không rõ ({kind!r})", f"unknown kind {kind!r}")
    colour = raw.get("color", "#FFD400")
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise _bad(record_id, "màu phải có dạng #RRGGBB", "color must be #RRGGBB")
    page = raw.get("page", 0)
    if isinstance(page, bool) or not isinstance(page, int):
        raise _bad(record_id, "số trang không phải là số nguyên", "page is not an integer")
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    quads = tuple(_quad(q, record_id) for q in raw.get("quads") or ())
    rect_raw = raw.get("rect")
    rect: Rect | None = None
    if rect_raw:
        x0, y0, x1, y1 = _numbers(rect_raw, 4, record_id, "rect")
        rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    ink = tuple(s for s in (_stroke(s, record_id) for s in raw.get("ink") or ()) if s)
    selectors = raw.get("selectors") or {}
    quote = selectors.get("quote") if isinstance(selectors, Mapping) else None
    anchor = raw.get("anchor") or {}
    anchor = anchor if isinstance(anchor, Mapping) else {}
    confidence = anchor.get("confidence")
    return ExportAnnotation(
        id=record_id,
        kind=kind,
        color=(red, green, blue),
        color_hex=colour.upper(),
        page=page,
        quads=quads,
        rect=rect,
        ink=ink,
        text=_text(raw.get("text")),
        quote=_text(quote.get("exact")) if isinstance(quote, Mapping) else "",
        author=_text(raw.get("author_name")) or _text(raw.get("author_id")),
        created_at=_time(raw.get("created_at")),
        updated_at=_time(raw.get("updated_at")) or _time(raw.get("created_at")),
        visibility=str(raw.get("visibility") or ""),
        anchor_state=str(anchor.get("state") or "anchored"),
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        version_sha256=str(raw.get("version_sha256") or ""),
    )
