"""The workspace's reading aids on a real synced profile: search with labels, where a
hit is on its page, a document's versions and what changed between two of them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from support.actors import PASSWORD, Clerk
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError
from ecabinet.search.extract import page_texts
from ecabinet.search.fold import normalise
from ecabinet.search.locate import Rect, hit_rects, raw_spans

MEMBER = "bt.taichinh"
MEETING = "Phiên họp Chính phủ thường kỳ tháng 12 năm 2026"


def text_in(pdf_path: Path | bytes, page: int, rects: list[Rect]) -> str:
    """What pdfium itself reads inside the rectangles: the judge of the rectangles.

    Three points of slack above and below: a decomposed tone mark stacked on a vowel
    mark sits above the line's box (a highlight need not cover it; the word must).
    """
    pdf = pdfium.PdfDocument(pdf_path if isinstance(pdf_path, bytes) else str(pdf_path))
    try:
        textpage = pdf[page].get_textpage()
        boxes = [(x0, y0 - 3, x1, y1 + 3) for x0, y0, x1, y1 in rects]
        return " ".join(normalise(textpage.get_text_bounded(*box)) for box in boxes)
    finally:
        pdf.close()


def test_spans_of_the_indexed_text_land_on_the_same_words_in_pdfiums_text() -> None:
    raw = " \x02Kính\u00adgửi:\r\n  " + unicodedata.normalize("NFD", "Bộ Tài chính") + " \u200bHà"
    text = normalise(raw)
    for word in ("Kínhgửi:", "Bộ", "Tài chính", "Hà"):
        start = text.index(word)
        ((a, b),) = raw_spans(raw, [(start, start + len(word))])
        assert normalise(raw[a:b]) == word, (word, raw[a:b])
    assert raw_spans(raw, [(0, len(text) + 5)]) == []  # a span past the text is no span


def test_hit_rects_hold_exactly_the_hit_even_in_decomposed_text(tmp_path: Path) -> None:
    lines = ["Dự toán ngân sách nhà nước", unicodedata.normalize("NFD", "Tuyến Đường sắt Hà Nội")]
    path = make_text_pdf(tmp_path / "p.pdf", [["Trang đầu"], lines])
    text = normalise(page_texts(path)[1])
    for word in ("ngân sách", "Đường", "Hà Nội"):
        start = text.index(unicodedata.normalize("NFC", word))
        rects = hit_rects(path, 1, [(start, start + len(word))])
        assert len(rects) == 1, f"one line, one rectangle for {word!r}: {rects}"
        assert unicodedata.normalize("NFC", text_in(path, 1, rects)) == word
    assert hit_rects(path, 7, [(0, 3)]) == []  # no such page: nothing drawn, no error


@pytest.fixture(scope="module")
def backend() -> str:
    # What is tested here is the laptop's side; the server's storage is covered elsewhere.
    return "sqlite"


@pytest.fixture
def synced(server_factory: ServerFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(MEETING, [MEMBER])
    budget = clerk.upload(
        meeting["id"],
        make_text_pdf(tmp_path / "budget.pdf", [
            ["Tờ trình về dự toán", "Kính gửi: Chính phủ."],
            ["Dự toán ngân sách nhà nước năm 2027", "Tuyến Đường sắt Hà Nội – Lào Cai"],
        ]),
        title="Tờ trình dự toán ngân sách nhà nước năm 2027", number="125/TTr-BTC",
    )  # fmt: skip
    clerk.upload(
        meeting["id"], make_text_pdf(tmp_path / "names.pdf", [["Ông Dương Văn Minh"]]),
        title="Danh sách đại biểu",
    )  # fmt: skip
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    workspace.login(MEMBER, PASSWORD)
    assert workspace.sync().ok
    yield workspace, clerk, budget
    workspace.close()


def test_search_labels_hits_and_ranks_exact_accents_first(synced) -> None:  # type: ignore[no-untyped-def]
    workspace, _, budget = synced
    (result,) = workspace.search("ngan sach", ignore_diacritics=True)
    assert result.label.title == "Tờ trình dự toán ngân sách nhà nước năm 2027"
    assert result.label.number == "125/TTr-BTC" and result.label.meeting_title == MEETING
    assert result.hit.page == 1 and result.hit.version_sha256 == budget["version"]["sha256"]
    assert workspace.search("ngan sach") == []  # without the option, accents count

    ranked = workspace.search("Đường", ignore_diacritics=True)
    assert [r.hit.matched_words for r in ranked] == [("Đường",), ("Dương",)]
    assert [r.hit.exact_accents for r in ranked] == [True, False]

    rects = workspace.hit_rects(result.hit)
    assert len(rects) == 1
    with workspace.open_paper(budget["version"]["sha256"]) as reader:
        data = reader.read_at(0, reader.size)
    assert text_in(data, 1, rects) == "ngân sách"
    with pytest.raises(InputError) as too_long:
        workspace.search("x" * 10_000)
    assert too_long.value.code == "query_too_long"


def test_versions_listed_compared_and_an_uncached_one_said_so(synced, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace, clerk, budget = synced
    document_id = budget["document"]["id"]
    new = clerk.upload_version(
        document_id,
        make_text_pdf(tmp_path / "v2.pdf", [
            ["Tờ trình về dự toán", "Kính gửi: Chính phủ."],
            ["Dự toán ngân sách trung ương năm 2027", "Tuyến Đường sắt Hà Nội – Lào Cai"],
        ]),
    )  # fmt: skip
    assert workspace.sync().ok
    old_sha, new_sha = budget["version"]["sha256"], new["version"]["sha256"]
    versions = workspace.document_versions(document_id)
    assert [(v.version_no, v.sha256, v.current, v.cached) for v in versions] == [
        (1, old_sha, False, True), (2, new_sha, True, True),
    ]  # fmt: skip
    assert all(v.published_at for v in versions)
    assert workspace.document_versions("no-such-document") == []

    diff = workspace.compare_versions(old_sha, new_sha)
    pages = {p.new_page: p for p in diff.pages()}
    assert pages[0].status == "unchanged" and pages[1].status == "changed"
    assert {c.text for c in pages[1].deleted} == {"nhà nước"}
    assert {c.text for c in pages[1].inserted} == {"trung ương"}

    workspace.files.remove_final(old_sha)  # the old file is gone from this laptop
    assert [v.cached for v in workspace.document_versions(document_id)] == [False, True]
    with pytest.raises(InputError) as missing:
        workspace.compare_versions(old_sha, new_sha)
    assert missing.value.code == "version_not_cached"
    assert "không còn trên máy" in missing.value.message


def test_extraction_ahead_keeps_order_reports_each_failure_and_runs_one_ahead() -> None:
    import threading

    from ecabinet.search.extract import extracted_ahead

    started: list[int] = []
    running = threading.Semaphore(0)

    def extract(item: int) -> int:
        started.append(item)
        running.release()
        if item == 2:
            raise InputError("hỏng", code="pdf_unreadable", message_en="broken")
        return item * 10

    seen = []
    for item, future in extracted_ahead([0, 1, 2, 3], extract):
        assert running.acquire(timeout=5)  # this item's extraction began
        assert max(started) <= item + 1, f"more than one ahead: {started} at {item}"
        try:
            seen.append((item, future.result()))
        except InputError as exc:
            seen.append((item, exc.code))
    assert seen == [(0, 0), (1, 10), (2, "pdf_unreadable"), (3, 30)]
    assert list(extracted_ahead([], extract)) == []
