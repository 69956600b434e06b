"""Wiring "Compare versions" into the main window.

    compare = install(window, window.workspace, window.viewer)  # window.viewer: PaperTabs
    some_menu.addAction(compare.action)

The action compares the versions of the paper in the current tab.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ecabinet.client.review import VersionInfo
from ecabinet.client.workspace import Workspace
from ui.compare.view import CompareView
from ui.errors import describe
from ui.reader.tabs import PaperTabs
from ui.worker import BackgroundOp


def open_compare(
    parent: QWidget, workspace: Workspace, document_id: str, title: str
) -> CompareView:
    """A window comparing the document's two latest versions (others can be chosen)."""
    view = CompareView(workspace, document_id, title, parent)
    view.show()
    view.load()
    return view


class CompareAction(QObject):
    def __init__(self, window: QMainWindow, workspace: Workspace, tabs: PaperTabs) -> None:
        super().__init__(window)
        self.window, self.workspace, self.tabs = window, workspace, tabs
        self.action = QAction(window)
        self.action.setObjectName("compareVersions")
        self.action.triggered.connect(self.trigger)
        self.views: list[CompareView] = []
        self.retranslate()
        window.installEventFilter(self)

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Compare versions…"))
        self.action.setToolTip(
            self.tr("Show the open paper's older version beside the new one, and what changed")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def trigger(self) -> None:
        reader = self.tabs.current_reader()
        if reader is None:
            self._tell(self.tr("Open a paper first, then compare its versions."))
            return
        document_id, title = reader.document_id, reader.title

        def listed(versions: list[VersionInfo]) -> None:
            if len(versions) < 2:
                self._tell(self.tr("This paper has only one version: there is nothing to compare."))
                return
            self.views = [v for v in self.views if v.isVisible()]
            self.views.append(open_compare(self.window, self.workspace, document_id, title))

        BackgroundOp(
            parent=self.window,
            op=lambda: self.workspace.document_versions(document_id),
            success=listed,
            failure=lambda exc: self._tell(describe(exc)),
        ).run()

    def _tell(self, text: str) -> None:
        QMessageBox.information(self.window, self.tr("Compare versions"), text)


def install(window: QMainWindow, workspace: Workspace, tabs: PaperTabs) -> CompareAction:
    """The "Compare versions…" action for the paper in ``tabs``' current tab."""
    return CompareAction(window, workspace, tabs)
