"""The window fits a 1366×768 laptop at 100 % and a 1440×900 screen at 150 % and 200 %
(960×600 and 720×450 logical pixels), with the status bar and the sign button reachable,
and remembers its geometry per screen. Each size runs the real window in a subprocess
on a virtual screen of that size and scale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory

from ecabinet.client.config import AppConfig
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow

PROBE = Path(__file__).with_name("fit_probe.py")


@pytest.fixture
def synced_profile(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> tuple[Path, Path, str]:
    """A minister's profile with a meeting, a paper and an open ballot, synced."""
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Dự thảo Nghị định về ngân sách nhà nước")
    doc = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "duthao.pdf", 2, "Dự thảo Nghị định"),
        title="Dự thảo Nghị định", item_id=item["id"],
    )  # fmt: skip
    ballot = clerk.create_ballot(
        meeting["id"], "Đồng ý thông qua dự thảo Nghị định?",
        document_ids=[doc["document"]["id"]], agenda_item_id=item["id"],
    )  # fmt: skip
    dialog = LoginDialog(server=server.url, username="bt.taichinh", profile_root=tmp_path)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.workspace is not None
    window = MainWindow(dialog.workspace, AppConfig(tmp_path / "setup-config.json"))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    profile = dialog.workspace.paths.root
    window.close()
    return profile, tmp_path / "config.json", ballot["id"]


def probe(
    work: Path, synced: tuple[Path, Path, str], screen: tuple[str, int, int], scale: float,
    leave_at: str = "",
) -> dict:  # fmt: skip
    name, width, height = screen
    layout = work / f"screen-{name}.json"
    layout.write_text(json.dumps({"screens": [
        {"name": name, "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]}))  # fmt: skip
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={layout}",
        "QT_SCALE_FACTOR": str(scale),
        "ECABINET_HOME": str(work / "home"),
    }
    profile, config, ballot_id = synced
    command = [sys.executable, str(PROBE), str(profile), str(config), ballot_id]
    result = subprocess.run(
        [*command, *([leave_at] if leave_at else [])],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    line = next((x for x in result.stdout.splitlines() if x.startswith("FIT ")), None)
    assert line, f"the probe printed no result: {result.stdout[-2000:]} {result.stderr[-2000:]}"
    facts: dict = json.loads(line[4:])
    return facts


def inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize(
    ("screen", "scale", "logical"),
    [
        (("laptop", 1366, 768), 1.0, [0, 0, 1366, 768]),
        (("laptop15", 1440, 900), 1.5, [0, 0, 960, 600]),
        (("laptop20", 1440, 900), 2.0, [0, 0, 720, 450]),
    ],
    ids=["1366x768@100", "1440x900@150", "1440x900@200"],
)
def test_the_window_fits_with_status_bar_and_sign_button_reachable(
    synced_profile: tuple[Path, Path, str],
    tmp_path: Path,
    screen: tuple[str, int, int],
    scale: float,
    logical: list[int],
) -> None:
    facts = probe(tmp_path, synced_profile, screen, scale)
    assert facts["available"] == logical, f"the virtual screen is not as asked: {facts}"
    assert inside(facts["frame"], facts["available"]), f"the window overflows the screen: {facts}"
    assert facts["status_visible"], f"the status bar is cut off: {facts}"
    assert facts["sign_text"] == "Ký và gửi ý kiến"
    assert facts["sign_visible"] and facts["sign_in_viewport"] and facts["sign_in_window"], (
        f"the sign button cannot be reached: {facts}"
    )


def test_the_geometry_is_remembered_per_screen(
    synced_profile: tuple[Path, Path, str], tmp_path: Path
) -> None:
    desk = ("desk", 1920, 1080)
    laptop = ("laptop", 1440, 900)
    probe(tmp_path, synced_profile, desk, 1.0, leave_at="200,100,1500,950")
    small = probe(tmp_path, synced_profile, laptop, 2.0, leave_at="20,30,690,380")
    # The desk's 1500×950 never reaches the 720×450 laptop screen.
    assert inside(small["started"], [0, 0, 720, 450]), small
    again = probe(tmp_path, synced_profile, desk, 1.0)
    assert again["started"] == [200, 100, 1500, 950], f"the desk layout was lost: {again}"
    laptop_again = probe(tmp_path, synced_profile, laptop, 2.0)
    x, y, w, h = laptop_again["started"]
    assert [w, h] == [690, 380] and abs(x - 20) < 30 and abs(y - 30) < 30, (
        f"the laptop layout was lost: {laptop_again}"
    )
