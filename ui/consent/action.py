"""File ▸ "Ý kiến về chương trình họp…" (Ctrl+Shift+Y), for members: opens the
consent-agenda panel of the meeting selected in the catalogue (the meeting itself, an
agenda item of it, or a paper under it; an agenda item is then preselected).

    install(window, before=pack_action)  # once, by ui/window_features.py
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject
from PySide6.QtGui import QAction, QKeySequence

from ecabinet.store.queries import MeetingRow
from ui.models.catalogue import KIND_ROLE, ROW_ROLE

if TYPE_CHECKING:
    from ecabinet.client.sync import SyncReport
    from ui.consent.panel import ConsentPanel  # the ORM loads after the first paint
    from ui.main_window import MainWindow


def selected_meeting(window: MainWindow) -> tuple[MeetingRow | None, str | None]:
    """The catalogue's meeting and, if an agenda item (or a paper under one) is
    selected, that item's id."""
    index: QModelIndex = window.tree.currentIndex()
    item_id: str | None = None
    while index.isValid():
        kind, row = index.data(KIND_ROLE), index.data(ROW_ROLE)
        if kind == "agenda" and item_id is None and row is not None:
            item_id = str(row.id)
        if kind == "meeting":
            return (row if isinstance(row, MeetingRow) else None), item_id
        index = index.parent()
    return None, None


class ConsentAction(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel: ConsentPanel | None = None
        self.action = QAction(window)
        self.action.setObjectName("consentMarks")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        meeting, _item = selected_meeting(self.window)
        self.action.setEnabled(meeting is not None and bool(meeting.agenda))

    def _catalogue_reloaded(self) -> None:
        """The open panel follows the meeting as synced (an item added, the meeting held)."""
        self.refresh()
        if self.panel is None:
            return
        index = self.window.model.find(self.panel.meeting.id)
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, MeetingRow):
            self.panel.set_meeting(row)

    def open(self) -> ConsentPanel | None:
        """Show the panel for the selected meeting (one panel at a time)."""
        meeting, item_id = selected_meeting(self.window)
        if meeting is None:
            return None
        if self.panel is not None and self.panel.meeting.id != meeting.id:
            self.panel.close()
            self.panel.deleteLater()
            self.panel = None
        if self.panel is None:
            from ui.consent.panel import ConsentPanel

            self.panel = ConsentPanel(self.window.workspace, meeting, self.window)
            # Sent soon when online; queued in the outbox otherwise.
            self.panel.saved.connect(lambda _mark: self.window.sync.sync_soon())
            self.panel.reload()
        else:
            self.panel.set_meeting(meeting)
        if item_id is not None:
            self.panel.select_item(item_id)
        self.panel.show()
        self.panel.activateWindow()
        return self.panel

    def _synced(self, report: SyncReport) -> None:
        # Marks from the member's other laptop, or now delivered: show them.
        panel = self.panel
        if panel is not None and panel.isVisible() and (report.changes or report.pushed):
            panel.reload()

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Marks on the agenda…"))
        self.action.setToolTip(
            self.tr(
                "Before the meeting: no objection, wish to speak, object or pull out, "
                "for each agenda item"
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def install(window: MainWindow, before: QAction | None = None) -> ConsentAction | None:
    """Add the action to the File menu (above ``before``) for a member; nothing for
    the secretariat or an administrator, who do not mark items."""
    if window.workspace.user_role != "member":
        return None
    consent = ConsentAction(window)
    tree = window.tree
    tree.selectionModel().currentChanged.connect(lambda *_: consent.refresh())
    tree.model().modelReset.connect(consent._catalogue_reloaded)
    window.sync.finished.connect(consent._synced)
    window.installEventFilter(consent)
    menu = window.file_menu
    if before is not None and before in menu.actions():
        menu.insertAction(before, consent.action)
    else:
        menu.addAction(consent.action)
    return consent
