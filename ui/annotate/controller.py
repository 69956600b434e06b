"""Ties the annotation tools to the current reader and the Workspace.

One ``AnnotationLayer`` and one undo stack per reader (a QUndoGroup follows the
current one). Reads and writes run off the GUI thread; the Workspace's change
notices (possibly from a worker thread) arrive here as a queued signal and reload
the open document's annotations, so every screen shows what the store holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from ui.annotate.annotation_list import AnnotationListModel
from ui.annotate.commands import AddAnnotation, DeleteAnnotation, EditAnnotation, WriteQueue
from ui.annotate.drafts import as_dict, draft_fields, make_draft
from ui.annotate.editor import NoteEditor
from ui.annotate.layer import AnnotationLayer, Tool, note_rect
from ui.annotate.palette import PRESET_COLOURS, ToolPalette
from ui.annotate.reader_api import ReaderLike, bounds_of, quad_list
from ui.annotate.text_source import SelectorMaker
from ui.annotate.version_view import VersionChangesDialog
from ui.errors import describe
from ui.worker import BackgroundOp


class _Relay(QObject):
    # Lives on the GUI thread: emitted from any thread, delivered queued.
    changed = Signal(object)


class _ReaderState:
    def __init__(self, reader: ReaderLike, layer: AnnotationLayer, stack: QUndoStack) -> None:
        self.reader, self.layer, self.stack = reader, layer, stack


class AnnotationController(QObject):
    loaded = Signal()  # the open document's annotations are on screen (list and pages)
    message = Signal(str)  # something the minister should read (Vietnamese)
    selected = Signal(object)  # the annotation selected on the page (id), or None

    def __init__(self, workspace: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._window = parent
        self.queue = WriteQueue(self)
        self.queue.failed.connect(lambda exc: self.message.emit(describe(exc)))
        self.queue.written.connect(self.reload_soon)
        self.undo_group = QUndoGroup(self)
        self.palette = ToolPalette(parent)
        self.palette.add_undo_actions(
            self.undo_group.createUndoAction(self, self.tr("Undo")),
            self.undo_group.createRedoAction(self, self.tr("Redo")),
        )
        self.palette.tool_chosen.connect(self.set_tool)
        self.palette.colour_chosen.connect(self.set_colour)
        self.palette.shared_toggled.connect(self._shared_toggled)
        self.palette.delete_action.triggered.connect(self.delete_selected)
        self.model = AnnotationListModel(self)
        self.selectors = SelectorMaker(workspace)
        self.tool = Tool.SELECT
        self.colour = PRESET_COLOURS[0]
        self.visibility = "private"
        self.records: dict[str, dict[str, Any]] = {}
        self.editor: NoteEditor | None = None
        self.version_dialog: QWidget | None = None
        self._last_marked: tuple[Any, Any, Any] | None = None
        self._states: dict[int, _ReaderState] = {}
        self.state: _ReaderState | None = None
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(0)
        self._reload.timeout.connect(self.reload)
        self._relay = _Relay(self)
        self._relay.changed.connect(self._on_change)
        subscribe = getattr(workspace, "subscribe", None)
        self._unsubscribe = subscribe(self._relay.changed.emit) if subscribe else None

    # -- readers --------------------------------------------------------------
    @property
    def reader(self) -> ReaderLike | None:
        return self.state.reader if self.state else None

    @property
    def layer(self) -> AnnotationLayer | None:
        return self.state.layer if self.state else None

    def attach(self, reader: ReaderLike | None) -> None:
        """Follow this reader (PaperTabs.reader_changed); None when no paper is open."""
        if reader is None:  # every paper closed (or locked): let go of the text too
            self.state = None
            self.records = {}
            self.model.set_records(())
            self.queue.run(self.selectors.close)
            return
        key = id(reader)
        state = self._states.get(key)
        if state is None:
            state = self._new_state(reader)
            self._states[key] = state
        self.state = state
        state.layer.set_tool(self.tool)
        state.layer.color = QColor(self.colour)
        self.undo_group.setActiveStack(state.stack)
        self.reload()

    def _new_state(self, reader: ReaderLike) -> _ReaderState:
        layer = AnnotationLayer(self)
        stack = QUndoStack(self)
        self.undo_group.addStack(stack)
        state = _ReaderState(reader, layer, stack)
        layer.repaint_page.connect(reader.update_page)
        layer.ink_drawn.connect(self._ink_drawn)
        layer.note_placed.connect(self._note_placed)
        layer.box_drawn.connect(self._box_drawn)
        layer.edit_requested.connect(self.edit)
        layer.selection_changed.connect(self._selection_changed)
        # With a marker chosen, letting go of a text selection marks it (the reader tells
        # of a finished selection; layers see only the press).
        reader.selection_changed.connect(self._text_selected)
        layer.text_released.connect(self._text_selected)
        reader.add_layer(layer)
        reader.destroyed.connect(lambda *_: self._forget(id(reader)))
        return state

    def _forget(self, key: int) -> None:
        state = self._states.pop(key, None)
        if state is None:
            return
        self.undo_group.removeStack(state.stack)
        if self.state is state:
            self.attach(None)

    def close(self) -> None:
        """Stop listening to the Workspace and let go of the open paper's text."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.queue.run(self.selectors.close)

    # -- loading ----------------------------------------------------------------
    def reload_soon(self) -> None:
        self._reload.start()

    def _on_change(self, change: Any) -> None:
        if getattr(change, "what", None) != "annotations":
            return
        document = getattr(change, "document_id", None)
        if self.reader is not None and document in (None, self.reader.document_id):
            self.reload_soon()

    def reload(self) -> None:
        state = self.state
        if state is None:
            return
        document_id = state.reader.document_id
        workspace = self.workspace

        def read() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            records = [as_dict(r) for r in workspace.annotations(document_id)]
            conflicts = [as_dict(r) for r in workspace.annotation_conflicts(document_id)]
            return records, conflicts

        BackgroundOp(
            parent=self,
            op=read,
            success=lambda result: self._show(state, document_id, *result),
            failure=lambda exc: self.message.emit(describe(exc)),
        ).run()

    def _show(
        self,
        state: _ReaderState,
        document_id: str,
        records: list[dict[str, Any]],
        conflicts: list[dict[str, Any]],
    ) -> None:
        version = state.reader.version_sha256
        # Annotations of another version of this paper are listed, not painted on this one.
        state.layer.set_annotations(
            r for r in records if not version or r.get("version_sha256") in (None, "", version)
        )
        if state is not self.state or state.reader.document_id != document_id:
            return
        self.records = {str(r["id"]): r for r in records + conflicts}
        self.model.set_records(records, conflicts)
        self.loaded.emit()

    # -- tools ------------------------------------------------------------------
    def set_tool(self, tool: Tool) -> None:
        self.tool = tool
        self.palette.set_tool(tool)
        if self.layer is not None:
            self.layer.set_tool(tool)
        reader = self.reader
        if tool.marks_text and reader is not None and reader.selection() is not None:
            self.mark_selection(tool.value)

    def set_colour(self, colour: str) -> None:
        layer = self.layer
        selected = layer.selected if layer else None
        if selected and selected in self.records:
            before = self.records[selected].get("color")
            self._push_edit(selected, {"color": before}, {"color": colour})
            return
        self.colour = colour
        self.palette.set_colour(colour)
        if layer is not None:
            layer.color = QColor(colour)

    def _shared_toggled(self, shared: bool) -> None:
        visibility = "shared" if shared else "private"
        selected = self.layer.selected if self.layer else None
        if selected and selected in self.records:
            before = self.records[selected].get("visibility") or "private"
            if before != visibility:
                self._push_edit(selected, {"visibility": before}, {"visibility": visibility})
            return
        self.visibility = visibility

    def _selection_changed(self, annotation_id: str | None) -> None:
        record = self.records.get(annotation_id or "")
        self.palette.delete_action.setEnabled(record is not None)
        self.palette.shared.blockSignals(True)
        shared = (record.get("visibility") if record else self.visibility) == "shared"
        self.palette.shared.setChecked(shared)
        self.palette.shared.blockSignals(False)
        self.palette.set_colour(str(record.get("color")) if record else self.colour)
        self.selected.emit(annotation_id)

    def _text_selected(self) -> None:
        if self.tool.marks_text:
            QTimer.singleShot(0, self._mark_after_release)

    def _mark_after_release(self) -> None:
        reader = self.reader
        selection = reader.selection() if reader is not None else None
        if not self.tool.marks_text or selection is None:
            return
        key = (getattr(selection, "page", None), getattr(selection, "char_start", None),
               getattr(selection, "char_end", None))  # fmt: skip
        if key != self._last_marked:  # a click on text already marked marks it not again
            self.mark_selection(self.tool.value)

    def mark_selection(self, kind: str) -> bool:
        """Highlight / underline / strike out the reader's selected text (False: none)."""
        reader = self.reader
        selection = reader.selection() if reader is not None else None
        quads = quad_list(getattr(selection, "quads", None)) if selection is not None else []
        if reader is None or selection is None or not quads:
            self.message.emit(self.tr("Select some text on the page first, then choose the tool."))
            return False
        sha, page = reader.version_sha256, int(selection.page)
        start, end = int(selection.char_start), int(selection.char_end)
        self._last_marked = (page, start, end)
        fields = self._fields(kind, page, quads=quads)
        maker = self.selectors

        def draft() -> Any:
            found = maker.selectors(sha, page, start, end)
            return make_draft(**fields, selectors=found)

        self._push_add(draft)
        return True

    def _fields(self, kind: str, page: int, **geometry: Any) -> dict[str, Any]:
        assert self.reader is not None
        return draft_fields(self.reader, kind, page, self.colour, self.visibility, **geometry)

    def _ink_drawn(self, page: int, stroke: list[list[float]]) -> None:
        fields = self._fields("ink", page, ink=[stroke])
        self._push_add(lambda: make_draft(**fields, selectors=None))

    def _note_placed(self, page: int, x: float, y: float) -> None:
        self._ask_text("note", page, note_rect(x, y))

    def _box_drawn(self, page: int, rect: list[float]) -> None:
        self._ask_text("freetext", page, rect)

    def _ask_text(self, kind: str, page: int, rect: list[float]) -> None:
        editor = NoteEditor(self._window, new=True)

        def save(text: str) -> None:
            if text.strip():
                fields = self._fields(kind, page, rect=rect, text=text)
                self._push_add(lambda: make_draft(**fields, selectors=None))

        editor.text_accepted.connect(save)
        self._open_editor(editor)

    def edit(self, annotation_id: str) -> None:
        """Open the text of an annotation for editing (double-click, or the list)."""
        record = self.records.get(annotation_id)
        if record is None:
            return
        before = str(record.get("text") or "")
        editor = NoteEditor(self._window, before, new=False)

        def save(text: str) -> None:
            if text != before:
                self._push_edit(annotation_id, {"text": before}, {"text": text})

        editor.text_accepted.connect(save)
        self._open_editor(editor)

    def _open_editor(self, editor: NoteEditor) -> None:
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.editor = editor
        editor.open()

    def _editor_closed(self, editor: NoteEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def delete_selected(self) -> None:
        selected = self.layer.selected if self.layer else None
        if selected:
            self.delete(selected)

    def delete(self, annotation_id: str) -> None:
        if self.state is None or annotation_id not in self.records:
            return
        label = self.tr("Delete annotation")
        self.state.layer.select(None)
        self.state.stack.push(DeleteAnnotation(self.workspace, self.queue, annotation_id, label))

    def _push_add(self, draft: Callable[[], Any]) -> None:
        if self.state is not None:
            label = self.tr("Add annotation")
            self.state.stack.push(AddAnnotation(self.workspace, self.queue, draft, label))

    def _push_edit(self, annotation_id: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        if self.state is None:
            return
        label = self.tr("Edit annotation")
        self.state.stack.push(
            EditAnnotation(self.workspace, self.queue, annotation_id, before, after, label)
        )

    # -- the list's actions -----------------------------------------------------
    def jump_to(self, annotation_id: str) -> None:
        record = self.records.get(annotation_id)
        state = self.state
        if record is None or state is None or not isinstance(record.get("page"), int):
            return
        state.reader.go_to(int(record["page"]), highlight=bounds_of(record) or None)
        state.layer.select(annotation_id)

    def show_version_changes(self, focus_id: str | None = None) -> None:
        """What changed since an earlier version of the open paper, beside that version
        (``focus_id``: an orphaned annotation, shown where it was made)."""
        reader = self.reader
        if reader is None:
            return
        if self.version_dialog is not None:  # one at a time (a double-click asks twice)
            self.version_dialog.raise_()
            return
        title = str(getattr(reader, "title", ""))
        records = list(self.records.values())
        focus = self.records.get(focus_id or "")
        dialog = VersionChangesDialog(
            self.workspace, reader, title, records, self._window, focus=focus
        )
        dialog.finished.connect(lambda _result: self._version_dialog_closed(dialog))
        self.version_dialog = dialog
        dialog.open()
        dialog.start()

    def _version_dialog_closed(self, dialog: QWidget) -> None:
        if self.version_dialog is dialog:
            self.version_dialog = None
        dialog.deleteLater()

    def confirm_placement(self, annotation_id: str) -> None:
        self.queue.run(lambda: self.workspace.confirm_placement(annotation_id))

    def restore_conflict(self, conflict_id: str) -> None:
        self.queue.run(lambda: self.workspace.restore_conflict(conflict_id))
