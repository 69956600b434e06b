"""The window's size and place: started within the screen it opens on, and remembered
per screen (name and size), so a laptop docked to a large monitor keeps two layouts.

Qt's QSettings holds only this (docs: settings live in ecabinet/client/config.py), in an
INI file beside the app's config.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow

START_SIZE = QSize(1280, 820)
# Room kept for a window manager's title bar and borders before the window is shown
# (its real frame is known only afterwards).
FRAME_ALLOWANCE = QSize(16, 40)


def screen_key(screen: QScreen) -> str:
    size = screen.geometry().size()
    name = screen.name().replace("/", "_").replace("\\", "_") or "screen"
    return f"{name}@{size.width()}x{size.height()}"


def fitted(wanted: QRect, available: QRect, frame: QSize) -> QRect:
    """``wanted`` shrunk and moved so that, with its frame, it lies within ``available``."""
    width = max(1, min(wanted.width(), available.width() - frame.width()))
    height = max(1, min(wanted.height(), available.height() - frame.height()))
    left = min(max(wanted.left(), available.left()), available.right() + 1 - width - frame.width())
    top = min(max(wanted.top(), available.top()), available.bottom() + 1 - height - frame.height())
    return QRect(max(left, available.left()), max(top, available.top()), width, height)


class WindowGeometry(QObject):
    def __init__(self, window: QMainWindow, settings_file: Path) -> None:
        super().__init__(window)
        self.window = window
        self.settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window.installEventFilter(self)  # once shown, its real frame is known: fit again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self.clamp)
        return False

    def screen(self) -> QScreen:
        return self.window.screen() or QGuiApplication.primaryScreen()

    def frame(self) -> QSize:
        w = self.window
        if w.isVisible():
            outer, inner = w.frameGeometry(), w.geometry()
            return QSize(outer.width() - inner.width(), outer.height() - inner.height())
        return FRAME_ALLOWANCE

    def restore(self) -> bool:
        """The geometry last used on this screen, else the start size; True if remembered."""
        key = screen_key(self.screen())
        geometry = self.settings.value(f"{key}/geometry")
        state = self.settings.value(f"{key}/state")
        restored = isinstance(geometry, QByteArray) and self.window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.window.restoreState(state)
        if not restored:
            available = self.screen().availableGeometry()
            start = QRect(available.topLeft(), START_SIZE)
            start.moveCenter(available.center())
            self.window.setGeometry(start)
            self.clamp()
        # A restored geometry was on screen with its real frame: checked again once shown.
        return restored

    def restore_docks(self) -> None:
        """The docks' places once more, for docks made after ``restore`` (the window's
        features are built after its first paint)."""
        state = self.settings.value(f"{screen_key(self.screen())}/state")
        if isinstance(state, QByteArray):
            self.window.restoreState(state)

    def clamp(self) -> None:
        """Keep the whole window, frame included, on the screen's available area."""
        w = self.window
        if w.isMaximized() or w.isFullScreen():
            return
        available = self.screen().availableGeometry()
        target = fitted(w.geometry(), available, self.frame())
        if target != w.geometry():
            w.setGeometry(target)

    def save(self) -> None:
        key = screen_key(self.screen())
        self.settings.setValue(f"{key}/geometry", self.window.saveGeometry())
        self.settings.setValue(f"{key}/state", self.window.saveState())
        self.settings.sync()
