"""The dashboard on the client: the secretariat's table as CSV, and the member's side
(the furthest page reached in a paper, queued for the server). No Qt here."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ecabinet.domain import MutationType
from ecabinet.store import meta
from ecabinet.store.models import OutboxEntry
from ecabinet.timeutil import isoformat, utcnow

if TYPE_CHECKING:  # the HTTP stack loads when the server is first needed
    from ecabinet.client.api import ApiClient

CSV_HEADER = [
    "Họ và tên", "Chức vụ", "Đã đồng bộ tài liệu", "Đồng bộ lần cuối", "Tài liệu đã đọc",
    "Tổng số tài liệu", "Phiếu đã trả lời", "Phiếu được lấy ý kiến", "Quá hạn",
]  # fmt: skip


def fetch(api: ApiClient, meeting_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = api.get_json(f"/api/v1/meetings/{meeting_id}/dashboard")
    return answer


def remind(api: ApiClient, meeting_id: str, user_ids: list[str], text: str = "") -> list[str]:
    body = {"user_ids": user_ids, "text": text}
    answer = api.post_json(f"/api/v1/meetings/{meeting_id}/reminders", body)
    return list(answer["reminded"])


def to_csv(dashboard: dict[str, Any]) -> str:
    """One row per participant, then one column per paper (furthest page / pages).
    UTF-8 with a BOM when written, so spreadsheet programs read the Vietnamese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    documents = dashboard["documents"]
    writer.writerow(CSV_HEADER + [d["title"] for d in documents])
    for row in dashboard["participants"]:
        answered = sum(1 for b in row["ballots"] if b["answered"])
        cells = [
            row["full_name"], row["title"], "có" if row["pack_synced"] else "chưa",
            row["last_sync_at"] or "", row["papers_read"], len(documents), answered,
            len(row["ballots"]), "quá hạn" if row["overdue"] else "",
        ]  # fmt: skip
        for paper in row["papers"]:
            if not paper["opened"]:
                cells.append("chưa mở")
            elif paper["max_page"] is None:
                cells.append("đã mở")
            else:
                cells.append(f"{paper['max_page'] + 1}/{paper['pages'] or '?'}")
        writer.writerow(cells)
    return out.getvalue()


def queue_progress(session: Session, document_id: str, page: int) -> None:
    """Queue the furthest page (0-based) reached; the server keeps the maximum."""
    payload = {"document_id": document_id, "page": max(0, page)}
    session.add(
        OutboxEntry(
            mutation_id=meta.next_mutation_id(session),
            type=MutationType.READING_PROGRESS.value,
            payload_json=json.dumps(payload),
            created_at=isoformat(utcnow()) or "",
        )
    )
