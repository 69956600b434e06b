"""Start the desktop app: ``python -m ui`` (or ``ecabinet-app``).

With a remembered profile the app opens at once on what this computer holds,
whether or not the server answers; otherwise it asks the user to log in.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# The core first, PySide6 after it: once PySide6 is loaded, every later import is read
# again as source to look for its `__feature__` switches (about 0.1 s and 20 MiB on the
# core's modules at start, bench/cold_start.py). keyring: the profile key is read from it.
import keyring  # noqa: F401

from ecabinet.client import config as cfg
from ecabinet.client.profile import profile_dir_for
from ecabinet.client.workspace import Workspace
from ecabinet.errors import ECabinetError
from ecabinet.store import ballot_queries, queries  # noqa: F401  (for ui.main_window)

# isort: split
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.errors import describe
from ui.i18n import install_language
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.theme.palette import install_theme
from ui.unlock import open_workspace
from ui.worker import BackgroundOp

log = logging.getLogger(__name__)
STARTED = time.perf_counter()
# If the catalogue never paints (its read failed), start the rest after this anyway.
START_AFTER_PAINT_GRACE_MS = 1500


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ecabinet-app", description="eCabinet desktop app")
    parser.add_argument("--server", help="server URL")
    parser.add_argument("--username")
    parser.add_argument(
        "--password-stdin", action="store_true", help="log in with the password on stdin"
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="without an OS keyring: the profile's passphrase on stdin (after the password)",
    )
    parser.add_argument("--profile-dir", type=Path, help="use this profile directory")
    parser.add_argument("--language", choices=cfg.LANGUAGES)
    parser.add_argument("--no-sync", action="store_true", help="do not contact the server at start")
    parser.add_argument(
        "--ca-bundle",
        type=Path,
        help="verify the server with this CA bundle (PEM), e.g. the Government CA's",
    )
    # For bench/cold_start.py: print timing and memory at the first paint, then quit.
    parser.add_argument("--exit-after-first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def choose_profile(args: argparse.Namespace, config: cfg.AppConfig) -> Path | None:
    if args.profile_dir:
        return Path(args.profile_dir)
    if args.server and args.username:
        return profile_dir_for(args.server, args.username)
    last = config.get(cfg.LAST_PROFILE)
    if last and (Path(last) / "ecabinet.sqlite3").is_file():
        return Path(last)
    return None


def open_main_window(
    app: QApplication, args: argparse.Namespace, config: cfg.AppConfig
) -> MainWindow | None:
    profile = choose_profile(args, config)
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    from_stdin = getattr(args, "passphrase_stdin", False)  # tests build args by hand
    passphrase = sys.stdin.readline().rstrip("\r\n") if from_stdin else None
    workspace: Workspace | None = None
    if profile is not None and ((profile / "ecabinet.sqlite3").is_file() or args.server):
        try:
            workspace = open_workspace(
                profile, server_url=args.server, passphrase=passphrase or None, defer_store=True
            )
        except ECabinetError as exc:
            QMessageBox.critical(None, "eCabinet", exc.message)
            return None
        if workspace is None:
            return None  # the passphrase was asked for and not given
    if workspace is None or (password is None and not workspace.username):
        dialog = LoginDialog(
            server=args.server or config.get(cfg.LAST_SERVER),
            username=args.username or config.get(cfg.LAST_USERNAME),
        )
        if workspace is not None:
            workspace.close()
        if not dialog.exec() or dialog.workspace is None:
            return None
        workspace, password = dialog.workspace, None
        window = MainWindow(workspace, config)
        window.start(sync=not args.no_sync)
    else:
        window = MainWindow(workspace, config)
        if password is not None and args.username:
            window.start(sync=False)
            window.login_and_sync(args.username, password)
        else:
            start_after_first_paint(window, sync=not args.no_sync)
    config.update(  # one write (and fsync) before the first paint, not three
        (cfg.LAST_PROFILE, str(workspace.paths.root)),
        (cfg.LAST_SERVER, workspace.server_url),
        (cfg.LAST_USERNAME, workspace.username or ""),
    )
    return window


def start_after_first_paint(window: MainWindow, *, sync: bool) -> None:
    """Check access now; open the store, sync, the periodic timer and the keyring checks
    after the catalogue's first paint (they load SQLAlchemy, the network stack and probe
    the keyring).

    Whether the papers are locked is asked at once, as before, so a locked profile's
    catalogue is hidden as soon as the answer arrives; ``start`` asks once more. Until the
    store opens, the catalogue and the access check read SQLCipher directly
    (ecabinet/client/store_opening.py).
    """
    window.session.check_access()
    started = False

    def start() -> None:
        nonlocal started
        if not started:
            started = True
            open_store(window)
            window.start(sync=sync)

    # Queued: whoever waits for the first paint (the cold-start benchmark) hears it first.
    # The window as context: a window closed before then starts nothing.
    window.first_painted.connect(lambda: QTimer.singleShot(0, window, start))
    QTimer.singleShot(START_AFTER_PAINT_GRACE_MS, window, start)


def open_store(window: MainWindow) -> None:
    """Open the workspace's store (SQLAlchemy, schema check, the writer) off the GUI
    thread; whatever needs it first waits for it instead of opening it twice."""
    workspace = window.workspace
    if workspace.store_opened:
        return
    BackgroundOp(
        parent=window,
        op=lambda: workspace.store,
        failure=lambda exc: window.show_banner(describe(exc)),
    ).run()


class SessionHandover(QObject):
    """When a window's session ends (log out, switch user, a wiped laptop), ask who logs
    in next and open their window; cancelling the login quits the app."""

    def __init__(self, app: QApplication, config: cfg.AppConfig) -> None:
        super().__init__(app)
        self.app = app
        self.config = config
        self.window: MainWindow | None = None
        self.dialog: LoginDialog | None = None

    def follow(self, window: MainWindow) -> None:
        self.window = window
        window.session_closed.connect(
            lambda how: self._closed(how, window.workspace.server_url, window.workspace.username)
        )

    def _closed(self, how: str, server: str, username: str | None) -> None:
        # Shown before the old window closes, so the app never runs out of windows.
        dialog = LoginDialog(server=server, username=(username or "") if how == "logout" else "")
        dialog.setObjectName("nextLoginDialog")
        dialog.accepted.connect(lambda: self._open(dialog))
        dialog.rejected.connect(self.app.quit)
        self.dialog = dialog
        dialog.open()

    def _open(self, dialog: LoginDialog) -> None:
        workspace = dialog.workspace
        if workspace is None:
            self.app.quit()
            return
        window = MainWindow(workspace, self.config)
        self.follow(window)
        window.show()
        window.start()
        self.config.set(cfg.LAST_PROFILE, str(workspace.paths.root))
        self.config.set(cfg.LAST_USERNAME, workspace.username or "")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.ca_bundle:
        from ecabinet.client.transport import CA_BUNDLE_ENV

        # Read by every client this process builds (client/transport.py).
        os.environ[CA_BUNDLE_ENV] = str(args.ca_bundle.resolve())
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("eCabinet")
    app.setOrganizationName("eCabinet")
    config = cfg.AppConfig()
    language = args.language or config.get(cfg.LANGUAGE)
    if not install_language(app, language):
        log.warning("no translation for %s; showing English", language)
    install_theme(config)  # before the login dialog, which is themed too
    window = open_main_window(app, args, config)
    if window is None:
        return 1
    if args.exit_after_first_paint:
        window.first_painted.connect(lambda: _report_first_paint(app, window))
    SessionHandover(app, config).follow(window)
    window.show()
    return app.exec()


def _seconds_since_process_start() -> float:
    """From the kernel's record of when this process began (Linux), else since import."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of stat(5), counted after "comm"
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - STARTED


def _report_first_paint(app: QApplication, window: MainWindow) -> None:
    import resource

    elapsed = _seconds_since_process_start()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(  # noqa: T201  (read by bench/cold_start.py)
        f"first-paint seconds_since_start={elapsed:.2f} documents={window.model.document_count()} "
        f"peak_rss_mib={peak_kib / 1024:.1f} cpu_s={time.process_time():.3f}",
        flush=True,
    )
    window.close()
    app.quit()
