"""``ecabinet trust export``: the server keys a profile pinned, as a trust file.

Hand the file to whoever checks a result bundle: ``ecabinet verify BUNDLE
--trust-file FILE`` then proves the result against the keys this laptop pinned at its
first login, not against whatever key the bundle carries.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "trust", help="export the server keys a profile trusts"
    )
    actions = parser.add_subparsers(dest="trust_command", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a trust file for ecabinet verify")
    export.add_argument("--profile-dir", type=Path, required=True)
    export.add_argument("--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from ecabinet.client.definitions import pinned_server_keys
    from ecabinet.client.workspace import Workspace
    from ecabinet.crypto.server_keys import fingerprint, trust_file
    from ecabinet.errors import InputError
    from ecabinet.fsutil import atomic_write_bytes
    from ecabinet.timeutil import isoformat, utcnow

    if not (args.profile_dir / "ecabinet.sqlite3").is_file():
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}.",
        )
    workspace = Workspace(args.profile_dir)
    try:
        with workspace.store.read() as session:
            keys = pinned_server_keys(session)
        server_url = workspace.server_url
    finally:
        workspace.close()
    if not keys:
        raise InputError(
            "Hồ sơ này chưa ghim khóa máy chủ nào (chưa đăng nhập lần nào).",
            code="no_pinned_key",
            message_en="This profile has pinned no server key yet (never logged in).",
        )
    text = trust_file(server_url=server_url, keys=keys, exported_at=isoformat(utcnow()) or "")
    try:
        atomic_write_bytes(args.output, text.encode("utf-8"))
    except OSError as exc:
        print(f"ecabinet: Không ghi được tệp {args.output} ({exc})", file=sys.stderr)
        return 2
    print(f"Đã ghi tệp tin cậy: {args.output} (máy chủ {server_url})")
    for key in keys:
        print(f"  Khóa máy chủ: {fingerprint(key.key_id)}")
    return 0
