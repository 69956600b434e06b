"""Run by tests/gui/test_window_fit.py in a subprocess, on a virtual screen of a given
size and scale (the offscreen platform's config file, QT_SCALE_FACTOR): opens the real
window on a synced profile, shows a ballot, and prints what fits as one JSON line.

    python fit_probe.py PROFILE CONFIG BALLOT_ID [x,y,w,h to leave the window at]
"""

from __future__ import annotations

import faulthandler
import json
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ui.i18n import install_language
from ui.main_window import MainWindow


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> int:
    faulthandler.enable()  # a crash prints its stacks into the test's failure message
    profile, config, ballot_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    app = QApplication(sys.argv[:1])
    install_language(app, "vi")
    window = MainWindow(Workspace(profile, server_url=None), AppConfig(config))
    window.show()
    window.start(sync=False)
    for _ in range(100):
        if window.model.ballots:
            break
        wait(50)
    started = rect(window.geometry())
    window.open_document_by_id(ballot_id)
    for _ in range(100):
        if window.ballot_dock.isVisible():
            break
        wait(50)
    wait(200)
    button = window.ballot_view.sign_button
    window.ballot_dock.scroll_area.ensureWidgetVisible(button)
    wait(100)
    viewport = window.ballot_dock.scroll_area.viewport()
    in_viewport = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
    in_window = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
    status = window.statusBar()
    screen = window.screen()
    facts = {
        "available": rect(screen.availableGeometry()),
        "frame": rect(window.frameGeometry()),
        "started": started,
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "status_visible": status.isVisible()
        and window.rect().contains(QRect(status.mapTo(window, QPoint(0, 0)), status.size())),
        "sign_visible": button.isVisible() and not button.visibleRegion().isEmpty(),
        "sign_in_viewport": viewport.rect().contains(in_viewport),
        "sign_in_window": window.rect().contains(in_window),
        "sign_text": button.text(),
    }
    if len(sys.argv) > 4:
        x, y, w, h = (int(v) for v in sys.argv[4].split(","))
        window.setGeometry(x, y, w, h)
        wait(100)
    window.close()
    print("FIT " + json.dumps(facts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
