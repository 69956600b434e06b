"""``ecabinet status``: what the local store of a profile holds."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ecabinet.cli.common import add_passphrase_args, read_passphrase


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "status", help="show what a profile holds offline"
    )
    parser.add_argument("--profile-dir", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="decrypt and authenticate every cached file (damaged ones are fetched again)",
    )
    add_passphrase_args(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ecabinet.client.pins import ServerIdentity
    from ecabinet.client.workspace import Workspace
    from ecabinet.errors import InputError

    if not (args.profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}.",
        )
    workspace = Workspace(args.profile_dir, passphrase=read_passphrase(args))
    try:
        status = workspace.status(verify=args.verify)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
        return 0
    print(f"Máy chủ: {status['server_url']}  Tài khoản: {status['username']}")
    print(f"Lần đồng bộ gần nhất: {status['last_sync_at'] or 'chưa có'}")
    identity = status["server_identity"]
    for line in ServerIdentity(identity["tls_spki_sha256"], identity["receipt_key_id"]).lines_vi():
        print(line)
    print(f"Thao tác đang chờ gửi: {status['outbox_pending']}")
    for meeting in status["meetings"]:
        print(f"- {meeting['title']} ({meeting['documents']} tài liệu)")
    docs = status["documents"]
    ready = sum(1 for d in docs if d["file_verified"])
    print(f"Tài liệu sẵn sàng đọc ngoại tuyến: {ready}/{len(docs)}")
    return 0
