"""Offline search in Vietnamese: real PDFs, text read back by pdfium, a real local store file.

Every page below is drawn into a PDF with the app's Unicode font, its text extracted
with pypdfium2 as the sync engine will, and indexed in a LocalStore in a temporary
directory; searches run in the store's reading sessions, as the app runs them.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from support.text_pdfs import make_text_pdf

from ecabinet.errors import InputError
from ecabinet.search import (
    Hit,
    index_annotation,
    index_version,
    remove_annotation,
    remove_document,
    remove_version,
    search,
)
from ecabinet.search.extract import page_texts
from ecabinet.search.index import indexed_sources
from ecabinet.store.db import LocalStore

SHA_A = "a" * 64
SHA_B = "b" * 64
BUDGET = [
    ["Dự toán ngân sách nhà nước năm 2027", "Bộ Tài chính kính trình Chính phủ"],
    ["Tuyến Đường sắt Hà Nội – Hải Phòng", "Cấp nước sạch cho vùng nông thôn"],
    ["Ông Dương Văn Minh phát biểu ý kiến", "NGÂN SÁCH ĐỊA PHƯƠNG"],
]
HOTLINE = [["ngan sach viet khong dau", "đường dây nóng của Bộ"]]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    opened = LocalStore(tmp_path / "profile" / "ecabinet.sqlite3")
    yield opened
    opened.close()


def add_pdf(
    store: LocalStore, tmp: Path, document_id: str, sha: str, pages: list[list[str]]
) -> int:
    texts = page_texts(make_text_pdf(tmp / f"{document_id}-{sha[:4]}.pdf", pages))
    return store.write(
        lambda s: index_version(s, document_id=document_id, version_sha256=sha, page_texts=texts)
    )


@pytest.fixture
def papers(store: LocalStore, tmp_path: Path) -> LocalStore:
    assert add_pdf(store, tmp_path, "doc-a", SHA_A, BUDGET) == 3
    assert add_pdf(store, tmp_path, "doc-b", SHA_B, HOTLINE) == 1
    return store


def find(store: LocalStore, query: str, *, ignore: bool = False, limit: int = 50) -> list[Hit]:
    with store.read() as session:
        return search(session, query, ignore_diacritics=ignore, limit=limit)


def places(hits: list[Hit]) -> list[tuple[str, int]]:
    return [(h.document_id, h.page) for h in hits]


def test_pdfium_gives_the_pages_their_vietnamese_text(tmp_path: Path) -> None:
    texts = page_texts(make_text_pdf(tmp_path / "d.pdf", BUDGET))
    assert len(texts) == 3
    assert "Hà Nội" in unicodedata.normalize("NFC", texts[1])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ngan sach", {("doc-a", 0), ("doc-a", 2), ("doc-b", 0)}),
        ("duong", {("doc-a", 1), ("doc-a", 2), ("doc-b", 0)}),  # Đường, Dương, đường
        ("ha noi", {("doc-a", 1)}),
        ("nuoc", {("doc-a", 0), ("doc-a", 1)}),  # nhà nước, nước sạch: two marks on ư/ơ
        ('"NUOC SACH"', {("doc-a", 1)}),  # a phrase: not "nhà nước ... ngân sách"
        ("NUOC SACH", {("doc-a", 0), ("doc-a", 1)}),
        ("đuong", {("doc-a", 1), ("doc-a", 2), ("doc-b", 0)}),  # đ in the query folds too
        ("Đia phuong", {("doc-a", 2)}),
    ],
)
def test_without_diacritics_the_folded_words_find_the_accented_text(
    papers: LocalStore, query: str, expected: set[tuple[str, int]]
) -> None:
    assert set(places(find(papers, query, ignore=True))) == expected


def test_with_diacritics_accents_count_and_letter_case_does_not(papers: LocalStore) -> None:
    # "Đường" finds "Đường" and "đường", never "Dương"; and the other way round.
    assert set(places(find(papers, "Đường"))) == {("doc-a", 1), ("doc-b", 0)}
    assert set(places(find(papers, "đường"))) == {("doc-a", 1), ("doc-b", 0)}
    assert set(places(find(papers, "ĐƯỜNG"))) == {("doc-a", 1), ("doc-b", 0)}
    assert places(find(papers, "Dương")) == [("doc-a", 2)]
    assert places(find(papers, "duong")) == []
    assert set(places(find(papers, "ngân sách"))) == {("doc-a", 0), ("doc-a", 2)}
    assert places(find(papers, "ngan sach")) == [("doc-b", 0)]
    assert places(find(papers, "Hà Nội")) == [("doc-a", 1)]
    assert places(find(papers, "ha noi")) == []
    assert places(find(papers, "nuoc")) == []


def test_exact_accent_matches_rank_before_folded_only_ones(
    store: LocalStore, tmp_path: Path
) -> None:
    # bm25 alone would put the page saying "ngan sach" five times first.
    add_pdf(store, tmp_path, "unaccented", SHA_A, [["ngan sach " * 5, "ngan sach ngan sach"]])
    long_page = ["Báo cáo tình hình kinh tế - xã hội quý III và các nhiệm vụ trọng tâm"] * 10
    add_pdf(store, tmp_path, "accented", SHA_B, [[*long_page, "về ngân sách"]])
    hits = find(store, "ngân sách", ignore=True)
    assert [(h.document_id, h.exact_accents) for h in hits] == [
        ("accented", True), ("unaccented", False),
    ]  # fmt: skip
    typed_plain = find(store, "ngan sach", ignore=True)
    assert [(h.document_id, h.exact_accents) for h in typed_plain] == [
        ("unaccented", True), ("accented", False),
    ]  # fmt: skip
    assert find(store, "ngân sách", ignore=True, limit=1)[0].document_id == "accented"


def test_phrases_several_words_and_the_word_being_typed(papers: LocalStore, tmp_path: Path) -> None:
    add_pdf(papers, tmp_path, "apart", "c" * 64, [["ngân sách của tỉnh", "trung ương và nhà nước"]])
    assert places(find(papers, '"ngân sách nhà nước"')) == [("doc-a", 0)]
    assert set(places(find(papers, "ngân sách nhà nước"))) == {("doc-a", 0), ("apart", 0)}
    assert places(find(papers, "ngân sách Hải Phòng")) == []  # every word must match
    assert places(find(papers, "Hải Ph")) == [("doc-a", 1)]  # the last word as a prefix
    assert places(find(papers, "Hải Ph ")) == []  # a space: the word is finished
    assert places(find(papers, '"ngân sách nh')) == [("doc-a", 0)]  # an open phrase
    assert places(find(papers, '"ngân sách nh"')) == []  # a closed one is finished
    assert places(find(papers, "hai ph", ignore=True)) == [("doc-a", 1)]
    # Text pasted from a PDF may carry a soft hyphen or a zero-width joiner in a word.
    assert places(find(papers, "Hải Phò\u00adng")) == [("doc-a", 1)]
    assert places(find(papers, "Hà\u200d Nội")) == [("doc-a", 1)]


def test_a_single_letter_being_typed_is_not_yet_a_prefix(papers: LocalStore) -> None:
    # One letter would expand to most words of the language: it waits for a second one.
    assert places(find(papers, "Hải P")) == []
    assert places(find(papers, "Hải Ph")) == [("doc-a", 1)]
    assert places(find(papers, "hai p", ignore=True)) == []
    assert places(find(papers, "hai ph", ignore=True)) == [("doc-a", 1)]


def test_words_on_too_many_pages_come_newest_first_rare_ones_by_relevance(
    store: LocalStore, tmp_path: Path
) -> None:
    add_pdf(store, tmp_path, "old", SHA_A, [["ngân sách " * 6, "Cảng Hải Phòng"]])
    filler = "Báo cáo tình hình kinh tế - xã hội quý III và các nhiệm vụ trọng tâm"
    add_pdf(store, tmp_path, "new", SHA_B, [[filler, filler, "về ngân sách"]] * 3)

    def ordered(query: str, at_most: int) -> list[tuple[str, int, float | None]]:
        with store.read() as session:
            hits = search(session, query, limit=3, ranked_at_most=at_most)
        return [(h.document_id, h.page, h.rank) for h in hits]

    by_relevance = ordered("ngân sách", 4)  # four pages: few enough to rank
    assert by_relevance[0][:2] == ("old", 0)
    assert all(rank is not None for _, _, rank in by_relevance)
    assert ordered("ngân sách", 3) == [("new", 2, None), ("new", 1, None), ("new", 0, None)]
    assert [(doc, page) for doc, page, _ in ordered("Hải Phòng", 3)] == [("old", 0)]


HOSTILE = [
    '"', '""', '"""', '"ngân', 'ngân"', "NEAR(", "NEAR(ngân sách, 2)", "*", "ngân*", "-", "-ngân",
    ":", "exact:ngân", "{exact}: ngân", "folded : ngan", "^ngân", "ngân +sách", "(", ")",
    "ngân)", "'", "\\", "\x00", "ngân\x00sách", "AND", "OR", "NOT", "ngân AND", "ngân OR",
    "; DROP TABLE search_index; --", "\u200b", "🙂", "\ufffe", "\x01ngân\x02",
]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("ignore", [False, True])
def test_hostile_queries_are_only_text(papers: LocalStore, query: str, ignore: bool) -> None:
    hits = find(papers, query, ignore=ignore)  # never an exception
    for hit in hits:
        assert hit.highlights and all(0 <= s < e <= len(hit.snippet) for s, e in hit.highlights)
    assert len(find(papers, "ngân sách")) == 2  # and the index is still whole


def test_fts5_operators_in_a_query_are_searched_for_not_obeyed(papers: LocalStore) -> None:
    assert find(papers, "ngân")  # a word that is there ...
    assert find(papers, "ngân OR xyzzy") == []  # ... "OR" is a word to find, not an operator
    assert find(papers, "NOT ngân") == []
    assert find(papers, "Dương NOT") == []
    assert find(papers, "NEAR(ngân sách)") == []
    assert find(papers, "exact:ngân") == []
    assert find(papers, "folded : ngan sach") == []
    assert places(find(papers, "ngân*")) == places(find(papers, "ngân"))


def test_empty_long_and_wordless_queries(papers: LocalStore) -> None:
    for nothing in ["", "   ", "* - : ( )", '" "', "\x00\x00"]:
        assert find(papers, nothing, ignore=True) == []
    for too_long in ["ngân " * 2000, "a" * 10_000, " ".join(["sách"] * 33)]:
        with pytest.raises(InputError) as info:
            find(papers, too_long, ignore=True)
        assert info.value.code == "query_too_long"
        assert "quá dài" in info.value.message
    assert find(papers, " ".join(["sách"] * 32)) != []  # at the limit: still a search
    with pytest.raises(InputError) as bad:
        find(papers, "ngân", limit=0)
    assert bad.value.code == "bad_limit"


def test_snippets_show_the_words_as_written_with_the_hits_marked(
    store: LocalStore, tmp_path: Path
) -> None:
    filler = "Các bộ, ngành tiếp tục rà soát, hoàn thiện thể chế về đầu tư công"
    # "ß" folds to two letters, "İ" loses a dot: the map back to the page stays exact.
    add_pdf(
        store,
        tmp_path,
        "long",
        SHA_A,
        [[filler, filler, "Straße İzmir và Đường Láng", filler, filler, filler]],
    )
    (hit,) = find(store, "duong lang", ignore=True)
    assert not hit.exact_accents
    assert hit.matched_words == ("Đường", "Láng")
    assert hit.marked_snippet().count("«") == 2
    assert "«Đường» «Láng»" in hit.marked_snippet()
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Đường", "Láng"]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 250
    (exact,) = find(store, "Đường Láng")
    assert exact.exact_accents and "«Đường» «Láng»" in exact.marked_snippet("«", "»")
    (prefix,) = find(store, "strasse izm", ignore=True)
    assert [prefix.snippet[s:e] for s, e in prefix.highlights] == ["Straße", "İzmir"]


def test_replacing_and_removing_a_version_removes_its_hits(
    papers: LocalStore, tmp_path: Path
) -> None:
    assert set(places(find(papers, "ngân sách"))) == {("doc-a", 0), ("doc-a", 2)}
    # Indexing the same version again replaces its rows: no duplicate hits.
    add_pdf(papers, tmp_path, "doc-a", SHA_A, BUDGET)
    assert len(find(papers, "ngân sách")) == 2
    # A new version of doc-a replaces the old one.
    new = "d" * 64
    add_pdf(papers, tmp_path, "doc-a", new, [["Dự toán ngân sách năm 2027 (lần 2)"]])
    removed = papers.write(lambda s: remove_version(s, version_sha256=SHA_A, document_id="doc-a"))
    assert removed == 3
    assert [(h.document_id, h.version_sha256, h.page) for h in find(papers, "ngân sách")] == [
        ("doc-a", new, 0)
    ]
    assert find(papers, "Hà Nội") == []
    assert papers.write(lambda s: remove_version(s, version_sha256=SHA_A)) == 0  # already gone
    with papers.read() as session:
        kept = {(s.document_id, s.version_sha256) for s in indexed_sources(session)}
    assert kept == {("doc-a", new), ("doc-b", SHA_B)}
    _assert_index_consistent(papers, expected_rows=2)


def test_versions_that_are_not_current_any_more_leave_the_index(
    papers: LocalStore, tmp_path: Path
) -> None:
    from ecabinet.search import remove_stale_versions
    from ecabinet.store.models import LocalDocument, LocalDocumentVersion

    def listed(session: Session, version_id: str, document_id: str, sha: str) -> None:
        session.add(LocalDocumentVersion(
            id=version_id, document_id=document_id, version_no=1, sha256=sha, size=1,
            pages=1, filename="x.pdf", generation=0,
        ))  # fmt: skip
        session.add(LocalDocument(
            id=document_id, meeting_id="m-1", title="Tờ trình", current_version_id=version_id,
        ))  # fmt: skip

    papers.write(lambda s: listed(s, "v-a", "doc-a", SHA_A))
    assert papers.write(remove_stale_versions) == 1  # doc-b's version was never listed
    assert places(find(papers, "đường")) == [("doc-a", 1)]
    papers.write(lambda s: s.query(LocalDocumentVersion).delete())  # a resync's sweep
    assert papers.write(remove_stale_versions) == 3
    assert find(papers, "ngân sách") == []
    _assert_index_consistent(papers, expected_rows=0)


def test_the_same_file_under_two_documents(store: LocalStore, tmp_path: Path) -> None:
    add_pdf(store, tmp_path, "doc-1", SHA_A, BUDGET)
    add_pdf(store, tmp_path, "doc-2", SHA_A, BUDGET)
    assert {h.document_id for h in find(store, "Hà Nội")} == {"doc-1", "doc-2"}
    store.write(lambda s: remove_version(s, version_sha256=SHA_A, document_id="doc-1"))
    assert {h.document_id for h in find(store, "Hà Nội")} == {"doc-2"}
    store.write(lambda s: remove_version(s, version_sha256=SHA_A))  # the file forgotten
    assert find(store, "Hà Nội") == []
    _assert_index_consistent(store, expected_rows=0)


def test_annotations_text_is_searchable_edited_and_removed(papers: LocalStore) -> None:
    def note(annotation_text: str) -> bool:
        return papers.write(
            lambda s: index_annotation(
                s, annotation_id="note-1", document_id="doc-a", version_sha256=SHA_A, page=1,
                annotation_text=annotation_text,
            )
        )  # fmt: skip

    assert note("Cần làm rõ nguồn vốn cho Đường sắt\r\nđô thị")
    (hit,) = find(papers, "nguon von", ignore=True)
    assert (hit.kind, hit.annotation_id, hit.document_id, hit.page) == (
        "annotation",
        "note-1",
        "doc-a",
        1,
    )
    assert "«nguồn» «vốn»" in hit.marked_snippet()
    assert {h.kind for h in find(papers, "Đường sắt")} == {"page", "annotation"}
    assert note("Đề nghị bổ sung số liệu")  # edited: the old text is no longer found
    assert find(papers, "nguon von", ignore=True) == []
    assert [h.annotation_id for h in find(papers, "số liệu")] == ["note-1"]
    # The page rows of the version go; the annotation stays (it is re-anchored on its own).
    papers.write(lambda s: remove_version(s, version_sha256=SHA_A))
    assert [h.kind for h in find(papers, "bổ sung")] == ["annotation"]
    assert not note("   ")  # emptied: nothing to find
    assert find(papers, "bổ sung") == []
    assert note("Ghi chú riêng về đường dây nóng")
    assert papers.write(lambda s: remove_annotation(s, "note-1")) == 1
    assert find(papers, "ghi chu", ignore=True) == []
    assert papers.write(lambda s: remove_document(s, "doc-b")) == 1
    assert find(papers, "đường") == []
    _assert_index_consistent(papers, expected_rows=0)


def test_the_index_lives_in_the_store_file_and_survives_a_restart(
    papers: LocalStore, tmp_path: Path
) -> None:
    papers.close()
    reopened = LocalStore(tmp_path / "profile" / "ecabinet.sqlite3")
    try:
        assert set(places(find(reopened, "ha noi", ignore=True))) == {("doc-a", 1)}
    finally:
        reopened.close()
    with sqlite3.connect(tmp_path / "profile" / "ecabinet.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 4


def test_a_corrupt_or_locked_pdf_is_reported_not_indexed(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500)
    locked = tmp_path / "locked.pdf"
    writer = PdfWriter(clone_from=PdfReader(make_text_pdf(tmp_path / "open.pdf", BUDGET)))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    with locked.open("wb") as out:
        writer.write(out)
    for path in (broken, locked):
        with pytest.raises(InputError) as info:
            page_texts(path)
        assert info.value.code == "pdf_unreadable"


def test_the_search_schema_upgrades_and_downgrades(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from ecabinet.dbengine import make_engine

    path = tmp_path / "ecabinet.sqlite3"
    LocalStore(path).close()
    engine = make_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option(
        "script_location", str(Path(__file__).parents[1] / "ecabinet" / "store" / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        tables = connection.execute(text("SELECT name FROM sqlite_master")).scalars().all()
        assert not any(name.startswith("search_") for name in tables)
    engine.dispose()
    store = LocalStore(path)  # back to the head, as an upgraded laptop would
    try:
        assert add_pdf(store, tmp_path, "doc", SHA_A, BUDGET) == 3
        assert find(store, "ha noi", ignore=True)
    finally:
        store.close()


def _assert_index_consistent(store: LocalStore, *, expected_rows: int) -> None:
    with store.read() as session:
        session.execute(text("INSERT INTO search_index(search_index) VALUES ('integrity-check')"))
        rows = session.execute(text("SELECT count(*) FROM search_index")).scalar()
        owned = session.execute(
            text("SELECT coalesce(sum(row_count), 0) FROM search_sources")
        ).scalar()
    assert rows == owned == expected_rows
