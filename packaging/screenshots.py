"""Screenshots of the real app for the README, on a virtual X display.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python packaging/screenshots.py docs/images

Starts `ecabinet demo --no-gui` in a temporary directory, logs the app in as the
Minister of Finance, waits for the sync and saves PNGs of the login dialog, the home
view, the budget submission open, a meeting, a written-opinion ballot, and the budget
submission again in the dark theme, a search ignoring diacritics, and the
secretariat's "Chuẩn bị họp" workspace (logged in as a clerk of the Government Office).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path


def start_demo(work: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecabinet", "demo", "--no-gui", "--data-dir", str(work / "demo")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("DEMO READY"):
            return proc, dict(re.findall(r"(\w+)=(\S+)", line))
    raise SystemExit("the demo did not start")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ecabinet-shots-"))
    os.environ["ECABINET_HOME"] = str(work / "home")
    # A keyring, as on a minister's laptop (the tests' file-backed one; throwaway secrets).
    support = Path(__file__).resolve().parents[1] / "tests" / "support"
    sys.path.insert(0, str(support))
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring_file_backend.FileKeyring"
    os.environ["ECABINET_TEST_KEYRING_DIR"] = str(work / "keyring")
    demo, ready = start_demo(work)
    try:
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        from ecabinet.client import config as cfg
        from ui.i18n import install_language
        from ui.login_dialog import LoginDialog
        from ui.main_window import MainWindow
        from ui.theme.palette import install_theme

        app = QApplication([])
        install_language(app, "vi")
        install_theme(cfg.AppConfig(work / "config.json"))  # light, whatever the host's

        def wait(ms: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        login = LoginDialog(server=ready["url"], username=ready["username"], profile_root=work)
        login.password.setText(ready["password"])
        login.show()
        wait(500)
        login.grab().save(str(out / "login.png"))
        login.attempt_login()
        while login.workspace is None or login.isVisible():
            wait(100)
        window = MainWindow(login.workspace, cfg.AppConfig(work / "config.json"))
        window.resize(1400, 860)
        window.show()
        window.start()
        while window.model.document_count() == 0 or window.sync.running:
            wait(200)
        window.menus.theme.set_choice("light")
        wait(1500)
        window.grab().save(str(out / "home.png"))
        index = window.model.index(0, 0)
        budget = None
        for row in range(window.model.rowCount(index)):
            item = window.model.index(row, 0, index)
            for doc_row in range(window.model.rowCount(item)):
                doc = window.model.index(doc_row, 0, item)
                if "ngân sách" in str(doc.data()) and "TTr" in str(doc.data()):
                    budget = budget or doc
        window.tree.setCurrentIndex(budget or index)
        wait(2500)
        window.grab().save(str(out / "main-window.png"))
        window.menus.theme.set_choice("dark")
        wait(1500)
        window.grab().save(str(out / "dark.png"))
        window.menus.theme.set_choice("light")
        window.tree.setCurrentIndex(index)
        wait(500)
        window.grab().save(str(out / "meeting.png"))
        open_ballots = sorted(
            (b for b in window.model.ballots.values() if b.status == "open"),
            key=lambda b: b.state != "not_answered",  # one still waiting for this minister
        )
        if open_ballots:
            window.open_document_by_id(open_ballots[0].id)
            wait(2500)
            window.grab().save(str(out / "ballot.png"))
        search = window.features.search
        search.reveal()
        search.panel.ignore_diacritics.setChecked(True)
        search.panel.query.setText("ngan sach")
        search.panel.search_now()
        wait(2500)
        window.grab().save(str(out / "search.png"))
        window.close()

        clerk = LoginDialog(server=ready["url"], username="vpcp.chuyenvien", profile_root=work)
        clerk.password.setText(ready["password"])
        clerk.attempt_login()
        while clerk.workspace is None or clerk.isVisible():
            wait(100)
        office = MainWindow(clerk.workspace, cfg.AppConfig(work / "clerk-config.json"))
        office.resize(1400, 860)
        office.show()
        office.start()
        while office.sync.running or office.model.document_count() == 0:
            wait(200)
        preparation = office.features.preparation
        assert preparation is not None, "the clerk did not get the preparation workspace"
        preparation.trigger()
        wait(3000)
        prepare = office.prepare_opener.prepare_window  # type: ignore[attr-defined]
        prepare.resize(1300, 800)
        if prepare.meeting_list.count():
            prepare.meeting_list.setCurrentRow(0)
        wait(3000)
        prepare.grab().save(str(out / "prepare.png"))
        office.close()
        print(f"saved screenshots in {out}")
        return 0
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(30)


if __name__ == "__main__":
    raise SystemExit(main())
