"""``ecabinet annotations``: list a profile's annotations, export an annotated copy."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "annotations", help="list annotations, or export a paper with its annotations"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="every annotation of the profile")
    listing.add_argument("--profile-dir", type=Path, required=True)
    listing.add_argument("--json", action="store_true", help="print the records as JSON")
    listing.add_argument("--include-deleted", action="store_true")
    listing.set_defaults(handler=run_list)
    export = actions.add_parser("export", help="write an annotated copy of a paper")
    export.add_argument("--profile-dir", type=Path, required=True)
    export.add_argument("--document", required=True, metavar="ID")
    export.add_argument("--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=run_export)


def _open(profile_dir: Path) -> Any:
    from ecabinet.client.workspace import Workspace
    from ecabinet.errors import InputError

    if not (profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {profile_dir}.",
        )
    return Workspace(profile_dir)


def run_list(args: argparse.Namespace) -> int:
    workspace = _open(args.profile_dir)
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


def _document(workspace: Any, document_id: str) -> tuple[str, str]:
    from ecabinet.errors import InputError

    for doc in workspace.status()["documents"]:
        if doc["id"] == document_id and doc["file_present"]:
            return str(doc["sha256"]), str(doc["title"])
    raise InputError(
        "Tài liệu này không có trên máy (chưa đồng bộ hoặc đã bị thu hồi).",
        code="no_document",
        message_en=f"Document {document_id} is not cached in this profile.",
    )


def run_export(args: argparse.Namespace) -> int:
    from ecabinet.pdf.annotated_export import export_annotated
    from ecabinet.timeutil import utcnow

    workspace = _open(args.profile_dir)
    try:
        sha256, title = _document(workspace, args.document)
        records = [r.to_dict() for r in workspace.annotations(args.document)]
        reader = workspace.open_paper(sha256)
        if reader is None:
            sha256, title = _document(workspace, "")  # raises: the file went missing
        with reader:
            data = reader.read_all()
        author = workspace.user_full_name or workspace.username or ""
    finally:
        workspace.close()
    output = args.output.resolve()
    # The paper, decrypted beside the output only for the export, then removed.
    handle, name = tempfile.mkstemp(suffix=".pdf", dir=output.parent)
    source = Path(name)
    try:
        with os.fdopen(handle, "wb") as sink:
            sink.write(data)
        report = export_annotated(
            source, records, output, document_title=title, exported_by=author,
            exported_at=utcnow(),
        )  # fmt: skip
    finally:
        with contextlib.suppress(OSError):
            source.unlink()
    print(
        f"Đã ghi {report.output} — {report.drawn} ghi chú trên trang, "
        f"{len(report.orphaned)} ghi chú mất vị trí (liệt kê ở trang cuối)."
    )
    return 0
