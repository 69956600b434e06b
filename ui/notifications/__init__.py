"""Notifications: the toolbar's bell, the list of what the secretariat did, and the
catalogue's "updated" marks (docs/secretariat.md, "Publishing and notifications")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.notifications.center import NotificationCenter

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> NotificationCenter:
    """The list is a dock on the right, hidden until the bell (Ctrl+Shift+N) asks for it."""
    from PySide6.QtCore import Qt

    center = NotificationCenter(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, center.dock)
    return center
