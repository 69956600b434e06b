"""``ecabinet demo``: an embedded server with Vietnamese sample data, and the app.

A second run serves the same data on the same port: the app's profile has pinned
the server's address, so the demo remembers its port (``port`` in the data
directory) and says so plainly when something else holds it.

On a computer without an OS keyring the app's profile is protected by a passphrase
like any other; the demo passes a printed demo passphrase to the app on stdin,
with the demo password, and says so.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ecabinet.client.profile import data_home, profile_dir_for
from ecabinet.errors import ECabinetError

if TYPE_CHECKING:
    from ecabinet.server.process import ServerProcess

READY_MARK = "seeded"
PORT_FILE = "port"


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "demo", help="run a demo server with sample data and open the app as a minister"
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="default: <app data>/demo")
    parser.add_argument(
        "--port", type=int, default=0, help="default: the port of the last run, else a free one"
    )
    parser.add_argument("--no-gui", action="store_true", help="serve only; print URL and accounts")
    parser.add_argument("--reset", action="store_true", help="start again from empty data")
    parser.add_argument("--username", default=None, help="log the app in as this user")
    parser.set_defaults(handler=run)


def _say(text: str) -> None:
    print(text, flush=True)


def remembered_port(data_dir: Path) -> int:
    with contextlib.suppress(OSError, ValueError):
        return int((data_dir / PORT_FILE).read_text().strip())
    return 0


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name == "posix":  # as uvicorn binds: a port in TIME_WAIT is free
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(data_dir: Path, requested: int) -> int:
    """The port of the last run (the app's profile pinned that address), else a free one."""
    port = requested or remembered_port(data_dir)
    if port and not port_is_free(port):
        raise ECabinetError(
            f"Cổng {port} mà bản demo dùng đang bận (có thể một bản demo khác vẫn đang chạy). "
            "Hãy dừng chương trình đang giữ cổng đó, hoặc chạy lại với --port <cổng khác> "
            "(ứng dụng sẽ dùng một hồ sơ mới cho địa chỉ đó), hoặc --reset.",
            code="demo_port_busy",
            message_en=f"Port {port}, which the demo uses, is taken (another demo still "
            "running?). Stop whatever holds it, or pass --port <another> (the app then uses "
            "a new profile for that address), or --reset.",
        )
    return port


def app_command(url: str, username: str, profile: Path, *, passphrase: bool) -> list[str]:
    """How the demo starts the app: the password (and passphrase) come on stdin."""
    command = [
        sys.executable, "-m", "ui", "--server", url, "--username", username,
        "--password-stdin", "--profile-dir", str(profile),
    ]  # fmt: skip
    return [*command, "--passphrase-stdin"] if passphrase else command


def _start_server(data_dir: Path, port: int) -> ServerProcess:
    from ecabinet.server.process import ServerProcess

    try:
        return ServerProcess(data_dir / "server", port=port).start()
    except RuntimeError as exc:
        raise ECabinetError(
            f"Máy chủ demo không khởi động được; xem {data_dir / 'server' / 'server.log'}.",
            code="demo_server_failed",
            message_en=f"The demo server did not start: {exc}",
        ) from exc


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from ecabinet.client.vault import os_keyring_works
    from ecabinet.demo.sample_content import (
        DEFAULT_MINISTER,
        DEMO_PASSPHRASE,
        DEMO_PASSWORD,
        demo_dataset,
    )
    from ecabinet.demo.seed import create_accounts, publish_meetings, render_papers
    from ecabinet.server.settings import ServerSettings
    from ecabinet.timeutil import VIETNAM_TZ

    data_dir: Path = args.data_dir or data_home() / "demo"
    if args.reset and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    dataset = demo_dataset(datetime.now(VIETNAM_TZ))
    seeded = (data_dir / READY_MARK).exists()
    if not seeded:
        _say("Đang tạo dữ liệu mẫu (tài khoản, tài liệu PDF tiếng Việt)…")
        create_accounts(ServerSettings(data_dir=data_dir / "server"), dataset)
        papers = render_papers(dataset, data_dir / "sample-pdfs")
    server = _start_server(data_dir, choose_port(data_dir, args.port))
    url = server.url
    (data_dir / PORT_FILE).write_text(str(server.port))

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        if not seeded:
            _say("Văn phòng Chính phủ chuẩn bị các phiên họp:")
            publish_meetings(url, dataset, papers, _say)
            (data_dir / READY_MARK).write_text(datetime.now(VIETNAM_TZ).isoformat())
        username = args.username or DEFAULT_MINISTER
        _say(f"Máy chủ eCabinet (demo): {url}")
        _say(f"Mật khẩu chung của mọi tài khoản demo: {DEMO_PASSWORD}")
        _say("Tài khoản:")
        for person in dataset.users:
            _say(f"  {person.username:<18} {person.role:<12} {person.full_name} — {person.title}")
        keyring_works = os_keyring_works()
        if not keyring_works:
            _say(
                "Máy này không có kho khóa của hệ điều hành (keyring): hồ sơ của ứng dụng demo "
                f"được mã hóa bằng cụm mật khẩu demo „{DEMO_PASSPHRASE}“, mà bản demo chuyển "
                "cho ứng dụng qua stdin cùng mật khẩu demo. Không dùng cách này với tài liệu thật."
            )
        _say(f"DEMO READY url={url} username={username} password={DEMO_PASSWORD}")
        if args.no_gui:
            _say("Nhấn Ctrl+C để dừng máy chủ.")
            server.wait()
            return 0
        profile = profile_dir_for(url, username, data_dir)
        app = subprocess.Popen(
            app_command(url, username, profile, passphrase=not keyring_works),
            stdin=subprocess.PIPE,
            text=True,
        )
        assert app.stdin is not None
        app.stdin.write(DEMO_PASSWORD + "\n")
        if not keyring_works:
            app.stdin.write(DEMO_PASSPHRASE + "\n")
        app.stdin.close()
        return app.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
