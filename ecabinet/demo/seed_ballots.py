"""Demo ballots: two open, one finished, with some ministers' signed answers already in.

The answering ministers sign on "their" devices here, exactly as the app does:
a key registered for each, the ballot's signed definition checked against the
server's key, canonical envelopes bound to it, pushed through the outbox API.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ecabinet.client.api import ApiClient
from ecabinet.crypto.device_proof import device_offer
from ecabinet.crypto.envelopes import Signed, opinion_envelope, sign
from ecabinet.crypto.keys import SigningKey, VerifyingKey
from ecabinet.demo.sample_content import DEMO_PASSWORD
from ecabinet.timeutil import VIETNAM_TZ, isoformat, utcnow


@dataclass(frozen=True)
class Answer:
    username: str
    choice: str
    comment: str = ""


BUDGET_QUESTION = (
    "Đề nghị thành viên Chính phủ cho ý kiến về việc thông qua Tờ trình của Bộ Tài chính "
    "về dự toán ngân sách nhà nước năm 2027 và phương án phân bổ ngân sách trung ương năm 2027 "
    "để Chính phủ trình Quốc hội."
)
LAW_QUESTION = (
    "Đề nghị thành viên Chính phủ cho ý kiến về dự án Luật sửa đổi, bổ sung một số điều của "
    "Luật Cán bộ, công chức trước khi Chính phủ trình Quốc hội."
)
DIGITAL_QUESTION = (
    "Đề nghị thành viên Chính phủ cho ý kiến về việc ban hành Nghị định quy định về chuyển đổi "
    "số trong cung cấp dịch vụ công trực tuyến."
)
EARLY_ANSWERS = (
    Answer("thutuong", "agree"),
    Answer("ptt.kinhte", "agree"),
    Answer(
        "bt.tuphap",
        "other",
        "Đề nghị Bộ Tài chính bổ sung đánh giá khả năng cân đối ngân sách địa phương "
        "khi tăng chi đầu tư phát triển.",
    ),
    Answer("bt.noivu", "agree"),
)
FINISHED_ANSWERS = (
    Answer("thutuong", "agree"),
    Answer("ptt.kinhte", "agree"),
    Answer("ptt.xahoi", "agree"),
    Answer("bt.taichinh", "agree"),
    Answer("bt.tuphap", "agree"),
    Answer(
        "bt.congthuong", "disagree", "Chưa đồng ý: cần quy định rõ lộ trình cắt giảm hồ sơ giấy."
    ),
    Answer("bt.noivu", "agree"),
    Answer("bt.giaoduc", "other", "Đề nghị bổ sung quy định bảo vệ dữ liệu cá nhân của học sinh."),
)


def _at_five_pm(days: int) -> datetime:
    day = (utcnow().astimezone(VIETNAM_TZ) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, 17, 0, tzinfo=VIETNAM_TZ)


def _answer(url: str, ballot: dict[str, Any], answer: Answer) -> None:
    api = ApiClient(url)
    key = SigningKey.generate()
    offer = device_offer(key, username=answer.username, label="demo")
    user = api.login(answer.username, DEMO_PASSWORD, "ecabinet demo", device=offer)
    server_key = VerifyingKey.from_b64(api.server_info()["server_key"]["public_key"])
    definition = Signed(ballot["definition"]["text"], ballot["definition"]["signature"])
    if not definition.verify(server_key):
        raise RuntimeError("demo ballot definition does not verify with the server's key")
    papers = []
    for document_id in ballot["documents"]:
        versions = api.get_json(f"/api/v1/documents/{document_id}")["versions"]
        current = versions[-1]
        papers.append(
            {"document_id": document_id, "version_id": current["id"], "sha256": current["sha256"]}
        )
    client_id = str(uuid.uuid4())
    signed = sign(
        opinion_envelope(
            ballot_id=ballot["id"],
            definition_hash=definition.id,
            choice=answer.choice,
            comment=answer.comment,
            documents=papers,
            user_id=user.id,
            device_key_id=key.key_id,
            client_id=client_id,
            mutation_id=1,
            signed_at=isoformat(utcnow()) or "",
            supersedes=None,
        ),
        key,
    )
    result = api.push(
        client_id,
        [{"mutation_id": 1, "type": "submit_opinion",
          "payload": {"envelope": signed.text, "signature": signed.signature}}],
    )  # fmt: skip
    if result[0]["status"] != "applied":
        raise RuntimeError(f"demo answer refused: {result[0]}")


def seed_ballots(url: str, clerk: ApiClient, agenda: dict[str, dict[str, Any]]) -> int:
    """Create the demo ballots.

    ``agenda`` maps each agenda item's title to its id, meeting id and document ids.
    """

    def item(prefix: str) -> dict[str, Any]:
        return next(v for k, v in agenda.items() if k.startswith(prefix))

    def ballot(prefix: str, question: str, days: int) -> dict[str, Any]:
        target = item(prefix)
        created: dict[str, Any] = clerk.post_json(
            f"/api/v1/meetings/{target['meeting_id']}/ballots",
            {
                "question": question,
                "deadline": _at_five_pm(days).isoformat(),
                "agenda_item_id": target["id"],
                "document_ids": target["documents"],
                "comment_required": ["other", "disagree"],
                "open": True,
            },
        )
        return created

    budget = ballot("Dự toán ngân sách", BUDGET_QUESTION, 2)
    ballot("Dự án Luật sửa đổi", LAW_QUESTION, 8)
    digital = ballot("Dự thảo Nghị định quy định về chuyển đổi số", DIGITAL_QUESTION, 1)
    for answer in EARLY_ANSWERS:
        _answer(url, budget, answer)
    for answer in FINISHED_ANSWERS:
        _answer(url, digital, answer)
    clerk.post_json(f"/api/v1/ballots/{digital['id']}/close", {})
    return 3
