"""Comparing two versions of a paper: side by side, with the text difference page by page."""

from __future__ import annotations

from ui.compare.install import CompareAction, install, open_compare
from ui.compare.view import CompareView

__all__ = ["CompareAction", "CompareView", "install", "open_compare"]
