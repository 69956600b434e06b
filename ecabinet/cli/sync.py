"""``ecabinet sync``: one full sync, headless, with a summary."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ecabinet.cli.common import add_passphrase_args, read_passphrase, read_password_stdin


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "sync", help="sync a profile with the server (headless)"
    )
    parser.add_argument(
        "--server", required=True, help="server URL, e.g. https://ecabinet.example.gov.vn"
    )
    parser.add_argument("--username", required=True)
    parser.add_argument(
        "--password-stdin", action="store_true", help="log in with the password on stdin"
    )
    parser.add_argument("--profile-dir", type=Path, required=True)
    add_passphrase_args(parser)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--ca-bundle",
        type=Path,
        help="verify the server with this CA bundle (PEM) instead of the system's list "
        "(also ECABINET_CA_BUNDLE)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ecabinet.client.workspace import Workspace

    password = read_password_stdin() if args.password_stdin else None
    passphrase = read_passphrase(args)
    workspace = Workspace(
        args.profile_dir, server_url=args.server, passphrase=passphrase, ca_bundle=args.ca_bundle
    )
    try:
        if password is not None:
            workspace.login(args.username, password, client_label="ecabinet sync")
        report = workspace.sync()
        if report.wiped:
            # The laptop was revoked and erased itself: say so, nothing else is left.
            error = report.errors[0]
            print(f"ecabinet: {error.message}\n          ({error.code}: {error.message_en})",
                  file=sys.stderr)  # fmt: skip
            return 3
        slot = workspace.api.refresh_slot
        keyring_note = slot.unavailable.message_en if slot and slot.unavailable else None
        identity = workspace.server_identity()
        pinned_now = workspace.tls_pinned_now
    finally:
        workspace.close()
    if pinned_now and not args.json:
        # First login: the minister can compare these with what the Government Office says.
        print("Đã ghi nhớ định danh máy chủ (lần đăng nhập đầu tiên trên máy này):")
        for line in identity.lines_vi():
            print(f"  {line}")
        print("  Hãy đối chiếu với dấu vân tay do Văn phòng Chính phủ cung cấp.")
    summary = {
        "ok": report.ok,
        "online": report.online,
        "pushed": report.pushed,
        "applied": report.applied,
        "rejected": report.rejected,
        "pages": report.pages,
        "changes": report.changes,
        "resynced": report.resynced,
        "files_downloaded": report.files_downloaded,
        "files_resumed": report.files_resumed,
        "bytes_downloaded": report.bytes_downloaded,
        "integrity_failures": report.integrity_failures,
        "round_trips": report.round_trips,
        "server_identity": {**identity.as_json(), "pinned_now": pinned_now},
        "seconds": round(report.seconds, 3),
        "errors": [
            {"code": e.code, "message": e.message, "message_en": e.message_en}
            for e in report.errors
        ],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        state = "xong" if report.ok else "chưa xong"
        print(
            f"Đồng bộ {state}: {report.changes} thay đổi, {report.pushed} thao tác gửi đi "
            f"({report.rejected} bị từ chối), {report.files_downloaded} tệp tải về "
            f"({report.bytes_downloaded / 1e6:.1f} MB, {report.files_resumed} tải tiếp), "
            f"{report.round_trips} lượt gọi, {report.seconds:.2f} s."
        )
        for error in report.errors:
            print(f"  lỗi: {error.message} ({error.code})", file=sys.stderr)
    if keyring_note:
        print(f"note: {keyring_note}", file=sys.stderr)
    return 0 if report.ok else 1
