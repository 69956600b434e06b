"""The side list's model: every annotation listed, in sections, said in Vietnamese."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from ui.annotate.annotation_list import ID_ROLE, STATE_ROLE, AnnotationListModel

pytestmark = pytest.mark.gui


def record(record_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": record_id,
        "kind": "highlight",
        "page": 0,
        "color": "#FFD400",
        "author_name": "Lê Minh Khoa",
        "created_at": "2026-11-20T08:30:00Z",
        "selectors": {"quote": {"exact": "dự toán ngân sách", "prefix": "", "suffix": ""}},
        "anchor": {"state": "anchored"},
    }
    base.update(fields)
    return base


def rows(model: AnnotationListModel) -> list[tuple[str, str]]:
    return [
        (model.index(r, 0).data(STATE_ROLE), model.index(r, 0).data(Qt.ItemDataRole.DisplayRole))
        for r in range(model.rowCount())
    ]


def test_placed_fuzzy_orphaned_and_conflicts_each_find_their_section() -> None:
    model = AnnotationListModel()
    model.set_records(
        [
            record("b", page=2, kind="note", text="Đề nghị làm rõ nguồn vốn", quads=None),
            record("a", page=0),
            record("f", page=1, anchor={"state": "fuzzy", "confidence": 0.6}),
            record("o", page=4, anchor={"state": "orphaned"}),
            record("gone", page=1, deleted=True),
        ],
        [record("c", kind="note", text="Bản sửa trên máy tính bảng", conflict_of="b")],
    )
    listed = rows(model)
    states = [state for state, _ in listed]
    assert states == ["anchored", "fuzzy", "anchored", "header", "orphaned", "header", "conflict"]
    assert listed[0][1].startswith("Trang 1 · Đánh dấu"), listed[0][1]
    assert "“dự toán ngân sách”" in listed[0][1] and "Lê Minh Khoa" in listed[0][1]
    assert "cần xác nhận" in listed[1][1], "a fuzzy placement asks to be confirmed"
    assert "Đề nghị làm rõ nguồn vốn" in listed[2][1], "a note shows its own words"
    assert listed[3][1] == "Không tìm thấy vị trí trong phiên bản mới"
    assert "Trang" not in listed[4][1], "an orphan has no page in this version"
    assert "bản xung đột" in listed[6][1]
    assert "gone" not in model.ids(), "a tombstone is not listed"
    assert model.ids("orphaned") == ["o"] and model.ids("conflict") == ["c"]
    header = model.index(3, 0)
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable, "a section title is not a row"
    assert model.row_of("f").data(ID_ROLE) == "f"


def test_long_texts_are_cut_and_the_tooltip_keeps_them_whole() -> None:
    words = "Đề nghị Bộ Tài chính rà soát lại toàn bộ số liệu " * 5
    model = AnnotationListModel()
    model.set_records([record("n", kind="freetext", text=words, rect=[1, 1, 50, 50])])
    line = model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert "…" in line and len(line) < len(words)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == words
