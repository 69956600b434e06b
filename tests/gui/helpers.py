"""Acting like a person on the real widgets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTreeView, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.views.sign_confirmation import SignConfirmation


def click_item(qtbot: QtBot, tree: QTreeView, index: QModelIndex) -> None:
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    assert rect.isValid(), "item not visible in the tree"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def find_row(tree: QTreeView, text_part: str) -> QModelIndex:
    model = tree.model()

    def walk(parent: QModelIndex) -> QModelIndex:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if text_part in str(index.data()):
                return index
            found = walk(index)
            if found.isValid():
                return found
        return QModelIndex()

    found = walk(QModelIndex())
    assert found.isValid(), f"no row containing {text_part!r}"
    return found


def has_ink(widget: QWidget) -> bool:
    """True when the widget shows dark pixels (rendered text), not just a blank page."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())
    return bool(data) and min(data) < 60 and data.count(255) > len(data) // 10


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a Vietnamese user: an input method (Unikey, ibus) commits each word.

    QTest.keyClicks aborts on characters outside Latin-1, so words with diacritics
    arrive as input-method commits, as they do on a real desktop.
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for word in text.split(" "):
        chunk = word + " "
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)  # the trailing space


def confirm_signature(qtbot: QtBot, window: MainWindow) -> SignConfirmation:
    """Click "Sign" in the ballot panel and wait for the confirmation dialog."""
    with qtbot.waitSignal(window.ballot_dock.confirmation_shown, timeout=10_000) as shown:
        qtbot.mouseClick(window.ballot_view.sign_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, SignConfirmation) and dialog.isVisible()
    return dialog
