"""What the catalogue's marks mean: a small legend under the tree (Help → Legend hides
or shows it). Each mark is an icon with its own shape, never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.theme.icons import icon

ICON = QSize(16, 16)


class CatalogueLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogueLegend")
        # Takes the pane's width, whatever it is: the labels wrap rather than widen it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.marks = (
            "unread", "read", "updated", "not_downloaded", "ballot_not_answered",
            "ballot_waiting", "ballot_delivered", "ballot_rejected", "ballot_outdated",
        )  # fmt: skip
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.icons: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for n, mark in enumerate(self.marks):
            picture, text = QLabel(self), QLabel(self)
            text.setObjectName("legendText")
            text.setWordWrap(True)
            row, column = divmod(n, 2)
            grid.addWidget(picture, row, column * 2)
            grid.addWidget(text, row, column * 2 + 1)
            self.icons[mark], self.labels[mark] = picture, text
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.refresh_icons()
        self.retranslate()

    def refresh_icons(self) -> None:
        for mark, picture in self.icons.items():
            picture.setPixmap(icon(mark).pixmap(ICON))

    def retranslate(self) -> None:
        texts = {
            "unread": self.tr("Not read yet (bold)"),
            "read": self.tr("Read"),
            "updated": self.tr("New version since you read it"),
            "not_downloaded": self.tr("Not downloaded yet (grey)"),
            "ballot_not_answered": self.tr("Ballot: not answered"),
            "ballot_waiting": self.tr("Signed, waiting to send"),
            "ballot_delivered": self.tr("Answer delivered"),
            "ballot_rejected": self.tr("Answer rejected"),
            "ballot_outdated": self.tr("Answered on an older draft"),
        }
        for mark, label in self.labels.items():
            label.setText(texts[mark])
            self.icons[mark].setToolTip(texts[mark])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.refresh_icons()
        super().changeEvent(event)


def catalogue_pane(tree: QTreeView) -> tuple[QWidget, CatalogueLegend]:
    """The left pane: the catalogue with its legend beneath."""
    pane = QWidget(tree.parentWidget())
    pane.setObjectName("cataloguePane")
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(tree, 1)
    legend = CatalogueLegend(pane)
    layout.addWidget(legend)
    return pane, legend
