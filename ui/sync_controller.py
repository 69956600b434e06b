"""Runs the core's sync engine in the background and reports through Qt signals."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from ecabinet.client.sync import SyncProgress, SyncReport
from ecabinet.client.workspace import Workspace
from ecabinet.errors import AuthError
from ui.worker import BackgroundOp

PROGRESS_INTERVAL = 0.1  # seconds between progress signals: enough for a status bar


class SyncController(QObject):
    started = Signal()
    progress = Signal(str, int, int)  # phase, done, total
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # an exception the engine did not turn into a report
    auth_needed = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.running = False
        self.online: bool | None = None  # None: not tried yet
        self.last_report: SyncReport | None = None
        self._again = False
        self._stop = threading.Event()
        self._last_emit = 0.0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_now)

    def start_periodic(self, seconds: int) -> None:
        self.timer.start(max(30, seconds) * 1000)

    def sync_soon(self, delay_ms: int = 2000) -> None:
        """Sync shortly: several local changes in a row go out in one push."""
        self._soon.start(delay_ms)

    def sync_now(self) -> None:
        if self.running:
            self._again = True
            return
        self.running = True
        self._again = False
        self.started.emit()
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.sync(self._report_progress, self._stop.is_set),
            success=self._done,
            failure=self._crashed,
        ).run()

    def stop(self) -> None:
        """Ask a running sync to stop at the next safe point (the app is closing)."""
        self._stop.set()
        self.timer.stop()
        self._soon.stop()

    def _report_progress(self, progress: SyncProgress) -> None:
        # Called on the sync thread; the signal is queued to the GUI thread.
        now = time.monotonic()
        if progress.phase != "done" and now - self._last_emit < PROGRESS_INTERVAL:
            return
        self._last_emit = now
        self.progress.emit(progress.phase, progress.done, progress.total)

    def _done(self, report: SyncReport) -> None:
        self.running = False
        self.online = report.online
        self.last_report = report
        self.finished.emit(report)
        if any(isinstance(e, AuthError) for e in report.errors):
            self.auth_needed.emit()
        elif self._again and not self._stop.is_set():
            self.sync_now()

    def _crashed(self, exc: BaseException) -> None:
        self.running = False
        self.failed.emit(exc)
