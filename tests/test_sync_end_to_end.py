"""The whole path: the secretariat uploads, the server stores, a minister syncs and reads offline.

Real server process on loopback, real HTTP, real CLI, real SQLite / PostgreSQL.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pypdf import PdfReader
from support.actors import PASSWORD, Clerk
from support.cli import cli_json, run_cli
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.workspace import Workspace


def _sync(
    server: ServerProcess, profile: Path, *, password: bool = False, check: bool = True
) -> dict:
    args = ["sync", "--server", server.url, "--username", "bt.taichinh",
            "--profile-dir", profile, "--json"]  # fmt: skip
    if password:
        args.append("--password-stdin")
    return cli_json(*args, stdin=PASSWORD + "\n" if password else None, check=check)


def test_minister_syncs_reads_offline_and_resyncs_incrementally(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(
        "Phiên họp Chính phủ thường kỳ tháng 11 năm 2026", ["bt.taichinh", "bt.tuphap"]
    )
    item = clerk.add_item(meeting["id"], "Dự toán ngân sách nhà nước năm 2027", "Bộ Tài chính")
    uploaded = []
    for i, title in enumerate(["Tờ trình 125/TTr-BTC", "Dự thảo Nghị quyết", "Báo cáo thẩm định"]):
        pdf = make_pdf(tmp_path / f"doc{i}.pdf", pages=i + 2, text=title)
        uploaded.append(clerk.upload(meeting["id"], pdf, title=title, item_id=item["id"]))
    profile = tmp_path / "laptop"

    first = _sync(server, profile, password=True)
    assert first["ok"], first
    assert first["files_downloaded"] == 3
    assert first["integrity_failures"] == 0

    status = cli_json("status", "--profile-dir", profile, "--json", "--verify")
    by_sha = {d["sha256"]: d for d in status["documents"]}
    for up in uploaded:
        doc = by_sha[up["version"]["sha256"]]
        assert doc["file_present"] and doc["file_verified"], doc
        assert doc["pages"] == up["version"]["pages"]
    assert [m["title"] for m in status["meetings"]] == [meeting["title"]]
    assert status["outbox_pending"] == 0 and status["last_sync_at"]

    server.stop()
    # Offline: every document is served from the local store, whole and verified.
    workspace = Workspace(profile)
    try:
        for up in uploaded:
            paper = workspace.open_paper(up["version"]["sha256"])
            assert paper is not None
            with paper:
                data = paper.read_all()  # decrypted in memory; the file on disk is sealed
            assert hashlib.sha256(data).hexdigest() == up["version"]["sha256"]
            assert len(PdfReader(io.BytesIO(data)).pages) == up["version"]["pages"]
    finally:
        workspace.close()
    offline = _sync(server, profile, check=False)
    assert not offline["ok"] and not offline["online"]
    assert offline["errors"][0]["code"] == "unreachable"
    assert (
        cli_json("status", "--profile-dir", profile, "--json")["documents"] == status["documents"]
    )

    server.start()
    # The secretariat changes two things; the next sync fetches only those.
    new_doc = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "new.pdf", 4, "Phụ lục dự toán"), title="Phụ lục"
    )
    new_version = clerk.upload_version(
        uploaded[1]["document"]["id"], make_pdf(tmp_path / "v2.pdf", 5, "Dự thảo lần 2")
    )
    second = _sync(server, profile)  # the refresh token from the keyring: no password
    assert second["ok"], second
    assert second["files_downloaded"] == 2
    assert second["bytes_downloaded"] == new_doc["version"]["size"] + new_version["version"]["size"]
    # Two documents, one version each, one touched document; and the minister's notices
    # of the new paper and the updated one.
    assert second["changes"] <= 7
    assert not second["resynced"]
    third = _sync(server, profile)
    assert third["ok"] and third["changes"] == 0 and third["files_downloaded"] == 0
    # A new process first trades its refresh token for an access token, then pulls once.
    assert third["round_trips"] == 2
    workspace = Workspace(profile)
    try:
        assert workspace.sync().round_trips == 2
        noop = workspace.sync()  # the app's case: token in memory, nothing changed
        assert noop.ok and noop.round_trips == 1 and noop.changes == 0
    finally:
        workspace.close()


def test_nothing_to_see_for_a_member_before_publication(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    draft = clerk.create_meeting(
        "Phiên họp chuyên đề (đang chuẩn bị)", ["bt.taichinh"], status="draft"
    )
    clerk.upload(draft["id"], make_pdf(tmp_path / "a.pdf"), title="Dự thảo")
    profile = tmp_path / "laptop"
    assert _sync(server, profile, password=True)["ok"]
    assert cli_json("status", "--profile-dir", profile, "--json")["meetings"] == []
    clerk.patch_meeting(draft["id"], status="published")
    after = _sync(server, profile)
    assert after["files_downloaded"] == 1
    status = cli_json("status", "--profile-dir", profile, "--json")
    assert [m["id"] for m in status["meetings"]] == [draft["id"]]


def test_status_explains_a_missing_profile(tmp_path: Path) -> None:
    result = run_cli("status", "--profile-dir", tmp_path / "nowhere", "--json", check=False)
    assert result.returncode == 2
    assert "chưa có hồ sơ" in result.stderr
