"""Bad annotations are refused with the reason (4xx in the one error shape), never a 500,
on SQLite and PostgreSQL; the app refuses them before anything is queued."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from support.actors import PASSWORD, Clerk
from support.notes import default_paras, note, paper
from support.server import ServerProcess
from test_bad_input import refused

from ecabinet.client.api import ApiClient
from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError
from ecabinet.protocol_annotations import MAX_INK_POINTS, MAX_NOTE_CHARS


@pytest.fixture(scope="module")
def world(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    clerk = Clerk(server.url)
    doc = paper(clerk, tmp_path_factory.mktemp("bad"), ["bt.taichinh"], default_paras())
    member = ApiClient(server.url)
    member.login("bt.taichinh", PASSWORD)
    return {"doc": doc, "member": member, "clerk": clerk, "server": server,
            "pages": doc["version"]["pages"]}  # fmt: skip


def _write(world: dict[str, Any], **changes: Any) -> dict[str, Any]:
    doc = world["doc"]
    body = {"kind": "note", "page": 0, "rect": [50.0, 700.0, 70.0, 720.0], "text": "Góp ý"}
    body.update(changes.pop("body", None) or {})
    write = {"id": str(uuid.uuid4()), "document_id": doc["document"]["id"],
             "version_sha256": doc["version"]["sha256"], "visibility": "shared",
             "body": body}  # fmt: skip
    write.update(changes)
    return write


def _put(api: ApiClient, write: dict[str, Any]) -> Any:
    return api.request("PUT", f"/api/v1/annotations/{write['id']}", json=write)


def test_a_good_shared_note_is_accepted(world: dict[str, Any]) -> None:
    answer = _put(world["member"], _write(world))
    assert answer.status_code == 200, answer.text
    assert answer.json()["revision"] == 1


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"version_sha256": "ab" * 32}, 422, "unknown_version"),
        ({"body": {"page": 99}}, 422, "unknown_page"),
        ({"body": {"text": "x" * (MAX_NOTE_CHARS + 1)}}, 413, "note_too_long"),
        ({"body": {"kind": "ink", "rect": None,
                   "ink": [[[1.0, 2.0, 0.5]] * (MAX_INK_POINTS + 1)]}}, 413, "ink_too_large"),
        ({"body": {"text": "nul\x00byte"}}, 422, None),
        ({"body": {"page": 2**70}}, 422, None),
        ({"body": {"page": -1}}, 422, None),
        ({"body": {"rect": [1e308, 0, 1, 1]}}, 422, None),
        ({"body": {"created_at": "2026-02-30T25:61:00Z"}}, 422, None),
        ({"body": {"created_at": "99999-01-01T00:00:00Z"}}, 422, None),
        ({"body": {"kind": "stamp"}}, 422, None),
        ({"body": {"color": "red"}}, 422, None),
        ({"base_revision": 2**64}, 422, None),
        ({"visibility": "private"}, 422, None),  # private in clear: refused, never stored
        ({"visibility": "private", "body": None, "sealed": "!!"}, 422, None),
        ({"visibility": "private", "body": None, "sealed": "A" * 1_000_004}, 413, None),
        ({"document_id": "00000000-0000-4000-8000-000000000000"}, 404, "not_found"),
    ],
)  # fmt: skip
def test_bad_annotations_are_refused_with_the_reason(
    world: dict[str, Any], changes: dict[str, Any], status: int, code: str | None
) -> None:
    clear = "body" in changes and changes["body"] is None
    write = _write(world, **changes)
    if clear:
        write.pop("body")
    error = refused(_put(world["member"], write), status)
    if code is not None:
        assert error["code"] == code
    if code == "note_too_long":
        assert str(MAX_NOTE_CHARS) in error["message_en"]
    if code == "ink_too_large":
        assert str(MAX_INK_POINTS) in error["message_en"]


def test_a_private_note_cannot_be_addressed_to_someone_else(world: dict[str, Any]) -> None:
    users = world["clerk"].users
    write = _write(world, visibility="private", sealed="AQIDBA==", owner_id=users["bt.tuphap"])
    write.pop("body")
    error = refused(_put(world["member"], write), 403)
    assert error["code"] == "not_your_annotation"
    # Nor can anyone else write over the minister's note.
    mine = _write(world, visibility="private", sealed="AQIDBA==")
    mine.pop("body")
    assert _put(world["member"], mine).status_code == 200
    colleague = ApiClient(world["server"].url)
    colleague.login("bt.tuphap", PASSWORD)
    refused(_put(colleague, mine), 404)


def test_non_participants_and_administrators_are_refused(world: dict[str, Any]) -> None:
    for username in ("bt.ytte", "quantri"):
        api = ApiClient(world["server"].url)
        api.login(username, PASSWORD)
        error = refused(_put(api, _write(world)), 403)
        assert error["code"] in {"not_participant", "forbidden"}


def test_the_app_refuses_a_bad_draft_before_queueing_it(
    server: ServerProcess, world: dict[str, Any], tmp_path: Path
) -> None:
    doc = world["doc"]
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        cases = {
            "unknown_page": note(document_id, sha, "x", page=world["pages"]),
            "unknown_version": note(document_id, "cd" * 32, "x"),
            "note_too_long": note(document_id, sha, "ý" * (MAX_NOTE_CHARS + 1)),
            "bad_annotation": note(document_id, sha, "a\x00b"),
        }
        for code, draft in cases.items():
            with pytest.raises(InputError) as refusal:
                workspace.add_annotation(draft)
            assert refusal.value.code == code, (code, refusal.value.message_en)
            assert refusal.value.message  # Vietnamese, for the screen
        assert workspace.status()["outbox_pending"] == 0
    finally:
        workspace.close()


def test_a_pushed_annotation_is_rejected_with_the_reason_and_the_rest_applied(
    world: dict[str, Any],
) -> None:
    good, bad = _write(world), _write(world, body={"page": 500})
    mutations = [
        {"mutation_id": 1, "type": "save_annotation", "payload": bad},
        {"mutation_id": 2, "type": "save_annotation", "payload": good},
        {"mutation_id": 3, "type": "save_annotation", "payload": {"id": "../x"}},
    ]
    results = world["member"].push(str(uuid.uuid4()), mutations)
    assert [(r["status"], r.get("code")) for r in results] == [
        ("rejected", "unknown_page"),
        ("applied", None),
        ("rejected", "malformed_annotation"),
    ]
    assert "500" in results[0]["message_en"]


def test_the_notes_key_routes_refuse_what_is_not_the_callers_own(
    server: ServerProcess, world: dict[str, Any], tmp_path: Path
) -> None:
    workspace = Workspace(tmp_path / "keys", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        api = workspace.api
        state = api.get_json("/api/v1/notes/keys")
        [mine] = [d for d in state["devices"] if d["has_key"]]
        own = mine["key_id"]
        good = {"x25519_public": mine["x25519_public"], "signature": mine["signature"]}
        cases = [
            ("PUT", f"/api/v1/notes/devices/{'b' * 64}", good, 403),  # not this session's
            ("PUT", f"/api/v1/notes/devices/{own}", {**good, "signature": "A" * 86 + "=="}, 422),
            ("PUT", f"/api/v1/notes/devices/{own}", {**good, "x25519_public": "AAAA"}, 422),
            ("PUT", f"/api/v1/notes/devices/{own}", {**good, "x25519_public": "%%"}, 422),
            ("PUT", f"/api/v1/notes/devices/{'c' * 64}/wrapped",
             {"wrapped": "AAAA", "from_key_id": own}, 404),
            ("PUT", f"/api/v1/notes/devices/{own}/wrapped",
             {"wrapped": "AAAA", "from_key_id": "d" * 64}, 403),
            ("PUT", "/api/v1/notes/recovery",
             {"salt": "AAAA", "n": 2**40, "r": 8, "p": 1, "wrapped": "AAAA"}, 422),
            ("PUT", "/api/v1/notes/recovery",
             {"salt": "AA\x00A", "n": 2**15, "r": 8, "p": 1, "wrapped": "AAAA"}, 422),
        ]  # fmt: skip
        for method, path, body, status in cases:
            refused(api.request(method, path, json=body), status)
        after = api.get_json("/api/v1/notes/keys")
        assert after["devices"] == state["devices"]  # nothing changed
    finally:
        workspace.close()
    # Without a device key (a plain API login) there is nothing to see or register.
    refused(world["member"].request("GET", "/api/v1/notes/keys"), 403)
