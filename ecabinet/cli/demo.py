"""``ecabinet demo``: an embedded server with Vietnamese sample data, and the app."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ecabinet.client.profile import data_home
from ecabinet.errors import ECabinetError

if TYPE_CHECKING:
    from ecabinet.server.process import ServerProcess

READY_MARK = "seeded"


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "demo", help="run a demo server with sample data and open the app as a minister"
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="default: <app data>/demo")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--no-gui", action="store_true", help="serve only; print URL and accounts")
    parser.add_argument("--reset", action="store_true", help="start again from empty data")
    parser.add_argument("--username", default=None, help="log the app in as this user")
    parser.set_defaults(handler=run)


def _say(text: str) -> None:
    print(text, flush=True)


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

    from ecabinet.demo.keyring_backend import ENV as DEMO_KEYRING_ENV
    from ecabinet.demo.keyring_backend import os_keyring_works
    from ecabinet.demo.sample_content import DEFAULT_MINISTER, DEMO_PASSWORD, demo_dataset
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
    server = _start_server(data_dir, args.port)
    url = server.url

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
        _say(f"DEMO READY url={url} username={username} password={DEMO_PASSWORD}")
        if args.no_gui:
            _say("Nhấn Ctrl+C để dừng máy chủ.")
            server.wait()
            return 0
        env = dict(os.environ)
        if not os_keyring_works():
            _say(
                "Máy này không có kho khóa của hệ điều hành: "
                "bản demo lưu khóa ký trong một tệp demo."
            )
            env["PYTHON_KEYRING_BACKEND"] = "ecabinet.demo.keyring_backend.DemoKeyring"
            env[DEMO_KEYRING_ENV] = str(data_dir / "demo-keyring.json")
        app = subprocess.Popen(
            [sys.executable, "-m", "ui", "--server", url, "--username", username,
             "--password-stdin", "--profile-dir", str(data_dir / "profiles" / username)],
            stdin=subprocess.PIPE,
            text=True,
            env=env,
        )  # fmt: skip
        assert app.stdin is not None
        app.stdin.write(DEMO_PASSWORD + "\n")
        app.stdin.close()
        return app.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
