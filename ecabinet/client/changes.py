"""What a write changed, told to every screen (docs/architecture.md)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    what: str  # "annotations", "reading", ...
    document_id: str | None = None


Listener = Callable[[Change], None]


class ChangeHub:
    """Plain callbacks, callable from any thread (the UI turns them into queued signals)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def notify(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # one screen's bug must not stop the others' refresh
                log.exception("change listener failed for %s", change)
