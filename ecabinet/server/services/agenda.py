"""The agenda's order, concurrent edits of one item, and the classification policy.

Two clerks may edit the same item at once: each save names the revision it started
from, and a save naming an older one is refused (409 ``edit_conflict``), never applied
over the other's. The check runs under the ordered-log lock (PostgreSQL) or SQLite's
immediate write transaction, so two saves cannot both pass it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.domain import MEMBER_VISIBLE_STATUSES, EntityType
from ecabinet.protocol_secretariat import CLASSIFICATION_LABELS, Classification
from ecabinet.server.errors import ApiError, invalid
from ecabinet.server.models import AgendaItem, Meeting, User
from ecabinet.server.services import audit
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.locking import lock_ordered_logs
from ecabinet.timeutil import utcnow


def edit_conflict(item: AgendaItem) -> ApiError:
    return ApiError(
        409,
        "edit_conflict",
        "Nội dung này đã được người khác sửa trong lúc bạn đang sửa; thay đổi của bạn chưa "
        "được lưu. Hãy tải lại để xem bản mới nhất rồi sửa lại.",
        "Someone else saved this agenda item while you were editing it; your change was not "
        "saved. Reload the latest version and edit again.",
        extra={"current_revision": item.revision, "item_id": item.id},
    )


def check_revision(session: Session, item: AgendaItem, expected: int | None) -> None:
    """Refuse a save started from an older revision. Takes the writers' lock first and
    rereads the row, so a save committed a moment ago by another clerk is seen."""
    lock_ordered_logs(session)
    session.refresh(item)
    if expected is not None and expected != item.revision:
        raise edit_conflict(item)


def bump(item: AgendaItem) -> None:
    item.revision += 1
    item.updated_at = utcnow()


def is_classified(level: str) -> bool:
    return level != Classification.NONE.value


def classified_refused(item_title: str, level: str) -> ApiError:
    label = CLASSIFICATION_LABELS.get(Classification(level), level)
    return invalid(
        "classified_item",
        f"Nội dung “{item_title}” mang độ mật {label}: theo quy định của cơ quan, nội dung mật "
        "không được phát hành qua hệ thống. Hãy chuyển tài liệu bằng bản giấy theo quy định "
        "bảo vệ bí mật nhà nước, hoặc bỏ độ mật nếu đã được giải mật.",
        f"Agenda item {item_title!r} is marked {level}: the organisation's policy forbids "
        "distributing classified items through the system.",
    )


def check_distributable(item: AgendaItem, *, allow_classified: bool) -> None:
    """Papers attached to ``item`` would reach members: refuse a classified one."""
    if is_classified(item.classification) and not allow_classified:
        raise classified_refused(item.title, item.classification)


def live_items(session: Session, meeting: Meeting) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id, AgendaItem.deleted_at.is_(None))
            .order_by(AgendaItem.position, AgendaItem.created_at)
        )
    )


def check_meeting_distributable(
    session: Session, meeting: Meeting, *, allow_classified: bool
) -> None:
    """Publishing sends every item to the participants: refuse if one is classified."""
    if allow_classified:
        return
    for item in live_items(session, meeting):
        check_distributable(item, allow_classified=False)


def check_marking(meeting: Meeting, level: Classification, *, allow_classified: bool) -> None:
    """Marking an item of a meeting members already see would have distributed it."""
    published = meeting.status in {s.value for s in MEMBER_VISIBLE_STATUSES}
    if published and is_classified(level.value) and not allow_classified:
        raise invalid(
            "classified_published",
            "Phiên họp đã được phát hành tới thành viên: không thể đánh dấu mật cho nội dung "
            "đã phát hành qua hệ thống. Hãy thu hồi tài liệu theo quy định bảo vệ bí mật nhà "
            "nước.",
            "The meeting is already published: an item members have received cannot be "
            "marked classified through the system.",
        )


def reorder(
    session: Session, *, actor: User, meeting: Meeting, item_ids: Sequence[str]
) -> list[AgendaItem]:
    """Put the meeting's items in the order given: exactly its live items, each once."""
    require_secretariat(actor)
    lock_ordered_logs(session)
    items = {item.id: item for item in live_items(session, meeting)}
    if len(set(item_ids)) != len(item_ids) or set(item_ids) != items.keys():
        missing = sorted(items.keys() - set(item_ids))
        unknown = sorted(set(item_ids) - items.keys())
        raise ApiError(
            422,
            "agenda_order_mismatch",
            "Thứ tự mới phải gồm đúng các nội dung hiện có của phiên họp, mỗi nội dung một "
            "lần. Có thể người khác vừa thêm hoặc xoá một nội dung: hãy tải lại chương trình "
            "họp rồi sắp xếp lại.",
            "The new order must list exactly the meeting's current items, each once.",
            extra={"missing": missing, "unknown": unknown},
        )
    before = [item.id for item in items.values()]
    ordered = [items[item_id] for item_id in item_ids]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            bump(item)
            record_change(
                session,
                org_id=meeting.org_id,
                entity_type=EntityType.AGENDA_ITEM,
                entity_id=item.id,
                meeting_id=meeting.id,
            )
    audit.record(
        session,
        action="agenda.reorder",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="meeting",
        object_id=meeting.id,
        details={"before": before, "after": list(item_ids)},
    )
    return ordered
