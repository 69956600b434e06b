"""``ecabinet annotations``: list a profile's annotations, export an annotated copy."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ecabinet.cli.common import add_passphrase_args, read_passphrase


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "annotations", help="list annotations, or export a paper with its annotations"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="every annotation of the profile")
    listing.add_argument("--profile-dir", type=Path, required=True)
    listing.add_argument("--json", action="store_true", help="print the records as JSON")
    listing.add_argument("--include-deleted", action="store_true")
    add_passphrase_args(listing)
    listing.set_defaults(handler=run_list)
    export = actions.add_parser("export", help="write an annotated copy of a paper")
    export.add_argument("--profile-dir", type=Path, required=True)
    export.add_argument("--document", required=True, metavar="ID")
    export.add_argument("--output", type=Path, required=True, metavar="FILE")
    add_passphrase_args(export)
    export.set_defaults(handler=run_export)


def _open(args: argparse.Namespace) -> Any:
    from ecabinet.client.workspace import Workspace
    from ecabinet.errors import InputError

    if not (args.profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}.",
        )
    return Workspace(args.profile_dir, passphrase=read_passphrase(args))


def run_list(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        records = [
            record
            for document_id in workspace.annotated_documents()
            for record in workspace.annotations(document_id, include_deleted=args.include_deleted)
        ]
    finally:
        workspace.close()
    if args.json:
        rows = [r.to_dict() for r in records]
        print(json.dumps({"annotations": rows}, ensure_ascii=False, indent=2))
        return 0
    if not records:
        print("Chưa có ghi chú nào.")
        return 0
    for record in records:
        state = record.anchor.get("state", "anchored")
        where = f"trang {record.page + 1}"
        flags = " (đã xóa)" if record.deleted else ""
        flags += " (mất vị trí)" if state == "orphaned" else ""
        flags += " (cần xác nhận vị trí)" if state == "fuzzy" else ""
        text = record.text.replace("\n", " ")[:80]
        print(f"{record.document_id} — {where} — {record.kind}{flags}: {text}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        report = workspace.export_annotated_copy(args.document, args.output)
    finally:
        workspace.close()
    print(
        f"Đã ghi {report.output} — {report.drawn} ghi chú trên trang, "
        f"{len(report.orphaned)} ghi chú mất vị trí (liệt kê ở trang cuối)."
    )
    return 0
