"""Attendance, the quorum (two thirds of all members) and each item's conclusion."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from support.actors import Clerk
from support.server import ServerProcess

from ecabinet.quorum import Attendance, check_quorum, required_for_quorum


def _put(clerk: Clerk, meeting_id: str, records: list[dict[str, Any]]) -> requests.Response:
    return clerk.api.request(
        "PUT", f"/api/v1/meetings/{meeting_id}/attendance", json={"records": records}
    )


@pytest.mark.parametrize(
    ("members", "attending", "met"), [(27, 18, True), (27, 17, False), (3, 2, True), (3, 1, False)]
)
def test_the_quorum_is_two_thirds_of_all_members(members: int, attending: int, met: bool) -> None:
    states = [Attendance.PRESENT] * attending + [Attendance.REPRESENTED] * (members - attending)
    assert check_quorum(states, members=members).met is met
    assert required_for_quorum(27) == 18


def test_attendance_and_quorum_recorded_by_the_secretariat(server: ServerProcess) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp điểm danh", ["bt.taichinh", "bt.tuphap"])
    u = clerk.users
    answer = _put(
        clerk,
        meeting["id"],
        [
            {"user_id": u["bt.taichinh"], "state": "present"},
            {"user_id": u["bt.tuphap"], "state": "represented", "deputy_name": "Thứ trưởng A"},
        ],
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["quorum"]["members"] == 3, "two thirds of ALL members, not of those invited"
    assert body["quorum"]["attending"] == 1 and not body["quorum"]["met"], body["quorum"]
    assert "KHÔNG đủ" in body["quorum"]["text"]
    deputy = next(r for r in body["records"] if r["state"] == "represented")
    assert deputy["deputy_name"] == "Thứ trưởng A"
    answer = _put(clerk, meeting["id"], [{"user_id": u["bt.tuphap"], "state": "remote"}])
    assert answer.json()["quorum"]["met"], "2 of 3 attend: the meeting may proceed"
    for bad in (
        [{"user_id": u["bt.tuphap"], "state": "represented"}],  # who stands in?
        [{"user_id": u["bt.tuphap"], "state": "present", "deputy_name": "X"}],
        [{"user_id": u["bt.ytte"], "state": "present"}],  # not invited
        [{"user_id": u["bt.tuphap"], "state": "asleep"}],
    ):
        refused = _put(clerk, meeting["id"], bad)
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["error"]["code"]
    member = Clerk(server.url, "bt.taichinh")
    mine = _put(member, meeting["id"], [{"user_id": u["bt.taichinh"], "state": "present"}])
    assert mine.status_code in (403, 404)
    looked = member.api.request("GET", f"/api/v1/meetings/{meeting['id']}/attendance")
    assert looked.status_code in (403, 404)


def test_a_conclusion_is_recorded_once_not_overwritten_and_reaches_members(
    server: ServerProcess,
) -> None:
    clerk, other = Clerk(server.url), Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp kết luận", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Dự án Luật")
    path = f"/api/v1/agenda-items/{item['id']}/conclusion"
    text = "Chính phủ thống nhất thông qua, giao Bộ Tư pháp hoàn thiện hồ sơ."
    saved = clerk.api.request("PUT", path, json={"text": text, "revision": item["revision"]})
    assert saved.status_code == 200 and saved.json()["conclusion"] == text, saved.text
    late = other.api.request("PUT", path, json={"text": "Khác", "revision": item["revision"]})
    assert late.status_code == 409 and late.json()["error"]["code"] == "edit_conflict"
    member = Clerk(server.url, "bt.taichinh")
    seen = member.api.get_json(f"/api/v1/meetings/{meeting['id']}")["agenda_items"][0]
    assert seen["conclusion"] == text
    assert member.api.request("PUT", path, json={"text": "x"}).status_code in (403, 404)
