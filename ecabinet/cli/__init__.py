"""The ``ecabinet`` command line: serve, admin, sync, status, search, annotations, demo,
verify, trust, edxml, pack, sign-pdf, verify-pdf and meeting."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ecabinet import __version__
from ecabinet.cli import (
    admin,
    annotating,
    demo,
    edxml,
    meeting,
    pack,
    search,
    serve,
    signing,
    status,
    sync,
    trust,
    verify,
)
from ecabinet.errors import ECabinetError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecabinet", description="eCabinet: Government meetings and papers, offline first."
    )
    parser.add_argument("--version", action="version", version=f"ecabinet {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (
        serve,
        admin,
        sync,
        status,
        search,
        annotating,
        demo,
        verify,
        trust,
        edxml,
        pack,
        signing,
        meeting,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.handler(args)
    except ECabinetError as exc:
        print(f"ecabinet: {exc.message}\n          ({exc.code}: {exc.message_en})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code
