"""Icons from the Material Design Icons font that qtawesome ships, drawn offline.

Every icon the app shows is named here once, by what it means, so a screen asks for
``icon("sync")`` and never for a font glyph. Icons take the palette's text colour at the
time they are made: screens remake them when the palette changes (ui/theme/palette.py).

The font and its character map come from the qtawesome package (MIT; the font is
Pictogrammers' MDI, Apache-2.0 / SIL OFL). We draw the glyphs ourselves rather than
import qtawesome: it goes through qtpy, whose star-imports of every Qt module cost about
0.25 s at start-up, before the catalogue's first paint.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

GLYPHS = {
    "home": "home-outline",
    "sync": "sync",
    "previous_page": "chevron-up",
    "next_page": "chevron-down",
    "zoom_in": "magnify-plus-outline",
    "zoom_out": "magnify-minus-outline",
    "fit_width": "arrow-expand-horizontal",
    "search": "text-search",
    "full_screen": "fullscreen",
    "leave_full_screen": "fullscreen-exit",
    "log_out": "logout",
    "notifications": "bell-outline",
    # Catalogue marks (ui/views/legend.py explains them)
    "meeting": "calendar-month-outline",
    "agenda": "format-list-numbered",
    "unread": "circle",
    "read": "file-document-outline",
    "not_downloaded": "cloud-download-outline",
    "ballot": "vote-outline",
    "ballot_not_answered": "alert-circle-outline",
    "ballot_waiting": "clock-outline",
    "ballot_delivered": "check-decagram",
    "ballot_rejected": "close-octagon-outline",
    "ballot_outdated": "update",
    "ballot_closed": "lock-outline",
    "deadline": "timer-sand",
    "updated": "file-replace-outline",
    # The notifications list (ui/notifications), one per kind of notice
    "notice_meeting": "calendar-plus",
    "notice_paper": "file-plus-outline",
    "notice_deadline_changed": "calendar-clock",
    "notice_reminder": "bullhorn-outline",
    # The annotation toolbar (ui/annotate/palette.py)
    "tool_select": "cursor-default",
    "tool_highlight": "marker",
    "tool_underline": "format-underline",
    "tool_strikeout": "format-strikethrough",
    "tool_note": "note-text-outline",
    "tool_freetext": "format-textbox",
    "tool_ink": "draw",
    "custom_colour": "palette",
    "shared": "account-multiple",
    "delete": "delete-outline",
    "undo": "undo",
    "redo": "redo",
}

# Marks that carry meaning in colour too (never colour alone: each has its own glyph).
# Each as (on a light background, on a dark one).
ACCENTS = {
    "unread": ("#1a5fb4", "#8ab4f8"),
    "ballot_not_answered": ("#b3261e", "#f2b8b5"),
    "ballot_waiting": ("#8a5300", "#f0c674"),
    "ballot_delivered": ("#146c2e", "#8fd19e"),
    "ballot_rejected": ("#b3261e", "#f2b8b5"),
    "ballot_outdated": ("#8a5300", "#f0c674"),
    "deadline": ("#8a5300", "#f0c674"),
    "updated": ("#1a5fb4", "#8ab4f8"),
}


class IconFontMissing(RuntimeError):
    pass


@functools.cache
def _font() -> tuple[str, dict[str, int]]:
    """The MDI font's family, loaded once, and its name → code point map."""
    spec = importlib.util.find_spec("qtawesome")  # locates the package; does not import it
    if spec is None or not spec.submodule_search_locations:
        raise IconFontMissing("qtawesome is not installed (pip install qtawesome)")
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = sorted(fonts.glob("materialdesignicons6-webfont-*.ttf"))
    charmap = sorted(fonts.glob("materialdesignicons6-webfont-charmap-*.json"))
    if not ttf or not charmap:
        raise IconFontMissing(f"no Material Design Icons font in {fonts}")
    font_id = QFontDatabase.addApplicationFont(str(ttf[-1]))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise IconFontMissing(f"Qt could not load {ttf[-1]}")
    codes = {name: int(code, 16) for name, code in json.loads(charmap[-1].read_text()).items()}
    return families[0], codes


class GlyphEngine(QIconEngine):
    """Draws one glyph of the icon font at whatever size and pixel ratio is asked."""

    def __init__(self, char: str, color: QColor, disabled: QColor) -> None:
        super().__init__()
        self.char = char
        self.color = color
        self.disabled = disabled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        family, _codes = _font()
        font = QFont(family)
        font.setPixelSize(max(1, round(0.875 * rect.height())))  # the glyph's own margin
        painter.save()
        painter.setFont(font)
        painter.setPen(self.disabled if mode == QIcon.Mode.Disabled else self.color)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.char, self.color, self.disabled)


def text_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


def icon(name: str, *, accent: bool = True) -> QIcon:
    """The icon for ``name`` (a key of GLYPHS), in the current palette's colours."""
    return _icon(name, accent, text_color().name())


@functools.lru_cache(maxsize=256)
def _icon(name: str, accent: bool, _text: str) -> QIcon:
    # Cached per text colour: the catalogue asks for its icons at every paint.
    pair = ACCENTS.get(name) if accent else None
    on_dark = text_color().lightness() > 128
    base = QColor(pair[1] if on_dark else pair[0]) if pair else text_color()
    disabled = QGuiApplication.palette().color(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText
    )
    _family, codes = _font()
    return QIcon(GlyphEngine(chr(codes[GLYPHS[name]]), base, disabled))
