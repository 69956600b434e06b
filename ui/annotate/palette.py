"""The annotation toolbar: tools, colours, private/shared, undo, redo, delete."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QColorDialog, QToolBar, QWidget

from ui.annotate.layer import Tool
from ui.theme.icons import IconFontMissing, icon

PRESET_COLOURS = ("#FFD400", "#FF8A80", "#8BC34A", "#64B5F6", "#CE93D8")
TOOL_ICONS = {
    Tool.SELECT: "tool_select",
    Tool.HIGHLIGHT: "tool_highlight",
    Tool.UNDERLINE: "tool_underline",
    Tool.STRIKEOUT: "tool_strikeout",
    Tool.NOTE: "tool_note",
    Tool.FREETEXT: "tool_freetext",
    Tool.INK: "tool_ink",
}


def named_icon(name: str) -> QIcon:
    """The app's icon ``name`` (ui/theme/icons.py); none without the icon font (the text
    shows). Drawn from the font, not through qtawesome: importing it (and qtpy) cost about
    0.1 s before the catalogue's first paint (bench/cold_start.py)."""
    try:
        return icon(name, accent=False)
    except IconFontMissing:
        return QIcon()


def colour_icon(colour: str) -> QIcon:
    pixmap = QPixmap(QSize(16, 16))
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ToolPalette(QToolBar):
    tool_chosen = Signal(object)  # Tool
    colour_chosen = Signal(str)  # "#RRGGBB"
    shared_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationTools")
        self.setIconSize(QSize(18, 18))
        self.tools = QActionGroup(self)
        self.tools.setExclusive(True)
        self.tool_actions: dict[Tool, QAction] = {}
        for tool in Tool:
            action = QAction(self)
            action.setObjectName(f"tool_{tool.value}")
            action.setCheckable(True)
            action.setIcon(named_icon(TOOL_ICONS[tool]))
            action.triggered.connect(lambda _on=False, t=tool: self.tool_chosen.emit(t))
            self.tools.addAction(action)
            self.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[Tool.SELECT].setChecked(True)
        self.addSeparator()
        self.colour_group = QActionGroup(self)
        self.colour_actions: dict[str, QAction] = {}
        for colour in PRESET_COLOURS:
            action = QAction(colour_icon(colour), colour, self)
            action.setObjectName(f"colour_{colour[1:]}")
            action.setCheckable(True)
            action.triggered.connect(lambda _on=False, c=colour: self.colour_chosen.emit(c))
            self.colour_group.addAction(action)
            self.addAction(action)
            self.colour_actions[colour] = action
        self.colour_actions[PRESET_COLOURS[0]].setChecked(True)
        self.custom_colour = QAction(self)
        self.custom_colour.setObjectName("colourCustom")
        self.custom_colour.setIcon(named_icon("custom_colour"))
        self.custom_colour.triggered.connect(self._pick_colour)
        self.addAction(self.custom_colour)
        self.addSeparator()
        self.shared = QAction(self)
        self.shared.setObjectName("annotationShared")
        self.shared.setCheckable(True)
        self.shared.setIcon(named_icon("shared"))
        self.shared.toggled.connect(self.shared_toggled)
        self.addAction(self.shared)
        self.addSeparator()
        self.delete_action = QAction(self)
        self.delete_action.setObjectName("annotationDelete")
        self.delete_action.setIcon(named_icon("delete"))
        self.delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.delete_action.setEnabled(False)
        self.colour_dialog: QColorDialog | None = None
        self.retranslate()

    def add_undo_actions(self, undo: QAction, redo: QAction) -> None:
        undo.setObjectName("annotationUndo")
        redo.setObjectName("annotationRedo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        undo.setIcon(named_icon("undo"))
        redo.setIcon(named_icon("redo"))
        self.addActions([undo, redo, self.delete_action])

    def set_tool(self, tool: Tool) -> None:
        self.tool_actions[tool].setChecked(True)

    def set_colour(self, colour: str) -> None:
        action = self.colour_actions.get(colour.upper())
        if action is not None:
            action.setChecked(True)
        else:
            for preset in self.colour_actions.values():
                preset.setChecked(False)
            self.custom_colour.setIcon(colour_icon(colour))

    def _pick_colour(self) -> None:
        dialog = QColorDialog(self)
        dialog.setObjectName("annotationColourDialog")
        dialog.colorSelected.connect(lambda c: self.colour_chosen.emit(c.name().upper()))
        self.colour_dialog = dialog
        dialog.open()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Annotation tools"))
        names = {
            Tool.SELECT: self.tr("Select"),
            Tool.HIGHLIGHT: self.tr("Highlight"),
            Tool.UNDERLINE: self.tr("Underline"),
            Tool.STRIKEOUT: self.tr("Strike out"),
            Tool.NOTE: self.tr("Sticky note"),
            Tool.FREETEXT: self.tr("Text box"),
            Tool.INK: self.tr("Draw"),
        }
        tips = {
            Tool.SELECT: self.tr("Select text or an annotation"),
            Tool.HIGHLIGHT: self.tr("Highlight the selected text"),
            Tool.UNDERLINE: self.tr("Underline the selected text"),
            Tool.STRIKEOUT: self.tr("Strike out the selected text"),
            Tool.NOTE: self.tr("Click on the page to add a note"),
            Tool.FREETEXT: self.tr("Drag a box on the page, then type"),
            Tool.INK: self.tr("Draw on the page with the mouse or a pen"),
        }
        for tool, action in self.tool_actions.items():
            action.setText(names[tool])
            action.setToolTip(tips[tool])
        colour_names = [
            self.tr("Yellow"),
            self.tr("Red"),
            self.tr("Green"),
            self.tr("Blue"),
            self.tr("Purple"),
        ]
        for action, name in zip(self.colour_actions.values(), colour_names, strict=True):
            action.setText(name)
            action.setToolTip(self.tr("Colour: %1").replace("%1", name))
        self.custom_colour.setText(self.tr("Other colour…"))
        self.shared.setText(self.tr("Shared"))
        self.shared.setToolTip(
            self.tr(
                "Off: new annotations are private, readable only on your own devices. "
                "On: the meeting's participants see them."
            )
        )
        self.delete_action.setText(self.tr("Delete annotation"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
