"""Private is private from everyone: only the minister's own devices read a private note.

Real server over TLS (SQLite and PostgreSQL), real laptops. Another member, the
secretariat and an administrator each try every route (list, get, write over it, the
secretariat's listing, the pull feed); the server's database, its dump and its whole
data folder are searched for the note's text. The minister's second laptop reads and
edits the note once an existing laptop handed it the key, and a third one through the
recovery code.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from support.actors import PASSWORD, Clerk
from support.auth import admin_api, database_bytes, server_query, server_session
from support.cli import cli_json
from support.notes import PASSPHRASE, default_paras, highlight, laptop, note, paper, synced
from support.server import ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.errors import InputError

ANSWERED = "Hỏi lại Bộ Tài chính: đã trả lời"


def _pulled_ids(api: ApiClient) -> set[str]:
    cursor, ids = None, set()
    while True:
        page = api.pull(cursor)
        ids |= {c["id"] for c in page["changes"] if c["type"] == "annotation"}
        cursor = page["cursor"]
        if not page["has_more"]:
            return ids


def _member(url: str, username: str) -> ApiClient:
    api = ApiClient(url)
    api.login(username, PASSWORD)
    return api


def _data_folder_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def _status(api: ApiClient, method: str, path: str, **kwargs: Any) -> int:
    response = api.request(method, path, **kwargs)
    assert response.status_code != 500, response.text
    return response.status_code


def test_a_private_note_is_readable_by_no_one_but_its_owner(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    paras = default_paras()
    doc = paper(clerk, tmp_path, ["bt.taichinh", "bt.tuphap"], paras)
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    marker = uuid.uuid4().hex
    secret = f"Ý kiến riêng của Bộ trưởng: chưa đồng ý điều 7, đề nghị giữ nguyên {marker}"

    minister = laptop(server.url, tmp_path / "laptop-a", "bt.taichinh")
    try:
        private = minister.add_annotation(note(document_id, sha, secret))
        marked = minister.add_annotation(highlight(doc["path"], document_id, sha, paras[1][:40]))
        synced(minister)
        device_key = (minister.api.device or {}).get("key_id")
        assert device_key
        assert {r.id for r in minister.annotations(document_id)} == {private.id, marked.id}
    finally:
        minister.close()

    # The laptop keeps it in its encrypted store only (outbox and search index included).
    assert marker.encode() not in _data_folder_bytes(tmp_path / "laptop-a")
    # What the server holds: ciphertext only, in its database and anywhere in its folder.
    for needle in (marker.encode(), secret.encode("utf-8"), paras[1][:40].encode("utf-8")):
        assert needle not in database_bytes(server.data_dir, server.database_url), needle
        assert needle not in _data_folder_bytes(server.data_dir), needle
    rows = server_query(server, "SELECT id, sealed, body_json, visibility FROM annotations")
    mine = {r[0]: r for r in rows if r[0] in {private.id, marked.id}}
    assert len(mine) == 2 and all(
        r[2] is None and r[1] and r[3] == "private" for r in mine.values()
    )

    others = {
        "another member": _member(server.url, "bt.tuphap"),
        "secretariat": clerk.api,
        "administrator": admin_api(server.url),
    }
    for who, api in others.items():
        listed = api.request("GET", f"/api/v1/documents/{document_id}/annotations")
        assert listed.status_code != 500
        if listed.status_code == 200:
            assert not {a["id"] for a in listed.json()} & {private.id, marked.id}, who
        for annotation_id in (private.id, marked.id):
            assert _status(api, "GET", f"/api/v1/annotations/{annotation_id}") in {403, 404}, who
            body = {"kind": "note", "page": 0, "rect": [1, 1, 2, 2], "text": "x"}
            overwrite = {"id": annotation_id, "document_id": document_id,
                         "version_sha256": sha, "visibility": "shared", "body": body}  # fmt: skip
            code = _status(api, "PUT", f"/api/v1/annotations/{annotation_id}", json=overwrite)
            assert code in {403, 404}, (who, code)
        shared = api.request("GET", f"/api/v1/documents/{document_id}/shared-comments")
        assert shared.status_code in {200, 403}, (who, shared.text)
        if shared.status_code == 200:
            assert not {a["id"] for a in shared.json()} & {private.id, marked.id}, who
        assert not _pulled_ids(api) & {private.id, marked.id}, who
        keys = api.request("GET", "/api/v1/notes/keys")  # none of the minister's devices
        assert keys.status_code in {200, 403}
        if keys.status_code == 200:
            assert all(d["key_id"] != device_key for d in keys.json()["devices"]), who


def test_the_ministers_other_laptops_read_and_edit_it(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    doc = paper(clerk, tmp_path, ["bt.ytte"], default_paras())
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    first = laptop(server.url, tmp_path / "first", "bt.ytte", vault=True)
    second = third = None
    try:
        made = first.add_annotation(note(document_id, sha, "Hỏi lại Bộ Tài chính về nguồn vốn"))
        synced(first)
        second = laptop(server.url, tmp_path / "second", "bt.ytte", vault=True)
        assert second.annotations(document_id) == []  # no key yet: still sealed
        synced(first)  # the first laptop sees the new one listed and hands it the key
        synced(second)
        assert [r.text for r in second.annotations(document_id)] == [made.text]
        second.edit_annotation(made.id, text=ANSWERED)
        synced(second, first)
        assert [r.text for r in first.annotations(document_id)] == [
            "Hỏi lại Bộ Tài chính: đã trả lời"
        ]

        code = first.notes_recovery_code()
        third = laptop(server.url, tmp_path / "third", "bt.ytte", vault=True)
        assert third.annotations(document_id) == []
        with pytest.raises(InputError) as wrong:
            third.recover_notes("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
        assert wrong.value.code == "wrong_recovery_code"
        assert third.recover_notes(code.lower()) == 1
        assert [r.text for r in third.annotations(document_id)] == [
            "Hỏi lại Bộ Tài chính: đã trả lời"
        ]
        third.edit_annotation(made.id, text="Đã thống nhất")
        synced(third, second)
        assert [r.text for r in second.annotations(document_id)] == ["Đã thống nhất"]
    finally:
        for workspace in (first, second, third):
            if workspace is not None:
                workspace.close()
    # The command line opens a passphrase profile too, and shows the note in clear.
    listed = cli_json("annotations", "list", "--profile-dir", tmp_path / "third", "--json",
                      "--passphrase-stdin", stdin=PASSPHRASE + "\n")  # fmt: skip
    assert [a["text"] for a in listed["annotations"]] == ["Đã thống nhất"]


def test_a_server_that_swaps_two_sealed_notes_shows_neither(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    doc = paper(clerk, tmp_path, ["bt.tuphap"], default_paras())
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    office = laptop(server.url, tmp_path / "office", "bt.tuphap")
    try:
        first = office.add_annotation(note(document_id, sha, "Ghi chú thứ nhất"))
        second = office.add_annotation(note(document_id, sha, "Ghi chú thứ hai"))
        untouched = office.add_annotation(note(document_id, sha, "Ghi chú thứ ba"))
        synced(office)
    finally:
        office.close()
    with server_session(server) as session:  # an attacker with the database
        rows = dict(session.execute(text(
            "SELECT id, sealed FROM annotations WHERE id IN (:a, :b)"
        ), {"a": first.id, "b": second.id}).all())  # fmt: skip
        for annotation_id, other in ((first.id, second.id), (second.id, first.id)):
            session.execute(
                text("UPDATE annotations SET sealed = :s WHERE id = :i"),
                {"s": rows[other], "i": annotation_id},
            )
        session.commit()
    session.get_bind().dispose()
    # A fresh profile on the same laptop (same keys) reads everything from the server.
    fresh = laptop(server.url, tmp_path / "fresh", "bt.tuphap")
    try:
        # The untouched note opens (so the key is there); the swapped ones do not.
        assert [r.id for r in fresh.annotations(document_id)] == [untouched.id]
    finally:
        fresh.close()
