"""The sync protocol's promises: idempotent push, paging, resync, resumable verified files."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from support.actors import PASSWORD, Clerk
from support.cli import run_cli
from support.pdfs import make_large_pdf, make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.workspace import Workspace
from ecabinet.errors import ServerError

CLIENT = "0b6f1a52-3c1e-4c55-9a2e-7d9f0c2b8e11"


def _member(server: ServerProcess, username: str = "bt.taichinh") -> ApiClient:
    api = ApiClient(server.url)
    api.login(username, PASSWORD)
    return api


def _read(version_id: str, mutation_id: int) -> dict:
    return {
        "mutation_id": mutation_id,
        "type": "mark_read",
        "payload": {"document_version_id": version_id, "read_at": "2026-11-20T08:00:00Z"},
    }


def test_a_replayed_push_is_applied_once(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    version = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf"))["version"]
    member = _member(server)
    first = member.push(CLIENT, [_read(version["id"], 1)])
    again = member.push(CLIENT, [_read(version["id"], 1)])
    assert first[0]["status"] == again[0]["status"] == "applied"
    assert not first[0]["duplicate"] and again[0]["duplicate"]
    report = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/reads")
    mine = next(r for r in report if r["user_id"] == clerk.users["bt.taichinh"])
    assert mine["read_count"] == 1
    # Pulled back once as this user's read mark, whatever the retries.
    marks = [c for c in member.pull(None)["changes"] if c["type"] == "read_mark"]
    assert [m["id"] for m in marks] == [version["id"]]


def test_a_rejected_mutation_does_not_block_the_next(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    version = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf"))["version"]
    member = _member(server)
    results = member.push(
        "c2a1d7e4-0000-4000-8000-000000000001",
        [
            _read("00000000-0000-4000-8000-000000000000", 1),  # no such version
            {"mutation_id": 2, "type": "future_thing", "payload": {}},
            _read(version["id"], 3),
        ],
    )
    assert [r["status"] for r in results] == ["rejected", "rejected", "applied"]
    assert results[0]["code"] == "not_found" and results[1]["code"] == "unknown_mutation"
    assert results[0]["message"]  # said in Vietnamese for the minister


def test_pull_pages_and_cursors(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp nhiều tài liệu", ["bt.tuphap"])
    member = _member(server, "bt.tuphap")
    cursor = member.pull(None)["cursor"]
    for i in range(5):
        clerk.upload(meeting["id"], make_pdf(tmp_path / f"d{i}.pdf", 1, f"Tài liệu {i}"))
    seen, pages = set(), 0
    while True:
        page = member.pull(cursor, limit=3)
        pages += 1
        seen.update((c["type"], c["id"]) for c in page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert pages >= 3
    assert sum(1 for t, _ in seen if t == "document") == 5
    assert sum(1 for t, _ in seen if t == "document_version") == 5
    assert member.pull(cursor)["changes"] == []


def test_an_unknown_cursor_gets_410(server: ServerProcess) -> None:
    member = _member(server)
    for cursor in (
        "c.someotherdb.5",
        f"c.{member.pull(None)['cursor'].split('.')[1]}.999999999",
    ):
        try:
            member.pull(cursor)
        except ServerError as exc:
            assert exc.status == 410 and exc.code == "cursor_expired"
        else:
            raise AssertionError(f"cursor {cursor!r} accepted")


def test_compacted_change_log_makes_the_client_resync_from_zero(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    keep = clerk.upload(meeting["id"], make_pdf(tmp_path / "keep.pdf"), title="Giữ lại")
    gone = clerk.upload(meeting["id"], make_pdf(tmp_path / "gone.pdf", 3), title="Sẽ bị xóa")
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        clerk.delete_document(gone["document"]["id"])
        newer = clerk.upload(meeting["id"], make_pdf(tmp_path / "new.pdf"), title="Mới")
        args = server.admin_args()
        run_cli("admin", "compact-changes", *args, "--keep", "0")
        report = workspace.sync()
        assert report.ok and report.resynced
        titles = {d["title"] for d in workspace.status()["documents"]}
        assert titles == {"Giữ lại", "Mới"}  # the deleted one was swept away
        assert workspace.file_path(gone["version"]["sha256"]) is None
        assert workspace.file_path(newer["version"]["sha256"]) is not None
        assert workspace.file_path(keep["version"]["sha256"]) is not None
    finally:
        workspace.close()


def test_an_interrupted_download_resumes_where_it_stopped(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    size_goal = 48 << 20
    version = clerk.upload(meeting["id"], make_large_pdf(tmp_path / "annex.pdf", size_goal))[
        "version"
    ]
    sha = version["sha256"]
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    killed = threading.Event()

    def kill_once(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.phase == "files" and progress.done > 0 and not killed.is_set():
            killed.set()
            server.kill()

    try:
        workspace.login("bt.taichinh", PASSWORD)
        report = workspace.sync(progress=kill_once)
        assert killed.is_set()
        assert not report.ok and not report.online
        assert report.errors[0].code == "download_interrupted"
        kept = workspace.files.partial_size(sha)
        assert 0 < kept < version["size"]
        assert workspace.file_path(sha) is None  # never half a file
        doc = workspace.status()["documents"][0]
        assert not doc["file_present"] and doc["partial_bytes"] == kept

        server.start()
        report = workspace.sync()
        assert report.ok, report.errors
        assert report.files_resumed == 1
        assert report.bytes_downloaded == version["size"] - kept
        paper = workspace.open_paper(sha)
        assert paper is not None
        with paper:
            digest = hashlib.sha256()
            for chunk in paper.chunks():
                digest.update(chunk)
        assert digest.hexdigest() == sha
    finally:
        workspace.close()


def test_a_file_that_fails_its_hash_is_discarded_reported_and_fetched_again(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    version = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf", 3))["version"]
    blob = server.data_dir / "blobs" / version["sha256"][:2] / version["sha256"]
    original = blob.read_bytes()
    blob.write_bytes(original[:-10] + b"0123456789")  # bit rot on the server's disk
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        report = workspace.sync()
        assert report.integrity_failures == 2  # tried twice in this sync
        assert [e.code for e in report.errors] == ["hash_mismatch"]
        assert workspace.file_path(version["sha256"]) is None
        assert workspace.files.partial_size(version["sha256"]) == 0
        blob.write_bytes(original)
        report = workspace.sync()
        assert report.ok and report.files_downloaded == 1
        assert workspace.file_path(version["sha256"]) is not None
    finally:
        workspace.close()


def test_marking_read_offline_is_delivered_later(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    version = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf"))["version"]
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        server.stop()
        assert workspace.mark_read(version["id"]) is True
        assert workspace.mark_read(version["id"]) is False  # once is enough
        assert not workspace.sync().ok
        assert workspace.status()["outbox_pending"] == 1
        server.start()
        report = workspace.sync()
        assert report.ok and report.applied == 1
        assert workspace.status()["outbox_pending"] == 0
    finally:
        workspace.close()
    reads = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/reads")
    assert next(r for r in reads if r["user_id"] == clerk.users["bt.taichinh"])["read_count"] == 1
