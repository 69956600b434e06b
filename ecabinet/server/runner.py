"""Run the server with uvicorn; port 0 picks a free port and reports it."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

import uvicorn

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


def serve(
    settings: ServerSettings,
    *,
    host: str,
    port: int,
    port_file: Path | None = None,
    log_level: str = "info",
) -> None:
    # Everything the server creates (database, blobs, key file, port file) is readable by
    # its own user only; build_context also sets the modes explicitly.
    os.umask(0o077)
    app = create_app(settings)
    sock = bind_socket(host, port)
    actual_port = sock.getsockname()[1]
    if port_file is not None:
        # Written only once the socket listens, so a reader may connect at once.
        atomic_write_bytes(port_file, f"{actual_port}\n".encode())
    print(f"eCabinet server listening on http://{host}:{actual_port}", flush=True)  # noqa: T201
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=log_level == "debug",
        timeout_graceful_shutdown=5,
        server_header=False,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        app.state.ctx.close()
