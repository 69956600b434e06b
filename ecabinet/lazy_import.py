"""A module imported on first attribute access, for heavy libraries start-up does not use.

The app's first paint needs neither pdfium nor the HTTP stack; modules that use them for
later work (text for annotations, search, sync) name them through ``lazy_module`` so that
importing the module costs nothing until the library is really used.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType
from typing import Any


class _LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None
        self._lock = threading.Lock()

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            with self._lock:
                if self._module is None:
                    self._module = importlib.import_module(self._name)
                module = self._module
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    """``name`` imported when one of its attributes is first read."""
    return _LazyModule(name)
