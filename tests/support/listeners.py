"""Sockets that only listen and record, to check what a client sent, if anything.

They are the test's own adversaries and witnesses, not stand-ins for our server: a
plain TCP listener on any interface, and a TLS listener presenting a certificate of the
test's choosing.
"""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
import threading
from pathlib import Path


class RecordingListener:
    """Accepts connections and records every byte received until the peer stops."""

    def __init__(self, host: str = "0.0.0.0", tls: tuple[Path, Path] | None = None) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self.context: ssl.SSLContext | None = None
        if tls is not None:
            self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self.context.load_cert_chain(*tls)
        self.connections = 0
        self.handshakes = 0
        self.received: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        data = b""
        conn.settimeout(3)
        try:
            if self.context is not None:
                conn = self.context.wrap_socket(conn, server_side=True)
                with self._lock:
                    self.handshakes += 1
            # Read one request, then hang up without answering: a client that sent
            # anything is caught; one that sends nothing closes and we read b"".
            while not _one_request(data):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (OSError, ssl.SSLError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()
            with self._lock:
                self.received.append(data)

    def wait_for(self, connections: int, timeout: float = 20) -> None:
        """Until ``connections`` connections have been read to their end."""
        deadline = threading.Event()
        for _ in range(int(timeout / 0.05)):
            with self._lock:
                if len(self.received) >= connections:
                    return
            deadline.wait(0.05)
        raise AssertionError(f"the listener read {len(self.received)} of {connections}")

    def everything(self) -> bytes:
        with self._lock:
            return b"".join(self.received)

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
        self._thread.join(5)


def _one_request(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    return len(body) >= (int(length.group(1)) if length else 0)


def non_loopback_host() -> str:
    """An address of this computer that is not loopback (as a name the client gets)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
        address = str(probe.getsockname()[0])
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    if not address.startswith("127."):
        return address
    # No route off the machine: the host name, which the client must not take as loopback.
    return socket.gethostname()
