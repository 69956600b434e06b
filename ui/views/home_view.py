"""Home ("Trang chủ"): what needs the minister today. Papers not read yet, open ballots
by deadline (overdue and due within a day flagged), papers updated since last read.

Enter or a double click opens the paper or the ballot.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.home import BallotDue, HomeSummary, PaperRow
from ecabinet.client.workspace import Workspace
from ui.models.catalogue import BALLOT_MARKS, answer_state_label, has_real_number, meeting_time
from ui.theme.icons import icon
from ui.worker import BackgroundOp

# A home page lists what needs attention, not everything: the catalogue has the rest.
MAX_ROWS = 50
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


class HomeList(QListWidget):
    """One section's list: as tall as its rows, so the page scrolls as a whole."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Two lines a row (title, then meeting or deadline), elided: a row's height never
        # depends on the width, so the list can be exactly as tall as its rows.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(2)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit_height(self) -> None:
        rows = sum(self.sizeHintForRow(r) + 2 * self.spacing() for r in range(self.count()))
        self.setFixedHeight(rows + 2 * self.frameWidth() + 2)


class HomeView(QWidget):
    open_document = Signal(str)  # a document id
    open_ballot = Signal(str)  # a ballot id
    loaded = Signal(object)  # the HomeSummary now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        self.summary = HomeSummary()
        self.secretariat = False  # the secretariat sees whether a ballot collects answers
        self.title = QLabel(self)
        self.title.setObjectName("homeTitle")
        self.headings: dict[str, QLabel] = {}
        self.lists: dict[str, HomeList] = {}
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(16, 12, 16, 12)
        column.addWidget(self.title)
        for name in ("ballots", "unread", "updated"):
            heading = QLabel(inner)
            heading.setProperty("typography", "heading")
            listing = HomeList(f"home_{name}", inner)
            listing.itemActivated.connect(self._activated)
            heading.setBuddy(listing)
            column.addWidget(heading)
            column.addWidget(listing)
            self.headings[name], self.lists[name] = heading, listing
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setFocusProxy(self.lists["ballots"])
        self.retranslate()

    # -- data -----------------------------------------------------------------
    def load(self, workspace: Workspace) -> None:
        BackgroundOp(parent=self, op=workspace.home, success=self.show_summary).run()

    def show_summary(self, summary: HomeSummary) -> None:
        self.summary = summary
        self._fill()
        self.loaded.emit(summary)

    def _fill(self) -> None:
        s = self.summary
        ballots = [self._ballot_item(b) for b in s.ballots[:MAX_ROWS]]
        self._set_rows("ballots", ballots, len(s.ballots))
        unread = [self._paper_item(p, "unread") for p in s.unread[:MAX_ROWS]]
        self._set_rows("unread", unread, len(s.unread))
        updated = [self._paper_item(p, "updated") for p in s.updated[:MAX_ROWS]]
        self._set_rows("updated", updated, len(s.updated))

    def _set_rows(self, name: str, items: list[QListWidgetItem], total: int) -> None:
        listing = self.lists[name]
        listing.clear()
        for item in items:
            listing.addItem(item)
        if total > len(items):
            more = QListWidgetItem(
                self.tr("… and %1 more in the catalogue").replace("%1", str(total - len(items)))
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            listing.addItem(more)
        if not items:
            empty = QListWidgetItem(self.tr("Nothing here."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            listing.addItem(empty)
        else:  # Enter opens the first row at once; highlighted only once moved to
            listing.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        listing.fit_height()

    def _paper_item(self, paper: PaperRow, mark: str) -> QListWidgetItem:
        title = f"{paper.number} — {paper.title}" if has_real_number(paper.number) else paper.title
        when = meeting_time(paper.meeting_starts_at)
        detail = f"{paper.meeting_title} · {when}" if when else paper.meeting_title
        if paper.read_version_no is not None:
            detail = (
                self.tr("Version %1 (you read version %2)")
                .replace("%1", str(paper.version_no))
                .replace("%2", str(paper.read_version_no))
                + f" · {detail}"
            )
        item = QListWidgetItem(icon(mark), f"{title}\n{detail}")
        item.setData(ID_ROLE, paper.document_id)
        item.setData(KIND_ROLE, "document")
        item.setToolTip(detail)
        return item

    def _ballot_item(self, ballot: BallotDue) -> QListWidgetItem:
        deadline = meeting_time(ballot.deadline)
        if ballot.overdue:
            when, mark = self.tr("Deadline passed: %1").replace("%1", deadline), "ballot_rejected"
        elif ballot.soon:
            when, mark = self.tr("Due soon: %1").replace("%1", deadline), "deadline"
        else:
            when, mark = self.tr("Deadline: %1").replace("%1", deadline), "ballot"
        if ballot.state != "not_answered" and not self.secretariat:
            mark = BALLOT_MARKS[ballot.state]
        state = (
            QCoreApplication.translate("Catalogue", "collecting answers")
            if self.secretariat
            else answer_state_label(ballot.state)
        )
        item = QListWidgetItem(icon(mark), f"{ballot.question}\n{when} · {state}")
        item.setData(ID_ROLE, ballot.ballot_id)
        item.setData(KIND_ROLE, "ballot")
        item.setData(Qt.ItemDataRole.UserRole + 3, "overdue" if ballot.overdue else "")
        item.setToolTip(ballot.meeting_title)
        return item

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(ID_ROLE)
        if not target:
            return
        if item.data(KIND_ROLE) == "ballot":
            self.open_ballot.emit(target)
        else:
            self.open_document.emit(target)

    # -- words ----------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Home"))
        self.headings["ballots"].setText(self.tr("&Open ballots, by deadline"))
        self.headings["unread"].setText(self.tr("&Papers not read yet"))
        self.headings["updated"].setText(self.tr("&Updated since you read them"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._fill()  # the icons take the theme's colours
        super().changeEvent(event)
