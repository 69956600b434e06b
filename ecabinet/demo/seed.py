"""Seed a demo server: accounts directly, then meetings and papers over real HTTP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ecabinet.client.api import ApiClient, raise_for_answer
from ecabinet.demo.sample_content import PRIME_MINISTER, SampleDataset, all_documents
from ecabinet.demo.seed_ballots import seed_ballots
from ecabinet.domain import Role
from ecabinet.pdf.official import render_official_document
from ecabinet.server.app import build_context
from ecabinet.server.models import User
from ecabinet.server.services import accounts
from ecabinet.server.settings import ServerSettings

Say = Callable[[str], None]


def create_accounts(settings: ServerSettings, dataset: SampleDataset) -> None:
    ctx = build_context(settings)
    try:
        with ctx.writer() as session:
            org = accounts.ensure_organisation(
                session, code=dataset.org_code, name=dataset.org_name
            )
            for person in dataset.users:
                if session.scalars(select(User.id).where(User.username == person.username)).first():
                    continue
                accounts.create_user(
                    session,
                    org=org,
                    username=person.username,
                    full_name=person.full_name,
                    title=person.title,
                    role=Role(person.role),
                    password=person.password,
                )
            chair = session.scalars(select(User).where(User.username == PRIME_MINISTER)).first()
            org.chair_user_id = chair.id if chair else None  # breaks a tied tally
            session.commit()
    finally:
        ctx.engine.dispose()


def render_papers(dataset: SampleDataset, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for document in all_documents(dataset):
        path = folder / document.filename
        if not path.exists():
            render_official_document(document.spec, path)
        paths[document.filename] = path
    return paths


def publish_meetings(url: str, dataset: SampleDataset, papers: dict[str, Path], say: Say) -> None:
    """As the secretariat clerk: create each meeting, its agenda, upload its papers, publish."""
    clerk = next(u for u in dataset.users if u.role == "secretariat")
    api = ApiClient(url)
    api.login(clerk.username, clerk.password, "ecabinet demo")
    ids = {u["username"]: u["id"] for u in api.get_json("/api/v1/users")}
    agenda: dict[str, dict[str, Any]] = {}
    for meeting in dataset.meetings:
        created = api.post_json(
            "/api/v1/meetings",
            {
                "title": meeting.title,
                "kind": meeting.kind,
                "starts_at": meeting.starts_at.isoformat(),
                "location": meeting.location,
                "participant_ids": [ids[name] for name in meeting.participants],
                "status": "draft",
            },
        )
        for item in meeting.agenda:
            agenda_item = api.post_json(
                f"/api/v1/meetings/{created['id']}/agenda-items",
                {"title": item.title, "presenter": item.presenter},
            )
            entry = {"id": agenda_item["id"], "meeting_id": created["id"], "documents": []}
            agenda.setdefault(item.title, entry)
            for document in item.documents:
                with papers[document.filename].open("rb") as body:
                    response = api.request(
                        "POST",
                        f"/api/v1/meetings/{created['id']}/documents",
                        params={
                            "filename": document.filename,
                            "title": document.title,
                            "number": document.number,
                            "agenda_item_id": agenda_item["id"],
                        },
                        data=body,
                        headers={"Content-Type": "application/pdf"},
                    )
                raise_for_answer(response)
                entry["documents"].append(response.json()["document"]["id"])
        published = api.request(
            "PATCH", f"/api/v1/meetings/{created['id']}", json={"status": "published"}
        )
        raise_for_answer(published)
        say(
            f"  {meeting.title}: {len(meeting.agenda)} nội dung, "
            f"{sum(len(i.documents) for i in meeting.agenda)} tài liệu"
        )
    count = seed_ballots(url, api, agenda)
    say(f"  {count} phiếu lấy ý kiến thành viên Chính phủ (một số Bộ trưởng đã ký gửi ý kiến)")
