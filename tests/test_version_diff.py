"""What changed between two versions, page by page and word by word, on real PDFs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from support.review_docs import make_review_pdf, paragraphs

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.text import DocumentText
from ecabinet.annotations.version_diff import VersionDiff

OLD_SENTENCE = "Bộ Nội vụ thẩm định đề án vị trí việc làm của các đơn vị sự nghiệp công lập."
NEW_SENTENCE = "Bộ Nội vụ phê duyệt đề án vị trí việc làm của mọi đơn vị sự nghiệp công lập."
OPENING = "Lời nói đầu. Dự thảo lần hai bổ sung ý kiến của các bộ, ngành và địa phương."
APPENDIX = "Phụ lục bổ sung về danh mục dự án chuyển tiếp"


def documents(root: Path) -> tuple[DocumentText, DocumentText, list[str], list[str]]:
    v1 = paragraphs(60, seed=33)
    v1[10] = v1[10] + " " + OLD_SENTENCE
    v2 = list(v1)
    v2[10] = v2[10].replace(OLD_SENTENCE, NEW_SENTENCE)
    gone = v2[28:42]  # some three pages: whole old pages lose all their text
    del v2[28:42]
    v2.insert(0, OPENING)  # every later line and page break moves
    v2.extend(f"{APPENDIX} {n}. " + p.split(". ", 1)[1] for n, p in enumerate(paragraphs(20, 9)))
    texts = []
    for name, paras in (("v1", v1), ("v2", v2)):
        with PdfText(make_review_pdf(root / f"{name}.pdf", paras)) as pdf:
            texts.append(pdf.document)
    return texts[0], texts[1], gone, v1


@pytest.fixture(scope="module")
def diff(tmp_path_factory: pytest.TempPathFactory) -> tuple[VersionDiff, list[str], list[str]]:
    old, new, gone, v1 = documents(tmp_path_factory.mktemp("diff"))
    return VersionDiff(old, new), gone, v1


def test_equal_stretches_really_are_equal_and_cover_the_kept_text(
    diff: tuple[VersionDiff, list[str], list[str]],
) -> None:
    d, gone, _ = diff
    old, new = d.old.text, d.new.text
    for block in d.blocks:
        assert (
            old[block.old_start : block.old_start + block.size]
            == (new[block.new_start : block.new_start + block.size])
        )
    kept = sum(b.size for b in d.blocks)
    deleted = sum(len(p) for p in gone)
    assert kept > 0.97 * (len(old) - deleted)
    starts = [b.old_start for b in d.blocks]
    assert starts == sorted(starts) and [b.new_start for b in d.blocks] == sorted(
        b.new_start for b in d.blocks
    )


def test_the_changed_sentence_shows_its_deleted_and_inserted_words_on_its_page(
    diff: tuple[VersionDiff, list[str], list[str]],
) -> None:
    d, _, _ = diff
    page = d.new.page_of(d.new.text.index(NEW_SENTENCE))
    (page_diff,) = [p for p in d.pages() if p.new_page == page]
    assert page_diff.status == "changed"
    deleted = {c.text for c in page_diff.deleted}
    inserted = {c.text for c in page_diff.inserted}
    assert {"thẩm định", "các"} <= deleted and {"phê duyệt", "mọi"} <= inserted
    for change in page_diff.inserted:
        assert d.new.text[change.new_start : change.new_end] == change.text
    for change in page_diff.deleted:
        assert d.old.text[change.old_start : change.old_end] == change.text


def test_text_that_only_reflowed_onto_other_pages_is_not_a_change(
    diff: tuple[VersionDiff, list[str], list[str]],
) -> None:
    d, _, v1 = diff
    new = d.new
    edits = [new.text.index(NEW_SENTENCE), new.text.index(OPENING), new.text.index(APPENDIX)]
    after_gap = new.text.index(v1[42][:60])  # where the deleted paragraphs were
    edits += [after_gap, after_gap - 2, len(OPENING)]
    may_change = {new.page_of(at) for at in edits}
    may_change |= {p for p in range(new.page_count) if APPENDIX in new.page_text(p)}
    reflowed = 0
    for page in d.pages():
        if page.new_page is None or page.new_page in may_change:
            continue
        assert page.status == "unchanged", page
        assert page.old_pages and not page.inserted and not page.deleted
        reflowed += new.page_text(page.new_page) != d.old.page_text(page.new_page)
    assert reflowed >= 3  # the pages did shift: this test is not vacuous


def test_removed_and_added_pages_are_reported(
    diff: tuple[VersionDiff, list[str], list[str]],
) -> None:
    d, gone, _ = diff
    pages = d.pages()
    removed = [p.old_pages[0] for p in pages if p.status == "removed"]
    first, last = d.old.text.index(gone[0]), d.old.text.index(gone[-1]) + len(gone[-1])
    inside = [
        p for p in range(d.old.page_count)
        if first <= d.old.page_starts[p] and d.old.page_span(p)[1] <= last
    ]  # fmt: skip
    assert inside and removed == inside
    before = [
        p.old_pages for p in pages[: pages.index(next(p for p in pages if p.status == "removed"))]
    ]
    assert max(max(o) for o in before if o) < removed[0]  # listed where they were
    added = [p.new_page for p in pages if p.status == "added"]
    assert added and added[-1] == d.new.page_count - 1
    for page in added:
        assert page is not None and APPENDIX in d.new.page_text(page)
    order = [p.new_page for p in pages if p.new_page is not None]
    assert order == list(range(d.new.page_count))


def test_old_offsets_map_to_the_same_text_in_the_new_version(
    diff: tuple[VersionDiff, list[str], list[str]],
) -> None:
    d, gone, _ = diff
    rng = random.Random(2)
    deleted = [(d.old.text.index(p), d.old.text.index(p) + len(p)) for p in gone]
    checked = 0
    while checked < 200:
        offset = rng.randrange(len(d.old.text) - 30)
        piece = d.old.text[offset : offset + 30]
        if any(a - 30 <= offset < b for a, b in deleted) or "thẩm định" in piece:
            continue
        if OLD_SENTENCE in d.old.text[offset - 120 : offset + 120]:
            continue
        mapped = d.map_offset(offset)
        assert d.new.text[mapped : mapped + 30] == piece
        checked += 1


def test_identical_versions_have_no_change_at_all(tmp_path: Path) -> None:
    with PdfText(make_review_pdf(tmp_path / "a.pdf", paragraphs(12, seed=4))) as pdf:
        doc = pdf.document
    d = VersionDiff(doc, DocumentText(doc.pages))
    assert d.identical and not d.changes and d.changed_regions() == []
    assert {p.status for p in d.pages()} == {"unchanged"}
    assert [b.size for b in d.blocks] == [len(doc.text)] or sum(b.size for b in d.blocks) == len(
        doc.text
    )
