"""``ecabinet search`` end to end: a real server, a real sync, the real command line.

The secretariat uploads papers; the minister's laptop syncs them; the pages of every
verified file are indexed the way the sync engine is to do it (``unindexed_versions``,
text extracted outside the writer, ``index_version`` inside it); then support staff
search the profile from the command line, with and without accents.
"""

from __future__ import annotations

import json
from pathlib import Path

from support.actors import PASSWORD, Clerk
from support.cli import run_cli
from support.server import ServerFactory
from support.text_pdfs import make_text_pdf

from ecabinet.client.workspace import Workspace
from ecabinet.search import index_version, unindexed_versions
from ecabinet.search.extract import page_texts

MEMBER = "bt.taichinh"


def index_what_is_missing(workspace: Workspace) -> int:
    with workspace.store.read() as session:
        missing = unindexed_versions(session)
    for document_id, sha in missing:
        path = workspace.verified_file(sha)
        assert path is not None
        texts = page_texts(path)
        workspace.store.write(
            lambda s, d=document_id, v=sha, t=texts: index_version(
                s, document_id=d, version_sha256=v, page_texts=t
            )
        )
    return len(missing)


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
        assert index_what_is_missing(workspace) == 2
        assert index_what_is_missing(workspace) == 0  # nothing twice
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
