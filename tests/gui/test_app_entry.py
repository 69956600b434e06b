"""The app's own entry point, as `ecabinet demo` starts it: password on stdin, then up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.server import ServerFactory


def test_the_app_starts_logged_in_from_the_command_line(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ", ["bt.taichinh"])
    clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf"), title="Tờ trình")
    profile = tmp_path / "profile"
    env = {**os.environ, "ECABINET_HOME": str(tmp_path / "home")}
    command = [
        sys.executable, "-m", "ui", "--server", server.url, "--username", "bt.taichinh",
        "--password-stdin", "--profile-dir", str(profile), "--exit-after-first-paint",
    ]  # fmt: skip
    result = subprocess.run(
        command, input=PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "first-paint seconds_since_start=" in result.stdout
    # The login happened in the background and the profile now belongs to this minister.
    assert (profile / "ecabinet.sqlite3").is_file()
    config = (tmp_path / "home" / "config.json").read_text()
    assert str(profile) in config
