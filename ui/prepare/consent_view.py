"""The secretariat's "Danh sách thông qua" window for one meeting (docs/secretariat.md,
"Consent agenda"): the items for adoption without debate, the items that need
discussion with who raised what and why, and who has not marked each item yet.

Read from the server (``GET /meetings/{id}/consent``) off the GUI thread, again every
``REFRESH_MS`` while the window is shown and on F5; the selected row, and which items
are expanded, survive each refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.secretariat_consent import ConsentList, ListedItem, consent_list
from ecabinet.client.workspace import Workspace
from ecabinet.timeutil import vietnam_time_text
from ui.consent import labels
from ui.errors import describe
from ui.theme.palette import danger_color
from ui.worker import BackgroundOp

ID_ROLE = Qt.ItemDataRole.UserRole
REFRESH_MS = 15_000  # members' marks arrive with their syncs: a quarter minute is live enough


class ConsentView(QWidget):
    # The lists were read and shown (tests wait on it).
    loaded = Signal()
    # Reading failed: the message shown.
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        meeting_id: str,
        meeting_title: str,
        names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("consentView")
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.meeting_title = meeting_title
        self.names = names  # user id -> full name, for "not marked yet"
        self.lists: ConsentList | None = None
        self.numbers: dict[str, int] = {}  # agenda item id -> its number on the agenda
        self.reading = False

        self.heading = QLabel(self)
        self.heading.setObjectName("consentViewHeading")
        self.heading.setWordWrap(True)
        self.consent_label = QLabel(self)
        self.consent_tree = self._tree("consentTree")
        self.consent_label.setBuddy(self.consent_tree)
        self.discussion_label = QLabel(self)
        self.discussion_tree = self._tree("discussionTree")
        self.discussion_label.setBuddy(self.discussion_tree)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshConsent")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setObjectName("consentViewStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.consent_label)
        layout.addWidget(self.consent_tree, 1)
        layout.addWidget(self.discussion_label)
        layout.addWidget(self.discussion_tree, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.refresh_button)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.retranslate()
        self.resize(900, 620)

    def _tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName(name)
        tree.setHeaderHidden(True)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        return tree

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consent list — %1").replace("%1", self.meeting_title))
        self.heading.setText(
            self.tr(
                "%1: items no member objected to, asked to speak on or pulled out are "
                "adopted without debate; the others are discussed."
            ).replace("%1", self.meeting_title)
        )
        self.consent_label.setText(self.tr("For adoption &without debate"))
        self.discussion_label.setText(self.tr("To &discuss: who raised what, and why"))
        self.refresh_button.setText(self.tr("&Refresh (F5)"))
        if self.lists is not None:
            self._show(self.lists)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- reading ------------------------------------------------------------
    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.reading:
            return
        self.reading = True
        api, meeting_id = self.workspace.api, self.meeting_id
        BackgroundOp(
            parent=self,
            op=lambda: consent_list(api, meeting_id),
            success=self._loaded,
            failure=self._failed,
        ).run()

    def _loaded(self, lists: ConsentList) -> None:
        self.reading = False
        self.lists = lists
        self._show(lists)
        self.status.setStyleSheet("")
        self.status.setText(
            self.tr("%1 for adoption without debate, %2 to discuss.")
            .replace("%1", str(len(lists.consent)))
            .replace("%2", str(len(lists.discussion)))
        )
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.reading = False
        text = describe(exc)
        self.status.setStyleSheet(f"color: {danger_color()}")
        self.status.setText(self.tr("Not refreshed: %1").replace("%1", text))
        self.failed.emit(text)

    # -- showing ------------------------------------------------------------
    def _show(self, lists: ConsentList) -> None:
        ordered = sorted(lists.consent + lists.discussion, key=lambda i: i.position)
        self.numbers = {item.agenda_item_id: n for n, item in enumerate(ordered, start=1)}
        self._fill(self.consent_tree, lists.consent, expand_new=False)
        self._fill(self.discussion_tree, lists.discussion, expand_new=True)

    def _fill(self, tree: QTreeWidget, items: tuple[ListedItem, ...], *, expand_new: bool) -> None:
        """Rebuild the rows, keeping the selection, the expanded items and the scroll."""
        current = tree.currentItem()
        selected = current.data(0, ID_ROLE) if current is not None else None
        tops = [t for i in range(tree.topLevelItemCount()) if (t := tree.topLevelItem(i))]
        before = {top.data(0, ID_ROLE) for top in tops}
        expanded = {top.data(0, ID_ROLE) for top in tops if top.isExpanded()}
        scroll = tree.verticalScrollBar().value()
        tree.blockSignals(True)
        tree.clear()
        keep: QTreeWidgetItem | None = None
        for item in items:
            top = QTreeWidgetItem(tree, [self._item_line(item)])
            top.setData(0, ID_ROLE, item.agenda_item_id)
            keep = top if item.agenda_item_id == selected else keep
            for text, key, objection in self._detail_lines(item):
                child = QTreeWidgetItem(top, [text])
                child.setData(0, ID_ROLE, key)
                if objection:
                    child.setForeground(0, QBrush(QColor(danger_color())))
                keep = child if key == selected else keep
            fresh = item.agenda_item_id not in before
            top.setExpanded(item.agenda_item_id in expanded or (expand_new and fresh))
        if keep is not None:
            tree.setCurrentItem(keep)
        tree.blockSignals(False)
        tree.verticalScrollBar().setValue(scroll)

    def _item_line(self, item: ListedItem) -> str:
        number = self.numbers.get(item.agenda_item_id, item.position)
        return (
            self.tr("%1. %2 — %3 no objection, %4 not marked")
            .replace("%1", str(number))
            .replace("%2", item.title)
            .replace("%3", str(len(item.no_objection)))
            .replace("%4", str(len(item.not_marked)))
        )

    def _detail_lines(self, item: ListedItem) -> list[tuple[str, str, bool]]:
        """(text, a key that survives a refresh, whether it is an objection)."""
        lines: list[tuple[str, str, bool]] = []
        for raised in item.raised:
            when = vietnam_time_text(raised.marked_at)
            text = f"{raised.full_name or raised.user_id}: {labels.mark_text(raised.mark)}"
            if raised.reason:
                text += f" — “{raised.reason}”"
            key = f"{item.agenda_item_id}/{raised.user_id}"
            lines.append((f"{text} ({when})", key, raised.mark == labels.OBJECT))
        if item.not_marked:
            who = ", ".join(self.names.get(u, u) for u in item.not_marked)
            text = self.tr("Not marked yet: %1").replace("%1", who)
            lines.append((text, f"{item.agenda_item_id}/not-marked", False))
        return lines
