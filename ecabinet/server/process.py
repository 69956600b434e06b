"""The sync server in a child process on loopback: the demo runs it, tests start and kill it.

``ecabinet serve --port 0 --port-file F`` writes the port once it listens, so the
parent waits for that file, not for a guess at a free port. Given a certificate and key
it serves HTTPS (the tests do, with a CA of their own); the demo serves plain http,
which clients accept on loopback only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests


@dataclass
class ServerProcess:
    data_dir: Path
    database_url: str | None = None
    extra_args: list[str] = field(default_factory=list)
    port: int = 0  # 0: pick a free one the first time, then keep it across restarts
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    ca_bundle: Path | None = None  # to check the server is up; None: the default list

    @property
    def url(self) -> str:
        scheme = "https" if self.tls_cert else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> ServerProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port_file = self.data_dir / "port"
        port_file.unlink(missing_ok=True)
        cmd = [
            sys.executable, "-m", "ecabinet", "serve",
            "--data-dir", str(self.data_dir),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--port-file", str(port_file),
            "--log-level", "warning",
            *self.extra_args,
        ]  # fmt: skip
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        if self.tls_cert and self.tls_key:
            cmd += ["--tls-cert", str(self.tls_cert), "--tls-key", str(self.tls_key)]
        self.log_path = self.data_dir / "server.log"
        # The log may name accounts and addresses: the server's user only, like its data.
        fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not port_file.exists():
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"server did not start within {timeout}s:\n{self.log()}")
            time.sleep(0.05)
        self.port = int(port_file.read_text())
        verify: str | bool = str(self.ca_bundle) if self.ca_bundle else True
        requests.get(self.url + "/healthz", timeout=10, verify=verify).raise_for_status()
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:] if self.log_path else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill(self) -> None:
        """Die like a crashed server: no graceful shutdown, connections cut."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def restart(self) -> ServerProcess:
        self.stop()
        return self.start()

    def wait(self) -> int:
        """Until the server exits on its own (``ecabinet demo --no-gui``)."""
        return self.proc.wait() if self.proc else 0

    def admin_args(self) -> list[str]:
        """The arguments ``ecabinet admin …`` needs to reach this server's database."""
        args = ["--data-dir", str(self.data_dir)]
        if self.database_url:
            args += ["--database-url", self.database_url]
        return args
