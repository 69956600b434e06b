"""Meetings → agenda items → documents, as a tree model over ``queries.catalogue``.

The model holds plain rows (dataclasses) read by a background op; the view knows
nothing of the store, the model nothing of the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ecabinet.client.secretariat_updates import UpdatedPaper
from ecabinet.store.ballot_queries import (
    DELIVERED,
    NOT_ANSWERED,
    OUTDATED,
    REJECTED,
    WAITING,
    BallotRow,
)
from ecabinet.store.queries import AgendaRow, DocumentRow, MeetingRow
from ecabinet.timeutil import vietnam_time_text
from ui.theme.icons import icon

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3
ROOT = QModelIndex()  # the invisible root, as a default argument


@dataclass(eq=False)
class Node:
    kind: str  # "meeting" | "agenda" | "document" | "ballot"
    row: MeetingRow | AgendaRow | DocumentRow | BallotRow
    parent: Node | None
    children: list[Node] = field(default_factory=list)

    def index_in_parent(self, roots: list[Node]) -> int:
        siblings = self.parent.children if self.parent else roots
        return siblings.index(self)


def meeting_time(iso: str) -> str:
    return vietnam_time_text(iso)


def ballot_label() -> str:
    return QCoreApplication.translate("Catalogue", "Written opinion")


def ballot_state_label(row: BallotRow) -> str:
    if row.status == "closed":
        return QCoreApplication.translate("Catalogue", "closed")
    return answer_state_label(row.state)


def answer_state_label(state: str) -> str:
    """The minister's answer to an open ballot, in words (NOT_ANSWERED, WAITING, ...)."""
    return {
        NOT_ANSWERED: QCoreApplication.translate("Catalogue", "not answered"),
        WAITING: QCoreApplication.translate("Catalogue", "signed, waiting to send"),
        DELIVERED: QCoreApplication.translate("Catalogue", "delivered"),
        REJECTED: QCoreApplication.translate("Catalogue", "rejected"),
        OUTDATED: QCoreApplication.translate("Catalogue", "answered on an outdated draft"),
    }[state]


def ballot_status_label(row: BallotRow) -> str:
    """What the secretariat needs to see: is it still collecting answers?"""
    return {
        "draft": QCoreApplication.translate("Catalogue", "not issued yet"),
        "open": QCoreApplication.translate("Catalogue", "collecting answers"),
    }.get(row.status, QCoreApplication.translate("Catalogue", "closed"))


def mark_of(
    row: MeetingRow | AgendaRow | DocumentRow | BallotRow,
    *,
    secretariat: bool = False,
    updated: bool = False,
) -> str | None:
    """The icon (ui/theme/icons.py) a catalogue row wears; ui/views/legend.py explains each.
    ``updated``: a paper replaced since this member read an earlier version."""
    if isinstance(row, MeetingRow):
        return "meeting"
    if isinstance(row, DocumentRow):
        if not row.file_verified:
            return "not_downloaded"
        if row.read:
            return "read"
        return "updated" if updated else "unread"
    if isinstance(row, BallotRow):
        if row.status == "closed" and (secretariat or row.state == NOT_ANSWERED):
            return "ballot_closed"
        return "ballot" if secretariat else BALLOT_MARKS[row.state]
    return None


BALLOT_MARKS = {
    NOT_ANSWERED: "ballot_not_answered",
    WAITING: "ballot_waiting",
    DELIVERED: "ballot_delivered",
    REJECTED: "ballot_rejected",
    OUTDATED: "ballot_outdated",
}


def has_real_number(number: str) -> bool:
    # A draft carries only the blank-number form ("/2026/NĐ-CP") until it is signed.
    return bool(number) and not number.startswith("/")


class CatalogueModel(QAbstractItemModel):
    def __init__(self) -> None:
        super().__init__()
        self._roots: list[Node] = []
        self.ballots: dict[str, BallotRow] = {}
        self.secretariat = False  # the secretariat sees a ballot's status, not "my answer"
        # Papers with a version newer than the one this member read (ui/notifications).
        self.updated: dict[str, UpdatedPaper] = {}

    def set_meetings(self, meetings: list[MeetingRow], ballots: Sequence[BallotRow] = ()) -> None:
        self.beginResetModel()
        self._roots = []
        self.ballots = {b.id: b for b in ballots}
        for meeting in meetings:
            node = Node("meeting", meeting, None)
            for item in meeting.agenda:
                item_node = Node("agenda", item, node)
                item_node.children = [Node("document", d, item_node) for d in item.documents]
                item_node.children.extend(
                    Node("ballot", b, item_node) for b in ballots if b.agenda_item_id == item.id
                )
                node.children.append(item_node)
            node.children.extend(Node("document", d, node) for d in meeting.loose_documents)
            items = {item.id for item in meeting.agenda}
            node.children.extend(
                Node("ballot", b, node)
                for b in ballots
                if b.meeting_id == meeting.id and b.agenda_item_id not in items
            )
            self._roots.append(node)
        self.endResetModel()

    def set_updated(self, updated: dict[str, UpdatedPaper]) -> None:
        """The "updated" marks, read apart from the catalogue (after the first paint)."""
        self.updated = dict(updated)

    def paper_read(self, document_id: str) -> None:
        """Opened: its current version is read, so the mark goes at once."""
        self.updated.pop(document_id, None)

    def ballots_for_document(self, document_id: str) -> list[BallotRow]:
        """Ballots that bind this paper, open ones first: shown beside it."""
        found = [
            b for b in self.ballots.values() if document_id in {d.document_id for d in b.documents}
        ]
        return sorted(found, key=lambda b: (b.status != "open", b.deadline))

    def document_count(self) -> int:
        return sum(len(m.row.documents) for m in self._roots if isinstance(m.row, MeetingRow))

    # -- structure ----------------------------------------------------------
    def _node(self, index: Index) -> Node | None:
        node: Node | None = index.internalPointer() if index.isValid() else None
        return node

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        siblings = self._children(parent)
        if column != 0 or not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def _children(self, parent: Index) -> list[Node]:
        node = self._node(parent)
        return node.children if node else self._roots

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.index_in_parent(self._roots), 0, node.parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        return len(self._children(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Catalogue", "Meetings and papers")
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        if self._roots:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._roots) - 1, 0))

    # -- content ------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == ROW_ROLE:
            return node.row
        if role == KIND_ROLE:
            return node.kind
        if role == Qt.ItemDataRole.DecorationRole:
            updated = node.kind == "document" and node.row.id in self.updated
            mark = mark_of(node.row, secretariat=self.secretariat, updated=updated)
            return icon(mark) if mark else None
        if role == ID_ROLE:
            return node.row.id
        if node.kind == "document":
            doc = node.row
            assert isinstance(doc, DocumentRow)
            if role == Qt.ItemDataRole.FontRole and not doc.read:
                font = QFont()
                font.setBold(True)  # unread papers stand out, as in a mail client
                return font
            if role == Qt.ItemDataRole.ForegroundRole and not doc.file_verified:
                return QBrush(QColor("#8a8a8a"))
        return None

    def _display(self, node: Node) -> str:
        row = node.row
        if isinstance(row, MeetingRow):
            return f"{row.title} — {meeting_time(row.starts_at)}"
        if isinstance(row, AgendaRow):
            return f"{row.position}. {row.title}"
        if isinstance(row, BallotRow):
            state = ballot_status_label(row) if self.secretariat else ballot_state_label(row)
            return f"{ballot_label()} — {state}"
        return f"{row.number} — {row.title}" if has_real_number(row.number) else row.title

    def _tooltip(self, node: Node) -> str:
        row = node.row
        if isinstance(row, MeetingRow):
            return f"{row.title}\n{meeting_time(row.starts_at)} · {row.location}"
        if isinstance(row, AgendaRow):
            return QCoreApplication.translate("Catalogue", "Presented by: %1").replace(
                "%1", row.presenter
            )
        if isinstance(row, BallotRow):
            return row.question
        assert isinstance(row, DocumentRow)
        state = (
            QCoreApplication.translate("Catalogue", "Available offline")
            if row.file_verified
            else QCoreApplication.translate(
                "Catalogue", "Not downloaded yet: it will arrive with the next sync"
            )
        )
        pages = (
            QCoreApplication.translate("Catalogue", "%1 pages, version %2")
            .replace("%1", str(row.pages))
            .replace("%2", str(row.version_no))
        )
        text = f"{row.title}\n{row.filename} · {pages}\n{state}"
        update = self.updated.get(row.id) if not row.read else None
        if update is not None:
            text += "\n" + QCoreApplication.translate(
                "Catalogue", "Updated since you read version %1"
            ).replace("%1", str(update.read_version_no))
            if update.change_note:
                text += f": {update.change_note}"
        return text

    def find(self, entity_id: str) -> QModelIndex:
        def walk(nodes: list[Node], parent: QModelIndex) -> QModelIndex:
            for number, node in enumerate(nodes):
                index = self.index(number, 0, parent)
                if node.row.id == entity_id:
                    return index
                found = walk(node.children, index)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(self._roots, QModelIndex())
