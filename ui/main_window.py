"""The main window: meetings and papers on the left, the paper or meeting on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client import config as cfg
from ecabinet.client.sync import SyncReport
from ecabinet.client.vault import KIND_PASSPHRASE
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.errors import AuthError, ECabinetError, NetworkError
from ecabinet.store import ballot_queries
from ecabinet.store.ballot_queries import BallotRow
from ecabinet.store.queries import DocumentRow, MeetingRow
from ui.ballot_dock import BallotDock
from ui.errors import describe
from ui.login_dialog import LoginDialog
from ui.models.catalogue import (
    KIND_ROLE,
    ROW_ROLE,
    CatalogueModel,
    has_real_number,
)
from ui.quit_guard import ask_before_quitting
from ui.reader.tabs import PaperTabs
from ui.reading_mode import ReadingMode
from ui.session_actions import SessionActions
from ui.sync_controller import SyncController
from ui.toolbar import MainToolbar
from ui.views.home_view import HomeView
from ui.views.legend import catalogue_pane
from ui.views.meeting_page import meeting_html
from ui.views.sync_status import SyncStatus
from ui.window_geometry import WindowGeometry
from ui.window_menus import WindowMenus
from ui.worker import BackgroundOp, wait_for_background_work

if TYPE_CHECKING:
    from ui.window_features import WindowFeatures

PAGE_MEETING, PAGE_DOCUMENT, PAGE_MESSAGE, PAGE_HOME = 0, 1, 2, 3


class MainWindow(QMainWindow):
    catalogue_loaded = Signal()
    # The catalogue is on screen (the cold-start benchmark waits for it).
    first_painted = Signal()
    document_opened = Signal(str)  # a document id, once the paper is on screen
    # This window's session is over: "logout", "switch" or "wiped" (ui/session_actions.py).
    session_closed = Signal(str)
    # Reading mode (F11, ui/reading_mode.py): True while the paper is shown alone.
    reading_mode_toggled = Signal(bool)

    def __init__(self, workspace: Workspace, config: cfg.AppConfig) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.config = config
        self.user_names: dict[str, str] = {}
        self._painted = False
        self._loaded_once = False
        self._selected_id: str | None = None
        self._ballot_id: str | None = None
        self._opening: str | None = None
        self.quit_confirmed = False
        self.quit_warning: QMessageBox | None = None

        self.model = CatalogueModel()
        self.model.secretariat = workspace.user_role == "secretariat"
        self.tree = QTreeView(self)
        self.tree.setObjectName("catalogue")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.viewport().installEventFilter(self)

        self.meeting_info = QLabel(self)
        self.meeting_info.setObjectName("meetingInfo")
        self.meeting_info.setWordWrap(True)
        self.meeting_info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.meeting_info.setTextFormat(Qt.TextFormat.RichText)
        self.meeting_info.setMargin(16)
        self.viewer = PaperTabs(workspace, self)  # objectName "documentView"
        # A paper that failed authentication while read was dropped: fetch it again.
        self.viewer.damaged.connect(self._paper_damaged)
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.meeting_info)
        self.pages.addWidget(self.viewer)
        self.pages.addWidget(self.placeholder)
        self.home_view = HomeView(self)
        self.home_view.secretariat = self.model.secretariat
        self.home_view.open_document.connect(self.open_document_by_id)
        self.home_view.open_ballot.connect(self.open_document_by_id)  # finds any row by id
        self.pages.addWidget(self.home_view)
        self.pages.setCurrentIndex(PAGE_HOME)

        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        splitter = QSplitter(self)
        self.catalogue_pane, self.legend = catalogue_pane(self.tree)
        splitter.addWidget(self.catalogue_pane)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([340, 940])  # the paper gets most of a small screen
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.sync_status = SyncStatus(self)
        self.statusBar().addPermanentWidget(self.sync_status, 1)
        self.sync = SyncController(workspace, self)
        self.sync.started.connect(self.sync_status.show_started)
        self.sync.progress.connect(self.sync_status.show_progress)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(lambda exc: self.show_banner(describe(exc)))
        self.sync.auth_needed.connect(self._on_auth_needed)

        self._build_ballot_dock()
        self.session = SessionActions(self)
        self._locked = False
        self._build_actions()
        # Annotations, search, compare, pack, preparation: built just after the first
        # paint (or when first asked for), so start-up paints the catalogue sooner.
        self._features: WindowFeatures | None = None
        self.retranslate()
        self.window_geometry = WindowGeometry(self, config.path.parent / "window.ini")
        self.window_geometry.restore()
        self.ballot_dock.hide()  # shown with a ballot, whatever the last layout had
        self.first_painted.connect(lambda: QTimer.singleShot(0, self._build_features))
        self.load_catalogue()

    @property
    def features(self) -> WindowFeatures:
        if self._features is None:
            self._build_features()
        assert self._features is not None
        return self._features

    def _build_features(self) -> None:
        if self._features is not None:
            return
        from ui.window_features import WindowFeatures

        self._features = WindowFeatures(self)
        ballot_shown = self.ballot_dock.isVisible()
        self.window_geometry.restore_docks()  # the new docks' places from the last run
        self.ballot_dock.setVisible(ballot_shown)

    # -- ballots -------------------------------------------------------------
    def _build_ballot_dock(self) -> None:
        self.ballot_dock = BallotDock(self.workspace, self)
        self.ballot_view = self.ballot_dock.ballot_view
        self.progress_view = self.ballot_dock.progress_view
        self.ballot_dock.signed.connect(self._opinion_signed)
        self.ballot_dock.open_document.connect(self.open_document_by_id)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.ballot_dock)
        self.sync.finished.connect(lambda report: self.ballot_dock.set_online(report.online))

    def show_ballot(self, ballot_id: str | None) -> None:
        ballot = self.model.ballots.get(ballot_id) if ballot_id else None
        self._ballot_id = ballot.id if ballot else None
        self.ballot_dock.show_ballot(ballot, self.sync.online)

    def _opinion_signed(self, _opinion_id: str) -> None:
        self.load_catalogue()  # "signed, waiting to send" at once
        self.sync.sync_soon(0)

    def open_document_by_id(self, document_id: str) -> None:
        index = self.model.find(document_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    # -- actions ------------------------------------------------------------
    def _build_actions(self) -> None:
        self.sync_action = QAction(self)
        self.sync_action.setObjectName("syncNow")
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.triggered.connect(self.sync.sync_now)
        self.login_action = QAction(self)
        self.login_action.setObjectName("loginAgain")
        self.login_action.triggered.connect(self.login_again)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.toolbar = MainToolbar(self, self.pages)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.home_action.triggered.connect(self.show_home)
        self.reading_mode = ReadingMode(self, self.toolbar.full_screen_action, self.catalogue_pane)
        self.menus = WindowMenus(self)
        self.file_menu, self.language_actions = self.menus.file_menu, self.menus.language_actions

    def _load_home(self) -> None:
        self.home_view.load(self.workspace)

    def show_home(self) -> None:
        if self._locked:
            return  # the placeholder says why nothing is shown
        self._selected_id = None
        self.tree.clearSelection()
        self.pages.setCurrentIndex(PAGE_HOME)
        self.home_view.load(self.workspace)
        self.home_view.setFocus()

    def retranslate(self) -> None:
        name = self._user_label()
        self.setWindowTitle(self.tr("eCabinet — %1").replace("%1", name) if name else "eCabinet")
        self.menus.retranslate()
        self.sync_action.setText(self.tr("&Sync now"))
        self.ballot_dock.setWindowTitle(self.tr("Written opinion"))
        self.login_action.setText(self.tr("Log &in again…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.placeholder.setText(self.tr("Choose a meeting or a document on the left."))
        self.session.retranslate()
        self.toolbar.retranslate()
        self.model.retranslate()
        self._show_selection()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _user_label(self) -> str:
        return self.workspace.user_full_name or self.workspace.username or ""

    # -- catalogue ----------------------------------------------------------
    def load_catalogue(self) -> None:
        # Before the store opens (just after the first paint) this reads SQLCipher directly.
        BackgroundOp(
            parent=self,
            op=self.workspace.catalogue_view,
            success=self._show_catalogue,
            failure=self._load_failed,
        ).run()

    def _show_catalogue(
        self, result: tuple[list[MeetingRow], dict[str, str], list[BallotRow]]
    ) -> None:
        meetings, self.user_names, ballots = result
        if self._locked:
            meetings, ballots = [], []  # nothing of the papers while locked, not even titles
        keep = self._selected_id
        self.model.set_meetings(meetings, ballots)
        self.tree.expandAll()
        if keep:
            index = self.model.find(keep)
            if index.isValid():
                self.tree.selectionModel().blockSignals(True)
                self.tree.setCurrentIndex(index)
                self.tree.selectionModel().blockSignals(False)
        if not meetings:
            self.placeholder.setText(
                self.tr("No meeting papers on this computer yet. They arrive with the first sync.")
            )
        if self._ballot_id is not None:
            self.show_ballot(self._ballot_id)  # the answer's new state
        if not self._locked:  # read marks and answers changed too; after the first paint
            self._load_home() if self._painted else self.first_painted.connect(self._load_home)
        self._loaded_once = True
        self.catalogue_loaded.emit()
        self.tree.viewport().update()

    def _load_failed(self, exc: BaseException) -> None:
        self.show_banner(describe(exc))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._painted
            and self._loaded_once
            and watched is self.tree.viewport()
            and event.type() == QEvent.Type.Paint
        ):
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # once this paint is done
        return super().eventFilter(watched, event)

    # -- selection ----------------------------------------------------------
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        index = self.tree.currentIndex()
        self._selected_id = index.data(ROW_ROLE).id if index.isValid() else None
        self._show_selection(open_document=True)

    def _show_selection(self, open_document: bool = False) -> None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return
        kind, row = index.data(KIND_ROLE), index.data(ROW_ROLE)
        if kind == "meeting":
            self.meeting_info.setText(meeting_html(row, self.user_names))
            self.pages.setCurrentIndex(PAGE_MEETING)
        elif kind == "agenda":
            meeting = index.parent().data(ROW_ROLE)
            self.meeting_info.setText(meeting_html(meeting, self.user_names, focus=row.title))
            self.pages.setCurrentIndex(PAGE_MEETING)
        elif kind == "document" and open_document:
            self.open_document(row)
            related = self.model.ballots_for_document(row.id)
            self.show_ballot(related[0].id if related else None)
        elif kind == "ballot" and open_document:
            self.show_ballot(row.id)
            for paper in row.documents:
                index = self.model.find(paper.document_id)
                if index.isValid():
                    self.open_document(index.data(ROW_ROLE))  # the draft it asks about
                    break

    def open_document(self, row: DocumentRow) -> None:
        """Open the sealed paper off the GUI thread, then show it: decrypted and
        authenticated whole into memory (ui/sealed_device.py), so never a damaged paper."""
        self._opening = row.id
        sha = row.sha256
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.open_paper(sha) if sha else None,
            success=lambda paper: self._show_document(row, paper),
            failure=lambda exc: self.show_banner(describe(exc)),
        ).run()

    def _show_document(self, row: DocumentRow, paper: SealedReader | None) -> None:
        if self._opening != row.id:
            if paper is not None:
                paper.close()
            return  # the minister already clicked elsewhere
        if paper is None:
            self.placeholder.setText(
                self.tr(
                    "“%1” is not on this computer yet. It will be downloaded at the next sync."
                ).replace("%1", row.title)
            )
            self.pages.setCurrentIndex(PAGE_MESSAGE)
            return
        title = f"{row.number} — {row.title}" if has_real_number(row.number) else row.title
        if self.viewer.show_paper(row.id, row.sha256 or "", title, paper):
            self.pages.setCurrentIndex(PAGE_DOCUMENT)
            self.document_opened.emit(row.id)
            if not row.read and row.version_id:
                self._mark_read(row)
        else:
            self.pages.setCurrentIndex(PAGE_DOCUMENT)

    def _paper_damaged(self) -> None:
        self.sync.sync_soon()

    def _mark_read(self, row: DocumentRow) -> None:
        version_id = row.version_id
        assert version_id is not None

        def done(changed: bool) -> None:
            row.read = True
            self.model.paper_read(row.id)  # its "updated" mark goes with it
            self.home_view.load(self.workspace)
            self.tree.viewport().update()
            if changed:
                self.sync.sync_soon()

        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.mark_read(version_id),
            success=done,
            failure=lambda exc: self.show_banner(describe(exc)),
        ).run()

    # -- sync and session ---------------------------------------------------
    def start(self, *, sync: bool = True) -> None:
        """Show the window's data and start syncing (if this user may)."""
        self.session.check_access()
        if sync and self.workspace.can_resume():
            self.sync.sync_now()
        elif sync:
            self._on_auth_needed()
        self.sync.start_periodic(self.config.get(cfg.SYNC_INTERVAL_SECONDS))
        self._warn_if_no_keyring()

    def login_and_sync(self, username: str, password: str) -> None:
        """Log in in the background (the demo passes the password), then sync."""
        self.sync_status.show_started()

        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.login(username, password),
            success=lambda _user: self._after_login(),
            failure=self._login_failed,
        ).run()

    def _login_failed(self, exc: BaseException) -> None:
        online = not isinstance(exc, NetworkError)
        errors = [exc] if isinstance(exc, ECabinetError) else []
        self.sync_status.show_report(SyncReport(online=online, errors=errors))
        self.show_banner(describe(exc))

    def _after_login(self) -> None:
        self.hide_banner()
        self.session.check_access()
        self._warn_if_no_keyring()
        self.retranslate()
        self.sync.sync_now()

    def _warn_if_no_keyring(self) -> None:
        if self.workspace.vault.kind == KIND_PASSPHRASE:
            self.show_banner(
                self.tr(
                    "This computer has no OS keyring: the papers, your login and your signing "
                    "key on it are protected by your passphrase."
                )
            )
            return
        slot = self.workspace.api.refresh_slot
        if slot is not None and slot.unavailable is not None:
            self.show_banner(describe(slot.unavailable))

    def _on_sync_finished(self, report: SyncReport) -> None:
        self.sync_status.show_report(report)
        if report.changes or report.files_downloaded or report.pushed:
            self.load_catalogue()

    def _on_auth_needed(self) -> None:
        report = self.sync.last_report
        why = [describe(e) for e in (report.errors if report else []) if isinstance(e, AuthError)]
        self.show_banner(
            " ".join(
                [
                    *why[:1],
                    self.tr(
                        "You are working offline with the papers on this computer. Log in "
                        "again (File → Log in again…) to receive new papers and send your "
                        "changes."
                    ),
                ]
            )
        )

    def set_locked(self, locked: bool) -> None:
        """Papers locked (logged out, or offline too long): the catalogue shows nothing."""
        if locked == self._locked:
            return
        self._locked = locked
        if locked:
            self.viewer.clear()
            self.pages.setCurrentIndex(PAGE_MESSAGE)
            self.placeholder.setText(
                self.tr("The papers on this computer are locked. Log in to open them.")
            )
        elif self.pages.currentIndex() == PAGE_MESSAGE:
            self.pages.setCurrentIndex(PAGE_HOME)
        self.load_catalogue()

    def end_session(self, how: str) -> None:
        """Close this window: the app asks who logs in next (ui/app.py)."""
        self.quit_confirmed = True
        self.session_closed.emit(how)
        self.close()

    def login_again(self) -> None:
        dialog = LoginDialog(self, workspace=self.workspace)
        dialog.setModal(True)
        dialog.accepted.connect(self._after_login)
        dialog.open()
        self.login_dialog = dialog

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def hide_banner(self) -> None:
        self.banner.hide()

    def undelivered_answers(self) -> int:
        """Signed answers still waiting in the outbox, as the catalogue last showed them."""
        return sum(1 for b in self.model.ballots.values() if b.state == ballot_queries.WAITING)

    def closeEvent(self, event: QCloseEvent) -> None:
        waiting = self.undelivered_answers()
        if waiting and not self.quit_confirmed:
            event.ignore()
            self.quit_warning = ask_before_quitting(self, waiting)
            return
        self.reading_mode.set_active(False)
        self.window_geometry.save()
        self.sync.stop()
        wait_for_background_work()
        self.viewer.clear()
        if self._features is not None:
            self._features.close()
        self.workspace.close()
        super().closeEvent(event)
