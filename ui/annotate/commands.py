"""Undoable annotation writes: add, edit, delete (a tombstone, undone by a restore).

Every write goes to the Workspace off the GUI thread, one at a time and in order
(``WriteQueue``), so an undo queued right after an add finds the id the add returned.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from ui.worker import BackgroundOp


class AnnotationStore(Protocol):
    """The Workspace annotation API (docs: plan common contract), as the commands use it."""

    def add_annotation(self, draft: Any) -> Any: ...

    def edit_annotation(
        self,
        annotation_id: str,
        *,
        text: str | None = None,
        color: str | None = None,
        rect: list[float] | None = None,
        visibility: str | None = None,
    ) -> Any: ...

    def delete_annotation(self, annotation_id: str) -> None: ...

    def restore_annotation(self, annotation_id: str) -> Any: ...


class WriteQueue(QObject):
    """Runs writes in the background strictly one after another."""

    failed = Signal(object)  # the exception of a write that did not happen
    written = Signal()  # a write finished (the screens refresh)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[tuple[Callable[[], Any], Callable[[Any], None] | None]] = deque()
        self._busy = False

    def run(self, op: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        self._waiting.append((op, done))
        self._next()

    @property
    def idle(self) -> bool:
        return not self._busy and not self._waiting

    def _next(self) -> None:
        if self._busy or not self._waiting:
            return
        op, done = self._waiting.popleft()
        self._busy = True

        def succeeded(result: Any) -> None:
            self._busy = False
            if done is not None:
                done(result)
            self.written.emit()
            self._next()

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.failed.emit(exc)
            self._next()

        BackgroundOp(parent=self, op=op, success=succeeded, failure=failed).run()


def record_id(record: Any) -> str:
    """The id of a Workspace ``AnnotationRecord`` (or of its dict)."""
    if isinstance(record, Mapping):
        return str(record["id"])
    return str(record.id)


class AddAnnotation(QUndoCommand):
    """``draft`` makes the AnnotationDraft in the background (selectors need the text)."""

    def __init__(
        self, store: AnnotationStore, queue: WriteQueue, draft: Callable[[], Any], label: str
    ) -> None:
        super().__init__(label)
        self._store, self._queue, self._draft = store, queue, draft
        self.annotation_id: str | None = None
        self._added = False

    def _id(self) -> str:
        if self.annotation_id is None:
            raise RuntimeError("the annotation was never saved")
        return self.annotation_id

    def _remember(self, record: Any) -> None:
        self.annotation_id = record_id(record)

    def redo(self) -> None:
        if not self._added:
            self._added = True
            draft = self._draft
            self._queue.run(lambda: self._store.add_annotation(draft()), self._remember)
        else:
            self._queue.run(lambda: self._store.restore_annotation(self._id()))

    def undo(self) -> None:
        self._queue.run(lambda: self._store.delete_annotation(self._id()))


class EditAnnotation(QUndoCommand):
    """Changes some of text, color, rect, visibility; undo puts the old values back."""

    def __init__(
        self,
        store: AnnotationStore,
        queue: WriteQueue,
        annotation_id: str,
        before: dict[str, Any],
        after: dict[str, Any],
        label: str,
    ) -> None:
        super().__init__(label)
        self._store, self._queue, self._id = store, queue, annotation_id
        self._before, self._after = before, after

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)

    def _apply(self, values: dict[str, Any]) -> None:
        annotation_id = self._id
        self._queue.run(lambda: self._store.edit_annotation(annotation_id, **values))


class DeleteAnnotation(QUndoCommand):
    """Deleting leaves a tombstone (synced like any edit); undo restores it."""

    def __init__(
        self, store: AnnotationStore, queue: WriteQueue, annotation_id: str, label: str
    ) -> None:
        super().__init__(label)
        self._store, self._queue, self._id = store, queue, annotation_id

    def redo(self) -> None:
        annotation_id = self._id
        self._queue.run(lambda: self._store.delete_annotation(annotation_id))

    def undo(self) -> None:
        annotation_id = self._id
        self._queue.run(lambda: self._store.restore_annotation(annotation_id))
