"""Keys and the wheel in the paper view: PgUp/PgDn by page, Space by screen, arrows by
pixels, Home/End, Ctrl+C; the wheel scrolls pixel for pixel, Ctrl+wheel zooms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent

from ui.reader.layout import SPACING

if TYPE_CHECKING:
    from ui.reader.view import PaperView

ZOOM_STEP = 1.2
LINE = 40  # pixels an arrow key or a wheel line scrolls


def handle_wheel(view: PaperView, event: QWheelEvent) -> None:
    if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        steps = event.angleDelta().y() / 120
        if steps:
            view.set_zoom(view.zoom() * ZOOM_STEP**steps, at=event.position())
        event.accept()
        return
    pixels = event.pixelDelta()
    if pixels.isNull():  # a mouse wheel: three lines a notch
        dx = -event.angleDelta().x() * LINE * 3 // 120
        dy = -event.angleDelta().y() * LINE * 3 // 120
    else:  # a touchpad: follow the fingers pixel for pixel
        dx, dy = -pixels.x(), -pixels.y()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + dx)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + dy)
    event.accept()


def handle_key(view: PaperView, event: QKeyEvent) -> bool:
    """True when the key was one of the view's."""
    key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    vbar, hbar = view.verticalScrollBar(), view.horizontalScrollBar()
    page = view.current_page()
    if event.matches(QKeySequence.StandardKey.Copy):
        view.copy_selection()
    elif key == Qt.Key.Key_PageDown:
        view.go_to(page + 1)
    elif key == Qt.Key.Key_PageUp:  # to the top of this page first, then the one before
        at_top = view.strip is None or vbar.value() <= view.strip.tops[page] - SPACING + 1
        view.go_to(page - 1 if at_top else page)
    elif key == Qt.Key.Key_Space:
        step = vbar.pageStep() - LINE
        vbar.setValue(vbar.value() + (-step if shift else step))
    elif key == Qt.Key.Key_Home:
        view.go_to(0)
    elif key == Qt.Key.Key_End:
        view.go_to(view.page_count() - 1)
    elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        vbar.setValue(vbar.value() + (LINE if key == Qt.Key.Key_Down else -LINE))
    elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
        forward = key == Qt.Key.Key_Right
        if hbar.maximum() > 0:
            hbar.setValue(hbar.value() + (LINE if forward else -LINE))
        else:
            view.go_to(page + 1 if forward else page - 1)
    elif key == Qt.Key.Key_Escape and view.selection() is not None:
        view.clear_selection()
    else:
        return False
    return True
