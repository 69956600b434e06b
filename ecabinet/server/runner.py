"""Run the server with uvicorn; port 0 picks a free port and reports it.

With a certificate and key it serves HTTPS only (TLS 1.2 or later, Python's default);
without, plain http, which clients accept only on loopback (client/transport.py).
"""

from __future__ import annotations

import logging
import os
import socket
import ssl
import sys
from pathlib import Path

import uvicorn

from ecabinet.errors import InputError
from ecabinet.fsutil import atomic_write_bytes
from ecabinet.server.app import create_app
from ecabinet.server.settings import ServerSettings

log = logging.getLogger(__name__)


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def check_tls_files(cert: Path, key: Path) -> None:
    """Refuse at start, with a clear message, a certificate and key that cannot serve."""
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise InputError(
            f"Không nạp được chứng thư TLS «{cert}» với khóa «{key}»: {exc}",
            code="bad_tls_files",
            message_en=f"Cannot load the TLS certificate {cert} with key {key}: {exc}",
        ) from exc


def serve(
    settings: ServerSettings,
    *,
    host: str,
    port: int,
    port_file: Path | None = None,
    log_level: str = "info",
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
) -> None:
    if (tls_cert is None) != (tls_key is None):
        raise InputError(
            "Cần cả chứng thư (--tls-cert) lẫn khóa (--tls-key) để phục vụ HTTPS.",
            code="bad_tls_files",
            message_en="HTTPS needs both --tls-cert and --tls-key.",
        )
    if tls_cert is not None and tls_key is not None:
        check_tls_files(tls_cert, tls_key)
    # Everything the server creates (database, blobs, key file, port file) is readable by
    # its own user only; build_context also sets the modes explicitly.
    os.umask(0o077)
    app = create_app(settings)
    sock = bind_socket(host, port)
    actual_port = sock.getsockname()[1]
    if port_file is not None:
        # Written only once the socket listens, so a reader may connect at once.
        atomic_write_bytes(port_file, f"{actual_port}\n".encode())
    scheme = "https" if tls_cert else "http"
    shown_host = f"[{host}]" if ":" in host else host
    print(f"eCabinet server listening on {scheme}://{shown_host}:{actual_port}", flush=True)  # noqa: T201
    if tls_cert is None:
        print(  # noqa: T201
            "warning: plain http: clients connect only from this computer (loopback) or "
            "through a TLS proxy; give --tls-cert and --tls-key to serve HTTPS",
            file=sys.stderr,
            flush=True,
        )
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=log_level == "debug",
        timeout_graceful_shutdown=5,
        server_header=False,
        ssl_certfile=tls_cert,
        ssl_keyfile=tls_key,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        app.state.ctx.close()
