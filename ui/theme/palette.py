"""Light and dark themes: Fusion, a palette each, and a small style sheet for the type
hierarchy (titles larger and bolder, dates and counts in a quieter colour).

The theme follows the OS (``QStyleHints.colorScheme`` and its ``colorSchemeChanged``)
unless the minister forces one (View → Theme, ``config.THEME``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ecabinet.client import config as cfg

LIGHT, DARK, SYSTEM = "light", "dark", "system"


@dataclass(frozen=True)
class Colors:
    window: str
    text: str
    base: str
    alternate: str
    button: str
    highlight: str
    link: str
    secondary: str  # dates, counts, presenters: read second
    disabled: str
    banner: str
    banner_text: str
    banner_border: str
    danger: str
    success: str
    warning: str


LIGHT_COLORS = Colors(
    window="#f5f6f8", text="#1f2328", base="#ffffff", alternate="#f0f2f5", button="#eef0f3",
    highlight="#1a5fb4", link="#0b57d0", secondary="#59636e", disabled="#8c959f",
    banner="#fff4ce", banner_text="#3d2e00", banner_border="#e0c97f",
    danger="#b3261e", success="#146c2e", warning="#8a5300",
)  # fmt: skip
DARK_COLORS = Colors(
    window="#1f2023", text="#e3e5e8", base="#17181b", alternate="#24262a", button="#2c2e33",
    highlight="#3d7be0", link="#8ab4f8", secondary="#a2a9b1", disabled="#6b7078",
    banner="#4a3b10", banner_text="#fbe8b0", banner_border="#7a6320",
    danger="#f2b8b5", success="#8fd19e", warning="#f0c674",
)  # fmt: skip


def colors_for(scheme: str) -> Colors:
    return DARK_COLORS if scheme == DARK else LIGHT_COLORS


def make_palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base),
        (role.AlternateBase, c.alternate), (role.Text, c.text), (role.Button, c.button),
        (role.ButtonText, c.text), (role.BrightText, "#ffffff"), (role.Highlight, c.highlight),
        (role.HighlightedText, "#ffffff"), (role.Link, c.link), (role.LinkVisited, c.link),
        (role.ToolTipBase, c.base), (role.ToolTipText, c.text),
        (role.PlaceholderText, c.secondary),
    ):  # fmt: skip
        p.setColor(r, QColor(value))
    window = QColor(c.window)
    dark = window.lightness() < 128
    p.setColor(role.Light, window.lighter(160 if dark else 110))
    p.setColor(role.Midlight, window.lighter(130 if dark else 105))
    p.setColor(role.Mid, window.lighter(115) if dark else window.darker(125))
    p.setColor(role.Dark, window.darker(150))
    p.setColor(role.Shadow, QColor("#000000"))
    group = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group, r, QColor(c.disabled))
    return p


def style_sheet(c: Colors) -> str:
    return f"""
QLabel#banner {{ background: {c.banner}; color: {c.banner_text}; padding: 8px;
    border-bottom: 1px solid {c.banner_border}; }}
QLabel#documentTitle, QLabel#homeTitle {{ font-size: 14pt; font-weight: 600; padding: 4px 2px; }}
QLabel#ballotQuestion {{ font-size: 11pt; font-weight: 600; }}
QLabel[typography="heading"] {{ font-size: 11pt; font-weight: 600; padding-top: 6px; }}
QLabel[typography="secondary"], QLabel#ballotDeadline, QLabel#ballotHistory,
QLabel#legendText {{ color: {c.secondary}; }}
QLabel#ballotWarning, QLabel#ballotError {{ color: {c.danger}; }}
QLabel#ballotWarning {{ font-weight: bold; }}
QToolBar#mainToolbar {{ border: none; border-bottom: 1px solid {c.alternate};
    spacing: 2px; padding: 2px 6px; }}
QStatusBar {{ color: {c.secondary}; }}
"""


class ThemeManager(QObject):
    """Applies the chosen theme to the whole app and keeps it in step with the OS."""

    changed = Signal(str)  # the scheme now shown: "light" or "dark"

    def __init__(self, app: QApplication, config: cfg.AppConfig) -> None:
        super().__init__(app)
        self.app = app
        self.config = config
        self.scheme = ""
        app.setStyle("Fusion")  # draws the palette faithfully on every OS
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_color_scheme_changed)
        self.apply()

    @property
    def choice(self) -> str:
        choice = self.config.get(cfg.THEME)
        return choice if choice in cfg.THEMES else SYSTEM

    def set_choice(self, choice: str) -> None:
        self.config.set(cfg.THEME, choice if choice in cfg.THEMES else SYSTEM)
        self.apply()

    def on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self._show(DARK if scheme == Qt.ColorScheme.Dark else LIGHT)

    def apply(self) -> None:
        if self.choice != SYSTEM:
            self._show(self.choice)
        else:
            os_scheme = QGuiApplication.styleHints().colorScheme()
            self._show(DARK if os_scheme == Qt.ColorScheme.Dark else LIGHT)

    def colors(self) -> Colors:
        return colors_for(self.scheme)

    def _show(self, scheme: str) -> None:
        if scheme == self.scheme:
            return
        self.scheme = scheme
        c = colors_for(scheme)
        self.app.setPalette(make_palette(c))
        self.app.setStyleSheet(style_sheet(c))
        self.changed.emit(scheme)


_manager: ThemeManager | None = None


def install_theme(config: cfg.AppConfig) -> ThemeManager:
    """The app's theme manager, made (and the theme applied) on first use."""
    global _manager
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if _manager is None or _manager.app is not app:
        _manager = ThemeManager(app, config)
    else:
        _manager.config = config
        _manager.apply()
    return _manager


def secondary_color() -> str:
    """The quieter text colour of the current theme, for rich text (HTML) pages."""
    return (_manager.colors() if _manager else LIGHT_COLORS).secondary


def danger_color() -> str:
    """The current theme's colour for a refusal or an error message."""
    return (_manager.colors() if _manager else LIGHT_COLORS).danger
