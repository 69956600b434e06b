"""``ecabinet meeting``: the secretariat prepares a meeting from the command line, with
the same calls as the app's preparation workspace (ecabinet/client/preparation.py).

This module: list, show, create, edit, cancel, publish. Agenda items and papers are in
``meeting_items.py``; ballots, the dashboard, reminders, attendance and conclusions in
``meeting_follow.py``; signing in and checking the words given in ``meeting_session.py``.
Every word is checked before anything is sent, so a refused command changes nothing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ecabinet.cli import meeting_follow, meeting_items
from ecabinet.cli.meeting_session import (
    Directory,
    answer,
    check_line,
    entity_id,
    future_time,
    pairs,
    session_args,
    signed_in,
)
from ecabinet.domain import MeetingKind
from ecabinet.errors import ECabinetError, InputError
from ecabinet.timeutil import parse_iso, vietnam_time_text

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient

MAX_GUESTS = 50  # as the server keeps (ecabinet/server/schemas.py)
KINDS = {"thuong-ky": MeetingKind.REGULAR, "chuyen-de": MeetingKind.THEMATIC}
KIND_NAMES = {MeetingKind.REGULAR.value: "thường kỳ", MeetingKind.THEMATIC.value: "chuyên đề"}
STATUS_NAMES = {
    "draft": "bản nháp", "published": "đã gửi", "closed": "đã kết thúc", "cancelled": "đã hủy",
}  # fmt: skip


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "meeting", help="prepare and follow a meeting (secretariat): agenda, papers, ballots"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    common = session_args()

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(name, help=help_text, parents=[common])
        return sub

    listing = action("list", "the meetings, newest first")
    listing.set_defaults(handler=run_list)

    show = action("show", "a meeting's items (with their ids and revisions) and papers")
    show.add_argument("meeting_id", type=entity_id, metavar="ID")
    show.set_defaults(handler=run_show)

    create = action("create", "create a draft meeting")
    create.add_argument("--title", required=True)
    _meeting_options(create, required=True)
    create.set_defaults(handler=run_create)

    edit = action("edit", "change a meeting (only what is given)")
    edit.add_argument("meeting_id", type=entity_id, metavar="ID")
    edit.add_argument("--title", default=None)
    _meeting_options(edit, required=False)
    edit.set_defaults(handler=run_edit)

    cancel = action("cancel", "cancel a meeting (members are told at their next sync)")
    cancel.add_argument("meeting_id", type=entity_id, metavar="ID")
    cancel.set_defaults(handler=run_cancel)

    publish = action(
        "publish",
        "send a draft to its participants; a classified item is refused unless the "
        "server runs with --allow-classified-distribution",
    )
    publish.add_argument("meeting_id", type=entity_id, metavar="ID")
    publish.set_defaults(handler=run_publish)

    meeting_items.register(action)
    meeting_follow.register(action)


def _meeting_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--kind", choices=sorted(KINDS), default="thuong-ky" if required else None,
                        help="thuong-ky (regular) or chuyen-de (thematic)")  # fmt: skip
    parser.add_argument("--starts", required=required, metavar="TIME",
                        help="e.g. 2026-12-03T08:30 (Hà Nội's time unless a zone is "
                        "given)")  # fmt: skip
    parser.add_argument("--place", default="" if required else None)
    parser.add_argument("--participant", action="extend", nargs="+", required=required,
                        default=None, metavar="USERNAME",
                        help="the members invited (on edit: the whole new list)")  # fmt: skip
    parser.add_argument("--deputy", action="extend", nargs="+", default=[],
                        metavar="USERNAME=NAME",
                        help="a deputy attending in this member's place")  # fmt: skip
    parser.add_argument("--guest", action="append", default=None, metavar="'NAME|POSITION'",
                        help="an invited guest (no account), repeatable, in order "
                        "(on edit: the whole new list)")  # fmt: skip


def _describe(meeting: dict[str, Any]) -> str:
    kind = KIND_NAMES.get(str(meeting.get("kind")), str(meeting.get("kind")))
    status = STATUS_NAMES.get(str(meeting.get("status")), str(meeting.get("status")))
    when = vietnam_time_text(meeting.get("starts_at"))
    return f"{meeting['id']}  {when}  [{status}, {kind}]  {meeting['title']}"


def run_list(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        meetings = prep.list_meetings(api)
    return answer(args, meetings, [_describe(m) for m in meetings] or ["Chưa có phiên họp nào."])


def run_show(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        contents = prep.meeting_contents(api, args.meeting_id)
    lines = [_describe(contents.meeting)]
    for number, item in enumerate(contents.items, 1):
        mark = f" [{item['classification']}]" if item.get("classification") else ""
        lines.append(f"  {number}. {item['title']} — {item.get('presenter') or ''}{mark}")
        lines.append(f"     mục {item['id']} (phiên bản {item.get('revision', 1)})")
        for paper in contents.documents_of(item["id"]):
            lines.append(f"     - {paper['title']} {paper.get('number') or ''} ({paper['id']})")
    data = {
        "meeting": contents.meeting, "items": contents.items, "documents": contents.documents,
    }  # fmt: skip
    return answer(args, data, lines)


def _people(
    directory: Directory, usernames: list[str], deputies: list[str]
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Participants' ids and (member id, deputy's name), every word checked first."""
    invited = directory.members(usernames)
    ids = {a.username: a.id for a in invited}
    chosen = []
    for username, name in pairs(deputies, "TÊN_ĐĂNG_NHẬP=HỌ_TÊN", "USERNAME=NAME"):
        member = directory.members([username])[0]
        if member.username not in ids:
            raise InputError(
                f"{member.username} không có trong danh sách tham dự, nên không thể cử "
                "cấp phó dự thay.",
                code="deputy_not_invited",
                message_en=f"{member.username} is not a participant: no deputy can attend "
                "in their place.",
            )
        chosen.append((member.id, check_line(name, "Tên cấp phó", "deputy's name")))
    return tuple(ids.values()), tuple(chosen)


def _guests(values: list[str] | None) -> tuple[tuple[str, str], ...]:
    """``--guest "Name|Position"`` words: (name, position), each checked as one line."""
    if values is not None and len(values) > MAX_GUESTS:
        raise InputError(
            f"Tối đa {MAX_GUESTS} khách mời.",
            code="too_many_guests",
            message_en=f"At most {MAX_GUESTS} invited guests.",
        )
    guests = []
    for value in values or ():
        name, _, position = value.partition("|")
        guests.append((
            check_line(name, "Tên khách mời", "guest's name", limit=200),
            check_line(position, "Chức vụ của khách mời", "guest's position", required=False),
        ))  # fmt: skip
    return tuple(guests)


def run_create(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    title = check_line(args.title, "Tên phiên họp", "meeting's title", limit=500)
    place = check_line(args.place, "Địa điểm", "place", required=False)
    starts = future_time(args.starts, "Thời gian họp", "meeting's start")
    guests = _guests(args.guest)
    with signed_in(args) as api:
        participants, deputies = _people(Directory(api), args.participant, args.deputy)
        draft = prep.MeetingDraft(
            title, starts, KINDS[args.kind], place, participants, guests=guests
        )
        meeting = prep.create_meeting(api, draft)
        if deputies:
            _undo_on_error(
                api, meeting["id"], lambda: prep.set_deputies(api, meeting["id"], deputies)
            )
    return answer(args, meeting, [f"Đã tạo phiên họp (bản nháp): {_describe(meeting)}"])


def _undo_on_error(api: ApiClient, meeting_id: str, step: Any) -> None:
    """Run the step that completes a new meeting; if refused, delete the meeting again."""
    from ecabinet.client.api import raise_for_answer

    try:
        step()
    except ECabinetError:
        raise_for_answer(api.request("DELETE", f"/api/v1/meetings/{meeting_id}"))
        raise


def run_edit(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    changes = (
        args.title, args.kind, args.starts, args.place, args.participant, args.deputy, args.guest,
    )  # fmt: skip
    if all(c is None or c == [] for c in changes):
        raise InputError(
            "Chưa có gì để sửa: hãy cho biết --title, --kind, --starts, --place, "
            "--participant, --deputy hoặc --guest.",
            code="nothing_to_change",
            message_en="Nothing to change: give --title, --kind, --starts, --place, "
            "--participant, --deputy or --guest.",
        )
    guests = None if args.guest is None else _guests(args.guest)
    title = (
        None if args.title is None else check_line(args.title, "Tên phiên họp", "title", limit=500)
    )
    place = (
        None if args.place is None else check_line(args.place, "Địa điểm", "place", required=False)
    )
    starts = None if args.starts is None else future_time(args.starts, "Thời gian họp", "start")
    with signed_in(args) as api:
        current = prep.meeting_contents(api, args.meeting_id).meeting
        directory = Directory(api)
        usernames = args.participant or [directory.name_of(i) for i in current["participants"]]
        participants, deputies = _people(directory, usernames, args.deputy)
        draft = prep.MeetingDraft(
            title=title or current["title"],
            starts_at=starts or parse_iso(current["starts_at"]),
            kind=KINDS[args.kind] if args.kind else MeetingKind(current["kind"]),
            location=current["location"] if place is None else place,
            participant_ids=participants,
            deputies=deputies,
            guests=prep.guests_of(current) if guests is None else guests,
        )
        meeting = prep.update_meeting(api, args.meeting_id, draft)
    return answer(args, meeting, [f"Đã sửa phiên họp: {_describe(meeting)}"])


def run_cancel(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        meeting = prep.cancel_meeting(api, args.meeting_id)
    return answer(args, meeting, [f"Đã hủy phiên họp: {_describe(meeting)}"])


def run_publish(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        meeting = prep.publish_meeting(api, args.meeting_id)
    return answer(
        args, meeting,
        [f"Đã gửi phiên họp tới người tham dự (họ nhận ở lần đồng bộ tới): {_describe(meeting)}"],
    )  # fmt: skip
