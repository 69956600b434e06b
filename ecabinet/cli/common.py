"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecabinet.errors import InputError


def add_database_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, required=True, help="server data directory")
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL (e.g. postgresql+psycopg://user@host/db); default: SQLite in DATA_DIR",
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
