"""File ▸ "Export meeting pack…" (Ctrl+Shift+B): the selected meeting's pack as one PDF,
watermarked for the member who exports it.

A member's export always carries their own name and the time on every page (a leak
deterrent); it is built off the GUI thread from the papers cached on this computer
(``Workspace.build_pack``), and the outcome is told in the status bar. Nothing is
written when a paper is missing: the member is told to sync first.

    install(window)  # once, by the main window; returns the PackAction
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QTreeView

from ecabinet.client.workspace import Workspace
from ui.errors import describe
from ui.models.catalogue import KIND_ROLE, ROW_ROLE
from ui.worker import BackgroundOp

if TYPE_CHECKING:
    from ecabinet.pack.assemble import PackReport
    from ui.main_window import MainWindow

MESSAGE_MS = 20_000
SUGGESTED_NAME = "tap-tai-lieu-hop.pdf"


def selected_meeting_id(tree: QTreeView) -> str | None:
    """The meeting of the catalogue's current row (itself, or the one a paper is under)."""
    index: QModelIndex = tree.currentIndex()
    while index.isValid():
        if index.data(KIND_ROLE) == "meeting":
            row = index.data(ROW_ROLE)
            return str(row.id) if row is not None else None
        index = index.parent()
    return None


class PackAction(QObject):
    finished = Signal(object)  # the PackReport, or the exception: for tests and scripts

    def __init__(
        self,
        window: QMainWindow,
        workspace: Workspace,
        selected_meeting: Callable[[], str | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.selected_meeting = selected_meeting
        self.busy = False
        self.last_message = ""
        self.action = QAction(window)
        self.action.setObjectName("exportPack")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.action.triggered.connect(self.ask_and_export)
        window.addAction(self.action)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        """Enabled while a meeting is selected and no export is running."""
        self.action.setEnabled(not self.busy and self.selected_meeting() is not None)

    def ask_and_export(self) -> None:
        meeting_id = self.selected_meeting()
        if meeting_id is None or self.busy:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export the meeting pack"),
            str(Path.home() / SUGGESTED_NAME),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.export_to(meeting_id, Path(path))

    def export_to(self, meeting_id: str, path: Path) -> None:
        """Build the pack of ``meeting_id`` into ``path``, watermarked for this member."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        member = self.workspace.username
        workspace = self.workspace
        self.busy = True
        self.refresh()
        self._tell(self.tr("Building the meeting pack…"), 0)
        BackgroundOp(
            parent=self,
            op=lambda: workspace.build_pack(meeting_id, path, watermark_for=member),
            success=self._built,
            failure=self._failed,
        ).run()

    def _built(self, report: PackReport) -> None:
        self.busy = False
        self.refresh()
        self._tell(
            self.tr("Meeting pack saved: %1 (%2 pages), marked with your name and the time.")
            .replace("%1", str(report.output))
            .replace("%2", str(report.pages)),
            MESSAGE_MS,
        )
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.refresh()
        self._tell(self.tr("The meeting pack was not exported: %1").replace("%1", describe(exc)))
        self.finished.emit(exc)

    def _tell(self, text: str, timeout_ms: int = MESSAGE_MS) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, timeout_ms)

    def retranslate(self) -> None:
        self.action.setText(self.tr("Export meeting &pack…"))
        self.action.setToolTip(
            self.tr("One PDF of the selected meeting's papers, marked with your name")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def install(
    window: MainWindow,
    menu: QMenu | None = None,
    selected_meeting: Callable[[], str | None] | None = None,
) -> PackAction:
    """Add the action to ``menu`` (default: File, above Quit) and follow the selection."""
    tree = window.tree
    pack = PackAction(
        window, window.workspace, selected_meeting or (lambda: selected_meeting_id(tree))
    )
    tree.selectionModel().currentChanged.connect(lambda *_: pack.refresh())
    tree.model().modelReset.connect(pack.refresh)
    window.installEventFilter(pack)  # the window hears of a language change first
    target = menu or window.file_menu
    actions = target.actions()
    before = (
        actions[actions.index(window.quit_action) - 1] if window.quit_action in actions else None
    )
    if before is not None:
        target.insertAction(before, pack.action)
    else:
        target.addAction(pack.action)
    return pack
