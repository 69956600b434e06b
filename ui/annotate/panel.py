"""The annotations dock (the side list and its actions) and ``install``, the glue the
main window calls once: toolbar, dock, and following the current reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.annotate.annotation_list import ID_ROLE, STATE_ROLE
from ui.annotate.controller import AnnotationController
from ui.annotate.export_action import export_copy


class AnnotationListView(QListView):
    """Enter jumps to the annotation, as a click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class AnnotationPanel(QDockWidget):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationDock")
        self.controller = controller
        self.list = AnnotationListView(self)
        self.list.setObjectName("annotationList")
        self.list.setModel(controller.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.clicked.connect(self._jump)
        self.list.activated.connect(self._jump)
        self.list.doubleClicked.connect(self._edit)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel(self)
        self.empty.setObjectName("annotationsEmpty")
        self.empty.setWordWrap(True)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("confirmPlacement")
        self.confirm_button.clicked.connect(self._confirm)
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restoreConflict")
        self.restore_button.clicked.connect(self._restore)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteAnnotation")
        self.delete_button.clicked.connect(self._delete)
        self.versions_button = QPushButton(self)
        self.versions_button.setObjectName("versionChangesButton")
        self.versions_button.clicked.connect(lambda: controller.show_version_changes())
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportAnnotatedCopy")
        self.export_button.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_button.clicked.connect(lambda: self.export_copy())
        self.export_op: object | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.versions_button)
        layout.addWidget(self.export_button)
        self.setWidget(body)
        controller.model.modelReset.connect(self._refresh_state)
        controller.selected.connect(self.select_annotation)
        self.retranslate()
        self._refresh_state()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Annotations"))
        self.empty.setText(
            self.tr(
                "No annotations in this paper yet. Choose a tool in the annotation toolbar: "
                "highlight selected text, add a note, a text box or a drawing."
            )
        )
        self.confirm_button.setText(self.tr("Confirm position"))
        self.confirm_button.setToolTip(
            self.tr("The text moved in the new version: check the place, then confirm it.")
        )
        self.restore_button.setText(self.tr("Restore this copy"))
        self.restore_button.setToolTip(
            self.tr("Use the text of this conflict copy instead of the current one.")
        )
        self.delete_button.setText(self.tr("Delete"))
        self.versions_button.setText(self.tr("What changed in this version…"))
        self.versions_button.setToolTip(
            self.tr("The pages that changed since an earlier version, beside that version")
        )
        self.export_button.setText(self.tr("Export annotated copy…"))
        self.export_button.setToolTip(
            self.tr(
                "Save a copy of this paper with your annotations, readable in any PDF viewer "
                "(Ctrl+Shift+E). The paper itself is not changed."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- selection and actions ------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.list.currentIndex()
        if not index.isValid() or index.data(STATE_ROLE) == "header":
            return None
        value: Any = index.data(ID_ROLE)
        return str(value) if value else None

    def select_annotation(self, annotation_id: str | None) -> None:
        """Follow a selection made on the page."""
        index = self.controller.model.row_of(annotation_id) if annotation_id else QModelIndex()
        selection = self.list.selectionModel()
        if index.isValid():
            self.list.scrollTo(index)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            selection.clearSelection()
        self._refresh_state()

    def _jump(self, index: QModelIndex) -> None:
        state = index.data(STATE_ROLE)
        if state in ("anchored", "fuzzy"):
            self.controller.jump_to(str(index.data(ID_ROLE)))
        elif state == "orphaned":  # shown on the version it was made on
            self.controller.show_version_changes(str(index.data(ID_ROLE)))

    def _edit(self, index: QModelIndex) -> None:
        if index.data(STATE_ROLE) in ("anchored", "fuzzy", "orphaned"):
            self.controller.edit(str(index.data(ID_ROLE)))

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._refresh_state()

    def _refresh_state(self) -> None:
        index = self.list.currentIndex()
        state = index.data(STATE_ROLE) if index.isValid() else None
        self.confirm_button.setVisible(state == "fuzzy")
        self.restore_button.setVisible(state == "conflict")
        self.delete_button.setEnabled(state in ("anchored", "fuzzy", "orphaned"))
        has_rows = self.controller.model.rowCount() > 0
        self.empty.setVisible(not has_rows and self.controller.reader is not None)
        self.versions_button.setEnabled(self.controller.reader is not None)
        self.export_button.setEnabled(self.controller.reader is not None)

    def export_copy(self, output: Path | None = None) -> None:
        reader = self.controller.reader
        if reader is None:
            return
        title = str(getattr(reader, "title", "") or reader.document_id)
        self.export_op = export_copy(
            self,
            self.controller.workspace,
            reader.document_id,
            title,
            self.controller.message.emit,
            output=output,
        )

    def _confirm(self) -> None:
        annotation_id = self.selected_id()
        if annotation_id:
            self.controller.confirm_placement(annotation_id)

    def _restore(self) -> None:
        annotation_id = self.selected_id()
        if annotation_id:
            self.controller.restore_conflict(annotation_id)

    def _delete(self) -> None:
        annotation_id = self.selected_id()
        if annotation_id:
            self.controller.delete(annotation_id)


class AnnotationTools:
    """What ``install`` made: the controller, its toolbar and the dock."""

    def __init__(self, controller: AnnotationController, panel: AnnotationPanel) -> None:
        self.controller = controller
        self.palette = controller.palette
        self.panel = panel


def install(window: QMainWindow, workspace: Any, tabs: Any) -> AnnotationTools:
    """Add the annotation toolbar and dock to ``window``, following ``tabs``' current reader.

    ``tabs`` is the reader's ``PaperTabs`` (signal ``reader_changed(object)``,
    ``current_reader()``). The caller closes ``tools.controller`` when the window closes.
    """
    controller = AnnotationController(workspace, window)
    panel = AnnotationPanel(controller, window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, controller.palette)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    controller.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    tabs.reader_changed.connect(controller.attach)
    controller.attach(tabs.current_reader())
    return AnnotationTools(controller, panel)
