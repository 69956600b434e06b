"""Consent agenda: marks made offline reach the secretariat's list after sync."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.actors import Clerk
from support.notes import laptop
from support.server import ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.secretariat_consent import queue_mark
from ecabinet.errors import InputError


def _push(api: ApiClient, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    answer: list[dict[str, Any]] = api.push("consent-test-client", mutations)
    return answer


def test_offline_marks_reach_the_secretariats_consent_list(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thông qua", ["bt.taichinh", "bt.tuphap"])
    items = [clerk.add_item(meeting["id"], f"Nội dung {i + 1}") for i in range(4)]
    finance = laptop(server.url, tmp_path / "finance", "bt.taichinh")
    justice = laptop(server.url, tmp_path / "justice", "bt.tuphap", vault=True)
    try:
        # Both offline: marks wait in their outboxes.
        finance.store.write(lambda s: queue_mark(s, items[0]["id"], "no_objection"))
        finance.store.write(lambda s: queue_mark(s, items[1]["id"], "object", "Thiếu số liệu"))
        finance.store.write(lambda s: queue_mark(s, items[2]["id"], "no_objection"))
        justice.store.write(lambda s: queue_mark(s, items[0]["id"], "no_objection"))
        justice.store.write(lambda s: queue_mark(s, items[2]["id"], "wish_to_speak"))
        justice.store.write(lambda s: queue_mark(s, items[3]["id"], "pull_out"))
        with pytest.raises(InputError) as info:
            finance.store.write(lambda s: queue_mark(s, items[3]["id"], "object", "  "))
        assert info.value.code == "reason_required"
        before = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/consent")
        assert [e["title"] for e in before["consent"]] == [i["title"] for i in items]
        assert before["discussion"] == []
        for workspace in (finance, justice):
            report = workspace.sync()
            assert report.ok and report.rejected == 0, report
        listed = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/consent")
        assert [e["title"] for e in listed["consent"]] == ["Nội dung 1"], listed
        discussion = {e["title"]: e["raised"] for e in listed["discussion"]}
        assert list(discussion) == ["Nội dung 2", "Nội dung 3", "Nội dung 4"]
        objection = discussion["Nội dung 2"][0]
        assert objection["mark"] == "object" and objection["reason"] == "Thiếu số liệu"
        assert objection["full_name"] == "Lê Minh Khoa"
        assert discussion["Nội dung 4"][0]["mark"] == "pull_out"
        assert listed["consent"][0]["not_marked"] == []
        # A later change of mind wins.
        finance.store.write(lambda s: queue_mark(s, items[1]["id"], "no_objection"))
        assert finance.sync().ok
        listed = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/consent")
        assert "Nội dung 2" in [e["title"] for e in listed["consent"]]
    finally:
        finance.close()
        justice.close()


def test_bad_marks_are_rejected_one_by_one_and_members_cannot_read_the_list(
    server: ServerProcess,
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp ý kiến sai", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Nội dung")
    hidden = clerk.create_meeting("Phiên họp không mời", ["bt.tuphap"])
    hidden_item = clerk.add_item(hidden["id"], "Nội dung khác")
    member = Clerk(server.url, "bt.taichinh")
    at = "2026-11-20T08:00:00Z"
    answers = _push(
        member.api,
        [
            {"mutation_id": 1, "type": "mark_consent",
             "payload": {"agenda_item_id": item["id"], "mark": "object", "marked_at": at}},
            {"mutation_id": 2, "type": "mark_consent",
             "payload": {"agenda_item_id": item["id"], "mark": "maybe", "marked_at": at}},
            {"mutation_id": 3, "type": "mark_consent",
             "payload": {"agenda_item_id": hidden_item["id"], "mark": "no_objection",
                         "marked_at": at}},
            {"mutation_id": 4, "type": "mark_consent",
             "payload": {"agenda_item_id": item["id"], "mark": "wish_to_speak", "marked_at": at}},
        ],
    )  # fmt: skip
    codes = [a.get("code") for a in answers]
    assert codes == ["reason_required", "malformed_mutation", "not_found", None], answers
    assert member.api.request("GET", f"/api/v1/meetings/{meeting['id']}/consent").status_code in (
        403,
        404,
    )
