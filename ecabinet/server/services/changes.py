"""The change log: written with every change, read by pull (docs/sync-protocol.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType
from ecabinet.server.errors import ApiError, bad_request
from ecabinet.server.models import (
    AgendaItem,
    Ballot,
    ChangeLogEntry,
    Device,
    Document,
    DocumentRead,
    DocumentVersion,
    Meeting,
    Opinion,
    ServerState,
    User,
)
from ecabinet.server.services import annotation_service, consent_feed, entities, notifications
from ecabinet.server.services.access import (
    meeting_audience,
    meeting_visibility,
    visible_meeting_ids,
)
from ecabinet.server.services.ballot_access import ballot_payload, ballot_visibility
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.server.services.opinion_payload import opinion_payload
from ecabinet.server.services.state import server_state

UPSERT = "upsert"
DELETE = "delete"
# Meetings sent per snapshot page at most: keeps a page's size bounded.
SNAPSHOT_MEETINGS_PER_PAGE = 25


def record_change(
    session: Session,
    *,
    org_id: str,
    entity_type: EntityType,
    entity_id: str,
    op: str = UPSERT,
    meeting_id: str | None = None,
    audience_user_id: str | None = None,
) -> None:
    lock_ordered_logs(session)
    session.add(
        ChangeLogEntry(
            org_id=org_id,
            meeting_id=meeting_id,
            audience_user_id=audience_user_id,
            entity_type=entity_type.value,
            entity_id=entity_id,
            op=op,
        )
    )


def record_access_change(session: Session, meeting: Meeting, before: set[str]) -> None:
    """Tell each user whose view of ``meeting`` changed (gained or lost it)."""
    session.flush()
    after = meeting_audience(session, meeting)
    for user_id in sorted(before ^ after):
        record_change(
            session,
            org_id=meeting.org_id,
            entity_type=EntityType.ACCESS,
            entity_id=meeting.id,
            meeting_id=meeting.id,
            audience_user_id=user_id,
        )


class CursorGone(ApiError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            410,
            "cursor_expired",
            "Máy chủ không còn nhận ra mốc đồng bộ này; cần đồng bộ lại từ đầu.",
            f"The server no longer knows this sync cursor ({reason}); resync from zero.",
        )


@dataclass
class PullPage:
    cursor: str
    has_more: bool
    changes: list[dict[str, Any]] = field(default_factory=list)


def max_seq(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(ChangeLogEntry.seq), 0))) or 0)


# c.<epoch>.<seq>: read the change log after seq. s.<epoch>.<seq>.<meeting id>: the
# next page of a snapshot taken at seq. Anything else was never issued by a server.
_LOG_CURSOR = re.compile(r"^c\.([0-9A-Za-z]{1,64})\.(\d{1,19})$")
_SNAPSHOT_CURSOR = re.compile(
    r"^s\.([0-9A-Za-z]{1,64})\.(\d{1,19})\."
    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


def cursor_seq(cursor: str) -> int:
    """The change-log position a cursor this server issued stands at."""
    return int(cursor.split(".")[2])


def bad_cursor() -> ApiError:
    return bad_request(
        "bad_cursor",
        "Mốc đồng bộ gửi lên không đúng định dạng (không phải do máy chủ cấp).",
        "The sync cursor is malformed: no server issues cursors like this one.",
    )


def pull(session: Session, *, user: User, cursor: str | None, limit: int) -> PullPage:
    state = server_state(session)
    top = max_seq(session)
    if not cursor:
        return _snapshot_page(session, user, state.epoch, base=top, after="", first=True)
    # Malformed (400) is told apart from well-formed but unknown here (410): only the
    # second is cured by a resync from zero.
    log, snapshot = _LOG_CURSOR.match(cursor), _SNAPSHOT_CURSOR.match(cursor)
    found = log or snapshot
    if found is None:
        raise bad_cursor()
    if found.group(1) != state.epoch:
        raise CursorGone("issued by another database")
    seq = int(found.group(2))
    if seq > top or seq < state.compacted_through:
        raise CursorGone("outside the retained change log")
    if snapshot is not None:
        after = snapshot.group(3)
        return _snapshot_page(session, user, state.epoch, base=seq, after=after, first=False)
    return _log_page(session, user, state.epoch, seq, top, limit)


def _snapshot_page(
    session: Session, user: User, epoch: str, *, base: int, after: str, first: bool
) -> PullPage:
    changes: list[dict[str, Any]] = []
    if first:
        for member in session.scalars(select(User).where(User.org_id == user.org_id)):
            changes.append(_upsert("user", entities.user_payload(member)))
        for device in session.scalars(select(Device).where(Device.user_id == user.id)):
            changes.append(_upsert("device", entities.device_payload(device)))
        changes.extend(_upsert("notification", n) for n in notifications.recent(session, user))
    meetings = session.scalars(
        select(Meeting)
        .where(meeting_visibility(user), Meeting.id > after)
        .order_by(Meeting.id)
        .limit(SNAPSHOT_MEETINGS_PER_PAGE + 1)
    ).all()
    more_meetings = len(meetings) > SNAPSHOT_MEETINGS_PER_PAGE
    meetings = meetings[:SNAPSHOT_MEETINGS_PER_PAGE]
    for meeting in meetings:
        changes.extend(_upsert(t, p) for t, p in _meeting_contents(session, meeting, user))
    if more_meetings:
        return PullPage(f"s.{epoch}.{base}.{meetings[-1].id}", True, changes)
    return PullPage(f"c.{epoch}.{base}", max_seq(session) > base, changes)


def _visible_rows(user: User) -> Any:
    return or_(
        ChangeLogEntry.audience_user_id == user.id,
        and_(ChangeLogEntry.audience_user_id.is_(None), ChangeLogEntry.meeting_id.is_(None)),
        and_(
            ChangeLogEntry.audience_user_id.is_(None),
            ChangeLogEntry.meeting_id.in_(visible_meeting_ids(user)),
        ),
    )


def _log_page(session: Session, user: User, epoch: str, seq: int, top: int, limit: int) -> PullPage:
    rows = session.scalars(
        select(ChangeLogEntry)
        .where(
            ChangeLogEntry.org_id == user.org_id,
            ChangeLogEntry.seq > seq,
            ChangeLogEntry.seq <= top,
            _visible_rows(user),
        )
        .order_by(ChangeLogEntry.seq)
        .limit(limit)
    ).all()
    full = len(rows) == limit
    new_seq = rows[-1].seq if full else top
    # The newest row per entity wins: the current state is read once.
    latest: dict[tuple[str, str], ChangeLogEntry] = {}
    for row in rows:
        key = (row.entity_type, row.entity_id)
        latest.pop(key, None)
        latest[key] = row
    changes = _resolve(session, user, latest.values())
    return PullPage(f"c.{epoch}.{new_seq}", full and new_seq < top, changes)


def _resolve(session: Session, user: User, rows: Iterable[ChangeLogEntry]) -> list[dict[str, Any]]:
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row.entity_type, []).append(row.entity_id)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def emit(change: dict[str, Any]) -> None:
        key = (change["type"], change["id"])
        if key not in seen:
            seen.add(key)
            out.append(change)

    for meeting_id in by_type.get(EntityType.ACCESS.value, []):
        meeting = session.scalars(
            select(Meeting).where(Meeting.id == meeting_id, meeting_visibility(user))
        ).first()
        if meeting is None:
            emit(_tombstone("meeting", meeting_id))
        else:
            for entity_type, payload in _meeting_contents(session, meeting, user):
                emit(_upsert(entity_type, payload))
    loaders = {
        EntityType.USER.value: _load_users,
        EntityType.MEETING.value: _load_meetings,
        EntityType.AGENDA_ITEM.value: _load_agenda_items,
        EntityType.DOCUMENT.value: _load_documents,
        EntityType.DOCUMENT_VERSION.value: _load_versions,
        EntityType.READ_MARK.value: _load_read_marks,
        EntityType.BALLOT.value: _load_ballots,
        EntityType.OPINION.value: _load_opinions,
        EntityType.DEVICE.value: _load_devices,
        EntityType.ANNOTATION.value: annotation_service.load,
        EntityType.NOTIFICATION.value: notifications.load,
        EntityType.CONSENT_MARK.value: consent_feed.load,
    }
    for entity_type, load in loaders.items():
        ids = by_type.get(entity_type, [])
        if not ids:
            continue
        found = load(session, user, ids)
        for entity_id in ids:
            current = found.get(entity_id)
            emit(_upsert(entity_type, current) if current else _tombstone(entity_type, entity_id))
    return out


def _meeting_contents(
    session: Session, meeting: Meeting, user: User
) -> list[tuple[str, dict[str, Any]]]:
    """A meeting's contents, then the annotations the user may read in it and the
    user's own consent-agenda marks."""
    contents = entities.meeting_contents(session, meeting, user)
    contents.extend(
        ("annotation", p) for p in annotation_service.meeting_annotations(session, meeting, user)
    )
    contents.extend(("consent_mark", p) for p in consent_feed.meeting_marks(session, meeting, user))
    return contents


def _upsert(entity_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"type": entity_type, "id": payload["id"], "op": UPSERT, "data": payload}


def _tombstone(entity_type: str, entity_id: str) -> dict[str, Any]:
    return {"type": entity_type, "id": entity_id, "op": DELETE}


Loaded = dict[str, dict[str, Any]]


def _load_users(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(select(User).where(User.id.in_(ids), User.org_id == user.org_id))
    return {u.id: entities.user_payload(u) for u in rows}


def _load_meetings(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(select(Meeting).where(Meeting.id.in_(ids), meeting_visibility(user)))
    return {m.id: entities.meeting_payload(session, m) for m in rows}


def _load_agenda_items(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.id.in_(ids), AgendaItem.deleted_at.is_(None), meeting_visibility(user))
    )
    return {i.id: entities.agenda_item_payload(i) for i in rows}


def _load_documents(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(
        select(Document)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(Document.id.in_(ids), Document.deleted_at.is_(None), meeting_visibility(user))
    )
    return {d.id: entities.document_payload(d) for d in rows}


def _load_versions(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(
        select(DocumentVersion)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .where(DocumentVersion.id.in_(ids), Document.deleted_at.is_(None), meeting_visibility(user))
    )
    return {v.id: entities.version_payload(v) for v in rows}


def _load_read_marks(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(
        select(DocumentRead).where(
            DocumentRead.user_id == user.id, DocumentRead.document_version_id.in_(ids)
        )
    )
    return {r.document_version_id: entities.read_mark_payload(r) for r in rows}


def _load_ballots(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(select(Ballot).where(Ballot.id.in_(ids), ballot_visibility(user)))
    return {b.id: ballot_payload(session, b) for b in rows}


def _load_opinions(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(
        select(Opinion).where(
            Opinion.id.in_(ids),
            Opinion.user_id == user.id,
            Opinion.ballot_id.in_(select(Ballot.id).where(ballot_visibility(user))),
        )
    )
    return {o.id: opinion_payload(o) for o in rows}


def _load_devices(session: Session, user: User, ids: list[str]) -> Loaded:
    rows = session.scalars(select(Device).where(Device.key_id.in_(ids), Device.user_id == user.id))
    return {d.key_id: entities.device_payload(d) for d in rows}


def compact(session: Session, *, through_seq: int) -> int:
    """Forget change-log rows up to ``through_seq``; older cursors then get 410."""
    lock_ordered_logs(session)
    through_seq = min(through_seq, max_seq(session))
    result = session.execute(delete(ChangeLogEntry).where(ChangeLogEntry.seq <= through_seq))
    session.execute(
        update(ServerState)
        .where(ServerState.compacted_through < through_seq)
        .values(compacted_through=through_seq)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
