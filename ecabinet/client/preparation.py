"""The secretariat prepares a meeting: typed calls over the server's preparation routes.

Qt-free, so the app, the command line and the tests use the same functions. Everything
that can be refused here is refused before a byte is sent: a file that is not a sound
PDF, a classified paper, a ballot deadline already past. The server checks them again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.collation import protocol_key
from ecabinet.domain import CLASSIFICATION_LABELS, MeetingKind, MeetingStatus
from ecabinet.errors import InputError
from ecabinet.timeutil import isoformat, utcnow

if TYPE_CHECKING:  # requests loads with the first call
    from ecabinet.client.api import ApiClient

Json = dict[str, Any]
# The server's codes for an item's marking, with their legal names ("" = none).
CLASSIFICATIONS = {str(code.value): name for code, name in CLASSIFICATION_LABELS.items()}
BALLOT_OPTIONS = ("agree", "disagree", "other")


@dataclass(frozen=True)
class Person:
    id: str
    username: str
    full_name: str
    title: str
    role: str


@dataclass(frozen=True)
class MeetingDraft:
    title: str
    starts_at: datetime
    kind: MeetingKind = MeetingKind.REGULAR
    location: str = ""
    participant_ids: tuple[str, ...] = ()
    # (member id, deputy's name): a deputy (cấp phó) attending in that member's place.
    deputies: tuple[tuple[str, str], ...] = ()
    # (name, position or organisation) of each invited guest (khách mời), in order.
    # Guests have no account: they never sync, never vote, do not count for the quorum.
    guests: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemDraft:
    title: str
    presenter: str = ""  # the presenting ministry
    classification: str = ""  # a code of CLASSIFICATIONS


@dataclass(frozen=True)
class BallotDraft:
    question: str
    deadline: datetime
    eligible: tuple[str, ...] = ()  # empty: every participant
    comment_required: tuple[str, ...] = ("other",)
    document_ids: tuple[str, ...] = ()
    agenda_item_id: str | None = None


@dataclass
class MeetingContents:
    meeting: Json
    items: list[Json] = field(default_factory=list)  # in agenda order
    documents: list[Json] = field(default_factory=list)

    def documents_of(self, item_id: str) -> list[Json]:
        return [d for d in self.documents if d.get("agenda_item_id") == item_id]


# -- people ---------------------------------------------------------------------
def members_in_protocol_order(api: ApiClient) -> list[Person]:
    """The organisation's active members, Prime Minister first (ecabinet/collation.py)."""
    people = [
        Person(u["id"], u["username"], u["full_name"], u.get("title") or "", u["role"])
        for u in api.get_json("/api/v1/users")
        if u.get("role") == "member" and u.get("active", True)
    ]
    return sorted(people, key=lambda p: protocol_key(p.title, p.full_name))


# -- meetings -------------------------------------------------------------------
def _check_title(title: str, what: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InputError(
            f"Hãy nhập {what}.", code="empty_title", message_en="The title must not be empty."
        )
    return cleaned


def list_meetings(api: ApiClient) -> list[Json]:
    meetings: list[Json] = api.get_json("/api/v1/meetings")
    return sorted(meetings, key=lambda m: str(m.get("starts_at") or ""), reverse=True)


def guest_bodies(guests: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """The guests as the server takes them, spaces folded; rows without a name dropped."""
    return [
        {"name": " ".join(name.split()), "position": " ".join(position.split())}
        for name, position in guests
        if name.strip()
    ]


def guests_of(meeting: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A meeting's invited guests, (name, position), from the server's answer."""
    return tuple(
        (str(g.get("name", "")), str(g.get("position", ""))) for g in meeting.get("guests") or ()
    )


def create_meeting(api: ApiClient, draft: MeetingDraft) -> Json:
    body = {
        "title": _check_title(draft.title, "tên phiên họp"),
        "kind": draft.kind.value,
        "starts_at": isoformat(draft.starts_at),
        "location": draft.location.strip(),
        "participant_ids": list(draft.participant_ids),
        "guests": guest_bodies(draft.guests),
        "status": MeetingStatus.DRAFT.value,
    }
    result: Json = api.post_json("/api/v1/meetings", body)
    if draft.deputies:
        set_deputies(api, result["id"], draft.deputies)
    return result


def _send(api: ApiClient, method: str, path: str, body: Any = None) -> Any:
    from ecabinet.client.api import raise_for_answer

    response = (
        api.request(method, path, json=body) if body is not None else api.request(method, path)
    )
    raise_for_answer(response)
    return response.json() if response.content else None


def update_meeting(api: ApiClient, meeting_id: str, draft: MeetingDraft) -> Json:
    body = {
        "title": _check_title(draft.title, "tên phiên họp"),
        "kind": draft.kind.value,
        "starts_at": isoformat(draft.starts_at),
        "location": draft.location.strip(),
        "guests": guest_bodies(draft.guests),
    }
    _send(api, "PATCH", f"/api/v1/meetings/{meeting_id}", body)
    result = set_participants(api, meeting_id, draft.participant_ids)
    invited = set(draft.participant_ids)
    deputies = tuple((m, name) for m, name in draft.deputies if m in invited)
    if deputies:
        set_deputies(api, meeting_id, deputies)
    return result


def set_deputies(api: ApiClient, meeting_id: str, deputies: Sequence[tuple[str, str]]) -> Json:
    """Record that each named deputy attends in the member's place ("represented", in
    the meeting's attendance). Members not named are left as they were."""
    records = [
        {"user_id": member, "state": "represented", "deputy_name": " ".join(name.split())}
        for member, name in deputies
        if name.strip()
    ]
    result: Json = _send(
        api, "PUT", f"/api/v1/meetings/{meeting_id}/attendance", {"records": records}
    )
    return result


def deputies_of(api: ApiClient, meeting_id: str) -> dict[str, str]:
    """Member id -> the deputy attending in their place, for the meeting form."""
    report = api.get_json(f"/api/v1/meetings/{meeting_id}/attendance")
    return {
        r["user_id"]: r["deputy_name"]
        for r in report.get("records", [])
        if r.get("state") == "represented" and r.get("deputy_name")
    }


def set_participants(api: ApiClient, meeting_id: str, user_ids: Sequence[str]) -> Json:
    result: Json = _send(
        api, "PUT", f"/api/v1/meetings/{meeting_id}/participants", {"user_ids": list(user_ids)}
    )
    return result


def cancel_meeting(api: ApiClient, meeting_id: str) -> Json:
    return _set_status(api, meeting_id, MeetingStatus.CANCELLED)


def publish_meeting(api: ApiClient, meeting_id: str) -> Json:
    """Send the meeting to its participants: they get it at their next sync, with a
    notification. Refused (422 ``classified_item``) while an item carries a state-secret
    marking, unless the server's policy allows it."""
    result: Json = api.post_json(f"/api/v1/meetings/{meeting_id}/publish", {})
    return result


def _set_status(api: ApiClient, meeting_id: str, status: MeetingStatus) -> Json:
    result: Json = _send(api, "PATCH", f"/api/v1/meetings/{meeting_id}", {"status": status.value})
    return result


def meeting_contents(api: ApiClient, meeting_id: str) -> MeetingContents:
    body = api.get_json(f"/api/v1/meetings/{meeting_id}")
    items = sorted(body.get("agenda_items", []), key=lambda i: (i["position"], i["id"]))
    documents = sorted(body.get("documents", []), key=lambda d: d.get("position") or 0)
    return MeetingContents(body["meeting"], items, documents)


# -- agenda ---------------------------------------------------------------------
def _item_body(draft: ItemDraft) -> Json:
    if draft.classification not in CLASSIFICATIONS:
        raise InputError(
            "Độ mật không hợp lệ.", code="bad_classification", message_en="Unknown marking."
        )
    return {
        "title": _check_title(draft.title, "nội dung"),
        "presenter": draft.presenter.strip(),
        "classification": draft.classification,
    }


def add_item(api: ApiClient, meeting_id: str, draft: ItemDraft) -> Json:
    result: Json = api.post_json(f"/api/v1/meetings/{meeting_id}/agenda-items", _item_body(draft))
    return result


def edit_item(api: ApiClient, item_id: str, draft: ItemDraft, revision: int | None) -> Json:
    """Save an edit made from ``revision`` (as last read): if another clerk saved the
    item since, the server answers 409 ``edit_conflict`` and nothing is overwritten."""
    body = _item_body(draft)
    if revision is not None:
        body["revision"] = revision
    result: Json = _send(api, "PATCH", f"/api/v1/agenda-items/{item_id}", body)
    return result


def delete_item(api: ApiClient, item_id: str) -> None:
    _send(api, "DELETE", f"/api/v1/agenda-items/{item_id}")


def reorder_items(api: ApiClient, meeting_id: str, item_ids: Sequence[str]) -> list[Json]:
    """The meeting's items in this order, in one call (members see it at their next sync)."""
    result: list[Json] = _send(
        api, "PUT", f"/api/v1/meetings/{meeting_id}/agenda-order", {"item_ids": list(item_ids)}
    )
    return result


# -- documents ------------------------------------------------------------------
def check_pdf(path: Path) -> int:
    """Refuse, before uploading, a file the server would refuse; returns its page count."""
    from ecabinet.pdf.inspect import InvalidPdf, inspect_pdf

    if not path.is_file():
        raise InputError(
            f"Không tìm thấy tệp «{path.name}». Hãy chọn lại tệp.",
            code="file_missing",
            message_en=f"{path} does not exist.",
        )
    try:
        info = inspect_pdf(path)
    except InvalidPdf as exc:
        raise InputError(
            f"Tệp «{path.name}» không dùng được: {exc.message} Chưa có gì được tải lên; "
            "hãy xuất lại tệp PDF từ văn bản gốc rồi đính kèm lại.",
            code=exc.code,
            message_en=f"{path.name}: {exc.message_en}",
        ) from None
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp «{path.name}». Hãy kiểm tra quyền truy cập rồi thử lại.",
            code="file_unreadable",
            message_en=str(exc),
        ) from None
    return info.pages


def _post_pdf(api: ApiClient, path_url: str, path: Path, params: dict[str, str]) -> Json:
    from ecabinet.client.api import raise_for_answer

    with path.open("rb") as body:
        response = api.request(
            "POST", path_url, params=params, data=body,
            headers={"Content-Type": "application/pdf"},
        )  # fmt: skip
    raise_for_answer(response)
    result: Json = response.json()
    return result


def upload_pdf(
    api: ApiClient,
    meeting_id: str,
    path: Path,
    *,
    item_id: str | None = None,
    title: str = "",
    number: str = "",
    filename: str = "",
) -> Json:
    """Attach a PDF to a meeting (and an agenda item). Checked here first, so a corrupt
    file is refused without anything reaching the server; whether a classified item's
    papers may be distributed is the server's policy. ``filename`` is the name kept with
    the file when it differs from the file's own (an attachment saved under a safe name)."""
    check_pdf(path)
    name = filename or path.name
    params = {"filename": name, "title": title.strip() or Path(name).stem, "number": number}
    if item_id:
        params["agenda_item_id"] = item_id
    return _post_pdf(api, f"/api/v1/meetings/{meeting_id}/documents", path, params)


def upload_version(api: ApiClient, document_id: str, path: Path, change_note: str = "") -> Json:
    """A new version of a paper. The change note is shown to members; the server asks
    for one once a member has read the current version, and refuses the same file."""
    check_pdf(path)
    params = {"filename": path.name}
    if change_note.strip():
        params["change_note"] = change_note.strip()
    return _post_pdf(api, f"/api/v1/documents/{document_id}/versions", path, params)


def delete_document(api: ApiClient, document_id: str) -> None:
    _send(api, "DELETE", f"/api/v1/documents/{document_id}")


# -- ballots --------------------------------------------------------------------
def issue_ballot(
    api: ApiClient, meeting_id: str, draft: BallotDraft, *, open_now: bool = True
) -> Json:
    """Issue a written-opinion ballot (opened at once unless ``open_now`` is False)."""
    question = " ".join(draft.question.split())
    if not question:
        raise InputError(
            "Hãy nhập câu hỏi lấy ý kiến.", code="empty_question", message_en="No question."
        )
    if draft.deadline.tzinfo is None or draft.deadline <= utcnow():
        raise InputError(
            "Hạn gửi phiếu đã qua. Hãy chọn một thời điểm trong tương lai.",
            code="deadline_past",
            message_en="The deadline is in the past.",
        )
    unknown = set(draft.comment_required) - set(BALLOT_OPTIONS)
    if unknown:
        raise InputError(
            "Phương án không hợp lệ.", code="bad_option", message_en=f"Unknown {unknown}"
        )
    body: Json = {
        "question": question,
        "deadline": isoformat(draft.deadline),
        "document_ids": list(draft.document_ids),
        "comment_required": sorted(draft.comment_required),
        "open": False,
    }
    if draft.eligible:
        body["eligible"] = list(draft.eligible)
    if draft.agenda_item_id:
        body["agenda_item_id"] = draft.agenda_item_id
    ballot: Json = api.post_json(f"/api/v1/meetings/{meeting_id}/ballots", body)
    if open_now:
        ballot = api.post_json(f"/api/v1/ballots/{ballot['id']}/open", {})
    return ballot


def list_ballots(api: ApiClient, meeting_id: str) -> list[Json]:
    ballots: list[Json] = api.get_json("/api/v1/ballots", params={"meeting_id": meeting_id})
    return ballots
