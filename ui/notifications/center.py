"""The notification centre: the toolbar's bell with its count, the list's contents, and
the catalogue's "updated" marks, all refreshed from one background read after each sync.

Opening a notice (Enter or double-click) selects what it is about in the catalogue, which
opens a paper or a ballot, or shows a meeting, and marks the notice seen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence

from ui.notifications.badge import bell
from ui.notifications.feed import Feed, mark_seen, read_feed
from ui.notifications.model import is_unseen
from ui.notifications.panel import NotificationsDock
from ui.worker import BackgroundOp

if TYPE_CHECKING:
    from ecabinet.client.notifications import Notice
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

MESSAGE_MS = 15_000  # how long "new notification" stays in the status bar
# What a notice is about is found in the catalogue by this id: the paper or the ballot
# itself; for a meeting or a reminder, the meeting.
ABOUT_SUBJECT = {"paper_new", "paper_updated", "ballot_new", "deadline_changed", "deadline_near"}


class NotificationCenter(QObject):
    refreshed = Signal()  # the list, the count and the marks show the store's latest

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.feed = Feed()
        self._known: set[str] | None = None  # unseen ids already told of; None: first read
        self._reading = False
        self._again = False
        self.action = window.toolbar.notifications_action
        self.dock = NotificationsDock(window)
        self.dock.hide()
        self.action.triggered.connect(self.dock.reveal)
        self.dock.open_requested.connect(self.open_notice)
        self.dock.mark_all_requested.connect(self.mark_all_seen)
        self.dock.retranslated.connect(self._show_count)
        self._started = False
        window.sync.finished.connect(lambda _report: self.refresh())
        # A catalogue reload follows a lock, an unlock or a paper read: the list (empty
        # while locked, as the catalogue is) and the marks follow it.
        window.catalogue_loaded.connect(self._catalogue_reloaded)
        # The first read waits until the catalogue is painted: it opens the store.
        window.first_painted.connect(lambda: QTimer.singleShot(0, self._start))
        self._show_count()

    # -- reading ------------------------------------------------------------
    def _start(self) -> None:
        self._started = True
        self.refresh()

    def _catalogue_reloaded(self) -> None:
        if self._started:
            self.refresh()

    def refresh(self) -> None:
        if self._reading:
            self._again = True  # one more read once this one is back
            return
        self._reading = True
        workspace = self.window.workspace
        BackgroundOp(
            parent=self, op=lambda: read_feed(workspace), success=self._show, failure=self._failed
        ).run()

    def _failed(self, exc: BaseException) -> None:
        self._reading = False
        log.warning("notifications not read: %s", exc)

    def _show(self, feed: Feed) -> None:
        self._reading = False
        self.feed = feed
        current = self.dock.list.currentIndex().row()
        self.dock.model.set_notices(feed.notices)
        if 0 <= current < len(feed.notices):
            self.dock.list.setCurrentIndex(self.dock.model.index(current))
        self.window.model.set_updated(feed.updated)
        self.window.tree.viewport().update()
        unseen = [n for n in feed.notices if is_unseen(n)]
        fresh = [n for n in unseen if self._known is not None and n.id not in self._known]
        self._known = {n.id for n in unseen}
        if fresh:
            self._announce(fresh)
        self._show_count()
        if self._again:
            self._again = False
            self.refresh()
        self.refreshed.emit()

    def _announce(self, fresh: list[Notice]) -> None:
        newest = fresh[0].text  # the server's words already say what kind it is
        text = (
            self.tr("New notification: %1")
            if len(fresh) == 1
            else self.tr("%n new notification(s); the newest: %1", "", len(fresh))
        ).replace("%1", newest)
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _show_count(self) -> None:
        count = self.feed.unseen
        self.action.setIcon(bell(count))
        self.action.setText(
            self.tr("Notifications (%1)").replace("%1", str(count))
            if count
            else self.tr("Notifications")
        )
        tip = (
            self.tr("%n notification(s) not seen yet", "", count)
            if count
            else self.tr("No new notifications")
        )
        keys = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.action.setToolTip(f"{tip} ({keys})" if keys else tip)

    # -- acting -------------------------------------------------------------
    def open_notice(self, notice: Notice) -> None:
        target = notice.subject_id if notice.kind in ABOUT_SUBJECT else notice.meeting_id
        found = bool(target) and self.window.model.find(target or "").isValid()
        if found and target:
            self.window.open_document_by_id(target)
        else:
            self.window.statusBar().showMessage(
                self.tr("What this notification is about is no longer on this computer."),
                MESSAGE_MS,
            )
        if is_unseen(notice):
            self._mark_seen([notice.id])

    def mark_all_seen(self) -> None:
        self._mark_seen([n.id for n in self.feed.notices if is_unseen(n)])

    def _mark_seen(self, ids: list[str]) -> None:
        if not ids:
            return
        workspace = self.window.workspace
        BackgroundOp(
            parent=self,
            op=lambda: mark_seen(workspace, ids),
            success=lambda _none: self.refresh(),
            failure=lambda exc: log.warning("notifications not marked seen: %s", exc),
        ).run()
