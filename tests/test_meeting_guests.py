"""A meeting's invited guests (khách mời), end to end on the real server: kept with the
meeting on create and edit, refused (422, the one error shape) when malformed, audited,
carried to the members' laptops by sync, and printed on the pack's cover and in the
minutes. Guests have no account: they never sync, never vote, never count for quorum.
"""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from support.actors import PASSWORD, Clerk
from support.notes import laptop, synced
from support.pack_checks import page_texts
from support.server import ServerProcess
from support.text_pdfs import make_text_pdf

from ecabinet.client import meeting_day, meeting_record
from ecabinet.client import preparation as prep
from ecabinet.client.api import ApiClient
from ecabinet.client.meeting_day import AttendanceRow
from ecabinet.client.meeting_record import MinutesOptions
from ecabinet.client.secretariat_consent import queue_mark
from ecabinet.dbengine import make_engine
from ecabinet.minutes import render_minutes
from ecabinet.pack.from_store import build_pack
from ecabinet.quorum import Attendance
from ecabinet.server.models import AuditEvent
from ecabinet.server.settings import ServerSettings
from ecabinet.store import queries
from ecabinet.timeutil import utcnow

CHIEF_JUSTICE = ("Nguyễn Văn Quảng", "Chánh án Tòa án nhân dân tối cao")
PROSECUTOR = ("Lê Thị Hạnh", "Viện trưởng Viện kiểm sát nhân dân tối cao")
BANKER = ("Đoàn Minh Tú", "Thống đốc Ngân hàng Nhà nước Việt Nam")
OPTIONS = MinutesOptions(
    minutes_sequence=9, resolution_sequence=40, chair_name="Phạm Minh Đức",
    chair_title="Thủ tướng Chính phủ", secretary_name="Nguyễn Thị Thư Ký",
)  # fmt: skip


def _clerk_api(server: ServerProcess) -> ApiClient:
    api = ApiClient(server.url)
    api.login("vpcp.clerk", PASSWORD)
    return api


def _draft(api: ApiClient, guests: tuple[tuple[str, str], ...]) -> prep.MeetingDraft:
    return prep.MeetingDraft(
        title="Phiên họp Chính phủ thường kỳ tháng 12",
        starts_at=utcnow() + timedelta(days=5),
        location="Phòng họp Chính phủ",
        participant_ids=tuple(p.id for p in prep.members_in_protocol_order(api)),
        guests=guests,
    )


def _audited(server: ServerProcess, meeting_id: str) -> list[tuple[str, dict[str, Any]]]:
    settings = ServerSettings(data_dir=server.data_dir, database_url=server.database_url)
    engine = make_engine(settings.resolved_database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(AuditEvent.action, AuditEvent.details_json)
                .where(AuditEvent.object_id == meeting_id)
                .order_by(AuditEvent.seq)
            ).all()
    finally:
        engine.dispose()
    return [(action, json.loads(details)) for action, details in rows]


def test_guests_are_kept_in_order_on_create_and_edit_and_audited(server: ServerProcess) -> None:
    api = _clerk_api(server)
    draft = _draft(api, (CHIEF_JUSTICE, ("  Lê   Thị Hạnh ", PROSECUTOR[1]), ("", "")))
    meeting = prep.create_meeting(api, draft)
    # Spaces folded, the empty row dropped, the order kept.
    assert prep.guests_of(meeting) == (CHIEF_JUSTICE, PROSECUTOR)
    read = prep.meeting_contents(api, meeting["id"]).meeting
    assert prep.guests_of(read) == (CHIEF_JUSTICE, PROSECUTOR)

    edited = prep.update_meeting(api, meeting["id"], _draft(api, (BANKER, CHIEF_JUSTICE)))
    assert prep.guests_of(edited) == (BANKER, CHIEF_JUSTICE)
    # A save that does not name the guests leaves them alone.
    api.request("PATCH", f"/api/v1/meetings/{meeting['id']}", json={"location": "Hà Nội"})
    after = prep.meeting_contents(api, meeting["id"]).meeting
    assert after["location"] == "Hà Nội" and prep.guests_of(after) == (BANKER, CHIEF_JUSTICE)
    # Removing every guest.
    cleared = prep.update_meeting(api, meeting["id"], _draft(api, ()))
    assert cleared["guests"] == []

    audited = _audited(server, meeting["id"])
    assert audited[0][0] == "meeting.create"
    assert [g["name"] for g in audited[0][1]["guests"]] == [CHIEF_JUSTICE[0], PROSECUTOR[0]]
    guest_edits = [d["guests"] for a, d in audited if a == "meeting.update" and "guests" in d]
    assert guest_edits == [
        [{"name": BANKER[0], "position": BANKER[1]}, {"name": CHIEF_JUSTICE[0],
                                                       "position": CHIEF_JUSTICE[1]}],
        [],
    ]  # fmt: skip


BAD_GUESTS: list[tuple[str, Any]] = [
    ("too_many", [{"name": f"Khách {n}", "position": ""} for n in range(51)]),
    ("control_in_name", [{"name": "Nguyễn\x1b[31mVăn", "position": ""}]),
    ("newline_in_position", [{"name": "Nguyễn Văn A", "position": "Viện\ntrưởng"}]),
    ("name_too_long", [{"name": "A" * 201, "position": ""}]),
    ("position_too_long", [{"name": "A", "position": "B" * 301}]),
    ("empty_name", [{"name": "", "position": "Viện trưởng"}]),
    ("blank_name", [{"name": "   ", "position": "Viện trưởng"}]),
    ("no_name", [{"position": "Viện trưởng"}]),
    ("unknown_field", [{"name": "A", "position": "", "user_id": "x"}]),
    ("not_a_list", {"name": "A"}),
    ("not_text", [{"name": 12, "position": ""}]),
]


@pytest.mark.parametrize(("case", "guests"), BAD_GUESTS, ids=[c for c, _ in BAD_GUESTS])
def test_bad_guests_are_refused_with_422_and_change_nothing(
    server: ServerProcess, case: str, guests: Any
) -> None:
    api = _clerk_api(server)
    body = {"title": "Phiên họp thử", "starts_at": "2026-12-01T08:30:00+07:00", "guests": guests}
    answer = api.request("POST", "/api/v1/meetings", json=body)
    assert answer.status_code == 422, (case, answer.text)
    error = answer.json()["error"]
    assert error["code"] and error["message"] and error["message_en"], error
    meeting = prep.create_meeting(api, _draft(api, (BANKER,)))
    path = f"/api/v1/meetings/{meeting['id']}"
    patched = api.request("PATCH", path, json={"title": "Đổi tên", "guests": guests})
    assert patched.status_code == 422, (case, patched.text)
    after = api.get_json(path)["meeting"]
    assert after["title"] == meeting["title"] and prep.guests_of(after) == (BANKER,)


def test_fifty_guests_are_taken(server: ServerProcess) -> None:
    api = _clerk_api(server)
    many = tuple((f"Khách mời {n}", "Khách") for n in range(50))
    assert len(prep.create_meeting(api, _draft(api, many))["guests"]) == 50


def test_a_member_sees_the_guests_after_sync_and_after_an_edit_and_on_the_pack_cover(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp có khách mời", ["bt.taichinh", "bt.tuphap"])
    mid = meeting["id"]
    guests = [{"name": n, "position": p} for n, p in (CHIEF_JUSTICE, PROSECUTOR)]
    clerk.api.request("PATCH", f"/api/v1/meetings/{mid}", json={"guests": guests})
    item = clerk.add_item(mid, "Dự án Luật Đất đai (sửa đổi)")
    paper = make_text_pdf(tmp_path / "to-trinh.pdf", [["Tờ trình dự án Luật"]])
    clerk.upload(mid, paper, title="Tờ trình", item_id=item["id"])
    workspace = laptop(server.url, tmp_path / "finance", "bt.taichinh")
    try:
        with workspace.store.read() as session:
            row = next(m for m in queries.catalogue(session) if m.id == mid)
        assert [(g.name, g.position) for g in row.guests] == [CHIEF_JUSTICE, PROSECUTOR]
        # Guests have no account: the meeting's participants are the members only.
        assert sorted(row.participant_ids) == sorted(
            clerk.users[u] for u in ("bt.taichinh", "bt.tuphap")
        )

        out = tmp_path / "pack.pdf"
        build_pack(workspace, mid, out)
        cover = " ".join(page_texts(out)[0].split())
        assert "Khách mời:" in cover, cover
        assert f"1. {CHIEF_JUSTICE[0]}, {CHIEF_JUSTICE[1]}" in cover, cover
        assert f"2. {PROSECUTOR[0]}, {PROSECUTOR[1]}" in cover, cover

        clerk.api.request(
            "PATCH", f"/api/v1/meetings/{mid}",
            json={"guests": [{"name": BANKER[0], "position": BANKER[1]}]},
        )  # fmt: skip
        synced(workspace)
        with workspace.store.read() as session:
            row = next(m for m in queries.catalogue(session) if m.id == mid)
        assert [(g.name, g.position) for g in row.guests] == [BANKER]
    finally:
        workspace.close()


def test_the_minutes_list_the_guests_and_the_items_adopted_without_debate(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thông qua", ["bt.taichinh", "bt.tuphap", "bt.ytte"])
    mid = meeting["id"]
    clerk.api.request(
        "PATCH", f"/api/v1/meetings/{mid}",
        json={"guests": [{"name": CHIEF_JUSTICE[0], "position": CHIEF_JUSTICE[1]}]},
    )  # fmt: skip
    titles = ["Được đồng ý", "Có người xin phát biểu", "Chưa ai đánh dấu", "Có người phản đối",
              "Có người rút ra"]  # fmt: skip
    items = [clerk.add_item(mid, t)["id"] for t in titles]
    finance = laptop(server.url, tmp_path / "finance", "bt.taichinh")
    justice = laptop(server.url, tmp_path / "justice", "bt.tuphap", vault=True)
    try:
        for item in (items[0], items[1], items[3], items[4]):
            finance.store.write(lambda s, i=item: queue_mark(s, i, "no_objection"))
        justice.store.write(lambda s: queue_mark(s, items[0], "no_objection"))
        justice.store.write(lambda s: queue_mark(s, items[1], "wish_to_speak"))
        justice.store.write(lambda s: queue_mark(s, items[3], "object", "Thiếu số liệu"))
        justice.store.write(lambda s: queue_mark(s, items[4], "pull_out"))
        synced(finance, justice)
    finally:
        finance.close()
        justice.close()
    assert meeting_record.adopted_without_debate(clerk.api, mid) == frozenset({items[0]})

    ids = clerk.users
    meeting_day.save_attendance(
        clerk.api, mid,
        [AttendanceRow(ids["bt.taichinh"], Attendance.PRESENT),
         AttendanceRow(ids["bt.tuphap"], Attendance.PRESENT),
         AttendanceRow(ids["bt.ytte"], Attendance.PRESENT)],
    )  # fmt: skip
    for item in items:
        meeting_day.save_conclusion(clerk.api, item, "Thông qua.", None)
    gathered = meeting_record.gather(clerk.api, mid, OPTIONS, trusted=[])
    minutes = gathered.minutes
    assert [c.without_debate for c in minutes.conclusions] == [True, False, False, False, False]
    assert minutes.guests == (f"{CHIEF_JUSTICE[0]}, {CHIEF_JUSTICE[1]}",)
    # Guests never count: three members present of three.
    assert minutes.quorum.met and len(minutes.attendance) == 3
    pdf = tmp_path / "bien-ban.pdf"
    render_minutes(minutes, pdf)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert f"Khách mời: {CHIEF_JUSTICE[0]}, {CHIEF_JUSTICE[1]}" in text, text
    assert text.count("Thông qua không thảo luận") == 1, text


MEETING_ID = "3f1c2a4e-0000-4000-8000-0000000000aa"


def _meeting_change(guests: Any) -> dict[str, Any]:
    data = {"id": MEETING_ID, "title": "Phiên họp", "kind": "regular", "status": "published",
            "starts_at": "2026-12-01T01:30:00Z", "guests": guests}  # fmt: skip
    return {"type": "meeting", "id": MEETING_ID, "op": "upsert", "data": data}


@pytest.mark.parametrize(
    "guests",
    [
        [{"name": "A", "position": ""}] * 51,
        [{"name": "Nguyễn\x1b[2JVăn", "position": ""}],
        [{"name": "", "position": "Viện trưởng"}],
        [{"name": "A" * 201, "position": ""}],
        [{"name": 7, "position": ""}],
        "Nguyễn Văn A",
    ],
    ids=["too_many", "escape", "no_name", "too_long", "not_text", "not_a_list"],
)
def test_a_server_sending_malformed_guests_is_refused_whole(guests: Any) -> None:
    from ecabinet.protocol import ProtocolError, parse_changes

    with pytest.raises(ProtocolError):
        parse_changes([_meeting_change(guests)])
    ok = parse_changes([_meeting_change([{"name": "Nguyễn Văn A", "position": "Khách"}])])
    assert ok[0].entity is not None


def test_a_store_from_before_guests_is_upgraded_with_none(tmp_path: Path) -> None:
    import sqlite3

    from ecabinet.store.db import LocalStore

    path = tmp_path / "ecabinet.sqlite3"
    LocalStore(path).close()
    with sqlite3.connect(path) as conn:  # as the previous release (0009) left it
        conn.execute("ALTER TABLE meetings DROP COLUMN guests_json")
        conn.execute(
            "INSERT INTO meetings (id, title, kind, starts_at, location, status,"
            " participants_json, updated_at, generation) VALUES (?, 'Phiên họp cũ', 'regular',"
            " '2026-12-01T01:30:00Z', '', 'published', '[]', '', 0)",
            (MEETING_ID,),
        )
        conn.execute("UPDATE alembic_version SET version_num = '0009'")
    store = LocalStore(path)
    try:
        with store.read() as session:
            rows = queries.catalogue(session)
        assert [(m.title, m.guests) for m in rows] == [("Phiên họp cũ", [])]
    finally:
        store.close()
