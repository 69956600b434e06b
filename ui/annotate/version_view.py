"""What changed in a new version: the changed pages listed beside the older version.

The older version opens in its own reader inside the window, next to the changes, so the
minister reads both side by side; choosing a change shows its page in both (the main
reader on the new page, this one on the old). The annotations made on the older version
are drawn on it, orphans included: an annotation not found in the new version is still
seen where it was made.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ecabinet.annotations.version_diff import PageDiff
from ecabinet.client.version_changes import (
    VersionChanges,
    VersionRow,
    compare_versions,
    document_versions,
)
from ui.annotate.layer import AnnotationLayer
from ui.annotate.reader_api import ReaderLike, bounds_of
from ui.errors import describe
from ui.reader.reader import Reader
from ui.worker import BackgroundOp

WORDS_SHOWN = 12
DIFF_ROLE = Qt.ItemDataRole.UserRole + 1


def _words(changes: tuple[Any, ...]) -> str:
    words = " ".join(" ".join(c.text.split()) for c in changes).split()
    text = " ".join(words[:WORDS_SHOWN])
    return text + (" …" if len(words) > WORDS_SHOWN else "")


class VersionChangesDialog(QDialog):
    compared = Signal()  # the changes are listed

    def __init__(
        self,
        workspace: Any,
        reader: ReaderLike,
        title: str,
        records: list[dict[str, Any]],
        parent: QWidget | None = None,
        focus: dict[str, Any] | None = None,
    ) -> None:
        """``records``: the paper's annotations (those of the older version are drawn on
        it, orphans included); ``focus``: an orphan to show on its version."""
        super().__init__(parent)
        self.records, self.focus = records, focus
        self.setObjectName("versionChanges")
        self.workspace = workspace
        self.reader = reader
        self.document_id = reader.document_id
        self.versions: list[VersionRow] = []
        self.changes: VersionChanges | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.older = QComboBox(self)
        self.older.setObjectName("olderVersion")
        self.older.activated.connect(lambda _index: self.compare())
        self.pages = QListWidget(self)
        self.pages.setObjectName("versionPages")
        self.pages.setWordWrap(True)
        self.pages.itemClicked.connect(self._show_item)
        self.pages.itemActivated.connect(self._show_item)
        self.old_reader = Reader(self.document_id, "", title, self)
        self.old_reader.setObjectName("olderVersionReader")
        self.old_layer = AnnotationLayer(self)
        self.old_layer.paint_orphans = True
        self.old_layer.repaint_page.connect(self.old_reader.update_page)
        self.old_reader.add_layer(self.old_layer)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.old_reader)
        splitter.setSizes([320, 560])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.older)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(980, 700)
        self.retranslate()
        self.finished.connect(lambda _result: self.old_reader.close_paper())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What changed between versions"))
        self.close_button.setText(self.tr("Close"))
        self._summarise()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------------
    def start(self) -> None:
        store, document_id = self.workspace.store, self.document_id
        BackgroundOp(
            parent=self,
            op=lambda: document_versions(store, document_id),
            success=self._versions_read,
            failure=self._failed,
        ).run()

    def _versions_read(self, versions: list[VersionRow]) -> None:
        self.versions = versions
        self.older.clear()
        for version in versions[:-1]:
            self.older.addItem(self.tr("Version %1").replace("%1", str(version.number)))
        if len(versions) < 2:
            self.older.hide()
            self.summary.setText(self.tr("This paper has only one version: nothing changed."))
            self.compared.emit()
            return
        shas = [v.sha256 for v in versions[:-1]]
        wanted = self.focus.get("version_sha256") if self.focus else None
        self.older.setCurrentIndex(shas.index(wanted) if wanted in shas else len(versions) - 2)
        self.compare()

    def compare(self) -> None:
        index = self.older.currentIndex()
        if not 0 <= index < len(self.versions) - 1:
            return
        old, new = self.versions[index], self.versions[-1]
        self.summary.setText(self.tr("Comparing the versions…"))
        self.pages.clear()
        open_paper = self.workspace.open_paper
        BackgroundOp(
            parent=self,
            op=lambda: compare_versions(open_paper, old, new),
            success=self._show,
            failure=self._failed,
        ).run()
        BackgroundOp(
            parent=self,
            op=lambda: open_paper(old.sha256),
            success=lambda paper: self._open_old(old, paper),
            failure=self._failed,
        ).run()

    def _open_old(self, old: VersionRow, paper: Any) -> None:
        if paper is None:
            return
        self.old_reader.version_sha256 = old.sha256
        if not self.old_reader.load(paper):
            return
        self.old_layer.set_annotations(
            r for r in self.records if r.get("version_sha256") == old.sha256
        )
        focus = self.focus
        if focus is not None and focus.get("version_sha256") == old.sha256:
            self.old_reader.go_to(int(focus.get("page") or 0), highlight=bounds_of(focus) or None)
            self.old_layer.select(str(focus["id"]))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(describe(exc))
        self.compared.emit()

    # -- showing ------------------------------------------------------------------
    def _show(self, changes: VersionChanges) -> None:
        self.changes = changes
        self.pages.clear()
        for diff in changes.changed:
            item = QListWidgetItem(self._describe(diff))
            item.setData(DIFF_ROLE, diff)
            self.pages.addItem(item)
        self._summarise()
        self.compared.emit()

    def _summarise(self) -> None:
        changes = self.changes
        if changes is None:
            return
        count = len(changes.changed)
        text = (
            self.tr("Version %1 → version %2: %3 page(s) changed.")
            .replace("%1", str(changes.old.number))
            .replace("%2", str(changes.new.number))
            .replace("%3", str(count))
        )
        if not count:
            text = self.tr("Version %1 → version %2: the text is the same.")
            text = text.replace("%1", str(changes.old.number)).replace(
                "%2", str(changes.new.number)
            )
        self.summary.setText(text)

    def _describe(self, diff: PageDiff) -> str:
        if diff.status == "removed":
            old_page = diff.old_pages[0] + 1 if diff.old_pages else 0
            return self.tr("Page %1 of the older version was removed.").replace("%1", str(old_page))
        page = str((diff.new_page or 0) + 1)
        if diff.status == "added":
            return self.tr("Page %1 is new.").replace("%1", page)
        lines = [self.tr("Page %1 changed.").replace("%1", page)]
        if diff.inserted:
            lines.append("+ " + _words(diff.inserted))
        if diff.deleted:
            lines.append("− " + _words(diff.deleted))
        return "\n".join(lines)

    def _show_item(self, item: QListWidgetItem) -> None:
        diff = item.data(DIFF_ROLE)
        if not isinstance(diff, PageDiff):
            return
        if diff.new_page is not None:
            self.reader.go_to(diff.new_page)
        if diff.old_pages and self.old_reader.is_open():
            self.old_reader.go_to(diff.old_pages[0])
