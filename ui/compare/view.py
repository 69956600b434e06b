"""Two versions of a paper side by side, with what changed, page by page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ecabinet.annotations.version_diff import PageDiff, VersionDiff
from ecabinet.client.review import VersionInfo
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.sealed_files import SealedReader
from ui.compare.diff_text import page_html
from ui.errors import describe
from ui.reader.reader import Reader
from ui.worker import BackgroundOp

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class CompareView(QWidget):
    compared = Signal()  # the page list shows the difference of the chosen versions
    failed = Signal(str)  # what went wrong, as shown

    def __init__(
        self, workspace: Workspace, document_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareView")
        self.workspace, self.document_id, self.title = workspace, document_id, title
        self.versions: list[VersionInfo] = []
        self.diff: VersionDiff | None = None
        self.page_diffs: list[PageDiff] = []
        self._generation = 0
        self._opening: dict[int, str] = {}  # id(reader) -> version being opened for it
        self._closed = False
        self.old_choice, self.new_choice = QComboBox(), QComboBox()
        self.only_changed = QCheckBox()
        self.only_changed.setChecked(True)
        self.follow = QCheckBox()
        self.follow.setChecked(True)
        self.message = QLabel()
        self.message.setObjectName("compareMessage")
        self.message.setWordWrap(True)
        self.pages = QListWidget()
        self.pages.setObjectName("changedPages")
        self.text = QTextBrowser()
        self.text.setObjectName("pageDifference")
        self.old_label, self.new_label = QLabel(), QLabel()
        self.old_reader = Reader(document_id, "", title, self)
        self.new_reader = Reader(document_id, "", title, self)
        self._layout()
        self.old_choice.currentIndexChanged.connect(lambda _: self.compare())
        self.new_choice.currentIndexChanged.connect(lambda _: self.compare())
        self.only_changed.toggled.connect(lambda _: self._fill_pages())
        self.pages.currentItemChanged.connect(lambda item, _: self._show_page(item))
        self.new_reader.page_changed.connect(self._follow_new_page)
        self.retranslate()
        self.resize(1280, 800)

    def _layout(self) -> None:
        choices = QHBoxLayout()
        for label, widget in ((self.old_label, self.old_choice), (self.new_label, self.new_choice)):
            choices.addWidget(label)
            choices.addWidget(widget, 1)
        choices.addWidget(self.follow)
        readers = QSplitter(Qt.Orientation.Horizontal)
        readers.addWidget(self.old_reader)
        readers.addWidget(self.new_reader)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.only_changed)
        column.addWidget(self.pages, 1)
        column.addWidget(self.text, 2)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(readers)
        body.addWidget(side)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare versions — %1").replace("%1", self.title))
        self.old_label.setText(self.tr("Older version:"))
        self.new_label.setText(self.tr("Newer version:"))
        self.only_changed.setText(self.tr("Only pages that changed"))
        self.follow.setText(self.tr("Scroll both together"))
        if self.versions:
            self._fill_choices()
        if self.diff is not None:
            self._fill_pages()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- versions -------------------------------------------------------------------
    def load(self) -> None:
        """List the document's versions (off the GUI thread), then compare the last two."""
        self._say(self.tr("Loading the versions…"))
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.document_versions(self.document_id),
            success=self._versions_loaded,
            failure=self._fail,
        ).run()

    def _versions_loaded(self, versions: list[VersionInfo]) -> None:
        self.versions = versions
        if len(versions) < 2:
            self._fail_text(
                self.tr("This paper has only one version: there is nothing to compare.")
            )
            return
        self._fill_choices()

    def _version_text(self, version: VersionInfo) -> str:
        text = self.tr("Version %1").replace("%1", str(version.version_no))
        if version.published_at:
            text += f" · {version.published_at[:16].replace('T', ' ')}"
        if version.current:
            text += " " + self.tr("(current)")
        if not version.cached:
            text += " " + self.tr("(not on this computer)")
        return text

    def _fill_choices(self) -> None:
        old, new = self.selected()
        for combo in (self.old_choice, self.new_choice):
            combo.blockSignals(True)
            combo.clear()
            for version in self.versions:
                combo.addItem(self._version_text(version), version.sha256)
            combo.blockSignals(False)
        shas = [v.sha256 for v in self.versions]
        for combo, index in (
            (self.old_choice, shas.index(old.sha256) if old else len(shas) - 2),
            (self.new_choice, shas.index(new.sha256) if new else len(shas) - 1),
        ):
            combo.blockSignals(True)  # one comparison for both choices, not one each
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.compare()

    def selected(self) -> tuple[VersionInfo | None, VersionInfo | None]:
        def pick(combo: QComboBox) -> VersionInfo | None:
            index = combo.currentIndex()
            return self.versions[index] if 0 <= index < len(self.versions) else None

        if self.old_choice.count() != len(self.versions):
            return None, None
        return pick(self.old_choice), pick(self.new_choice)

    # -- comparing ------------------------------------------------------------------
    def compare(self) -> None:
        old, new = self.selected()
        if old is None or new is None:
            return
        self._generation += 1
        generation = self._generation
        self.diff, self.page_diffs = None, []
        self.pages.clear()
        self.text.clear()
        for reader, version in ((self.old_reader, old), (self.new_reader, new)):
            self._open(reader, version)
        if old.sha256 == new.sha256:
            self._fail_text(self.tr("Choose two different versions to compare."))
            return
        missing = [v for v in (old, new) if not v.cached]
        if missing:
            self._fail_text(self.tr(
                "Version %1 of this paper is no longer on this computer, so it cannot be "
                "compared. Connect to the network and sync, or choose another version."
            ).replace("%1", ", ".join(str(v.version_no) for v in missing)))  # fmt: skip
            return
        self._say(self.tr("Comparing the versions…"))
        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.compare_versions(old.sha256, new.sha256),
            success=lambda diff: self._compared(generation, diff),
            failure=lambda exc: self._fail(exc) if generation == self._generation else None,
        ).run()

    def _compared(self, generation: int, diff: VersionDiff) -> None:
        if generation != self._generation:
            return
        self.diff = diff
        self.page_diffs = diff.pages()
        self._fill_pages()
        changed = sum(p.status != "unchanged" for p in self.page_diffs)
        if diff.identical:
            self._say(self.tr("The two versions have the same text."))
        else:
            self._say(self.tr("%1 page(s) changed.").replace("%1", str(changed)))
        self.compared.emit()

    def _fill_pages(self) -> None:
        self.pages.clear()
        for index, page in enumerate(self.page_diffs):
            if self.only_changed.isChecked() and page.status == "unchanged":
                continue
            item = QListWidgetItem(self._page_text(page))
            item.setData(PAGE_ROLE, index)
            self.pages.addItem(item)
        if self.pages.count():
            self.pages.setCurrentRow(0)

    def _page_text(self, page: PageDiff) -> str:
        if page.new_page is None:
            old = ", ".join(str(p + 1) for p in page.old_pages)
            return self.tr("Old page %1: removed").replace("%1", old)
        number = str(page.new_page + 1)
        if page.status == "added":
            return self.tr("Page %1: new").replace("%1", number)
        if page.status == "unchanged":
            return self.tr("Page %1: unchanged").replace("%1", number)
        return (
            self.tr("Page %1: %2 added, %3 removed")
            .replace("%1", number)
            .replace("%2", str(len(page.inserted)))
            .replace("%3", str(len(page.deleted)))
        )

    def _show_page(self, item: QListWidgetItem | None) -> None:
        if item is None or self.diff is None:
            self.text.clear()
            return
        page = self.page_diffs[int(item.data(PAGE_ROLE))]
        self.text.setHtml(page_html(self.diff, page))
        if page.new_page is not None:
            self.new_reader.go_to(page.new_page)
        if page.old_pages:
            self.old_reader.go_to(page.old_pages[0])

    def _follow_new_page(self, new_page: int) -> None:
        if not self.follow.isChecked() or not self.page_diffs:
            return
        for page in self.page_diffs:
            if page.new_page == new_page and page.old_pages:
                if self.old_reader.current_page not in page.old_pages:
                    self.old_reader.go_to(page.old_pages[0])
                return

    # -- readers --------------------------------------------------------------------
    def _open(self, reader: Reader, version: VersionInfo) -> None:
        if reader.version_sha256 == version.sha256 and (
            reader.is_open() or self._opening.get(id(reader)) == version.sha256
        ):
            return  # already shown, or on its way
        reader.close_paper()
        reader.version_sha256 = version.sha256
        reader.show_message(self.tr("Opening version %1…").replace("%1", str(version.version_no)))
        if not version.cached:
            reader.show_message(self.tr(
                "Version %1 is no longer on this computer."
            ).replace("%1", str(version.version_no)))  # fmt: skip
            return
        sha = version.sha256
        self._opening[id(reader)] = sha

        def opened(paper: SealedReader | None) -> None:
            if self._opening.get(id(reader)) == sha:
                del self._opening[id(reader)]
            if self._closed or reader.version_sha256 != sha:
                if paper is not None:
                    paper.close()
                return  # another version was chosen meanwhile, or the window closed
            if paper is None:
                reader.show_message(self.tr(
                    "Version %1 is no longer on this computer."
                ).replace("%1", str(version.version_no)))  # fmt: skip
            elif reader.load(paper):
                self._show_page(self.pages.currentItem())  # pages chosen before it opened

        def failed(exc: BaseException) -> None:
            self._opening.pop(id(reader), None)
            reader.show_message(describe(exc))

        BackgroundOp(
            parent=self,
            op=lambda: self.workspace.open_paper(sha),
            success=opened,
            failure=failed,
        ).run()

    # -- messages -------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _fail(self, exc: BaseException) -> None:
        self._fail_text(describe(exc))

    def _fail_text(self, text: str) -> None:
        self._say(text)
        self.failed.emit(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.old_reader.close_paper()
        self.new_reader.close_paper()
        super().closeEvent(event)
