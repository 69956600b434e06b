"""The dashboard reflects what members actually did over real syncs; reminders reach them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from support.actors import Secretariat, in_hours
from support.auth import server_query
from support.notes import laptop
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client import notifications, secretariat_dashboard


def test_the_dashboard_follows_real_syncs_and_reminders_reach_the_app(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Secretariat(server.url)
    soon = in_hours(3)  # the meeting is close: what is missing is overdue
    meeting = clerk.create_meeting(
        "Phiên họp theo dõi", ["bt.taichinh", "bt.tuphap"], starts_at=soon
    )
    first = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf", pages=5, text="Tờ trình"))
    second = clerk.upload(meeting["id"], make_pdf(tmp_path / "b.pdf", pages=3, text="Dự thảo"))
    ballot = clerk.create_ballot(meeting["id"], "Thông qua?", deadline=in_hours(2))
    board = secretariat_dashboard.fetch(clerk.api, meeting["id"])
    rows = {r["full_name"]: r for r in board["participants"]}
    assert set(rows) == {"Lê Minh Khoa", "Phạm Quốc Bảo"}
    assert not any(r["pack_synced"] for r in rows.values()), "nobody has synced yet"
    assert all(r["overdue"] for r in rows.values())

    minister = laptop(server.url, tmp_path / "finance", "bt.taichinh")
    try:
        minister.mark_read(first["version"]["id"])
        minister.store.write(
            lambda s: secretariat_dashboard.queue_progress(s, first["document"]["id"], 3)
        )
        minister.store.write(
            lambda s: secretariat_dashboard.queue_progress(s, first["document"]["id"], 1)
        )  # going back does not lower the furthest page
        minister.mark_read(second["version"]["id"])
        minister.sign_opinion(ballot["id"], "agree", "")
        report = minister.sync()
        assert report.ok and report.rejected == 0, report
        board = secretariat_dashboard.fetch(clerk.api, meeting["id"])
        rows = {r["full_name"]: r for r in board["participants"]}
        khoa, bao = rows["Lê Minh Khoa"], rows["Phạm Quốc Bảo"]
        assert khoa["pack_synced"] and khoa["last_sync_at"]
        assert khoa["papers_read"] == 2 and not khoa["overdue"], khoa
        by_doc = {p["document_id"]: p for p in khoa["papers"]}
        assert by_doc[first["document"]["id"]]["max_page"] == 3
        assert by_doc[first["document"]["id"]]["pages"] == 5
        assert khoa["ballots"][0]["answered"] and khoa["ballots"][0]["on_current_draft"]
        assert not bao["pack_synced"] and bao["papers_read"] == 0
        assert bao["overdue_reasons"] == ["ballot", "papers"]
        # A new paper: the synced pack is no longer complete until the next sync.
        clerk.upload(meeting["id"], make_pdf(tmp_path / "c.pdf", pages=1, text="Phụ lục"))
        board = secretariat_dashboard.fetch(clerk.api, meeting["id"])
        khoa = next(r for r in board["participants"] if r["full_name"] == "Lê Minh Khoa")
        assert not khoa["pack_synced"] and khoa["overdue_reasons"] == ["papers"]
        assert minister.sync().ok
        # Remind: appears in the app at next sync, recorded in the audit trail.
        sent = secretariat_dashboard.remind(
            clerk.api, meeting["id"], [khoa["user_id"]], "Đề nghị đọc Phụ lục trước phiên họp"
        )
        assert sent == [khoa["user_id"]]
        assert minister.sync().ok
        with minister.store.read() as session:
            texts = [n.text for n in notifications.listing(session) if n.kind == "reminder"]
        assert texts == ["Đề nghị đọc Phụ lục trước phiên họp"]
        audit = server_query(
            server, "SELECT action FROM audit_events WHERE object_id = :m", m=meeting["id"]
        )
        assert ("meeting.remind",) in [tuple(r) for r in audit]
        exported = secretariat_dashboard.to_csv(
            secretariat_dashboard.fetch(clerk.api, meeting["id"])
        )
        table = list(csv.reader(io.StringIO(exported)))
        assert table[0][0] == "Họ và tên" and len(table) == 3
        khoa_row = next(r for r in table if r[0] == "Lê Minh Khoa")
        assert khoa_row[2] == "có" and "4/5" in khoa_row, khoa_row
    finally:
        minister.close()


def test_members_cannot_see_the_dashboard_or_remind(server: ServerProcess) -> None:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp quyền xem", ["bt.taichinh"])
    member = Secretariat(server.url, "bt.taichinh")
    answer = member.api.request("GET", f"/api/v1/meetings/{meeting['id']}/dashboard")
    assert answer.status_code in (403, 404), answer.text
    remind = member.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/reminders",
        json={"user_ids": [member.users["bt.taichinh"]]},
    )  # fmt: skip
    assert remind.status_code in (403, 404)
    stranger = clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/reminders",
        json={"user_ids": [clerk.users["bt.ytte"]]},
    )  # fmt: skip
    assert stranger.status_code == 422 and stranger.json()["error"]["code"] == "not_reachable"
