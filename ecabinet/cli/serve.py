"""``ecabinet serve``: run the sync server."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ecabinet.cli.common import add_database_args
from ecabinet.server.settings import MIB, ServerSettings


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser("serve", help="run the sync server")
    add_database_args(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8740, help="0 picks a free port")
    parser.add_argument("--port-file", type=Path, help="write the bound port here once listening")
    parser.add_argument("--max-upload-mb", type=int, default=200)
    parser.add_argument(
        "--max-body-mb", type=int, default=16, help="largest JSON request body (413 beyond)"
    )
    parser.add_argument(
        "--access-token-ttl", type=float, default=600.0, help="seconds an access token lives"
    )
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--tls-cert", type=Path, help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from ecabinet.server.runner import serve

    settings = ServerSettings(
        data_dir=args.data_dir,
        database_url=args.database_url,
        max_upload_bytes=args.max_upload_mb * MIB,
        max_body_bytes=args.max_body_mb * MIB,
        access_token_ttl=timedelta(seconds=args.access_token_ttl),
    )
    serve(
        settings,
        host=args.host,
        port=args.port,
        port_file=args.port_file,
        log_level=args.log_level,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
    )
    return 0
