"""The pack of a synced meeting, from the laptop's store and its sealed papers.

Papers are decrypted in memory (``open_paper``: every chunk authenticated) and handed
to the assembler as bytes: nothing of them reaches the disk in clear but the pack. A
paper not cached, or one that fails authentication, stops the build with a message
naming it, and no output file appears.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ecabinet.errors import IntegrityError
from ecabinet.pack.assemble import PackReport, assemble_pack
from ecabinet.pack.protocol_order import in_protocol_order
from ecabinet.pack.spec import PackDocument, PackError, PackItem, PackMeeting
from ecabinet.pack.watermark import watermark
from ecabinet.timeutil import VIETNAM_TZ, parse_iso, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.crypto.sealed_files import SealedReader
    from ecabinet.store.db import LocalStore
    from ecabinet.store.models import LocalMeeting


KIND_LABELS = {"regular": "Phiên họp thường kỳ", "thematic": "Phiên họp chuyên đề"}
OTHER_PAPERS = "Tài liệu khác"
# The state-secret levels, lowest first (Law on Protection of State Secrets 2018).
SECRET_LEVELS = ("Mật", "Tối mật", "Tuyệt mật")


class PaperSource(Protocol):
    """What the build needs of a workspace: its store and its sealed papers."""

    store: LocalStore

    def open_paper(self, sha256: str) -> SealedReader | None: ...


@dataclass(frozen=True)
class _Paper:
    title: str
    number: str
    sha256: str


def _participants(session: Session, meeting: LocalMeeting) -> tuple[str, ...]:
    from sqlalchemy import select

    from ecabinet.store.models import LocalUser

    ids = [str(i) for i in json.loads(meeting.participants_json or "[]")]
    users = {u.id: u for u in session.scalars(select(LocalUser).where(LocalUser.id.in_(ids)))}
    people = [(users[i].full_name, users[i].title) for i in ids if i in users]
    return tuple(f"{name}, {title}" if title else name for name, title in in_protocol_order(people))


def guest_lines(guests_json: str) -> tuple[str, ...]:
    """The invited guests as printed: "Name, position" (or the name alone), in order."""
    from ecabinet.store.queries import guest_rows

    return tuple(
        f"{g.name}, {g.position}" if g.position else g.name for g in guest_rows(guests_json)
    )


def _highest(levels: list[str]) -> str:
    known = [level for level in levels if level in SECRET_LEVELS]
    return max(known, key=SECRET_LEVELS.index) if known else ""


def _read_meeting(
    session: Session, meeting_id: str
) -> tuple[PackMeeting, list[tuple[PackItem, list[_Paper]]]]:
    from sqlalchemy import select

    from ecabinet.store.models import (
        LocalAgendaItem,
        LocalDocument,
        LocalDocumentVersion,
        LocalMeeting,
    )

    meeting = session.get(LocalMeeting, meeting_id)
    if meeting is None:
        raise PackError(
            "Không có phiên họp này trên máy (chưa đồng bộ hoặc không được mời).",
            code="no_meeting",
            message_en=f"Meeting {meeting_id} is not in this profile.",
        )
    agenda = session.scalars(
        select(LocalAgendaItem)
        .where(LocalAgendaItem.meeting_id == meeting_id)
        .order_by(LocalAgendaItem.position, LocalAgendaItem.id)
    ).all()
    rows = session.execute(
        select(LocalDocument, LocalDocumentVersion)
        .join(LocalDocumentVersion, LocalDocumentVersion.id == LocalDocument.current_version_id)
        .where(LocalDocument.meeting_id == meeting_id)
        .order_by(LocalDocument.position, LocalDocument.title, LocalDocument.id)
    ).all()
    papers: dict[str | None, list[_Paper]] = {}
    for doc, version in rows:
        papers.setdefault(doc.agenda_item_id, []).append(
            _Paper(doc.title, doc.number, version.sha256)
        )
    items: list[tuple[PackItem, list[_Paper]]] = []
    for number, row in enumerate(agenda, 1):
        marking = str(getattr(row, "classification", "") or "")
        item = PackItem(number, row.title, row.presenter, marking)
        items.append((item, papers.pop(row.id, [])))
    leftover = [paper for group in papers.values() for paper in group]
    if leftover:  # papers of the meeting not tied to an item (or to one not synced)
        items.append((PackItem(len(items) + 1, OTHER_PAPERS), leftover))
    pack = PackMeeting(
        title=meeting.title,
        kind=KIND_LABELS.get(meeting.kind, meeting.kind),
        starts_at=parse_iso(meeting.starts_at).astimezone(VIETNAM_TZ),
        location=meeting.location,
        participants=_participants(session, meeting),
        guests=guest_lines(meeting.guests_json),
        classification=_highest([item.classification for item, _ in items]),
    )
    return pack, items


def _decrypt(source: PaperSource, paper: _Paper) -> bytes:
    try:
        reader = source.open_paper(paper.sha256)
        if reader is None:
            raise PackError(
                f"Tài liệu “{paper.title}” chưa có trên máy hoặc bị hỏng; chưa lập bộ tài liệu. "
                "Hãy đồng bộ rồi thử lại.",
                code="pack_paper_missing",
                message_en=f"The paper {paper.title!r} ({paper.sha256}) is not cached or damaged.",
            )
        with reader:
            return reader.read_all()
    except IntegrityError as exc:
        raise PackError(
            f"Tài liệu “{paper.title}” trên máy bị hỏng; chưa lập bộ tài liệu. "
            "Lần đồng bộ sau sẽ tải lại tài liệu, rồi hãy thử lại.",
            code="pack_paper_damaged",
            message_en=f"The cached paper {paper.title!r} ({paper.sha256}) failed its check.",
        ) from exc


def _member_name(session: Session, username: str) -> str:
    from sqlalchemy import select

    from ecabinet.store.models import LocalUser

    user = session.scalars(select(LocalUser).where(LocalUser.username == username)).first()
    if user is None:
        raise PackError(
            f"Không có thành viên “{username}” trong hồ sơ này.",
            code="no_member",
            message_en=f"No user {username!r} in this profile.",
        )
    return user.full_name or user.username


def build_pack(
    source: PaperSource, meeting_id: str, output: Path, watermark_for: str | None = None
) -> PackReport:
    """Build the pack of a synced meeting into ``output``; with ``watermark_for`` (a
    username) every page carries that member's name and the time of the build."""
    with source.store.read() as session:
        meeting, items = _read_meeting(session, meeting_id)
        member = _member_name(session, watermark_for) if watermark_for else None
    filled = tuple(
        replace(item, documents=tuple(
            PackDocument(p.title, _decrypt(source, p), p.number) for p in papers
        ))
        for item, papers in items
    )  # fmt: skip
    meeting = replace(meeting, items=filled)
    output = output.resolve()
    if member is None:
        return assemble_pack(meeting, output)
    plain = output.with_name(f".{output.name}.unmarked")
    try:
        report = assemble_pack(meeting, plain)
        marked = watermark(plain, member, utcnow(), output)
    finally:
        with contextlib.suppress(OSError):
            plain.unlink()
    return replace(
        report, output=output, output_bytes=marked.output_bytes,
        seconds=report.seconds + marked.seconds,
    )  # fmt: skip
