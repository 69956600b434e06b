"""Driving a Reader like a person: open a sealed paper, find a word on screen, drag."""

from __future__ import annotations

from pathlib import Path

from gui.helpers import has_ink
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from support.reader_pdfs import seal

from ui.reader.reader import Reader


def open_reader(qtbot: QtBot, pdf: Path, tmp_path: Path, document_id: str = "doc-1") -> Reader:
    reader = Reader(document_id, "0" * 64, pdf.stem)
    qtbot.addWidget(reader)
    reader.resize(1000, 760)
    reader.show()
    qtbot.waitExposed(reader)
    assert reader.load(seal(pdf, tmp_path / f"{pdf.stem}.sealed")), reader.message.text()
    qtbot.waitUntil(lambda: has_ink(reader.view.viewport()), timeout=10_000)
    return reader


def word_rect(reader: Reader, page: int, word: str) -> QRectF:
    """Where ``word`` is on ``page``, in QtPdf points (origin top-left)."""
    text = reader.document.getAllText(page).text()
    start = text.find(word)
    assert start >= 0, f"{word!r} is not in the text of page {page}: {text!r}"
    selection = reader.document.getSelectionAtIndex(page, start, len(word))
    return selection.boundingRectangle()


def on_screen(reader: Reader, page: int, rect: QRectF) -> QRectF:
    return reader.view.frame(page).qt_rect_to_view(rect)


def mouse(widget: QWidget, kind: QEvent.Type, pos: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPointF, end: QPointF, steps: int = 5) -> None:
    left = Qt.MouseButton.LeftButton
    mouse(widget, QEvent.Type.MouseButtonPress, start, left)
    for step in range(1, steps + 1):
        t = step / steps
        point = QPointF(
            start.x() + (end.x() - start.x()) * t, start.y() + (end.y() - start.y()) * t
        )
        mouse(widget, QEvent.Type.MouseMove, point, left)
    mouse(widget, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
