"""``ecabinet meeting add-item | reorder | upload | new-version``: a meeting's agenda and
its papers. A PDF is checked on this computer before a byte is sent
(``preparation.check_pdf``): a corrupt file is refused with nothing uploaded."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.cli.meeting_session import answer, check_line, entity_id, signed_in
from ecabinet.errors import InputError

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient

Action = Callable[[str, str], argparse.ArgumentParser]
CLASSIFICATION_CHOICES = ("mat", "toi-mat", "tuyet-mat")


def register(action: Action) -> None:
    add = action("add-item", "add an agenda item at the end")
    add.add_argument("meeting_id", type=entity_id, metavar="ID")
    add.add_argument("--title", required=True)
    add.add_argument("--ministry", default="", help="the presenting ministry")
    add.add_argument("--classification", choices=CLASSIFICATION_CHOICES, default="",
                     help="a state-secret marking (Mật, Tối mật, Tuyệt mật)")  # fmt: skip
    add.set_defaults(handler=run_add_item)

    edit = action("edit-item", "change an agenda item (only what is given)")
    edit.add_argument("item_id", type=entity_id, metavar="ITEM_ID")
    edit.add_argument("--title", default=None)
    edit.add_argument("--ministry", default=None, help="the presenting ministry")
    edit.add_argument("--classification", choices=(*CLASSIFICATION_CHOICES, "none"),
                      default=None, help="a state-secret marking, or none")  # fmt: skip
    edit.add_argument("--revision", type=int, default=None, metavar="N",
                      help="the item's revision as last read (see 'meeting show'): refused "
                      "if another clerk saved it since")  # fmt: skip
    edit.add_argument("--meeting", type=entity_id, default=None, metavar="ID",
                      help="the item's meeting (found by itself otherwise)")  # fmt: skip
    edit.set_defaults(handler=run_edit_item)

    delete = action("delete-item", "remove an agenda item")
    delete.add_argument("item_id", type=entity_id, metavar="ITEM_ID")
    delete.set_defaults(handler=run_delete_item)

    reorder = action("reorder", "put the agenda in this order (every item, each once)")
    reorder.add_argument("meeting_id", type=entity_id, metavar="ID")
    reorder.add_argument("item_ids", type=entity_id, nargs="+", metavar="ITEM_ID")
    reorder.set_defaults(handler=run_reorder)

    upload = action("upload", "attach a PDF paper to an agenda item")
    upload.add_argument("item_id", type=entity_id, metavar="ITEM_ID")
    upload.add_argument("file", type=Path, metavar="FILE")
    upload.add_argument("--title", default=None, help="the paper's title (default: file name)")
    upload.add_argument("--number", default="", help="its number, e.g. 125/TTr-BTC")
    upload.add_argument("--meeting", type=entity_id, default=None, metavar="ID",
                        help="the item's meeting (found by itself otherwise)")  # fmt: skip
    upload.set_defaults(handler=run_upload)

    version = action("new-version", "upload a new version of a paper, with a change note")
    version.add_argument("document_id", type=entity_id, metavar="DOCUMENT_ID")
    version.add_argument("file", type=Path, metavar="FILE")
    version.add_argument("--note", default="", help="what changed (shown to members)")
    version.set_defaults(handler=run_new_version)


def run_add_item(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    draft = prep.ItemDraft(
        check_line(args.title, "Nội dung", "item's title", limit=1000),
        check_line(args.ministry, "Cơ quan trình", "ministry", required=False),
        args.classification,
    )
    with signed_in(args) as api:
        item = prep.add_item(api, args.meeting_id, draft)
    return answer(args, item, [f"Đã thêm mục {item['position']}: {item['title']} ({item['id']})"])


def run_edit_item(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    if (args.title, args.ministry, args.classification) == (None, None, None):
        raise InputError(
            "Chưa có gì để sửa: hãy cho biết --title, --ministry hoặc --classification.",
            code="nothing_to_change",
            message_en="Nothing to change: give --title, --ministry or --classification.",
        )
    title = None if args.title is None else check_line(args.title, "Nội dung", "title", limit=1000)
    ministry = None
    if args.ministry is not None:
        ministry = check_line(args.ministry, "Cơ quan trình", "ministry", required=False)
    with signed_in(args) as api:
        current = find_item(api, args.item_id, args.meeting)
        marking = args.classification or current["classification"]
        draft = prep.ItemDraft(
            title or current["title"],
            current["presenter"] if ministry is None else ministry,
            "" if marking == "none" else marking,
        )
        # Without --revision, the one just read: another clerk's save in between is not lost.
        revision = current["revision"] if args.revision is None else args.revision
        item = prep.edit_item(api, args.item_id, draft, revision)
    return answer(args, item, [f"Đã sửa mục: {item['title']} (phiên bản {item['revision']})"])


def run_delete_item(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        prep.delete_item(api, args.item_id)
    return answer(args, {"deleted": args.item_id}, [f"Đã xoá mục {args.item_id}."])


def run_reorder(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    with signed_in(args) as api:
        items = prep.reorder_items(api, args.meeting_id, args.item_ids)
    lines = ["Thứ tự mới của chương trình họp:"]
    lines += [f"  {i['position']}. {i['title']} ({i['id']})" for i in items]
    return answer(args, items, lines)


def find_item(api: ApiClient, item_id: str, meeting_id: str | None) -> dict[str, Any]:
    """An agenda item as the server holds it, looked up in ``meeting_id`` or else among
    the meetings not cancelled (there is no route for one item alone)."""
    from ecabinet.client import preparation as prep

    if meeting_id:
        candidates = [meeting_id]
    else:
        meetings = prep.list_meetings(api)
        candidates = [str(m["id"]) for m in meetings if m.get("status") != "cancelled"]
    for candidate in candidates:
        for item in prep.meeting_contents(api, candidate).items:
            if item["id"] == item_id:
                return item
    raise InputError(
        f"Không tìm thấy mục {item_id} trong phiên họp nào đang chuẩn bị.",
        code="unknown_item",
        message_en=f"No meeting being prepared has the agenda item {item_id}.",
    )


def run_upload(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    title = check_line(args.title or args.file.stem, "Tên tài liệu", "paper's title", limit=1000)
    number = check_line(args.number, "Số hiệu", "number", required=False, limit=100)
    pages = prep.check_pdf(args.file)  # before signing in: a bad file costs no request
    with signed_in(args) as api:
        meeting_id = find_item(api, args.item_id, args.meeting)["meeting_id"]
        uploaded = prep.upload_pdf(
            api, meeting_id, args.file, item_id=args.item_id, title=title, number=number
        )
    paper = uploaded["document"]
    return answer(
        args, uploaded, [f"Đã tải lên «{paper['title']}» ({pages} trang): tài liệu {paper['id']}"]
    )


def run_new_version(args: argparse.Namespace) -> int:
    from ecabinet.client import preparation as prep

    note = check_line(args.note, "Ghi chú thay đổi", "change note", required=False, limit=2000)
    prep.check_pdf(args.file)
    with signed_in(args) as api:
        uploaded = prep.upload_version(api, args.document_id, args.file, note)
    version = uploaded.get("version", uploaded)
    return answer(
        args, uploaded,
        [f"Đã tải lên phiên bản mới của tài liệu {args.document_id} ({version.get('id', '')})."],
    )  # fmt: skip
