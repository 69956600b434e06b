"""People at work, over real HTTP: the secretariat clerk prepares meetings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ecabinet.client.api import ApiClient, raise_for_answer
from ecabinet.domain import Role
from ecabinet.server.app import build_context
from ecabinet.server.models import User
from ecabinet.server.services import accounts
from ecabinet.server.settings import ServerSettings

PASSWORD = "mat-khau-thu-nghiem"


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    role: Role
    title: str = ""


STAFF = (
    Person("vpcp.clerk", "Nguyễn Thị Thu Hà", Role.SECRETARIAT, "Chuyên viên VPCP"),
    Person("bt.taichinh", "Lê Minh Khoa", Role.MEMBER, "Bộ trưởng Bộ Tài chính"),
    Person("bt.tuphap", "Phạm Quốc Bảo", Role.MEMBER, "Bộ trưởng Bộ Tư pháp"),
    Person("bt.ytte", "Đỗ Thị Lan", Role.MEMBER, "Bộ trưởng Bộ Y tế"),
    Person("quantri", "Trần Văn Quản", Role.ADMIN, "Quản trị hệ thống"),
)


def seed_people(
    data_dir: Path, database_url: str | None, people: tuple[Person, ...] = STAFF
) -> dict[str, str]:
    """Create the organisation and accounts directly through the service layer."""
    ctx = build_context(ServerSettings(data_dir=data_dir, database_url=database_url))
    ids: dict[str, str] = {}
    with ctx.writer() as session:
        org = accounts.ensure_organisation(session, code="CP", name="Chính phủ")
        for p in people:
            existing = session.scalars(select(User).where(User.username == p.username)).first()
            user = existing or accounts.create_user(
                session, org=org, username=p.username, full_name=p.full_name,
                role=p.role, password=PASSWORD, title=p.title,
            )  # fmt: skip
            ids[p.username] = user.id
        session.commit()
    ctx.engine.dispose()
    return ids


class Clerk:
    """The secretariat, using the real client against the real server."""

    def __init__(self, url: str, username: str = "vpcp.clerk", password: str = PASSWORD) -> None:
        self.api = ApiClient(url)
        self.api.login(username, password)
        self.users = {u["username"]: u["id"] for u in self.api.get_json("/api/v1/users")}

    def create_meeting(
        self, title: str, participants: list[str], *, status: str = "published",
        starts_at: str = "2026-12-01T08:30:00+07:00",
    ) -> dict[str, Any]:  # fmt: skip
        body = {
            "title": title,
            "starts_at": starts_at,
            "location": "Phòng họp Chính phủ",
            "participant_ids": [self.users[u] for u in participants],
            "status": status,
        }
        result: dict[str, Any] = self.api.post_json("/api/v1/meetings", body)
        return result

    def add_item(
        self, meeting_id: str, title: str, presenter: str = "Bộ Tài chính"
    ) -> dict[str, Any]:
        result: dict[str, Any] = self.api.post_json(
            f"/api/v1/meetings/{meeting_id}/agenda-items", {"title": title, "presenter": presenter}
        )
        return result

    def upload(
        self, meeting_id: str, path: Path, *, title: str = "", item_id: str | None = None,
        number: str = "",
    ) -> dict[str, Any]:  # fmt: skip
        params = {"filename": path.name, "title": title, "number": number}
        if item_id:
            params["agenda_item_id"] = item_id
        with path.open("rb") as body:
            response = self.api.request(
                "POST", f"/api/v1/meetings/{meeting_id}/documents", params=params, data=body,
                headers={"Content-Type": "application/pdf"},
            )  # fmt: skip
        raise_for_answer(response)
        result: dict[str, Any] = response.json()
        return result

    def upload_version(
        self, document_id: str, path: Path, change_note: str = "Cập nhật theo ý kiến các bộ"
    ) -> dict[str, Any]:
        # A change note: once a member has read a paper, a new version needs one.
        with path.open("rb") as body:
            response = self.api.request(
                "POST", f"/api/v1/documents/{document_id}/versions",
                params={"filename": path.name, "change_note": change_note}, data=body,
            )  # fmt: skip
        raise_for_answer(response)
        result: dict[str, Any] = response.json()
        return result

    def patch_meeting(self, meeting_id: str, **fields: Any) -> dict[str, Any]:
        response = self.api.request("PATCH", f"/api/v1/meetings/{meeting_id}", json=fields)
        raise_for_answer(response)
        result: dict[str, Any] = response.json()
        return result

    def set_participants(self, meeting_id: str, usernames: list[str]) -> None:
        response = self.api.request(
            "PUT", f"/api/v1/meetings/{meeting_id}/participants",
            json={"user_ids": [self.users[u] for u in usernames]},
        )  # fmt: skip
        raise_for_answer(response)

    def delete_document(self, document_id: str) -> None:
        raise_for_answer(self.api.request("DELETE", f"/api/v1/documents/{document_id}"))


def in_hours(hours: float) -> str:
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


class Secretariat(Clerk):
    """The clerk, also running written-opinion ballots."""

    def create_ballot(
        self, meeting_id: str, question: str, *, document_ids: list[str] = (),  # type: ignore[assignment]
        deadline: str | None = None, open_now: bool = True, **extra: Any,
    ) -> dict[str, Any]:  # fmt: skip
        body = {
            "question": question,
            "deadline": deadline or in_hours(24),
            "document_ids": list(document_ids),
            "open": open_now,
            **extra,
        }
        result: dict[str, Any] = self.api.post_json(f"/api/v1/meetings/{meeting_id}/ballots", body)
        return result

    def close_ballot(self, ballot_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.api.post_json(f"/api/v1/ballots/{ballot_id}/close", {})
        return result

    def progress(self, ballot_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.api.get_json(f"/api/v1/ballots/{ballot_id}/progress")
        return result

    def bundle(self, ballot_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.api.get_json(f"/api/v1/ballots/{ballot_id}/bundle")
        return result
