"""``ecabinet meeting ballot | ballots | dashboard | remind | attendance | conclude``:
the secretariat asks for written opinions, follows who has read and answered, and
records the meeting as it happens (docs/secretariat.md, docs/ballots.md)."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ecabinet.cli.meeting_session import (
    Directory,
    answer,
    check_line,
    check_text,
    entity_id,
    future_time,
    pairs,
    signed_in,
)
from ecabinet.client.attendance import STATES, AttendanceEntry
from ecabinet.errors import InputError
from ecabinet.timeutil import vietnam_time_text

Action = Callable[[str, str], argparse.ArgumentParser]
OPTIONS = ("agree", "disagree", "other")  # the server's fixed choices (docs/ballots.md)


def register(action: Action) -> None:
    ballot = action("ballot", "issue a written-opinion ballot and open it")
    ballot.add_argument("meeting_id", type=entity_id, metavar="ID")
    ballot.add_argument("--question", required=True)
    ballot.add_argument("--deadline", required=True, metavar="TIME",
                        help="e.g. 2026-12-02T17:00 (Hà Nội's time unless a zone is "
                        "given)")  # fmt: skip
    ballot.add_argument("--eligible", action="extend", nargs="+", default=[], metavar="USERNAME",
                        help="who is asked (default: every participant)")  # fmt: skip
    ballot.add_argument("--comment-required", action="extend", nargs="+", choices=OPTIONS,
                        default=None, metavar="OPTION",
                        help="choices that need a comment: agree, disagree, other "
                        "(default: other)")  # fmt: skip
    ballot.add_argument("--paper", action="extend", nargs="+", type=entity_id, default=[],
                        metavar="DOCUMENT_ID", help="the papers the question is about")  # fmt: skip
    ballot.add_argument("--item", type=entity_id, default=None, metavar="ITEM_ID",
                        help="the agenda item it belongs to")  # fmt: skip
    ballot.add_argument("--draft", action="store_true", help="issue it without opening it")
    ballot.set_defaults(handler=run_ballot)

    ballots = action("ballots", "the meeting's ballots")
    ballots.add_argument("meeting_id", type=entity_id, metavar="ID")
    ballots.set_defaults(handler=run_ballots)

    dashboard = action("dashboard", "who has synced, read and answered")
    dashboard.add_argument("meeting_id", type=entity_id, metavar="ID")
    dashboard.add_argument("--csv", type=Path, default=None, metavar="FILE",
                           help="also write the table as CSV (for spreadsheets)")  # fmt: skip
    dashboard.set_defaults(handler=run_dashboard)

    remind = action("remind", "send a reminder to participants' apps")
    remind.add_argument("meeting_id", type=entity_id, metavar="ID")
    remind.add_argument("usernames", nargs="+", metavar="USERNAME")
    remind.add_argument("--text", default="", help="a line of your own")
    remind.set_defaults(handler=run_remind)

    attendance = action("attendance", "record how participants attend; shows the quorum")
    attendance.add_argument("meeting_id", type=entity_id, metavar="ID")
    attendance.add_argument(
        "records", nargs="+", metavar="USERNAME=STATE",
        help="STATE: present, remote, absent_excused or represented:DEPUTY'S NAME",
    )  # fmt: skip
    attendance.set_defaults(handler=run_attendance)

    conclude = action("conclude", "record an agenda item's conclusion")
    conclude.add_argument("item_id", type=entity_id, metavar="ITEM_ID")
    text = conclude.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", default=None)
    text.add_argument("--text-file", type=Path, default=None, metavar="FILE",
                      help="read the conclusion from this UTF-8 file")  # fmt: skip
    conclude.add_argument("--revision", type=int, default=None, metavar="N",
                          help="the item's revision as last read (see 'meeting show'): "
                          "refused if another clerk saved it since")  # fmt: skip
    conclude.set_defaults(handler=run_conclude)


def run_ballot(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    question = check_text(args.question, "Câu hỏi lấy ý kiến", "question", limit=5000)
    deadline = future_time(args.deadline, "Hạn gửi phiếu", "deadline")
    with signed_in(args) as api:
        eligible = tuple(a.id for a in Directory(api).members(args.eligible))
        draft = prep.BallotDraft(
            question, deadline, eligible,
            comment_required=tuple(args.comment_required or ("other",)),
            document_ids=tuple(args.paper), agenda_item_id=args.item,
        )  # fmt: skip
        ballot = prep.issue_ballot(api, args.meeting_id, draft, open_now=not args.draft)
    state = "đang mở" if ballot["status"] == "open" else "chưa mở"
    return answer(args, ballot, [
        f"Đã phát hành phiếu lấy ý kiến ({state}), hạn {vietnam_time_text(ballot['deadline'])}: "
        f"{ballot['id']}"
    ])  # fmt: skip


def run_ballots(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        ballots = prep.list_ballots(api, args.meeting_id)
    lines = [
        f"{b['id']}  [{b['status']}] hạn {vietnam_time_text(b['deadline'])}  {b['question']}"
        for b in ballots
    ]
    return answer(args, ballots, lines or ["Phiên họp chưa có phiếu lấy ý kiến nào."])


def _write_csv(path: Path, text: str) -> None:
    """Whole or not at all: a temporary file beside it, then renamed."""
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".dashboard-", suffix=".csv")
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(
            f"Không ghi được tệp «{path}». Hãy kiểm tra thư mục và quyền ghi.",
            code="file_unwritable",
            message_en=f"Cannot write {path}: {exc}",
        ) from None


def run_dashboard(args: argparse.Namespace) -> int:
    from ecabinet.client import secretariat_dashboard

    with signed_in(args) as api:
        table = secretariat_dashboard.fetch(api, args.meeting_id)
    if args.csv is not None:
        _write_csv(args.csv, secretariat_dashboard.to_csv(table))
    total = len(table["documents"])
    lines = []
    for row in table["participants"]:
        answered = sum(1 for b in row["ballots"] if b["answered"])
        synced = "đã đồng bộ" if row["pack_synced"] else "chưa đồng bộ"
        late = "  QUÁ HẠN" if row["overdue"] else ""
        lines.append(
            f"{row['full_name']}: {synced}, đọc {row['papers_read']}/{total} tài liệu, "
            f"trả lời {answered}/{len(row['ballots'])} phiếu{late}"
        )
    if args.csv is not None:
        lines.append(f"Đã ghi {args.csv}.")
    return answer(args, table, lines)


def run_remind(args: argparse.Namespace) -> int:
    from ecabinet.client import secretariat_dashboard

    text = check_line(args.text, "Lời nhắc", "reminder's text", required=False, limit=1000)
    with signed_in(args) as api:
        directory = Directory(api)
        people = directory.members(args.usernames)
        sent = secretariat_dashboard.remind(api, args.meeting_id, [p.id for p in people], text)
    names = [directory.name_of(i) for i in sent]
    return answer(args, {"reminded": names}, [f"Đã gửi lời nhắc tới: {', '.join(names)}."])


def _entries(words: list[str], directory: Directory) -> list[AttendanceEntry]:
    entries = []
    for username, said in pairs(words, "TÊN_ĐĂNG_NHẬP=TÌNH_TRẠNG", "USERNAME=STATE"):
        state, _, deputy = said.partition(":")
        state = state.strip()
        if state not in STATES or (state == "represented") != bool(deputy.strip()):
            raise InputError(
                f"«{said}» không phải tình trạng tham dự hợp lệ. Hãy dùng present, remote, "
                "absent_excused hoặc represented:HỌ TÊN CẤP PHÓ.",
                code="bad_attendance",
                message_en=f"{said!r} is not an attendance: use present, remote, "
                "absent_excused or represented:DEPUTY'S NAME.",
            )
        member = directory.members([username])[0]
        name = check_line(deputy, "Tên cấp phó", "deputy's name", required=False)
        entries.append(AttendanceEntry(member.id, state, name))
    return entries


def run_attendance(args: argparse.Namespace) -> int:
    from ecabinet.client import attendance

    with signed_in(args) as api:
        directory = Directory(api)
        entries = _entries(args.records, directory)
        report = attendance.record_attendance(api, args.meeting_id, entries)
    quorum = report.get("quorum", {})
    return answer(args, report, [f"Đã ghi điểm danh. {quorum.get('text', '')}".strip()])


def _conclusion_text(args: argparse.Namespace) -> str:
    if args.text is not None:
        return check_text(args.text, "Kết luận", "conclusion", limit=20_000)
    try:
        raw = args.text_file.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp «{args.text_file}».",
            code="file_unreadable",
            message_en=f"Cannot read {args.text_file}: {exc}",
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            f"Tệp «{args.text_file}» không phải văn bản UTF-8.",
            code="not_utf8",
            message_en=f"{args.text_file} is not UTF-8 text.",
        ) from None
    return check_text(text, "Kết luận", "conclusion", limit=20_000)


def run_conclude(args: argparse.Namespace) -> int:
    from ecabinet.client import attendance

    text = _conclusion_text(args)
    if args.revision is not None and args.revision < 1:
        raise InputError(
            "Số phiên bản phải từ 1 trở lên.",
            code="bad_revision",
            message_en="The revision must be 1 or more.",
        )
    with signed_in(args) as api:
        item = attendance.conclude(api, args.item_id, text, args.revision)
    return answer(
        args, item, [f"Đã ghi kết luận cho mục «{item['title']}» (phiên bản {item['revision']})."]
    )
