"""The agenda as two clerks and an offline minister see it: order, concurrent edits,
state-secret markings (real server, real client, SQLite and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
from support.actors import Clerk, Secretariat, in_hours
from support.notes import laptop
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.store import queries


def _items(clerk: Clerk, meeting_id: str, n: int) -> list[dict[str, Any]]:
    return [clerk.add_item(meeting_id, f"Nội dung {i + 1}") for i in range(n)]


def _put_order(clerk: Clerk, meeting_id: str, ids: list[str]) -> requests.Response:
    return clerk.api.request(
        "PUT", f"/api/v1/meetings/{meeting_id}/agenda-order", json={"item_ids": ids}
    )


def _patch(api: ApiClient, item_id: str, **fields: Any) -> requests.Response:
    return api.request("PATCH", f"/api/v1/agenda-items/{item_id}", json=fields)


def _error(answer: requests.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, (answer.status_code, answer.text)
    body: dict[str, Any] = answer.json()["error"]
    assert body["code"] and body["message"] and body["message_en"], body
    return body


def test_a_member_offline_during_a_reorder_sees_the_new_order_at_next_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp sắp xếp lại", ["bt.taichinh"])
    items = _items(clerk, meeting["id"], 3)
    workspace = laptop(server.url, tmp_path / "laptop", "bt.taichinh")
    try:

        def local_order() -> list[str]:
            with workspace.store.read() as session:
                rows = [m for m in queries.catalogue(session) if m.id == meeting["id"]]
            return [item.title for item in rows[0].agenda]

        assert local_order() == ["Nội dung 1", "Nội dung 2", "Nội dung 3"]
        # The minister is offline; the clerk moves the last item to the top.
        new = [items[2]["id"], items[0]["id"], items[1]["id"]]
        answer = _put_order(clerk, meeting["id"], new)
        assert answer.status_code == 200, answer.text
        assert [i["position"] for i in answer.json()] == [1, 2, 3]
        assert local_order() == ["Nội dung 1", "Nội dung 2", "Nội dung 3"], "changed offline?"
        report = workspace.sync()
        assert report.ok, report.errors
        assert local_order() == ["Nội dung 3", "Nội dung 1", "Nội dung 2"], (
            "the next sync must bring the new order"
        )
    finally:
        workspace.close()


def test_an_order_that_is_not_exactly_the_meetings_items_is_refused(server: ServerProcess) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thứ tự sai", ["bt.taichinh"], status="draft")
    ids = [i["id"] for i in _items(clerk, meeting["id"], 3)]
    other = clerk.create_meeting("Phiên họp khác", [], status="draft")
    foreign = clerk.add_item(other["id"], "Nội dung của phiên khác")["id"]
    for wrong in (ids[:2], [*ids, ids[0]], [ids[0], ids[1], foreign], [*ids, foreign]):
        body = _error(_put_order(clerk, meeting["id"], wrong), 422)
        assert body["code"] == "agenda_order_mismatch", body
    after = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}")["agenda_items"]
    assert [i["id"] for i in after] == ids, "a refused order must change nothing"
    member = Clerk(server.url, "bt.taichinh")
    assert _put_order(member, meeting["id"], ids).status_code in (403, 404)


def test_a_second_clerk_saving_the_same_item_is_told_not_overwritten(
    server: ServerProcess,
) -> None:
    first, second = Clerk(server.url), Clerk(server.url)
    meeting = first.create_meeting("Phiên họp hai người sửa", [], status="draft")
    item = first.add_item(meeting["id"], "Dự thảo ban đầu")
    assert item["revision"] == 1
    saved = _patch(first.api, item["id"], title="Bản của người thứ nhất", revision=1)
    assert saved.status_code == 200 and saved.json()["revision"] == 2, saved.text
    late = _patch(second.api, item["id"], title="Bản của người thứ hai", revision=1)
    body = _error(late, 409)
    assert body["code"] == "edit_conflict" and body["current_revision"] == 2, body
    assert "người khác sửa" in body["message"]
    now = first.api.get_json(f"/api/v1/meetings/{meeting['id']}")["agenda_items"][0]
    assert now["title"] == "Bản của người thứ nhất", "the later save must not overwrite"


def test_parallel_saves_from_one_revision_let_exactly_one_through(server: ServerProcess) -> None:
    clerks = [Clerk(server.url) for _ in range(4)]
    meeting = clerks[0].create_meeting("Phiên họp lưu song song", [], status="draft")
    item = clerks[0].add_item(meeting["id"], "Nội dung tranh chấp")

    def save(index: int) -> int:
        answer = _patch(clerks[index].api, item["id"], title=f"Bản {index}", revision=1)
        return answer.status_code

    with ThreadPoolExecutor(4) as pool:
        codes = sorted(pool.map(save, range(4)))
    assert codes == [200, 409, 409, 409], f"exactly one save may win: {codes}"


def test_a_classified_item_is_not_distributed_unless_policy_allows(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    strict = server_factory()
    clerk = Secretariat(strict.url)
    meeting = clerk.create_meeting("Phiên họp có nội dung mật", ["bt.taichinh"], status="draft")
    secret = clerk.api.post_json(
        f"/api/v1/meetings/{meeting['id']}/agenda-items",
        {"title": "Phương án quốc phòng", "classification": "toi-mat"},
    )
    assert secret["classification"] == "toi-mat"
    pdf = make_pdf(tmp_path / "mat.pdf", pages=1, text="Tối mật")
    upload = clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/documents",
        params={"filename": "mat.pdf", "agenda_item_id": secret["id"]}, data=pdf.read_bytes(),
        headers={"Content-Type": "application/pdf"},
    )  # fmt: skip
    assert _error(upload, 422)["code"] == "classified_item"
    publish = clerk.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
    body = _error(publish, 422)
    assert body["code"] == "classified_item" and "Tối mật" in body["message"], body
    patched = clerk.api.request(
        "PATCH", f"/api/v1/meetings/{meeting['id']}", json={"status": "published"}
    )
    assert _error(patched, 422)["code"] == "classified_item", "PATCH is no way around it"
    member = Clerk(strict.url, "bt.taichinh")
    assert all(m["id"] != meeting["id"] for m in member.api.get_json("/api/v1/meetings"))
    # Declassified: it goes out; marking an item of a published meeting is refused.
    assert _patch(clerk.api, secret["id"], classification="").status_code == 200
    published = clerk.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    remark = _patch(clerk.api, secret["id"], classification="mat")
    assert _error(remark, 422)["code"] == "classified_published"
    bogus = _patch(clerk.api, secret["id"], classification="secret")
    assert _error(bogus, 422)["code"], "an unknown marking is refused"

    lenient = server_factory("--allow-classified-distribution", name="lenient")
    clerk = Secretariat(lenient.url)
    meeting = clerk.create_meeting("Phiên họp được phép", ["bt.taichinh"], status="draft")
    secret = clerk.api.post_json(
        f"/api/v1/meetings/{meeting['id']}/agenda-items",
        {"title": "Nội dung mật", "classification": "mat"},
    )
    assert clerk.upload(meeting["id"], pdf, item_id=secret["id"])["document"]["id"]
    published = clerk.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
    assert published.status_code == 200, published.text


def test_a_ballot_deadline_in_the_past_is_refused(server: ServerProcess) -> None:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp hạn đã qua", ["bt.taichinh"])
    answer = clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/ballots",
        json={"question": "Đồng ý?", "deadline": in_hours(-1), "open": True},
    )  # fmt: skip
    assert _error(answer, 422)["code"] == "deadline_past"


def test_members_cannot_use_the_secretariat_routes(server: ServerProcess) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thử quyền", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Nội dung")
    member = Clerk(server.url, "bt.taichinh")
    assert _patch(member.api, item["id"], title="x", revision=1).status_code in (403, 404)
    publish = member.api.request("POST", f"/api/v1/meetings/{meeting['id']}/publish")
    assert publish.status_code in (403, 404)
