"""A hostile server answers pulls and pushes with identifiers and values meant to hurt.

The laptop must refuse the page whole (a protocol error, not a traceback), apply
nothing of it, keep its cursor, build no path or URL from it, and create or delete no
file outside its profile. A control page of valid data goes through the same server,
so the harness itself is shown able to deliver what it is given.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from support.hostile import FILE_BYTES, FILE_SHA256, USER_ID, HostileServer

from ecabinet.client.workspace import Workspace
from ecabinet.errors import ErrorKind
from ecabinet.store import meta
from ecabinet.store.models import LocalDocument, LocalDocumentVersion, LocalMeeting, OutboxEntry

Change = dict[str, Any]
TRAVERSAL = "../../../victim.pdf"  # from <profile>/blobs/<sha[:2]>/: the victim below


def _first_page() -> dict[str, Any]:
    return {
        "cursor": "c.hostile.1",
        "has_more": True,
        "changes": [
            {"type": "user", "id": USER_ID, "op": "upsert", "data": {
                "id": USER_ID, "username": "bt.taichinh", "full_name": "Lê Minh Khoa",
                "title": "Bộ trưởng Bộ Tài chính", "role": "member", "active": True}},
            _meeting("m-1"),
        ],
    }  # fmt: skip


def _meeting(meeting_id: str) -> Change:
    return {"type": "meeting", "id": meeting_id, "op": "upsert", "data": {
        "id": meeting_id, "title": "Phiên họp Chính phủ thường kỳ", "kind": "regular",
        "starts_at": "2026-12-01T01:30:00Z", "location": "Hà Nội", "status": "published",
        "participants": [USER_ID], "updated_at": "2026-11-01T00:00:00Z"}}  # fmt: skip


def _second_page() -> dict[str, Any]:
    """Valid as built; each case below spoils one thing in it."""
    return {
        "cursor": "c.hostile.2",
        "has_more": False,
        "changes": [
            _meeting("m-2"),
            {"type": "document", "id": "d-1", "op": "upsert", "data": {
                "id": "d-1", "meeting_id": "m-2", "agenda_item_id": None,
                "title": "Tờ trình 125/TTr-BTC", "number": "125/TTr-BTC", "position": 0,
                "current_version_id": "v-1"}},
            {"type": "document_version", "id": "v-1", "op": "upsert", "data": {
                "id": "v-1", "document_id": "d-1", "version_no": 1, "sha256": FILE_SHA256,
                "size": len(FILE_BYTES), "pages": 1, "filename": "to-trinh.pdf",
                "uploaded_at": "2026-11-01T00:00:00Z"}},
        ],
    }  # fmt: skip


def _version(page: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = page["changes"][2]["data"]
    return data


def _document(page: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = page["changes"][1]["data"]
    return data


def _set(field: str, value: Any, of: Callable[[dict[str, Any]], dict[str, Any]] = _version) -> Any:
    def spoil(page: dict[str, Any]) -> None:
        of(page)[field] = value

    return spoil


def _both_ids(value: str) -> Any:
    def spoil(page: dict[str, Any]) -> None:
        page["changes"][2]["id"] = value
        _version(page)["id"] = value

    return spoil


def _change(**fields: Any) -> Any:
    def spoil(page: dict[str, Any]) -> None:
        page["changes"][2].update(fields)

    return spoil


def _page(**fields: Any) -> Any:
    def spoil(page: dict[str, Any]) -> None:
        page.update(fields)

    return spoil


def _append(change: Any) -> Any:
    def spoil(page: dict[str, Any]) -> None:
        page["changes"].append(change)

    return spoil


HOSTILE: dict[str, Any] = {
    "sha256 that climbs out of the profile": _set("sha256", TRAVERSAL),
    "sha256 absolute path": _set("sha256", "/etc/passwd"),
    "sha256 in capitals": _set("sha256", FILE_SHA256.upper()),
    "sha256 one digit short": _set("sha256", FILE_SHA256[:63]),
    "sha256 not hex": _set("sha256", "g" * 64),
    "sha256 with a NUL": _set("sha256", FILE_SHA256[:63] + "\x00"),
    "sha256 with a newline": _set("sha256", FILE_SHA256 + "\n"),
    "sha256 not a string": _set("sha256", 12345),
    "id that climbs out": _both_ids("../../x"),
    "id with a slash": _both_ids("a/b"),
    "id too long": _both_ids("a" * 65),
    "id with a NUL": _both_ids("v\x00"),
    "id empty": _both_ids(""),
    "data id differs from the change id": _set("id", "v-2"),
    "tombstone that climbs out": _append({"type": "document", "id": "../../etc", "op": "delete"}),
    "negative size": _set("size", -1),
    "size past any disk": _set("size", 2**70),
    "size as text": _set("size", str(len(FILE_BYTES))),
    "size as a boolean": _set("size", True),
    "size as a float": _set("size", float(len(FILE_BYTES))),
    "negative page count": _set("pages", -5),
    "a million pages and more": _set("pages", 10**9),
    "negative version number": _set("version_no", -1),
    "file name with a path": _set("filename", "../../to-trinh.pdf"),
    "title with a NUL": _set("title", "Tờ trình\x00", of=_document),
    "title with a lone surrogate": _set("title", "Tờ trình \ud800", of=_document),
    "title of a million characters": _set("title", "x" * 1_000_000, of=_document),
    "position past 32 bits": _set("position", 2**40, of=_document),
    "upload date in year 1": _set("uploaded_at", "0001-01-01T00:00:00+00:00"),
    "upload date without a zone": _set("uploaded_at", "2026-11-01T00:00:00"),
    "upload date that is not one": _set("uploaded_at", "hôm qua"),
    "unknown operation": _change(op="drop"),
    "upsert without data": _change(data=None),
    "extra field in a change": _change(path="../../x"),
    "entity type with a path": _change(type="document_version/../x"),
    "change that is not an object": _append("../../x"),
    "cursor that is a path": _page(cursor="../../etc/passwd"),
    "cursor with a newline": _page(cursor="c.hostile.2\nX-Injected: 1"),
    "has_more as text": _page(has_more="yes"),
    "changes not a list": _page(changes="../../x"),
}


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


def _snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` outside ``skip``: path → (size, mtime)."""
    found = {}
    for directory, dirs, files in os.walk(root):
        if Path(directory) == skip or skip in Path(directory).parents:
            dirs.clear()
            continue
        for name in files:
            path = Path(directory) / name
            stat = path.stat()
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def _counts(workspace: Workspace) -> tuple[int, int, int, str | None]:
    with workspace.store.read() as session:
        return (
            session.scalar(select(func.count()).select_from(LocalMeeting)) or 0,
            session.scalar(select(func.count()).select_from(LocalDocument)) or 0,
            session.scalar(select(func.count()).select_from(LocalDocumentVersion)) or 0,
            meta.get(session, meta.CURSOR),
        )


def _run(hostile: HostileServer, tmp_path: Path, second: Any) -> tuple[Workspace, Any, dict]:
    profile = tmp_path / "a" / "b" / "laptop"
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"%PDF-1.4 a file of the minister's, outside the profile")
    # The path a careless client would build from the traversal is the victim itself
    # (FileCache itself refuses to build it: tests/test_at_rest.py).
    careless = profile / "blobs" / TRAVERSAL[:2] / TRAVERSAL
    assert careless.resolve() == victim
    hostile.pages = [
        _first_page(),
        second,
        {"cursor": "c.hostile.2", "has_more": False, "changes": []},
    ]
    workspace = Workspace(profile, server_url=hostile.url)
    workspace.login("bt.taichinh", "mat-khau")
    before = _snapshot(tmp_path, skip=profile)
    report = workspace.sync()
    assert _snapshot(tmp_path, skip=profile) == before  # nothing made, changed or deleted
    assert victim.read_bytes().startswith(b"%PDF-1.4 a file of the minister's")
    return workspace, report, before


def test_a_valid_page_from_the_same_server_is_applied(
    hostile: HostileServer, tmp_path: Path
) -> None:
    # The control: the harness delivers what it is given, unknown entity types included.
    page = _second_page()
    page["changes"].append({"type": "agenda_note", "id": "n-1", "op": "upsert", "data": {}})
    workspace, report, _ = _run(hostile, tmp_path, page)
    try:
        assert report.ok, report.errors
        assert _counts(workspace) == (2, 1, 1, "c.hostile.2")
        assert f"GET /api/v1/files/{FILE_SHA256}" in hostile.requests
        paper = workspace.open_paper(FILE_SHA256)
        assert paper is not None
        paper.close()
    finally:
        workspace.close()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_page_is_refused_whole(hostile: HostileServer, tmp_path: Path, case: str) -> None:
    page = copy.deepcopy(_second_page())
    HOSTILE[case](page)
    workspace, report, _ = _run(hostile, tmp_path, page)
    try:
        assert [(e.kind, e.code) for e in report.errors] == [
            (ErrorKind.PROTOCOL, "protocol_violation")
        ], report.errors
        assert "Văn phòng Chính phủ" in report.errors[0].message
        # The first page stands; nothing of the second, and the cursor did not move.
        assert _counts(workspace) == (1, 0, 0, "c.hostile.1")
        assert not any(r.startswith("GET /api/v1/files/") for r in hostile.requests)
        assert not (workspace.paths.blobs / "partial").exists()
        # The next sync meets the same page and refuses it again, no worse.
        again = workspace.sync()
        assert [e.code for e in again.errors] == ["protocol_violation"]
        assert _counts(workspace) == (1, 0, 0, "c.hostile.1")
    finally:
        workspace.close()


def test_a_page_that_is_not_json_is_refused(hostile: HostileServer, tmp_path: Path) -> None:
    workspace, report, _ = _run(hostile, tmp_path, b"<html>Bad gateway</html>")
    try:
        assert [e.code for e in report.errors] == ["protocol_violation"]
        assert _counts(workspace) == (1, 0, 0, "c.hostile.1")
    finally:
        workspace.close()


@pytest.mark.parametrize(
    "answer",
    [
        {"results": [{"mutation_id": "1", "status": "applied"}]},
        {"results": [{"mutation_id": 1, "status": "applied", "code": "x\x00"}]},
        {"results": [{"mutation_id": 1, "status": "../applied"}]},
        {"results": [{"mutation_id": -1, "status": "applied"}]},
        {"results": "applied"},
        {"nothing": []},
    ],
    ids=[
        "id as text",
        "NUL in a code",
        "status with a path",
        "negative id",
        "not a list",
        "no results",
    ],
)
def test_a_hostile_push_answer_is_refused_and_the_outbox_kept(
    hostile: HostileServer, tmp_path: Path, answer: dict[str, Any]
) -> None:
    workspace, report, _ = _run(hostile, tmp_path, _second_page())
    try:
        assert report.ok, report.errors
        assert workspace.mark_read("v-1")
        hostile.push_answer = answer
        refused = workspace.sync()
        assert [e.code for e in refused.errors] == ["protocol_violation"]
        with workspace.store.read() as session:
            states = list(session.scalars(select(OutboxEntry.state)))
        assert states == ["pending"]  # delivered at a later sync, to an honest server
        hostile.push_answer = None
        assert workspace.sync().ok
        with workspace.store.read() as session:
            assert list(session.scalars(select(OutboxEntry.state))) == ["applied"]
    finally:
        workspace.close()


def test_a_hostile_server_info_is_refused_at_login(hostile: HostileServer, tmp_path: Path) -> None:
    original = hostile.answer

    def lying(method: str, target: str, body: bytes) -> tuple[int, Any]:
        status, payload = original(method, target, body)
        if target.startswith("/api/v1/server-info"):
            payload["server_key"]["key_id"] = "../../" + "0" * 58  # not the key's hash
        return status, payload

    hostile.answer = lying  # type: ignore[method-assign]
    workspace = Workspace(tmp_path / "laptop", server_url=hostile.url)
    try:
        with pytest.raises(Exception) as refused:
            workspace.login("bt.taichinh", "mat-khau")
        assert getattr(refused.value, "code", None) == "protocol_violation"
        assert workspace.server_identity().receipt_key_id is None  # nothing pinned
    finally:
        workspace.close()
