"""Driving the annotation tools in the real window: log in, open the paper, wait for rows."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gui.helpers import click_item, find_row
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD
from support.server import ServerProcess

from ecabinet.client.config import AppConfig
from ui.annotate.panel import AnnotationTools
from ui.app import open_main_window
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.reader.reader import Reader

MEMBER = "bt.taichinh"


def log_in(qtbot: QtBot, server: ServerProcess, root: Path) -> Any:
    dialog = LoginDialog(profile_root=root)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.server, server.url)
    qtbot.keyClicks(dialog.username, MEMBER)
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.workspace is not None
    return dialog.workspace


def window_with_tools(qtbot: QtBot, window: MainWindow) -> tuple[MainWindow, AnnotationTools]:
    """The window with its annotation tools, as the minister has them."""
    tools = window.features.annotations
    qtbot.addWidget(window)
    window.resize(1366, 768)  # a minister's laptop: the paper beside the list of notes
    window.show()
    activate(qtbot, window)
    if not tools.panel.isVisible():  # the list of notes, as the minister opens it
        qtbot.keyClick(window, Qt.Key.Key_A, SHIFT_CTRL)
        qtbot.waitUntil(tools.panel.isVisible, timeout=5_000)
    return window, tools


SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make ``window`` the active one: the tools' shortcuts work in the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def restart(
    qtbot: QtBot, qapp: QApplication, profile: Path, config: Path
) -> tuple[MainWindow, AnnotationTools]:
    """A new window on the same profile, as after quitting and starting the app again."""
    args = argparse.Namespace(
        profile_dir=profile, server=None, username=None, password_stdin=False, no_sync=True
    )
    window = open_main_window(qapp, args, AppConfig(config))
    assert window is not None, "the app did not start again on the same profile"
    return window_with_tools(qtbot, window)


def open_paper(qtbot: QtBot, window: MainWindow, tools: AnnotationTools, number: str) -> Reader:
    qtbot.waitUntil(lambda: window.model.document_count() >= 1, timeout=20_000)
    with qtbot.waitSignal(tools.controller.loaded, timeout=20_000):
        click_item(qtbot, window.tree, find_row(window.tree, number))
    reader = window.viewer.current_reader()
    assert reader is not None and tools.controller.reader is reader
    qtbot.waitUntil(lambda: reader.is_open() and shows_text(reader), timeout=10_000)
    return reader


def shows_text(reader: Reader) -> bool:
    """The first page is rendered: some dark pixels (letters) on its white."""
    image = reader.view.viewport().grab().toImage()
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return min(bytes(image.constBits()), default=255) < 100


def wait_rows(qtbot: QtBot, tools: AnnotationTools, count: int, state: str | None = None) -> None:
    model = tools.controller.model
    qtbot.waitUntil(
        lambda: len(model.ids(state)) == count and tools.controller.queue.idle, timeout=15_000
    )


def pixel_at(reader: Reader, page: int, x: float, y: float) -> QColor:
    """The colour on screen at PDF point (x, y) of ``page``."""
    point: QPointF = reader.view.frame(page).to_view(x, y)
    image = reader.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def sync_app(qtbot: QtBot, window: MainWindow) -> None:
    """One whole sync of the app that starts now (not one already under way, such as the
    read mark's, which may have begun before the change the test wants sent)."""
    qtbot.waitUntil(lambda: not window.sync.running, timeout=30_000)
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as done:
        window.sync.sync_now()
    assert done.args[0].ok, done.args[0].errors
