"""Publishing and notifications: what a member's app lists after real syncs."""

from __future__ import annotations

from pathlib import Path

from support.actors import Secretariat, in_hours
from support.notes import laptop
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client import notifications
from ecabinet.client.workspace import Workspace


def _kinds(workspace: Workspace) -> list[str]:
    with workspace.store.read() as session:
        return [n.kind for n in notifications.listing(session)]


def test_a_member_is_told_of_what_the_secretariat_did_at_next_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp thông báo", ["bt.taichinh"], status="draft")
    paper = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "a.pdf", text="Bản 1"), title="Tờ trình"
    )
    minister = laptop(server.url, tmp_path / "minister", "bt.taichinh")
    outsider = laptop(server.url, tmp_path / "outsider", "bt.tuphap")
    try:
        assert "meeting_published" not in _kinds(minister), "a draft tells nobody"
        published = clerk.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
        assert published.status_code == 200, published.text
        again = clerk.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
        assert again.status_code == 200, "publishing twice is harmless"
        assert minister.sync().ok
        assert _kinds(minister) == ["meeting_published"], "one notice, not one per publish"
        clerk.upload(meeting["id"], make_pdf(tmp_path / "b.pdf", text="Phụ lục"), title="Phụ lục")
        answer = clerk.api.request(
            "POST", f"/api/v1/documents/{paper['document']['id']}/versions",
            params={"filename": "a2.pdf", "change_note": "Sửa số liệu Điều 3"},
            data=make_pdf(tmp_path / "a2.pdf", text="Bản 2").read_bytes(),
        )  # fmt: skip
        assert answer.status_code == 201, answer.text
        ballot = clerk.create_ballot(meeting["id"], "Thông qua Tờ trình?", deadline=in_hours(6))
        extended = clerk.api.post_json(
            f"/api/v1/ballots/{ballot['id']}/extend", {"deadline": in_hours(12)}
        )
        assert extended
        assert minister.sync().ok
        with minister.store.read() as session:
            listed = notifications.listing(session)
            unseen = notifications.unseen_count(session)
        kinds = sorted(n.kind for n in listed)
        assert kinds == sorted(
            ["meeting_published", "paper_new", "paper_updated", "ballot_new",
             "deadline_changed", "deadline_near"]
        ), kinds  # fmt: skip
        updated = next(n for n in listed if n.kind == "paper_updated")
        assert (
            "Sửa số liệu Điều 3" in updated.text and updated.subject_id == paper["document"]["id"]
        )
        assert unseen == 5, "deadline_near is worked out locally, not stored"
        minister.store.write(lambda s: notifications.mark_seen(s, [n.id for n in listed]))
        assert minister.sync().ok
        with minister.store.read() as session:
            assert notifications.unseen_count(session) == 0, "a sync keeps the seen marks"
        assert outsider.sync().ok
        assert _kinds(outsider) == [], "a member not invited hears nothing of it"
        # A fresh laptop of the same minister gets the notices in its first sync.
        second = laptop(server.url, tmp_path / "second", "bt.taichinh", vault=True)
        try:
            assert "meeting_published" in _kinds(second)
        finally:
            second.close()
    finally:
        minister.close()
        outsider.close()
