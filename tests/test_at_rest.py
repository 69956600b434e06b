"""A lost laptop exposes nothing: every profile file is sealed and readable by its owner only.

Real server, real client, real files: a synced profile is read byte by byte for the
papers' and meetings' text; damaged, truncated, deleted and swapped files are each
noticed and fetched again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from support.actors import PASSWORD, Clerk
from support.cli import cli_json
from support.pdfs import make_canary_pdf, pdf_literal
from support.server import ServerFactory, ServerProcess

from ecabinet.client.files import FileCache
from ecabinet.client.workspace import Workspace
from ecabinet.errors import IntegrityError, StoreError
from ecabinet.store import meta
from ecabinet.store.db import LocalStore
from ecabinet.store.models import LocalDocumentVersion

MEETING = "Phiên họp Chính phủ chuyên đề về xây dựng pháp luật tháng 12"
PAPER_TITLE = "Tờ trình dự án Luật Cán bộ, công chức (sửa đổi)"
PAPER_TEXT = "CANARY-toTrinh-7f3a91-ngan-sach"


def forbidden_patterns(title: str = PAPER_TITLE, text: str = PAPER_TEXT) -> dict[str, bytes]:
    """What must never be found in clear, in every encoding a file could hold it in."""
    patterns = {"pdf header": b"%PDF-", "paper text": text.encode()}
    patterns["paper text in a content stream"] = pdf_literal(text.encode()) + b" Tj"
    patterns["paper text utf-16le"] = text.encode("utf-16-le")
    for label, value in (("meeting title", MEETING), ("paper title", title)):
        patterns[f"{label} utf-8"] = value.encode()
        patterns[f"{label} utf-16le"] = value.encode("utf-16-le")
        patterns[f"{label} utf-16be"] = value.encode("utf-16-be")
    patterns["paper title in pdf metadata"] = pdf_literal(b"\xfe\xff" + title.encode("utf-16-be"))
    return patterns


def found_in_clear(root: Path, patterns: dict[str, bytes]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{label} in {path.relative_to(root)}" for label, p in patterns.items()
                      if p in data]  # fmt: skip
    return found


def _prepare(
    server: ServerProcess, tmp_path: Path, padding: int = 200_000, member: str = "bt.taichinh"
) -> tuple[Clerk, dict]:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(MEETING, [member])
    pdf = make_canary_pdf(tmp_path / "totrinh.pdf", PAPER_TITLE, PAPER_TEXT, padding)
    # The scan can fail: the clear paper holds every pattern the profile must not.
    source = pdf.read_bytes()
    in_the_paper = ("pdf header", "paper text", "paper text in a content stream",
                    "paper title in pdf metadata")  # fmt: skip
    assert all(forbidden_patterns()[k] in source for k in in_the_paper)
    up = clerk.upload(meeting["id"], pdf, title=PAPER_TITLE, number="99/TTr-BNV")
    return clerk, {"meeting": meeting, "upload": up}


def test_nothing_of_the_papers_or_meetings_is_in_clear_anywhere_in_the_profile(
    server: ServerProcess, tmp_path: Path
) -> None:
    _clerk, data = _prepare(server, tmp_path)
    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        assert workspace.status()["meetings"][0]["title"] == MEETING  # it is all there
        paper = workspace.open_paper(data["upload"]["version"]["sha256"])
        assert paper is not None
        with paper:
            assert PAPER_TEXT.encode() in paper.read_all()
        assert (profile / "ecabinet.sqlite3-wal").exists()  # the WAL is scanned too
        assert found_in_clear(profile, forbidden_patterns()) == []
    finally:
        workspace.close()
    assert found_in_clear(profile, forbidden_patterns()) == []
    # The same scan finds the title in a store kept in clear, as the previous release did.
    control = LocalStore(tmp_path / "control" / "ecabinet.sqlite3")
    control.write(lambda session: meta.put(session, "title", MEETING))
    control.close()
    found = found_in_clear(tmp_path / "control", forbidden_patterns())
    assert "meeting title utf-8 in ecabinet.sqlite3" in found


def test_an_interrupted_download_is_sealed_resumed_and_collected_when_withdrawn(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk, data = _prepare(server, tmp_path, padding=40 << 20)
    sha = data["upload"]["version"]["sha256"]
    size = data["upload"]["version"]["size"]
    killed = threading.Event()

    def kill_once(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.phase == "files" and progress.done > (1 << 20) and not killed.is_set():
            killed.set()
            server.kill()

    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        report = workspace.sync(progress=kill_once)
        assert killed.is_set() and not report.ok
        kept = workspace.files.partial_size(sha)
        assert 0 < kept < size
        assert found_in_clear(profile, forbidden_patterns()) == []

        server.start()
        report = workspace.sync()
        assert report.ok and report.files_resumed == 1, report.errors
        assert report.bytes_downloaded == size - kept
        paper = workspace.open_paper(sha)
        assert paper is not None
        with paper:
            digest = hashlib.sha256()
            for chunk in paper.chunks():
                digest.update(chunk)
        assert digest.hexdigest() == sha
        assert found_in_clear(profile, forbidden_patterns()) == []

        # A paper withdrawn while half downloaded leaves nothing behind.
        other = make_canary_pdf(tmp_path / "phuluc.pdf", "Phụ lục", "CANARY-phu-luc", 30 << 20)
        withdrawn = clerk.upload(data["meeting"]["id"], other, title="Phụ lục")
        killed.clear()
        report = workspace.sync(progress=kill_once)
        assert killed.is_set()
        gone = withdrawn["version"]["sha256"]
        assert workspace.files.partial_size(gone) > 0
        server.start()
        clerk = Clerk(server.url)
        clerk.delete_document(withdrawn["document"]["id"])
        assert workspace.sync().ok
        assert not workspace.files.partial(gone).exists()
        assert not list((profile / "blobs" / "partial").iterdir())
    finally:
        workspace.close()


def test_the_partial_download_of_a_replaced_paper_is_removed(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    _clerk, data = _prepare(server, tmp_path, padding=30 << 20)
    old = data["upload"]["version"]["sha256"]
    killed = threading.Event()

    def kill_once(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.phase == "files" and progress.done > (1 << 20) and not killed.is_set():
            killed.set()
            server.kill()

    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        workspace.sync(progress=kill_once)
        assert workspace.files.partial_size(old) > 0
        server.start()
        newer = Clerk(server.url).upload_version(
            data["upload"]["document"]["id"],
            make_canary_pdf(tmp_path / "v2.pdf", PAPER_TITLE, "CANARY-v2", 1000),
        )
        assert workspace.sync().ok
        assert not workspace.files.partial(old).exists()
        assert workspace.file_path(newer["version"]["sha256"]) is not None
    finally:
        workspace.close()


def test_profile_folders_and_files_are_readable_by_their_owner_only(
    server: ServerProcess, tmp_path: Path
) -> None:
    _prepare(server, tmp_path)
    profile = tmp_path / "laptop"
    previous = os.umask(0o022)  # a usual umask: nothing may depend on it
    try:
        workspace = Workspace(profile, server_url=server.url)
        try:
            workspace.login("bt.taichinh", PASSWORD)
            assert workspace.sync().ok
            names = {p.name for p in profile.iterdir()}
            assert {"ecabinet.sqlite3-wal", "ecabinet.sqlite3-shm", "profile.json"} <= names
            wrong = []
            for path in [profile, *profile.rglob("*")]:
                mode = stat.S_IMODE(path.stat().st_mode)
                want = 0o700 if path.is_dir() else 0o600
                if mode != want:
                    wrong.append(f"{path.relative_to(tmp_path)}: {oct(mode)}")
            assert wrong == []
        finally:
            workspace.close()
    finally:
        os.umask(previous)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(data)


def _plaintext_sha(workspace: Workspace, sha: str) -> str:
    paper = workspace.open_paper(sha)
    assert paper is not None
    with paper:
        return hashlib.sha256(paper.read_all()).hexdigest()


def test_damaged_truncated_deleted_and_swapped_files_are_noticed_and_fetched_again(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(MEETING, ["bt.tuphap"])
    shas = []
    for name in ("a", "b", "c", "d", "e"):
        # Same padding, same-length text: same size, so a swap is invisible to stat.
        title = f"Tài liệu {name}"
        pdf = make_canary_pdf(tmp_path / f"{name}.pdf", title, f"CANARY-{name}", 150_000)
        shas.append(clerk.upload(meeting["id"], pdf, title=title)["version"]["sha256"])
    a, b, c, d, e = shas
    profile = tmp_path / "laptop"

    def blob(sha: str) -> Path:
        return profile / "blobs" / sha[:2] / sha

    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login("bt.tuphap", PASSWORD)
        assert workspace.sync().files_downloaded == 5
        assert blob(d).stat().st_size == blob(e).stat().st_size

        # Truncated and deleted: the next sync of the same process stats and fetches.
        data = blob(a).read_bytes()
        blob(a).write_bytes(data[: len(data) // 2])
        blob(b).unlink()
        report = workspace.sync()
        assert report.ok and report.files_downloaded == 2, report
        assert _plaintext_sha(workspace, a) == a and _plaintext_sha(workspace, b) == b

        # A flipped byte keeps the size: the read that meets it says so and drops it.
        _flip(blob(c), blob(c).stat().st_size // 2)
        paper = workspace.open_paper(c)
        assert paper is not None
        with pytest.raises(IntegrityError), paper:
            paper.read_all()
        assert not blob(c).exists()
        documents = {doc["sha256"]: doc for doc in workspace.status()["documents"]}
        assert not documents[c]["file_verified"]
        report = workspace.sync()
        assert report.files_downloaded == 1 and _plaintext_sha(workspace, c) == c
    finally:
        workspace.close()

    # D's bytes under E's name (same size), then a new process: its first sync
    # authenticates every file.
    shutil.copyfile(blob(d), blob(e))
    workspace = Workspace(profile)
    try:
        report = workspace.sync()
        assert report.ok and report.files_downloaded == 1 and report.integrity_failures == 1
        assert _plaintext_sha(workspace, e) == e and _plaintext_sha(workspace, d) == d
    finally:
        workspace.close()

    # The command line: status is cheap (a stat), --verify authenticates every file.
    _flip(blob(a), 100)
    blob(b).write_bytes(blob(b).read_bytes()[:-1])
    plain = cli_json("status", "--profile-dir", profile, "--json")
    by_sha = {doc["sha256"]: doc for doc in plain["documents"]}
    assert not by_sha[b]["file_verified"] and by_sha[a]["file_verified"]
    verified = cli_json("status", "--profile-dir", profile, "--json", "--verify")
    by_sha = {doc["sha256"]: doc for doc in verified["documents"]}
    assert not by_sha[a]["file_verified"]
    assert {s for s in shas if not by_sha[s]["file_verified"]} == {a, b}
    summary = cli_json("sync", "--server", server.url, "--username", "bt.tuphap",
                       "--profile-dir", profile, "--json")  # fmt: skip
    assert summary["ok"] and summary["files_downloaded"] == 2
    after = cli_json("status", "--profile-dir", profile, "--json", "--verify")
    assert all(doc["file_verified"] for doc in after["documents"])


def test_names_from_the_server_never_reach_outside_the_cache(tmp_path: Path) -> None:
    """A hostile server once made the client delete a file outside its profile."""
    cache = FileCache(tmp_path / "profile" / "blobs", os.urandom(32))
    victim = tmp_path / "important.txt"
    victim.write_text("giữ nguyên")
    for bad in ("../../important.txt", "../" * 3 + "x" * 55, "A" * 64, "a" * 63, "a" * 65,
                "a" * 63 + "/", "", "a" * 64 + "\n"):  # fmt: skip
        for action in (cache.path, cache.partial, cache.remove, cache.has):
            with pytest.raises(IntegrityError) as refused:
                action(bad)
            assert refused.value.code == "bad_sha256"
    assert victim.read_text() == "giữ nguyên"


def test_a_bad_name_in_the_store_is_counted_not_followed(
    server: ServerProcess, tmp_path: Path
) -> None:
    """Should a hostile name ever reach the store, the file phase refuses it."""
    _clerk, data = _prepare(server, tmp_path, member="bt.ytte")
    version_id = data["upload"]["version"]["id"]
    profile = tmp_path / "laptop"
    victim = tmp_path / "victim"
    victim.write_text("giữ nguyên")
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login("bt.ytte", PASSWORD)
        assert workspace.sync().ok

        def poison(session) -> None:  # type: ignore[no-untyped-def]
            version = session.get(LocalDocumentVersion, version_id)
            version.sha256 = "../../../victim"

        workspace.store.write(poison)
    finally:
        workspace.close()
    workspace = Workspace(profile)  # a new process checks every file at its first sync
    try:
        report = workspace.sync()
        assert report.online and "bad_sha256" in [e.code for e in report.errors]
        assert victim.read_text() == "giữ nguyên"
        assert workspace.status()["documents"][0]["file_present"] is False
    finally:
        workspace.close()


def test_a_store_opened_with_another_key_or_damaged_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "ecabinet.sqlite3"
    store = LocalStore(path, key=os.urandom(32))
    store.close()
    with pytest.raises(StoreError) as wrong:
        LocalStore(path, key=os.urandom(32))
    assert wrong.value.code == "store_unreadable"
    assert "khóa" in wrong.value.message
    path.write_bytes(os.urandom(8192))
    with pytest.raises(StoreError):
        LocalStore(path, key=os.urandom(32))
