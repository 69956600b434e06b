"""Search across every cached paper and note: the panel, and how the window wires it."""

from __future__ import annotations

from ui.search.install import SearchDock, install
from ui.search.opening import OpenRequest, open_in_tabs
from ui.search.panel import SearchPanel

__all__ = ["OpenRequest", "SearchDock", "SearchPanel", "install", "open_in_tabs"]
