"""``ecabinet serve``: run the sync server."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ecabinet.cli.common import add_database_args, server_settings
from ecabinet.server.settings import MIB, ServerSettings

_DEFAULTS = ServerSettings(data_dir=Path())


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser("serve", help="run the sync server")
    add_database_args(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8740, help="0 picks a free port")
    parser.add_argument("--port-file", type=Path, help="write the bound port here once listening")
    parser.add_argument("--max-upload-mb", type=int, default=200)
    seconds = _DEFAULTS.access_token_ttl.total_seconds()
    parser.add_argument(
        "--max-body-mb", type=int, default=16, help="largest JSON request body (413 beyond)"
    )
    parser.add_argument(
        "--access-token-ttl", type=float, default=seconds, help="seconds an access token lives"
    )
    parser.add_argument(
        "--session-idle-ttl",
        type=float,
        default=_DEFAULTS.session_idle_ttl.total_seconds(),
        help="seconds a session may go without a refresh before it ends",
    )
    parser.add_argument(
        "--session-absolute-ttl",
        type=float,
        default=_DEFAULTS.session_absolute_ttl.total_seconds(),
        help="seconds after its password login a session ends, however used",
    )
    parser.add_argument(
        "--refresh-grace",
        type=float,
        default=_DEFAULTS.refresh_grace.total_seconds(),
        help="seconds a rotated refresh token may be presented again (a lost answer)",
    )
    parser.add_argument(
        "--offline-access-days",
        type=int,
        default=_DEFAULTS.offline_access_days,
        help="days a laptop may stay offline before the app locks its papers",
    )
    parser.add_argument(
        "--allow-classified-distribution",
        action="store_true",
        help="policy: items marked Mật/Tối mật/Tuyệt mật may be published with their papers",
    )
    parser.add_argument(
        "--password-checks-at-once",
        type=int,
        default=_DEFAULTS.password_checks_at_once,
        help="password checks (argon2, one core each) run at the same time",
    )
    parser.add_argument(
        "--login-free-attempts",
        type=int,
        default=_DEFAULTS.login_free_attempts,
        help="wrong passwords per username and address before delays start",
    )
    parser.add_argument(
        "--source-free-attempts",
        type=int,
        default=_DEFAULTS.source_free_attempts,
        help="wrong passwords per address (any username) before delays start",
    )
    parser.add_argument(
        "--login-delay-base",
        type=float,
        default=_DEFAULTS.login_delay_base.total_seconds(),
        help="seconds of the first delay; each further wrong password doubles it",
    )
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--tls-cert", type=Path, help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from ecabinet.server.runner import serve

    settings = server_settings(
        args,
        max_upload_bytes=args.max_upload_mb * MIB,
        max_body_bytes=args.max_body_mb * MIB,
        access_token_ttl=timedelta(seconds=args.access_token_ttl),
        session_idle_ttl=timedelta(seconds=args.session_idle_ttl),
        session_absolute_ttl=timedelta(seconds=args.session_absolute_ttl),
        refresh_grace=timedelta(seconds=args.refresh_grace),
        offline_access_days=args.offline_access_days,
        allow_classified_distribution=args.allow_classified_distribution,
        password_checks_at_once=max(1, args.password_checks_at_once),
        login_free_attempts=args.login_free_attempts,
        source_free_attempts=args.source_free_attempts,
        login_delay_base=timedelta(seconds=args.login_delay_base),
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
