"""A member's consent marks follow them to their other laptop (pull feed ``consent_mark``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.actors import Clerk
from support.notes import laptop
from support.server import ServerProcess

from ecabinet.client.consent_marks import DELIVERED, QUEUED, REFUSED
from ecabinet.errors import InputError


def test_marks_made_on_one_laptop_show_on_the_other(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp hai máy", ["bt.taichinh", "bt.tuphap"])
    items = [clerk.add_item(meeting["id"], f"Nội dung {i + 1}")["id"] for i in range(3)]
    office = laptop(server.url, tmp_path / "office", "bt.taichinh")
    home = laptop(server.url, tmp_path / "home", "bt.taichinh", vault=True)
    other = laptop(server.url, tmp_path / "other", "bt.tuphap", vault=True)
    try:
        queued = office.mark_consent(items[0], "object", "  Thiếu đánh giá tác động ")
        assert (queued.mark, queued.reason, queued.state) == (
            "object",
            "Thiếu đánh giá tác động",
            QUEUED,
        )
        office.mark_consent(items[1], "pull_out")
        other.mark_consent(items[2], "wish_to_speak")
        assert home.my_consent_marks(meeting["id"]) == {}
        for workspace in (office, other):
            assert workspace.sync().ok
        assert {m.state for m in office.my_consent_marks(meeting["id"]).values()} == {DELIVERED}
        assert home.sync().ok
        seen = home.my_consent_marks(meeting["id"])
        # Only the member's own marks: not the other minister's.
        assert sorted(seen) == sorted(items[:2])
        assert seen[items[0]].mark == "object" and seen[items[0]].state == DELIVERED
        assert seen[items[0]].reason == "Thiếu đánh giá tác động"
        assert seen[items[1]].mark == "pull_out"
        # A change of mind on the second laptop reaches the first.
        changed = home.mark_consent(items[0], "no_objection")
        assert changed.state == QUEUED and home.my_consent_marks(meeting["id"])[items[0]] == changed
        assert home.sync().ok
        assert office.sync().ok
        assert office.my_consent_marks(meeting["id"])[items[0]].mark == "no_objection"
        # A device that starts from zero gets the marks in its snapshot.
        fresh = laptop(server.url, tmp_path / "fresh", "bt.taichinh", vault=True)
        try:
            marks = fresh.my_consent_marks(meeting["id"])
            assert {k: m.mark for k, m in marks.items()} == {
                items[0]: "no_objection",
                items[1]: "pull_out",
            }
        finally:
            fresh.close()
        # An agenda item taken off the agenda takes the member's mark along.
        clerk.api.request("DELETE", f"/api/v1/agenda-items/{items[1]}").raise_for_status()
        assert office.sync().ok
        assert items[1] not in office.my_consent_marks(meeting["id"])
    finally:
        office.close()
        home.close()
        other.close()


def test_refused_and_impossible_marks(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp sắp đóng", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Nội dung")["id"]
    member = laptop(server.url, tmp_path / "m", "bt.taichinh")
    try:
        with pytest.raises(InputError) as info:
            member.mark_consent(item, "object", "   ")
        assert info.value.code == "reason_required"
        with pytest.raises(InputError) as info:
            member.mark_consent(item, "maybe")
        assert info.value.code == "bad_consent_mark"
        with pytest.raises(InputError) as info:
            member.mark_consent("00000000-0000-4000-8000-000000000000", "no_objection")
        assert info.value.code == "not_found"
        assert member.my_consent_marks(meeting["id"]) == {}
        member.mark_consent(item, "wish_to_speak")
        # The meeting closes before the mark is delivered: the server refuses it.
        clerk.api.request(
            "PATCH", f"/api/v1/meetings/{meeting['id']}", json={"status": "closed"}
        ).raise_for_status()
        report = member.sync()
        assert report.rejected == 1, report
        shown = member.my_consent_marks(meeting["id"])[item]
        assert shown.state == REFUSED and "kết thúc" in shown.refusal
        with pytest.raises(InputError) as info:
            member.mark_consent(item, "no_objection")
        assert info.value.code == "meeting_not_open"
    finally:
        member.close()
