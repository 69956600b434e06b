"""The one helper for background work: run a function off the GUI thread, get the
result (or the exception) back on the GUI thread.

    BackgroundOp(parent=self, op=lambda: workspace.sync(), success=self.show).run()

Nothing blocking (network, disk, database) ever runs on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)

_pool: QThreadPool | None = None
_running: set[BackgroundOp[Any]] = set()


def background_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
    return _pool


def wait_for_background_work(timeout_ms: int = 30_000) -> bool:
    """Block until every queued op has finished (at exit, and in tests)."""
    return background_pool().waitForDone(timeout_ms)


class _Relay(QObject):
    # Lives on the GUI thread: signals emitted from the worker arrive there, queued.
    done = Signal(bool, object)


class _Task(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:  # handed to the GUI thread, never lost
            self._relay.done.emit(False, exc)
        else:
            self._relay.done.emit(True, result)


class BackgroundOp(Generic[T]):
    def __init__(
        self,
        *,
        parent: QObject,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure = failure
        self._relay = _Relay()
        self._relay.done.connect(self._finish)

    def run(self) -> None:
        _running.add(self)
        background_pool().start(_Task(self._op, self._relay))

    def _finish(self, ok: bool, value: object) -> None:
        _running.discard(self)
        if not shiboken6.isValid(self._parent):
            return  # the window that asked is gone; nobody to tell
        if ok:
            if self._success is not None:
                self._success(value)  # type: ignore[arg-type]
        elif self._failure is not None:
            self._failure(value)  # type: ignore[arg-type]
        else:
            log.error("background operation failed", exc_info=value)  # type: ignore[arg-type]
