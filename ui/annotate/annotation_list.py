"""The side list of a document's annotations: a model of ids, rows read from the records.

Sections, in order: the annotations placed on the current version (by page; a fuzzy
placement says it needs confirming), those not found in the new version (orphaned:
listed, never dropped), and conflict copies that can be restored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from ecabinet.timeutil import parse_iso

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # anchored | fuzzy | orphaned | conflict | header
PAGE_ROLE = Qt.ItemDataRole.UserRole + 3
EXCERPT_CHARS = 70
KIND_GLYPHS = {
    "highlight": "H",
    "underline": "U",
    "strikeout": "S",
    "note": "N",
    "freetext": "T",
    "ink": "~",
}
Index = QModelIndex | QPersistentModelIndex


def kind_name(kind: str) -> str:
    return {
        "highlight": QCoreApplication.translate("AnnotationList", "Highlight"),
        "underline": QCoreApplication.translate("AnnotationList", "Underline"),
        "strikeout": QCoreApplication.translate("AnnotationList", "Strike-out"),
        "note": QCoreApplication.translate("AnnotationList", "Note"),
        "freetext": QCoreApplication.translate("AnnotationList", "Text box"),
        "ink": QCoreApplication.translate("AnnotationList", "Drawing"),
    }.get(kind, kind)


def anchor_state(record: Mapping[str, Any]) -> str:
    anchor = record.get("anchor")
    state = anchor.get("state") if isinstance(anchor, Mapping) else None
    return str(state) if state in ("anchored", "fuzzy", "orphaned") else "anchored"


def excerpt(record: Mapping[str, Any]) -> str:
    """The words that say what the annotation is: its text, else the quote it marks."""
    text = str(record.get("text") or "").strip()
    if not text:
        selectors = record.get("selectors")
        quote = selectors.get("quote") if isinstance(selectors, Mapping) else None
        text = str(quote.get("exact") or "") if isinstance(quote, Mapping) else ""
        text = f"“{text}”" if text else ""
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def when(record: Mapping[str, Any]) -> str:
    raw = record.get("updated_at") or record.get("created_at")
    if not isinstance(raw, str) or not raw:
        return ""
    try:
        moment: datetime = parse_iso(raw)
    except ValueError:
        return ""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def kind_icon(kind: str, colour: str) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    painter.setBrush(fill if fill.isValid() else QColor("#FFD400"))
    painter.setPen(QColor("#555555"))
    painter.drawRoundedRect(1, 1, 16, 16, 3, 3)
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#202020"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, KIND_GLYPHS.get(kind, "?"))
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class Row:
    state: str  # anchored | fuzzy | orphaned | conflict | header
    annotation_id: str = ""
    title: str = ""  # headers only


class AnnotationListModel(QAbstractListModel):
    """Rows hold ids; what each shows is read from the records at paint time."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._records: dict[str, Mapping[str, Any]] = {}
        self._icons: dict[tuple[str, str], QIcon] = {}

    def set_records(
        self, records: Iterable[Mapping[str, Any]], conflicts: Iterable[Mapping[str, Any]] = ()
    ) -> None:
        self.beginResetModel()
        placed: list[Mapping[str, Any]] = []
        orphans: list[Mapping[str, Any]] = []
        self._records = {}
        for record in records:
            if record.get("deleted"):
                continue
            self._records[str(record["id"])] = record
            (orphans if anchor_state(record) == "orphaned" else placed).append(record)
        copies = [c for c in conflicts if not c.get("deleted")]
        for copy in copies:
            self._records[str(copy["id"])] = copy
        placed.sort(key=lambda r: (int(r.get("page") or 0), str(r.get("created_at") or "")))
        rows = [Row(anchor_state(r), str(r["id"])) for r in placed]
        if orphans:
            rows.append(Row("header", title="orphaned"))
            rows += [Row("orphaned", str(r["id"])) for r in orphans]
        if copies:
            rows.append(Row("header", title="conflict"))
            rows += [Row("conflict", str(c["id"])) for c in copies]
        self._rows = rows
        self.endResetModel()

    def record(self, annotation_id: str) -> Mapping[str, Any] | None:
        return self._records.get(annotation_id)

    def row_of(self, annotation_id: str) -> QModelIndex:
        for number, row in enumerate(self._rows):
            if row.annotation_id == annotation_id and row.state != "header":
                return self.index(number, 0)
        return QModelIndex()

    def ids(self, state: str | None = None) -> list[str]:
        return [
            r.annotation_id
            for r in self._rows
            if r.state != "header" and (state is None or r.state == state)
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].state == "header":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == STATE_ROLE:
            return row.state
        if row.state == "header":
            return self._header_data(row, role)
        record = self._records.get(row.annotation_id)
        if record is None:
            return None
        if role == ID_ROLE:
            return row.annotation_id
        if role == PAGE_ROLE:
            return record.get("page")
        if role == Qt.ItemDataRole.DisplayRole:
            return self._line(row, record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(record.get("text") or "") or excerpt(record)
        if role == Qt.ItemDataRole.DecorationRole:
            key = (str(record.get("kind")), str(record.get("color")))
            if key not in self._icons:
                self._icons[key] = kind_icon(*key)
            return self._icons[key]
        if role == Qt.ItemDataRole.ForegroundRole and row.state in ("orphaned", "conflict"):
            return QColor("#6b6b6b")
        return None

    @staticmethod
    def _header_data(row: Row, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if row.title == "orphaned":
                return QCoreApplication.translate("AnnotationList", "Not found in the new version")
            return QCoreApplication.translate(
                "AnnotationList", "Conflict copies (edited on another device at the same time)"
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _line(row: Row, record: Mapping[str, Any]) -> str:
        page = record.get("page")
        where = (
            QCoreApplication.translate("AnnotationList", "Page %1").replace(
                "%1", str(int(page) + 1)
            )
            if isinstance(page, int) and row.state != "orphaned"
            else ""
        )
        author = str(record.get("author_name") or record.get("author_id") or "")
        parts = [p for p in (where, kind_name(str(record.get("kind")))) if p]
        head = " · ".join(parts)
        if record.get("visibility") == "shared":
            head += " · " + QCoreApplication.translate("AnnotationList", "shared")
        if row.state == "fuzzy":
            head += " · " + QCoreApplication.translate("AnnotationList", "needs confirmation")
        if row.state == "conflict":
            head += " · " + QCoreApplication.translate("AnnotationList", "conflict copy")
        meta = " · ".join(p for p in (author, when(record)) if p)
        body = excerpt(record)
        return "\n".join(p for p in (head, body, meta) if p)
