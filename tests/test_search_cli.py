"""``ecabinet search`` end to end: a real server, a real sync, the real command line.

The secretariat uploads papers; the minister's laptop syncs them, and the sync indexes
the text of every verified paper (once, from the sealed file decrypted in memory); then
support staff search the profile from the command line, with and without accents.
"""

from __future__ import annotations

import json
from pathlib import Path

from support.actors import PASSWORD, Clerk
from support.cli import run_cli
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.workspace import Workspace
from ecabinet.search import search, unindexed_versions

MEMBER = "bt.taichinh"


def pending(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.store.read() as session:
        return unindexed_versions(session)


def test_support_staff_search_a_synced_profile(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ tháng 12 năm 2026", [MEMBER])
    budget = clerk.upload(
        meeting["id"],
        make_text_pdf(tmp_path / "budget.pdf", [
            ["Tờ trình về dự toán", "Kính gửi: Chính phủ."],
            ["Dự toán ngân sách nhà nước năm 2027", "Tuyến Đường sắt Hà Nội – Lào Cai"],
        ]),
        title="Tờ trình dự toán ngân sách nhà nước năm 2027", number="125/TTr-BTC",
    )  # fmt: skip
    names = clerk.upload(
        meeting["id"],
        make_text_pdf(tmp_path / "names.pdf", [["Ông Dương Văn Minh, Bộ Tư pháp"]]),
        title="Danh sách đại biểu",
    )
    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login(MEMBER, PASSWORD)
        assert workspace.sync().ok
        assert pending(workspace) == []  # the sync extracted and indexed both papers
    finally:
        workspace.close()
    server.stop()  # the search is offline: the server is not needed any more

    plain = run_cli("search", "--profile-dir", profile, "--ignore-diacritics", "ngan sach")
    assert "1 kết quả" in plain.stdout
    assert "Tờ trình dự toán ngân sách nhà nước năm 2027 (125/TTr-BTC) — trang 2" in plain.stdout
    assert f"SHA-256: {budget['version']['sha256']}" in plain.stdout
    assert "«ngân» «sách»" in plain.stdout

    answer = json.loads(
        run_cli("search", "--profile-dir", profile, "--json", "--ignore-diacritics", "duong").stdout
    )
    found = {(h["title"], h["page"], tuple(h["matched_words"])) for h in answer["hits"]}
    assert found == {
        ("Tờ trình dự toán ngân sách nhà nước năm 2027", 2, ("Đường",)),
        ("Danh sách đại biểu", 1, ("Dương",)),
    }
    assert {h["version_sha256"] for h in answer["hits"]} == {
        budget["version"]["sha256"], names["version"]["sha256"],
    }  # fmt: skip
    for hit in answer["hits"]:
        start, end = hit["highlights"][0]
        assert hit["snippet"][start:end] == hit["matched_words"][0]

    exact = json.loads(run_cli("search", "--profile-dir", profile, "--json", "Đường").stdout)
    assert [(h["number"], h["page"]) for h in exact["hits"]] == [("125/TTr-BTC", 2)]

    nothing = run_cli("search", "--profile-dir", profile, 'NEAR("ngân', "OR", "*")
    assert nothing.returncode == 0 and "Không tìm thấy" in nothing.stdout

    too_long = run_cli("search", "--profile-dir", profile, "x" * 10_000, check=False)
    assert too_long.returncode == 2 and "query_too_long" in too_long.stderr
    assert "Traceback" not in too_long.stderr


def test_search_without_a_profile_says_so(tmp_path: Path) -> None:
    answer = run_cli("search", "--profile-dir", tmp_path / "nowhere", "ngân sách", check=False)
    assert answer.returncode == 2
    assert "no_profile" in answer.stderr and "Traceback" not in answer.stderr


def test_the_sync_keeps_the_index_in_step_with_papers_replaced_and_withdrawn(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp chuyên đề xây dựng pháp luật", [MEMBER])
    draft = clerk.upload(
        meeting["id"], make_text_pdf(tmp_path / "v1.pdf", [["Điều 5. Quỹ dự phòng ngân sách"]]),
        title="Dự thảo Nghị định",
    )  # fmt: skip
    names = clerk.upload(
        meeting["id"], make_text_pdf(tmp_path / "n.pdf", [["Ông Dương Văn Minh"]]),
        title="Danh sách đại biểu",
    )  # fmt: skip
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)

    def found(query: str) -> set[str]:
        with workspace.store.read() as session:
            return {h.version_sha256 for h in search(session, query, ignore_diacritics=True)}

    try:
        workspace.login(MEMBER, PASSWORD)
        assert workspace.sync().ok
        assert found("du phong") == {draft["version"]["sha256"]}
        assert found("duong van minh") == {names["version"]["sha256"]}

        replaced = clerk.upload_version(
            draft["document"]["id"],
            make_text_pdf(tmp_path / "v2.pdf", [["Điều 5. Quỹ dự trữ tài chính"]]),
        )
        clerk.delete_document(names["document"]["id"])
        assert workspace.sync().ok
        assert found("du phong") == set()  # the old version's text is gone
        assert found("du tru tai chinh") == {replaced["version"]["sha256"]}
        assert found("duong van minh") == set()  # withdrawn: not searchable any more
    finally:
        workspace.close()
