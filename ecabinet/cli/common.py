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
