"""The dashboard on the client: the secretariat's table as CSV, and the member's side
(the furthest page reached in a paper, queued for the server). No Qt here."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.collation import protocol_key
from ecabinet.domain import MutationType
from ecabinet.fsutil import atomic_write_bytes
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    # the HTTP stack loads when the server is first needed
    from ecabinet.client.api import ApiClient


CSV_HEADER = [
    "Họ và tên", "Chức vụ", "Đã đồng bộ tài liệu", "Đồng bộ lần cuối", "Tài liệu đã đọc",
    "Tổng số tài liệu", "Phiếu đã trả lời", "Phiếu được lấy ý kiến", "Quá hạn",
]  # fmt: skip

# Why a row is overdue (the server's ``overdue_reasons``), as the printed table says it.
OVERDUE_VI = {
    "ballot": "chưa trả lời phiếu lấy ý kiến sắp hết hạn",
    "papers": "chưa đọc tài liệu, phiên họp sắp diễn ra",
}


def fetch(api: ApiClient, meeting_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = api.get_json(f"/api/v1/meetings/{meeting_id}/dashboard")
    return answer


def remind(api: ApiClient, meeting_id: str, user_ids: list[str], text: str = "") -> list[str]:
    body = {"user_ids": user_ids, "text": text}
    answer = api.post_json(f"/api/v1/meetings/{meeting_id}/reminders", body)
    return list(answer["reminded"])


def in_protocol_order(dashboard: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The participants' rows, Prime Minister first (the server sends them by name)."""
    rows: list[dict[str, Any]] = dashboard["participants"]
    return sorted(rows, key=lambda r: protocol_key(r["title"] or "", r["full_name"]))


def paper_cell(paper: Mapping[str, Any]) -> str:
    """How far a member read one paper: "4/5" (furthest page / pages), or whether opened."""
    if not paper["opened"]:
        return "chưa mở"
    if paper["max_page"] is None:
        return "đã mở" if paper["read_current"] else "đã mở bản cũ"
    return f"{paper['max_page'] + 1}/{paper['pages'] or '?'}"


def ballot_cell(answer: Mapping[str, Any] | None) -> str:
    """Whether a member answered a ballot, never how; "" when not asked."""
    if answer is None:
        return ""
    if not answer["answered"]:
        return "chưa trả lời"
    return "đã trả lời" if answer["on_current_draft"] else "đã trả lời (dự thảo cũ)"


def overdue_text(row: Mapping[str, Any]) -> str:
    if not row["overdue"]:
        return ""
    reasons = [OVERDUE_VI.get(r, r) for r in row["overdue_reasons"]]
    return "quá hạn: " + "; ".join(reasons)


def to_csv(dashboard: dict[str, Any]) -> str:
    """One row per participant in protocol order, then one column per paper (furthest
    page / pages). UTF-8 with a BOM when written, so spreadsheet programs read the
    Vietnamese right (``write_csv``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    documents = dashboard["documents"]
    writer.writerow(CSV_HEADER + [d["title"] for d in documents])
    for row in in_protocol_order(dashboard):
        answered = sum(1 for b in row["ballots"] if b["answered"])
        cells = [
            row["full_name"], row["title"], "có" if row["pack_synced"] else "chưa",
            row["last_sync_at"] or "", row["papers_read"], len(documents), answered,
            len(row["ballots"]), overdue_text(row),
        ]  # fmt: skip
        cells.extend(paper_cell(paper) for paper in row["papers"])
        writer.writerow(cells)
    return out.getvalue()


def write_csv(dashboard: dict[str, Any], target: Path) -> None:
    atomic_write_bytes(target, to_csv(dashboard).encode("utf-8-sig"))


def queue_progress(session: Session, document_id: str, page: int) -> None:
    """Queue the furthest page (0-based) reached; the server keeps the maximum."""
    from ecabinet.store.models import OutboxEntry

    payload = {"document_id": document_id, "page": max(0, page)}
    session.add(
        OutboxEntry(
            mutation_id=meta.next_mutation_id(session),
            type=MutationType.READING_PROGRESS.value,
            payload_json=json.dumps(payload),
            created_at=isoformat(utcnow()) or "",
        )
    )
