"""Raw HTTP helpers for session tests: logins from chosen source addresses, a lossy proxy."""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from ecabinet.crypto.device_proof import device_offer
from ecabinet.crypto.keys import SigningKey
from support.actors import PASSWORD

TIMEOUT = 30


class _SourceAdapter(HTTPAdapter):
    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def http_from(source: str) -> requests.Session:
    """A client whose connections leave from ``source`` (any 127.x.y.z works on loopback)."""
    http = requests.Session()
    adapter = _SourceAdapter(source)
    http.mount("http://", adapter)
    http.mount("https://", adapter)
    return http


def login(
    url: str,
    username: str,
    password: str = PASSWORD,
    *,
    http: requests.Session | None = None,
    device: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> requests.Response:
    body: dict[str, Any] = {"username": username, "password": password, "client_label": "test"}
    if device is not None:
        body["device"] = device
    return (http or requests).post(url + "/api/v1/auth/login", json=body, timeout=timeout)


def tokens(url: str, username: str, **kwargs: Any) -> dict[str, Any]:
    answer = login(url, username, **kwargs)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def offer(key: SigningKey, username: str, label: str = "Máy tính xách tay") -> dict[str, str]:
    return device_offer(key, username=username, label=label)


def refresh(url: str, refresh_token: str) -> requests.Response:
    return requests.post(
        url + "/api/v1/auth/refresh", json={"refresh_token": refresh_token}, timeout=TIMEOUT
    )


def me(url: str, access_token: str) -> requests.Response:
    return requests.get(
        url + "/api/v1/auth/me",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=TIMEOUT,
    )


def ended(answer: requests.Response) -> tuple[str, bool]:
    """(reason, wipe) of a session_ended answer; fails on any other answer."""
    assert answer.status_code == 401, answer.text
    error = answer.json()["error"]
    assert error["code"] == "session_ended", error
    assert error["message"] and error["message_en"]
    return error["reason"], error["wipe"]


class LossyProxy:
    """A TCP relay in front of the server that can lose one answer on its way back.

    ``lose_next_answer()`` arms it: the next bytes the server sends (on a connection the
    client already uses, so they are the answer to its next request) are thrown away and
    that connection is cut, as when a laptop's network drops just after sending. The
    request itself reached the server and was acted on. Works the same over TLS.
    """

    def __init__(self, server_url: str) -> None:
        parts = urlsplit(server_url)
        self._target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._listener = socket.create_server(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        self.url = urlunsplit((parts.scheme, f"127.0.0.1:{port}", "", "", ""))
        self._armed = threading.Event()
        self.lost = 0
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def lose_next_answer(self) -> None:
        self._armed.set()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._target)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                if answers and self._armed.is_set():
                    self._armed.clear()
                    self.lost += 1
                    break  # the answer is dropped and the connection cut
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self._listener.close()
        for sock in self._sockets:
            sock.close()


def server_query(server: Any, sql: str, **params: Any) -> list[Any]:
    """Rows from the running server's own database, to check what it recorded."""
    from sqlalchemy import text

    from ecabinet.dbengine import make_engine

    engine = make_engine(server.database_url or f"sqlite:///{server.data_dir / 'ecabinet.sqlite3'}")
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params))
    finally:
        engine.dispose()


def admin_api(url: str) -> Any:
    from ecabinet.client.api import ApiClient

    api = ApiClient(url)
    api.login("quantri", PASSWORD)
    return api


def server_session(server: Any) -> Any:
    """An ORM session on the running server's database (an attacker with write access)."""
    from sqlalchemy.orm import Session

    from ecabinet.dbengine import make_engine

    engine = make_engine(server.database_url or f"sqlite:///{server.data_dir / 'ecabinet.sqlite3'}")
    return Session(engine.execution_options(ecabinet_write=True))


def database_bytes(data_dir: Any, database_url: str | None) -> bytes:
    """Everything the database holds on disk (SQLite files) or would dump (pg_dump)."""
    import subprocess

    if not database_url:
        return b"".join(
            p.read_bytes() for p in sorted(data_dir.glob("ecabinet.sqlite3*")) if p.is_file()
        )
    plain = database_url.replace("postgresql+psycopg://", "postgresql://")
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--dbname", plain], capture_output=True, check=True
    )
    return dump.stdout
