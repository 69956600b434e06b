"""Re-anchoring annotations onto a new version of a multi-page Vietnamese draft.

Version 1 and version 2 are real PDFs laid out by reportlab with the project's font. In
version 2 a paragraph moved eight pages on, a sentence lost one diacritic, another had
a few words changed, a third lost all its diacritics, a paragraph was deleted, a new
paragraph opens the document (every later line and page break moved) and words were
added at the start of a paragraph (its lines re-wrapped). Every placement is checked
with pdfium itself: the text inside the new quads must be the annotated words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.review_docs import NO_MARKS, make_review_pdf, paragraphs, text_under_quads

from ecabinet.annotations.anchoring import CONFIRM_BELOW, Placement, Reanchorer, orphans
from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.selectors import selectors_for_range

MOVED = "Quỹ hỗ trợ đổi mới sáng tạo tại Điện Biên được cấp bổ sung 1.234 tỷ đồng trong năm 2027."
TOUCHED = "Bộ Tư pháp thẩm định hồ sơ đề nghị xây dựng Luật Dữ liệu trước ngày 15 tháng 9."
TOUCHED_V2 = TOUCHED.replace("thẩm định", "thẩm đinh")
CHANGED = (
    "Bộ Tài chính chủ trì thẩm định phương án phân bổ nguồn vốn đối ứng cho các dự án ODA"
    " của tỉnh Sơn La."
)
CHANGED_V2 = (
    "Bộ Tài chính chủ trì rà soát phương án phân bổ toàn bộ nguồn vốn đối ứng cho các dự án"
    " ODA của tỉnh Sơn La."
)
PLAIN = "Ngân sách nhà nước bảo đảm kinh phí cho Đề án phát triển giao thông đường bộ cao tốc."
DELETED = "Kiểm toán Nhà nước báo cáo kết quả kiểm toán chuyên đề về quản lý nợ công của 14 tỉnh."
WRAPPED = "cơ chế đặc thù về đầu tư xây dựng các tuyến đường sắt đô thị tại Hà Nội và Đà Nẵng"
TWICE = "Các bộ, ngành rà soát danh mục dự án chuyển tiếp sang giai đoạn 2026-2030 trước ngày 30."
FAR_CHANGED = "Ủy ban Dân tộc phối hợp kiểm tra việc thực hiện chính sách hỗ trợ đồng bào vùng cao."
FAR_CHANGED_V2 = FAR_CHANGED.replace("kiểm tra", "giám sát")


def versions() -> tuple[list[str], list[str]]:
    base = paragraphs(40, seed=21)
    v1 = list(base)
    v1[5] = v1[5] + " " + MOVED + " " + FAR_CHANGED
    v1[12] = v1[12] + " " + CHANGED + " " + TOUCHED
    v1[16] = v1[16] + " " + PLAIN
    v1[20] = "Điều 21. " + DELETED + " " + base[20].split(". ", 1)[1]
    v1[24] = "Điều 25. Nhà nước có " + WRAPPED + ". " + base[24].split(". ", 1)[1]
    first, rest = base[30].split(". ", 2)[1:]
    v1[30] = f"Điều 31. {first}. {TWICE} {rest}"
    v1[36] = f"Điều 37. {first}. {TWICE} {rest}"  # the same passage twice, contexts and all
    v2 = list(v1)
    v2[12] = v2[12].replace(CHANGED, CHANGED_V2).replace(TOUCHED, TOUCHED_V2)
    v2[16] = v2[16].replace(PLAIN, PLAIN.translate(NO_MARKS).replace("Đ", "D"))
    v2[5] = v2[5].replace(FAR_CHANGED, FAR_CHANGED_V2)
    v2[24] = v2[24].replace("Nhà nước có ", "Nhà nước cho phép áp dụng thí điểm có ")
    moved = v2.pop(5)
    v2.insert(40 - 6, moved)
    v2.remove(v1[20])
    v2.insert(0, "Lời nói đầu. Văn bản này được chỉnh lý theo ý kiến của các thành viên Chính phủ.")
    return v1, v2


def _starts(text: str, needle: str) -> list[int]:
    first = text.index(needle)
    return [first, text.index(needle, first + 1)]


class World:
    def __init__(self, root: Path) -> None:
        v1, v2 = versions()
        self.v1_path = make_review_pdf(root / "v1.pdf", v1)
        self.v2_path = make_review_pdf(root / "v2.pdf", v2)
        self.old, self.new = PdfText(self.v1_path), PdfText(self.v2_path)
        self.reanchorer = Reanchorer(self.old, self.new)

    def record(self, text: str, kind: str = "highlight", *, occurrence: int = 0) -> dict[str, Any]:
        doc = self.old.document
        start = -1
        for _ in range(occurrence + 1):
            start = doc.text.index(text, start + 1)
        selectors = selectors_for_range(doc, start, start + len(text))
        assert selectors is not None
        record: dict[str, Any] = {
            "id": f"{kind}-{start}", "kind": kind, "page": doc.page_of(start),
            "selectors": selectors.to_dict(),
            "quads": [list(q) for q in self.old.quads(start, start + len(text))[0].quads],
        }  # fmt: skip
        if kind == "note":
            x, y = record["quads"][0][0], record["quads"][0][1]
            record["rect"] = [x - 30, y - 10, x - 10, y + 10]
        return record

    def new_page_of(self, text: str) -> int:
        return self.new.document.page_of(self.new.document.text.index(text))

    def covered(self, placement: Placement) -> str:
        return text_under_quads(self.v2_path, [(q.page, q.quads) for q in placement.page_quads])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp("anchoring"))
    yield w
    w.old.close()
    w.new.close()


def test_the_versions_really_differ_the_way_the_test_needs(world: World) -> None:
    old, new = world.old.document, world.new.document
    assert old.page_count >= 8 and new.page_count >= 8
    assert old.text.count(TWICE) == 2 == new.text.count(TWICE)
    twice = [selectors_for_range(old, s, s + len(TWICE)) for s in _starts(old.text, TWICE)]
    assert twice[0] is not None and twice[1] is not None
    assert twice[0].quote == twice[1].quote  # nothing but the position tells them apart
    assert DELETED not in new.text and CHANGED not in new.text and PLAIN not in new.text
    moved_from = old.page_of(old.text.index(MOVED))
    assert world.new_page_of(MOVED) - moved_from >= 5
    # the wrapped quote crosses a line break in version 1 and not at the same place in 2
    (old_raw,) = old.raw_ranges(old.text.index(WRAPPED), old.text.index(WRAPPED) + len(WRAPPED))
    (new_raw,) = new.raw_ranges(new.text.index(WRAPPED), new.text.index(WRAPPED) + len(WRAPPED))
    old_lines = old.pages[old_raw.page][old_raw.start : old_raw.end]
    new_lines = new.pages[new_raw.page][new_raw.start : new_raw.end]
    assert "\n" in old_lines and old_lines != new_lines


def test_a_paragraph_moved_eight_pages_on_is_found_exactly_with_new_quads(world: World) -> None:
    placement = world.reanchorer.place(world.record(MOVED))
    assert placement.state == "moved" and placement.method == "quote"
    assert placement.confidence >= CONFIRM_BELOW and not placement.needs_confirmation
    assert placement.page == world.new_page_of(MOVED)
    assert world.covered(placement) == MOVED
    assert placement.selectors is not None and placement.selectors.quote.exact == MOVED
    assert placement.selectors.position is not None
    assert world.new.document.text[
        placement.selectors.position.start : placement.selectors.position.end
    ] == MOVED  # fmt: skip


def test_text_that_only_reflowed_onto_another_page_is_anchored_not_moved(world: World) -> None:
    old = world.old.document
    for n in range(26, 34):  # unchanged paragraphs after the new opening paragraph
        sentence = paragraphs(40, seed=21)[n].split(". ")[1]
        if old.page_of(old.text.index(sentence)) != world.new_page_of(sentence):
            break
    else:
        pytest.fail("no paragraph changed page: the test would prove nothing")
    placement = world.reanchorer.place(world.record(sentence))
    assert (placement.state, placement.reason) == ("anchored", "unchanged")
    assert placement.page == world.new_page_of(sentence) != world.record(sentence)["page"]
    assert world.covered(placement) == sentence


def test_one_lost_diacritic_is_found_by_the_approximate_matcher_and_trusted(world: World) -> None:
    placement = world.reanchorer.place(world.record(TOUCHED, "underline"))
    assert placement.method == "approximate" and placement.reason == "text_changed"
    assert placement.state in {"anchored", "moved"} and placement.confidence >= CONFIRM_BELOW
    assert world.covered(placement) == TOUCHED_V2
    assert placement.page == world.new_page_of(TOUCHED_V2)


def test_a_sentence_with_a_few_words_changed_is_placed_but_marked_to_confirm(
    world: World,
) -> None:
    placement = world.reanchorer.place(world.record(CHANGED, "strikeout"))
    assert placement.method == "approximate"
    assert placement.state == "fuzzy" and placement.needs_confirmation
    assert 0.7 <= placement.confidence < CONFIRM_BELOW
    assert world.covered(placement) == CHANGED_V2
    anchor = placement.anchor("old-sha")
    assert anchor["state"] == "fuzzy" and anchor["from_sha256"] == "old-sha"
    assert anchor["confidence"] == round(placement.confidence, 4)


def test_vietnamese_that_lost_every_diacritic_is_still_found_and_marked_to_confirm(
    world: World,
) -> None:
    placement = world.reanchorer.place(world.record(PLAIN))
    plain_v2 = PLAIN.translate(NO_MARKS).replace("Đ", "D")
    assert placement.method == "approximate" and placement.state == "fuzzy"
    assert world.covered(placement) == plain_v2


def test_vietnamese_with_its_diacritics_intact_anchors_exactly(world: World) -> None:
    placement = world.reanchorer.place(world.record("Quỹ hỗ trợ đổi mới sáng tạo tại Điện Biên"))
    assert placement.method == "quote" and placement.confidence >= CONFIRM_BELOW
    assert world.covered(placement) == "Quỹ hỗ trợ đổi mới sáng tạo tại Điện Biên"


def test_a_moved_and_changed_passage_is_found_far_from_where_it_was(world: World) -> None:
    placement = world.reanchorer.place(world.record(FAR_CHANGED))
    assert placement.method == "approximate" and placement.state != "orphaned"
    assert placement.page == world.new_page_of(FAR_CHANGED_V2)
    assert world.covered(placement) == FAR_CHANGED_V2


def test_deleted_text_is_orphaned_listed_and_kept_on_its_old_version(world: World) -> None:
    records = [world.record(DELETED, "strikeout"), world.record(MOVED)]
    placements = world.reanchorer.place_all(records)
    (orphan,) = orphans(placements)
    assert orphan.annotation_id == records[0]["id"]
    assert orphan.state == "orphaned" and orphan.page is None and orphan.quads == ()
    kept = orphan.apply(records[0], new_sha256="new-sha", old_sha256="old-sha")
    assert "version_sha256" not in kept or kept["version_sha256"] != "new-sha"
    assert kept["quads"] == records[0]["quads"] and kept["page"] == records[0]["page"]
    assert kept["anchor"] == {"state": "orphaned", "confidence": 0.0, "from_sha256": "old-sha"}


def test_line_breaks_that_moved_do_not_matter_the_quote_anchors_exactly(world: World) -> None:
    placement = world.reanchorer.place(world.record(WRAPPED))
    assert placement.method in {"position", "quote"} and placement.confidence >= CONFIRM_BELOW
    assert world.covered(placement) == WRAPPED
    assert len(placement.quads) >= 2 or len(placement.page_quads) >= 2  # still two lines


def test_a_quote_found_twice_goes_to_the_occurrence_nearest_its_old_place(world: World) -> None:
    for occurrence in (0, 1):
        record = world.record(TWICE, occurrence=occurrence)
        placement = world.reanchorer.place(record)
        new = world.new.document
        first = new.text.index(TWICE)
        expected = first if occurrence == 0 else new.text.index(TWICE, first + 1)
        assert placement.start == expected, occurrence
        assert world.covered(placement) == TWICE


def test_a_note_follows_its_text_and_its_box_moves_with_it(world: World) -> None:
    record = world.record(MOVED, "note")
    placement = world.reanchorer.place(record)
    assert placement.state == "moved" and placement.shift is not None
    moved = placement.apply(record, new_sha256="new-sha", old_sha256="old-sha")
    assert moved["version_sha256"] == "new-sha" and moved["page"] == placement.page
    new_first_line = placement.quads[0]
    old_first_line = record["quads"][0]
    for got, old, line_old, line_new in zip(
        moved["rect"], record["rect"], old_first_line[:2] * 2, new_first_line[:2] * 2, strict=True
    ):
        assert got - line_new == pytest.approx(old - line_old)
    assert moved["anchor"]["state"] == "moved"


def test_text_annotations_get_new_quads_and_selectors_in_their_record(world: World) -> None:
    record = world.record(MOVED, "highlight")
    placement = world.reanchorer.place(record)
    updated = placement.apply(record, new_sha256="new-sha", old_sha256="old-sha")
    assert updated["quads"] == [list(q) for q in placement.quads] != record["quads"]
    assert updated["selectors"]["quote"]["exact"] == MOVED
    assert record["page"] != updated["page"]  # the input record is not modified
    assert record["quads"] == world.record(MOVED, "highlight")["quads"]


def test_annotations_without_text_keep_their_page_and_ask_when_its_text_changed(
    world: World,
) -> None:
    ink = {"id": "ink-1", "kind": "ink", "page": 0, "ink": [[[100.0, 700.0, 0.5]]]}
    placement = world.reanchorer.place(ink)
    assert (placement.state, placement.page, placement.reason) == ("fuzzy", 0, "page_text_changed")
    gone = {"id": "ft-1", "kind": "freetext", "page": 500, "rect": [1, 2, 3, 4]}
    assert world.reanchorer.place(gone).state == "orphaned"


def test_malformed_selectors_orphan_that_annotation_only(world: World) -> None:
    bad = {"id": "bad", "kind": "highlight", "page": 1, "selectors": {"quote": {"exact": 7}}}
    good = world.record(MOVED)
    first, second = world.reanchorer.place_all([bad, good])
    assert (first.state, first.reason) == ("orphaned", "invalid_selectors")
    assert second.state == "moved"


def test_the_same_file_again_anchors_everything_in_place(world: World) -> None:
    with PdfText(world.v1_path) as again:
        same = Reanchorer(world.old, again)
        records = [world.record(t) for t in (MOVED, CHANGED, WRAPPED, PLAIN, DELETED)]
        records.append({"id": "ink", "kind": "ink", "page": 3})
        for record, placement in zip(records, same.place_all(records), strict=True):
            assert placement.state == "anchored" and placement.confidence >= CONFIRM_BELOW
            assert placement.page == record["page"]
            if placement.method != "page":
                assert placement.method == "position"
                assert [list(q) for q in placement.quads] == record["quads"]
