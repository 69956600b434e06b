"""The secretariat's preparation calls (ecabinet/client/preparation.py) on the real server."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from support.actors import PASSWORD
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client import preparation as prep
from ecabinet.client.api import ApiClient
from ecabinet.errors import InputError, ServerError
from ecabinet.timeutil import utcnow


def _login(server: ServerProcess, username: str) -> ApiClient:
    api = ApiClient(server.url)
    api.login(username, PASSWORD)
    return api


def _meeting(api: ApiClient, title: str = "Phiên họp Chính phủ thường kỳ tháng 12") -> dict:
    members = prep.members_in_protocol_order(api)
    draft = prep.MeetingDraft(
        title=title,
        starts_at=utcnow() + timedelta(days=5),
        location="Phòng họp Chính phủ",
        participant_ids=tuple(p.id for p in members),
    )
    return prep.create_meeting(api, draft)


def test_members_come_in_protocol_order_and_staff_is_left_out(server: ServerProcess) -> None:
    api = _login(server, "vpcp.clerk")
    members = prep.members_in_protocol_order(api)
    # Tư pháp, then Tài chính, then Y tế: the Government's order, not the alphabet.
    assert [p.username for p in members] == ["bt.tuphap", "bt.taichinh", "bt.ytte"]


def test_prepare_reorder_attach_ballot_publish_and_a_member_sees_it(
    server: ServerProcess, tmp_path: Path
) -> None:
    api = _login(server, "vpcp.clerk")
    meeting = _meeting(api)
    assert meeting["status"] == "draft"
    minister = _login(server, "bt.taichinh")
    seen = [m["id"] for m in minister.get_json("/api/v1/meetings")]
    assert meeting["id"] not in seen, "a draft meeting must stay with the secretariat"

    first = prep.add_item(
        api,
        meeting["id"],
        prep.ItemDraft("Dự án Luật Đất đai (sửa đổi)", "Bộ Nông nghiệp và Môi trường"),
    )
    second = prep.add_item(
        api, meeting["id"], prep.ItemDraft("Dự thảo Nghị định về thuế", "Bộ Tài chính")
    )
    prep.reorder_items(api, meeting["id"], [second["id"], first["id"]])
    paper = prep.upload_pdf(
        api, meeting["id"], make_pdf(tmp_path / "to-trinh.pdf", 2, "Tờ trình"),
        item_id=second["id"], title="Tờ trình 125/TTr-BTC",
    )  # fmt: skip
    ballot = prep.issue_ballot(
        api, meeting["id"],
        prep.BallotDraft("Đồng ý thông qua dự thảo?", utcnow() + timedelta(days=2),
                         document_ids=(paper["document"]["id"],), agenda_item_id=second["id"]),
    )  # fmt: skip
    assert ballot["status"] == "open"
    assert prep.publish_meeting(api, meeting["id"])["status"] == "published"

    contents = prep.meeting_contents(minister, meeting["id"])
    assert [i["title"] for i in contents.items] == [
        "Dự thảo Nghị định về thuế", "Dự án Luật Đất đai (sửa đổi)",
    ]  # fmt: skip
    assert [d["title"] for d in contents.documents_of(second["id"])] == ["Tờ trình 125/TTr-BTC"]
    assert [b["id"] for b in prep.list_ballots(minister, meeting["id"])] == [ballot["id"]]

    prep.cancel_meeting(api, meeting["id"])
    assert prep.meeting_contents(minister, meeting["id"]).meeting["status"] == "cancelled"


@pytest.mark.parametrize(
    "content", [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"],
    ids=["empty", "text", "truncated"],
)  # fmt: skip
def test_a_corrupt_or_non_pdf_file_is_refused_before_anything_is_sent(
    server: ServerProcess, tmp_path: Path, content: bytes
) -> None:
    api = _login(server, "vpcp.clerk")
    meeting = _meeting(api, "Phiên họp chuyên đề về pháp luật")
    item = prep.add_item(api, meeting["id"], prep.ItemDraft("Dự án Luật Thuế"))
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(content)
    trips = api.round_trips
    with pytest.raises(InputError) as refused:
        prep.upload_pdf(api, meeting["id"], bad, item_id=item["id"])
    assert (
        "hong.pdf" in refused.value.message and "Chưa có gì được tải lên" in refused.value.message
    )
    assert api.round_trips == trips, "a file refused locally must not reach the server"
    assert prep.meeting_contents(api, meeting["id"]).documents == []


def test_classified_items_past_deadlines_and_empty_titles_are_refused(
    server: ServerProcess, tmp_path: Path
) -> None:
    api = _login(server, "vpcp.clerk")
    meeting = _meeting(api, "Phiên họp kiểm tra")
    secret = prep.add_item(api, meeting["id"], prep.ItemDraft("Đề án quốc phòng", "", "toi-mat"))
    assert secret["classification"] == "toi-mat"
    with pytest.raises(ServerError) as refused:
        prep.publish_meeting(api, meeting["id"])
    assert refused.value.status == 422 and "Tối mật" in refused.value.message
    assert prep.meeting_contents(api, meeting["id"]).meeting["status"] == "draft"
    with pytest.raises(InputError, match="Độ mật"):
        prep.add_item(api, meeting["id"], prep.ItemDraft("Nội dung", "", "bí mật"))
    with pytest.raises(InputError, match="Hạn gửi phiếu đã qua"):
        prep.issue_ballot(
            api, meeting["id"], prep.BallotDraft("Câu hỏi?", utcnow() - timedelta(minutes=1))
        )
    with pytest.raises(InputError, match="Hãy nhập"):
        prep.add_item(api, meeting["id"], prep.ItemDraft("   "))
    assert [i["id"] for i in prep.meeting_contents(api, meeting["id"]).items] == [secret["id"]]
    assert prep.list_ballots(api, meeting["id"]) == []


def test_a_second_clerk_saving_a_stale_item_is_told(server: ServerProcess) -> None:
    first, second = _login(server, "vpcp.clerk"), _login(server, "vpcp.clerk")
    meeting = _meeting(first, "Phiên họp hai chuyên viên")
    item = prep.add_item(first, meeting["id"], prep.ItemDraft("Dự thảo Nghị định"))
    prep.edit_item(first, item["id"], prep.ItemDraft("Dự thảo Nghị định (sửa)"), item["revision"])
    with pytest.raises(ServerError) as conflict:
        prep.edit_item(
            second, item["id"], prep.ItemDraft("Bản của người thứ hai"), item["revision"]
        )
    assert conflict.value.status == 409
    titles = [i["title"] for i in prep.meeting_contents(first, meeting["id"]).items]
    assert titles == ["Dự thảo Nghị định (sửa)"], "the later save must not overwrite silently"


def test_a_new_version_and_a_member_cannot_prepare(server: ServerProcess, tmp_path: Path) -> None:
    api = _login(server, "vpcp.clerk")
    meeting = _meeting(api, "Phiên họp có bản sửa")
    paper = prep.upload_pdf(api, meeting["id"], make_pdf(tmp_path / "a.pdf", 1, "Bản 1"))
    again = prep.upload_version(
        api, paper["document"]["id"], make_pdf(tmp_path / "b.pdf", 2, "Bản 2"), "Sửa Điều 3"
    )
    assert again["version"]["version_no"] == 2
    minister = _login(server, "bt.taichinh")
    with pytest.raises(ServerError) as refused:
        _meeting(minister, "Không được phép")
    assert refused.value.status == 403
