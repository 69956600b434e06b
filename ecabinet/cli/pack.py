"""``ecabinet pack build``: a synced meeting's pack as one PDF, for the secretariat's
scripts and for support staff."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ecabinet.cli.common import add_passphrase_args, read_passphrase


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "pack", help="build a meeting's pack (cover, contents, papers, stamps) as one PDF"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build the pack of a synced meeting")
    build.add_argument("--profile-dir", type=Path, required=True)
    build.add_argument("--meeting", required=True, metavar="ID")
    build.add_argument("--output", type=Path, required=True, metavar="FILE")
    build.add_argument(
        "--watermark-for", default=None, metavar="USERNAME",
        help="mark every page with this member's name and the time",
    )  # fmt: skip
    add_passphrase_args(build)
    build.set_defaults(handler=run_build)


def run_build(args: argparse.Namespace) -> int:
    from ecabinet.client.workspace import Workspace
    from ecabinet.errors import InputError
    from ecabinet.pack.from_store import build_pack

    if not (args.profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}.",
        )
    workspace = Workspace(args.profile_dir, passphrase=read_passphrase(args))
    try:
        report = build_pack(workspace, args.meeting, args.output, args.watermark_for)
    finally:
        workspace.close()
    marked = f", đóng dấu chìm cho {args.watermark_for}" if args.watermark_for else ""
    print(
        f"Đã ghi {report.output} — {report.pages} trang, {report.documents} tài liệu, "
        f"{report.dividers} trang ngăn cách{marked}."
    )
    return 0
