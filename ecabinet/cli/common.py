"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ecabinet.errors import InputError


def add_database_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, required=True, help="server data directory")
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL (e.g. postgresql+psycopg://user@host/db); default: SQLite in DATA_DIR",
    )
    parser.add_argument(
        "--key-file",
        type=Path,
        default=None,
        help="the server's key file (default DATA_DIR/keys/server-keys.json); or give its "
        "content in the environment variable ECABINET_SERVER_KEYS",
    )


def server_settings(args: argparse.Namespace, **extra: Any) -> Any:
    """ServerSettings from the database arguments and the environment's key material."""
    from ecabinet.server.settings import KEY_FILE_ENV, ServerSettings

    return ServerSettings(
        data_dir=args.data_dir,
        database_url=args.database_url,
        key_file=args.key_file,
        key_material=os.environ.get(KEY_FILE_ENV) or None,
        **extra,
    )


def read_password_stdin() -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise InputError(
            "Không nhận được mật khẩu trên đầu vào chuẩn (stdin).",
            code="no_password",
            message_en="No password on standard input.",
        )
    return password


PASSPHRASE_FILE_ENV = "ECABINET_PASSPHRASE_FILE"  # noqa: S105 (a variable name)


def add_passphrase_args(parser: argparse.ArgumentParser) -> None:
    """For a computer without an OS keyring, where a passphrase protects the profile."""
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the profile's passphrase from stdin (after the password, if both)",
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        default=None,
        help=f"read the profile's passphrase from the first line of this file "
        f"(default: ${PASSPHRASE_FILE_ENV}); only needed without an OS keyring",
    )


def read_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from stdin or a file, or None when none was offered."""
    if getattr(args, "passphrase_stdin", False):
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError(
                "Không nhận được cụm mật khẩu trên đầu vào chuẩn (stdin).",
                code="no_passphrase",
                message_en="No passphrase on standard input.",
            )
        return line
    source = getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_FILE_ENV)
    if not source:
        return None
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(
            "Không đọc được tệp chứa cụm mật khẩu.",
            code="no_passphrase",
            message_en=f"Cannot read the passphrase file {source}: {exc}",
        ) from exc
    if not lines or not lines[0]:
        raise InputError(
            "Tệp chứa cụm mật khẩu đang trống.",
            code="no_passphrase",
            message_en=f"The passphrase file {source} is empty.",
        )
    return lines[0]
