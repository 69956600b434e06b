"""A hostile sync server: speaks just enough of the protocol to log a laptop in, then
answers pulls and pushes with whatever the test hands it.

It is the test's adversary (a server that was broken into, or an impostor), not a
stand-in for our server: nothing of ``ecabinet.server`` is used. Plain http on
loopback, which the client allows.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ecabinet.crypto.keys import SigningKey, b64

FILE_BYTES = b"%PDF-1.4\n% a paper the hostile server really serves\n%%EOF\n"
FILE_SHA256 = hashlib.sha256(FILE_BYTES).hexdigest()
USER_ID = str(uuid.UUID(int=1))


class HostileServer:
    def __init__(self) -> None:
        self.pages: list[Any] = []  # pages[0] for no cursor, pages[n] for cursor "c.hostile.n"
        self.push_answer: Any = None  # None: every mutation applied
        self.requests: list[str] = []
        self.key = SigningKey.generate()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # -- answers ------------------------------------------------------------
    def answer(self, method: str, target: str, body: bytes) -> tuple[int, Any]:
        url = urlsplit(target)
        self.requests.append(f"{method} {url.path}")
        if url.path == "/api/v1/auth/login":
            return 200, {
                "access_token": "hostile-access",
                "access_expires_at": "2999-01-01T00:00:00Z",
                "refresh_token": "hostile-refresh-token",
                "refresh_expires_at": "2999-01-01T00:00:00Z",
                "user": {"id": USER_ID, "username": "bt.taichinh", "full_name": "Lê Minh Khoa",
                         "title": "Bộ trưởng", "role": "member", "org_id": "org-1"},
            }  # fmt: skip
        if url.path == "/api/v1/server-info":
            return 200, {
                "name": "ecabinet", "version": "0.1.0", "epoch": "hostile",
                "server_time": "2026-06-01T00:00:00Z", "max_upload_bytes": 1000,
                "server_key": {"key_id": self.key.key_id, "public_key": b64(self.key.public_bytes)},
            }  # fmt: skip
        if url.path == "/api/v1/devices":
            return 201, {"key_id": "registered"}
        if url.path == "/api/v1/sync/pull":
            cursor = parse_qs(url.query).get("cursor", [""])[0]
            index = int(cursor.rsplit(".", 1)[1]) if cursor.startswith("c.hostile.") else 0
            return 200, self.pages[index]
        if url.path == "/api/v1/sync/push":
            if self.push_answer is not None:
                return 200, self.push_answer
            sent = json.loads(body)
            return 200, {"results": [
                {"mutation_id": m["mutation_id"], "status": "applied", "duplicate": False,
                 "result": {}} for m in sent["mutations"]
            ]}  # fmt: skip
        if url.path == f"/api/v1/files/{FILE_SHA256}":
            return 200, FILE_BYTES
        return 404, {"error": {"code": "not_found", "message": "-", "message_en": "-"}}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hostile = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _reply(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                status, payload = hostile.answer(self.command, self.path, self.rfile.read(length))
                if isinstance(payload, bytes):
                    data, kind = payload, "application/octet-stream"
                else:
                    data, kind = json.dumps(payload).encode(), "application/json"
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_HEAD = _reply

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
