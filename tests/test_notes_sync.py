"""Annotations synced between laptops: two-device conflict, delete and undo, shared notes.

Real server over TLS (SQLite and PostgreSQL), real laptops, real outbox and pull feed.
"""

from __future__ import annotations

from pathlib import Path

from support.actors import PASSWORD, Clerk
from support.notes import default_paras, laptop, note, paper, synced
from support.server import ServerFactory, ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.changes import Change
from ecabinet.search.query import search


def test_two_laptops_edit_offline_the_later_wins_and_the_other_text_is_kept(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    doc = paper(clerk, tmp_path, ["bt.taichinh"], default_paras())
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    office = laptop(server.url, tmp_path / "office", "bt.taichinh", vault=True)
    home = laptop(server.url, tmp_path / "home", "bt.taichinh", vault=True)
    try:
        synced(office, home)  # the key reaches the second laptop
        made = office.add_annotation(note(document_id, sha, "Bản đầu"))
        synced(office, home)
        assert [r.text for r in home.annotations(document_id)] == ["Bản đầu"]

        # Both offline (nothing synced in between), both edit the same note.
        office.edit_annotation(made.id, text="Sửa ở văn phòng")
        home.edit_annotation(made.id, text="Sửa ở nhà", color="#00AA00")
        synced(office)  # arrives first
        synced(home)  # arrives later: wins
        synced(office)
        for workspace in (office, home):
            shown = workspace.annotations(document_id)
            assert [(r.id, r.text) for r in shown] == [(made.id, "Sửa ở nhà")], shown
            copies = workspace.annotation_conflicts(document_id)
            assert [(c.conflict_of, c.text) for c in copies] == [(made.id, "Sửa ở văn phòng")]

        seen: list[Change] = []
        unsubscribe = office.subscribe(seen.append)
        restored = office.restore_conflict(copies[0].id)
        unsubscribe()
        assert restored.id == made.id and restored.text == "Sửa ở văn phòng"
        assert seen == [Change("annotations", document_id)]
        synced(office, home)
        assert [r.text for r in home.annotations(document_id)] == ["Sửa ở văn phòng"]
        assert home.annotation_conflicts(document_id) == []
    finally:
        office.close()
        home.close()


def test_a_delete_is_a_tombstone_that_can_be_undone_on_another_laptop(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    doc = paper(clerk, tmp_path, ["bt.tuphap"], default_paras())
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    office = laptop(server.url, tmp_path / "office", "bt.tuphap", vault=True)
    home = laptop(server.url, tmp_path / "home", "bt.tuphap", vault=True)
    try:
        synced(office, home)
        made = office.add_annotation(note(document_id, sha, "Cần xem lại điều 12"))
        synced(office, home)
        home.delete_annotation(made.id)
        assert home.annotations(document_id) == []
        synced(home, office)
        assert office.annotations(document_id) == []
        kept = office.annotations(document_id, include_deleted=True)
        assert [(r.id, r.deleted, r.text) for r in kept] == [(made.id, True, made.text)]
        office.restore_annotation(made.id)
        synced(office, home)
        assert [(r.text, r.deleted) for r in home.annotations(document_id)] == [(made.text, False)]
    finally:
        office.close()
        home.close()


def test_a_shared_note_reaches_participants_and_never_anyone_else(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()  # its own accounts: no laptop of these ministers holds keys yet
    clerk = Clerk(server.url)
    doc = paper(clerk, tmp_path, ["bt.taichinh", "bt.tuphap"], default_paras())
    document_id, sha = doc["document"]["id"], doc["version"]["sha256"]
    author = laptop(server.url, tmp_path / "author", "bt.taichinh")
    colleague = laptop(server.url, tmp_path / "colleague", "bt.tuphap")
    outsider = ApiClient(server.url)
    outsider.login("bt.ytte", PASSWORD)
    try:
        shared = author.add_annotation(
            note(document_id, sha, "Đề nghị Bộ Tư pháp cho ý kiến", visibility="shared")
        )
        synced(author, colleague)
        got = colleague.annotations(document_id)
        assert [(r.id, r.text, r.author_name) for r in got] == [
            (shared.id, shared.text, "Lê Minh Khoa")
        ]
        comments = clerk.api.get_json(f"/api/v1/documents/{document_id}/shared-comments")
        assert [(c["id"], c["text"]) for c in comments] == [(shared.id, shared.text)]

        for path in (f"/api/v1/documents/{document_id}/annotations",
                     f"/api/v1/annotations/{shared.id}"):  # fmt: skip
            answer = outsider.request("GET", path)
            assert answer.status_code == 403, (path, answer.text)
            assert answer.json()["error"]["code"] == "not_participant"
        comments_answer = outsider.request(
            "GET", f"/api/v1/documents/{document_id}/shared-comments"
        )
        assert comments_answer.status_code == 403
        body = {"kind": "note", "page": 0, "rect": [1.0, 1.0, 20.0, 20.0], "text": "Xin góp ý"}
        write = {"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "document_id": document_id,
                 "version_sha256": sha, "visibility": "shared", "body": body}  # fmt: skip
        answer = outsider.request("PUT", f"/api/v1/annotations/{write['id']}", json=write)
        assert answer.status_code == 403, answer.text
        cursor, pulled = None, []
        while True:
            page = outsider.pull(cursor)
            pulled += [c for c in page["changes"] if c["type"] == "annotation"]
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        assert pulled == []

        # Made private again: the colleague's copy is withdrawn at the next sync.
        author.edit_annotation(shared.id, visibility="private")
        synced(author, colleague)
        assert colleague.annotations(document_id) == []
        assert [r.visibility for r in author.annotations(document_id)] == ["private"]

        # Shared again, then the colleague leaves the meeting: gone from the laptop too.
        author.edit_annotation(shared.id, visibility="shared")
        synced(author, colleague)
        assert [r.id for r in colleague.annotations(document_id)] == [shared.id]
        with colleague.store.read() as session:
            found = search(session, "Tư pháp cho ý kiến")
        assert [(h.kind, h.annotation_id) for h in found] == [("annotation", shared.id)]
        clerk.set_participants(doc["meeting"]["id"], ["bt.taichinh"])
        synced(colleague)
        assert colleague.annotated_documents() == []
        with colleague.store.read() as session:
            assert search(session, "Tư pháp cho ý kiến") == []
    finally:
        author.close()
        colleague.close()
