"""Importing an edXML package onto an agenda item (ecabinet/client/edxml_import.py), on
the real server: all the PDFs become papers, or none does."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from support.actors import PASSWORD, Clerk
from support.server import ServerFactory, ServerProcess

from ecabinet.client import preparation as prep
from ecabinet.client.api import ApiClient
from ecabinet.client.edxml_import import (
    ImportFailed,
    SkipReason,
    import_edxml,
    import_plan,
    paper_title,
    read_plan,
)
from ecabinet.edxml import EdxmlError
from ecabinet.errors import ErrorKind, InputError
from ecabinet.timeutil import utcnow
from tests.support.edxml_packages import (
    HEADER,
    Part,
    default_parts,
    inline_package,
    mime_package,
    small_pdf,
)

DATA = Path(__file__).parent / "data" / "edxml"
SUBJECT = HEADER["Subject"]
ORIGIN = "(Bộ Kế hoạch và Đầu tư, ngày 20/11/2026)"


def three_parts() -> list[Part]:
    """A submission, its draft decree and a text annex: two PDFs, one skipped."""
    return [
        Part("Tờ trình 1234.pdf", "application/pdf", small_pdf(b"To trinh 1234"), "tt@bkhdt"),
        Part("Dự thảo Nghị định.pdf", "application/pdf", small_pdf(b"Du thao ND"), "dt@bkhdt"),
        Part("Phụ lục.txt", "text/plain", "Phụ lục kèm theo\n".encode(), "pl@bkhdt"),
    ]


def write(tmp_path: Path, data: bytes, name: str = "goi-tin.edxml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def clerk(server: ServerProcess) -> ApiClient:
    api = ApiClient(server.url)
    api.login("vpcp.clerk", PASSWORD)
    return api


def new_item(api: ApiClient, title: str) -> tuple[str, str]:
    members = prep.members_in_protocol_order(api)
    meeting = prep.create_meeting(
        api,
        prep.MeetingDraft(title, utcnow() + timedelta(days=5),
                          participant_ids=tuple(p.id for p in members)),
    )  # fmt: skip
    prep.add_item(api, meeting["id"], prep.ItemDraft("Nội dung khác"))
    item = prep.add_item(api, meeting["id"], prep.ItemDraft("Dự thảo Nghị quyết", "Bộ KH&ĐT"))
    return meeting["id"], item["id"]


def versions_of(api: ApiClient, meeting_id: str) -> dict[str, dict[str, Any]]:
    body = api.get_json(f"/api/v1/meetings/{meeting_id}")
    return {v["document_id"]: v for v in body["document_versions"]}


@pytest.mark.parametrize("form", ["inline", "mime"])
def test_a_good_package_becomes_papers_of_the_item(
    clerk: ApiClient, tmp_path: Path, form: str
) -> None:
    meeting_id, item_id = new_item(clerk, f"Phiên họp nhập edXML ({form})")
    build = inline_package if form == "inline" else mime_package
    parts = three_parts()
    told: list[tuple[int, int, str]] = []
    result = import_edxml(
        clerk, write(tmp_path, build(parts)), meeting_id, item_id,
        progress=lambda done, total, name: told.append((done, total, name)),
    )  # fmt: skip
    assert told == [(0, 2, "Tờ trình 1234.pdf"), (1, 2, "Dự thảo Nghị định.pdf"), (2, 2, "")]
    contents = prep.meeting_contents(clerk, meeting_id)
    papers = contents.documents_of(item_id)
    assert [d["title"] for d in papers] == [
        f"Tờ trình 1234 — {SUBJECT} {ORIGIN}",
        f"Dự thảo Nghị định — {SUBJECT} {ORIGIN}",
    ]
    assert [d["number"] for d in papers] == ["1234/TTr-BKHĐT"] * 2
    assert len(contents.documents) == 2, "papers must go on the chosen item only"
    versions = versions_of(clerk, meeting_id)
    assert [(versions[d["id"]]["filename"], versions[d["id"]]["sha256"]) for d in papers] == [
        (p.name, hashlib.sha256(p.data).hexdigest()) for p in parts[:2]
    ], "the server must hold the attachments' exact bytes under their own names"
    assert [p.document_id for p in result.papers] == [d["id"] for d in papers]
    assert [(s.info.name, s.skip) for s in result.plan.skipped] == [
        ("Phụ lục.txt", SkipReason.NOT_PDF)
    ]
    assert result.to_dict()["skipped"][0]["reason"] == "not_pdf"


def test_one_pdf_is_titled_by_the_subject_alone(clerk: ApiClient) -> None:
    meeting_id, item_id = new_item(clerk, "Phiên họp nhập một tệp")
    result = import_edxml(clerk, DATA / "valid-mime.edxml", meeting_id, item_id)
    assert [p.title for p in result.papers] == [f"{SUBJECT} {ORIGIN}"]
    assert [s.info.name for s in result.plan.skipped] == ["Phụ lục.txt"]


def _refused_packages() -> dict[str, tuple[bytes, str, list[str]]]:
    broken = [
        *three_parts(),
        Part("Báo cáo thẩm định.pdf", "application/pdf", b"not a pdf at all", "bc@bkhdt"),
        Part("Phụ lục số liệu.pdf", "application/pdf", small_pdf(b"x")[:200], "so@bkhdt"),
    ]
    return {
        "broken-pdf": (inline_package(broken), "edxml_invalid_pdf",
                       ["Báo cáo thẩm định.pdf", "Phụ lục số liệu.pdf"]),
        "missing-attachment": (mime_package(three_parts(), omit_payload=["dt@bkhdt"]),
                               "edxml_missing_attachment", ["Dự thảo Nghị định.pdf"]),
        "not-xml": (b"Day khong phai goi tin edXML", "edxml_not_xml", []),
        "no-pdf": (inline_package([default_parts()[1]]), "edxml_no_pdf", []),
        "code-too-long": (
            inline_package().replace(b"TTr-BKH", b"TTr-" + b"X" * 120 + b"-BKH"),
            "edxml_bad_field", ["Code"],
        ),
    }  # fmt: skip


@pytest.mark.parametrize("case", list(_refused_packages()))
def test_a_bad_package_is_refused_by_name_and_nothing_is_sent(
    clerk: ApiClient, tmp_path: Path, case: str
) -> None:
    meeting_id, item_id = new_item(clerk, f"Phiên họp gói tin hỏng ({case})")
    data, code, named = _refused_packages()[case]
    trips = clerk.round_trips
    with pytest.raises(InputError) as refused:
        import_edxml(clerk, write(tmp_path, data), meeting_id, item_id)
    error = refused.value
    assert error.code == code, error.message_en
    assert error.message != error.message_en
    for name in named:
        assert name in error.message and name in error.message_en
    assert clerk.round_trips == trips, "a refused package must not reach the server"
    assert prep.meeting_contents(clerk, meeting_id).documents == []


def test_a_second_import_is_told_as_a_duplicate_and_changes_nothing(
    clerk: ApiClient, tmp_path: Path
) -> None:
    meeting_id, item_id = new_item(clerk, "Phiên họp nhập hai lần")
    path = write(tmp_path, mime_package(three_parts()))
    first = import_edxml(clerk, path, meeting_id, item_id)
    before = prep.meeting_contents(clerk, meeting_id).documents
    # Even onto another item of the same meeting: the meeting holds a file once.
    other = prep.meeting_contents(clerk, meeting_id).items[0]["id"]
    for target in (item_id, other):
        with pytest.raises(InputError) as refused:
            import_edxml(clerk, path, meeting_id, target)
        error = refused.value
        assert error.code == "duplicate_document"
        for paper in first.papers:
            assert f"«{paper.name}» (tài liệu “{paper.title}”)" in error.message
        assert "chưa có gì được tải lên" in error.message
    assert prep.meeting_contents(clerk, meeting_id).documents == before


def test_an_upload_refused_midway_is_undone_and_names_the_attachment(
    server: ServerProcess, clerk: ApiClient, tmp_path: Path
) -> None:
    """Another clerk uploads the package's second PDF while this import runs: the server
    refuses ours (409), and the first paper this import made is deleted again."""
    meeting_id, item_id = new_item(clerk, "Phiên họp hai chuyên viên cùng nhập")
    parts = three_parts()
    plan = read_plan(write(tmp_path, inline_package(parts)))
    colleague = Clerk(server.url)
    theirs = tmp_path / "cua-dong-nghiep.pdf"
    theirs.write_bytes(parts[1].data)

    def meanwhile(done: int, _total: int, _name: str) -> None:
        if done == 1:
            colleague.upload(meeting_id, theirs, title="Bản đồng nghiệp đã tải", item_id=item_id)

    with pytest.raises(ImportFailed) as failed:
        import_plan(clerk, plan, meeting_id, item_id, progress=meanwhile)
    error = failed.value
    assert error.code == "duplicate_document" and error.attachment == "Dự thảo Nghị định.pdf"
    assert "«Dự thảo Nghị định.pdf»" in error.message and "Bản đồng nghiệp đã tải" in error.message
    assert "1 tài liệu đã tải lên trước đó trong lần nhập này đã được gỡ bỏ" in error.message
    assert error.left_behind == ()
    papers = prep.meeting_contents(clerk, meeting_id).documents
    assert [d["title"] for d in papers] == ["Bản đồng nghiệp đã tải"], "half an import is left"

    # Once the colleague's copy is gone the same plan imports whole.
    prep.delete_document(clerk, papers[0]["id"])
    result = import_plan(clerk, plan, meeting_id, item_id)
    assert len(result.papers) == 2
    assert len(prep.meeting_contents(clerk, meeting_id).documents_of(item_id)) == 2


def test_an_item_marked_secret_midway_stops_the_import_and_undoes_it(
    clerk: ApiClient, tmp_path: Path
) -> None:
    meeting_id, item_id = new_item(clerk, "Phiên họp nội dung bị đóng dấu mật")
    plan = read_plan(write(tmp_path, mime_package(three_parts())))

    def meanwhile(done: int, _total: int, _name: str) -> None:
        if done == 1:
            prep.edit_item(clerk, item_id, prep.ItemDraft("Dự thảo Nghị quyết", "", "mat"), None)

    with pytest.raises(ImportFailed) as failed:
        import_plan(clerk, plan, meeting_id, item_id, progress=meanwhile)
    assert failed.value.code == "classified_item"
    assert "«Dự thảo Nghị định.pdf»" in failed.value.message
    assert prep.meeting_contents(clerk, meeting_id).documents == []


def test_an_item_of_another_meeting_is_refused_before_any_upload(
    clerk: ApiClient, tmp_path: Path
) -> None:
    meeting_id, _item = new_item(clerk, "Phiên họp thứ nhất")
    _other, foreign_item = new_item(clerk, "Phiên họp thứ hai")
    with pytest.raises(InputError) as refused:
        import_edxml(clerk, DATA / "valid-inline.edxml", meeting_id, foreign_item)
    assert refused.value.code == "agenda_item_mismatch"
    assert prep.meeting_contents(clerk, meeting_id).documents == []


def test_the_same_pdf_twice_in_a_package_is_imported_once(clerk: ApiClient, tmp_path: Path) -> None:
    meeting_id, item_id = new_item(clerk, "Phiên họp tệp lặp lại")
    pdf = small_pdf(b"Ban sao")
    parts = [Part("Bản chính.pdf", "application/pdf", pdf, "a@x"),
             Part("Bản sao.pdf", "application/pdf", pdf, "b@x")]  # fmt: skip
    result = import_edxml(clerk, write(tmp_path, inline_package(parts)), meeting_id, item_id)
    assert [p.name for p in result.papers] == ["Bản chính.pdf"]
    assert [(s.info.name, s.skip, s.same_as) for s in result.plan.skipped] == [
        ("Bản sao.pdf", SkipReason.SAME_FILE, "Bản chính.pdf")
    ]
    # One PDF imported: its title is the subject alone.
    assert result.papers[0].title == f"{SUBJECT} {ORIGIN}"


def test_when_the_server_goes_away_midway_what_is_left_is_named(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    api = ApiClient(server.url)
    api.login("vpcp.clerk", PASSWORD)
    meeting_id, item_id = new_item(api, "Phiên họp máy chủ ngừng")
    plan = read_plan(write(tmp_path, inline_package(three_parts())))

    def meanwhile(done: int, _total: int, _name: str) -> None:
        if done == 1:
            server.stop()

    with pytest.raises(ImportFailed) as failed:
        import_plan(api, plan, meeting_id, item_id, progress=meanwhile)
    error = failed.value
    assert error.kind is ErrorKind.NETWORK
    assert error.left_behind == (plan.to_import[0].title,)
    assert "Không gỡ được 1 tài liệu" in error.message and plan.to_import[0].title in error.message


def test_read_plan_refuses_before_any_server_is_involved(tmp_path: Path) -> None:
    with pytest.raises(EdxmlError) as refused:
        read_plan(tmp_path / "khong-co.edxml")
    assert refused.value.code == "edxml_unreadable"


def test_titles_fit_the_server_and_keep_the_origin() -> None:
    header = read_plan(DATA / "valid-inline.edxml").header
    long = replace(
        header,
        subject="Tờ trình\x85 về\tdự thảo " * 200,  # a C1 control and a tab from the XML
        sender=replace(header.sender, organ_name="Bộ Kế hoạch và Đầu tư " * 40),
    )
    title = paper_title(long, "Dự thảo.pdf", several=True)
    assert 990 < len(title) <= 1000 and title.startswith("Dự thảo — Tờ trình về dự thảo")
    assert title.endswith(", ngày 20/11/2026)") and "…" in title
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in title)
    assert paper_title(header, "x.pdf", several=False) == f"{SUBJECT} {ORIGIN}"
