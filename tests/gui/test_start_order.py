"""Starting from a remembered profile: the catalogue first, then the sync (ui/app.py).

Whatever the first paint does not need waits for it; the access check does not, so a
profile whose papers are locked still shows none of them.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.server import ServerFactory

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, utcnow
from ui.app import open_main_window
from ui.main_window import MainWindow

MINISTER = "bt.taichinh"


def _synced_profile(server_factory: ServerFactory, tmp_path: Path) -> tuple[Path, str]:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ", [MINISTER])
    clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf"), title="Tờ trình ngân sách")
    profile = tmp_path / "profile"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login(MINISTER, PASSWORD)
        assert workspace.sync().ok, "the profile could not be prepared"
    finally:
        workspace.close()
    return profile, server.url


def _open(qtbot: QtBot, qapp: QApplication, profile: Path, tmp_path: Path) -> MainWindow:
    args = argparse.Namespace(
        profile_dir=profile, server=None, username=None, password_stdin=False, no_sync=False
    )
    window = open_main_window(qapp, args, AppConfig(tmp_path / "config.json"))
    assert window is not None, "the remembered profile did not open"
    qtbot.addWidget(window)
    return window


def test_the_catalogue_paints_before_the_sync_starts_and_the_sync_still_runs(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path
) -> None:
    profile, _url = _synced_profile(server_factory, tmp_path)
    window = _open(qtbot, qapp, profile, tmp_path)
    order: list[str] = []
    window.first_painted.connect(lambda: order.append("painted"))
    window.sync.started.connect(lambda: order.append("sync"))
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as finished:
        pass
    assert order[:2] == ["painted", "sync"], f"the sync did not wait for the catalogue: {order}"
    assert finished.args[0].ok, f"the deferred sync failed: {finished.args[0].errors}"
    assert window.model.document_count() == 1
    window.close()


def test_a_locked_profile_still_shows_no_paper_at_start(
    qtbot: QtBot, qapp: QApplication, server_factory: ServerFactory, tmp_path: Path
) -> None:
    profile, url = _synced_profile(server_factory, tmp_path)
    workspace = Workspace(profile, server_url=url)
    long_ago = isoformat(utcnow() - timedelta(days=30))
    workspace.store.write(lambda s: meta.put(s, meta.LAST_CONTACT_AT, long_ago))
    workspace.close()
    window = _open(qtbot, qapp, profile, tmp_path)
    shown: list[int] = []
    window.catalogue_loaded.connect(lambda: shown.append(window.model.document_count()))
    window.show()
    qtbot.waitUntil(lambda: "14 ngày" in window.banner.text(), timeout=10_000)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert window.model.document_count() == 0, "a locked profile showed its papers"
    window.login_dialog.close()
    window.close()
