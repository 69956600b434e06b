"""The status bar's sync corner: online/offline, progress, last result."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ecabinet.client.sync import SyncReport
from ecabinet.timeutil import VIETNAM_TZ, utcnow
from ui.errors import describe


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setObjectName("syncMessage")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("syncProgress")
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.indicator = QLabel(self)
        self.indicator.setObjectName("onlineIndicator")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addWidget(self.indicator)
        self.online: bool | None = None
        self.syncing = False
        self.report: SyncReport | None = None
        self.synced_at: datetime | None = None
        self.phase = ""
        self.retranslate()

    def show_started(self) -> None:
        self.syncing = True
        self.phase = ""
        self.bar.setRange(0, 0)
        self.bar.show()
        self.retranslate()

    def show_progress(self, phase: str, done: int, total: int) -> None:
        self.phase = phase
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done / total))
        self.retranslate()

    def show_report(self, report: SyncReport) -> None:
        self.syncing = False
        self.report = report
        self.online = report.online
        if report.ok:
            self.synced_at = utcnow()
        self.bar.hide()
        self.retranslate()

    def retranslate(self) -> None:
        if self.online is None:
            self.indicator.setText(self.tr("● Not connected yet"))
            self.indicator.setStyleSheet("color: #8a8a8a")
        elif self.online:
            self.indicator.setText(self.tr("● Online"))
            self.indicator.setStyleSheet("color: #1b7f3b")
        else:
            self.indicator.setText(self.tr("● Offline"))
            self.indicator.setStyleSheet("color: #b35c00")
        self.message.setText(self._message())

    def _message(self) -> str:
        if self.syncing:
            return {
                "push": self.tr("Sending your changes…"),
                "pull": self.tr("Receiving updates…"),
                "files": self.tr("Downloading documents…"),
                "index": self.tr("Preparing papers for search…"),
            }.get(self.phase, self.tr("Syncing…"))
        report = self.report
        if report is None:
            return ""
        if report.errors:
            first = describe(report.errors[0])
            if not report.online:
                return self.tr("Working offline: %1").replace("%1", first)
            return first
        when = (self.synced_at or utcnow()).astimezone(VIETNAM_TZ).strftime("%H:%M")
        return self.tr("Synced at %1").replace("%1", when)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
