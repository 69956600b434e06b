"""The main window's menu bar: File, View, Language and Help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from ecabinet.client import config as cfg
from ui.i18n import install_language
from ui.pane_cycle import PaneCycle
from ui.theme.palette import install_theme

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        toolbar = window.toolbar
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([window.sync_action, window.login_action])
        self.file_menu.addSeparator()
        session = window.session
        self.file_menu.addActions(
            [session.account_action, session.switch_action, session.logout_action]
        )
        self.file_menu.addSeparator()
        self.file_menu.addAction(window.quit_action)

        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(toolbar.home_action)
        self.view_menu.addSeparator()
        self.view_menu.addActions([toolbar.previous_page_action, toolbar.next_page_action])
        self.view_menu.addActions(
            [toolbar.zoom_out_action, toolbar.zoom_in_action, toolbar.fit_width_action]
        )
        self.view_menu.addSeparator()
        self.view_menu.addActions([toolbar.search_action, toolbar.full_screen_action])
        self.view_menu.addSeparator()
        self.panes = PaneCycle(
            window,
            lambda: [window.catalogue_pane, window.pages, window.ballot_dock],
        )
        self.view_menu.addActions([self.panes.next_action, self.panes.previous_action])
        self.view_menu.addSeparator()
        self.toolbar_action = toolbar.toggleViewAction()
        self.toolbar_action.setObjectName("showToolbar")
        self.view_menu.addAction(self.toolbar_action)
        self.theme_menu: QMenu = self.view_menu.addMenu("")
        self.theme_menu.setObjectName("themeMenu")
        self.theme = install_theme(window.config)
        # A bound slot: Qt drops the connection when this window's toolbar is gone.
        self.theme.changed.connect(window.toolbar.refresh_icons)
        themes = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for choice in cfg.THEMES:
            action = QAction(window, checkable=True)
            action.setObjectName(f"theme_{choice}")
            action.setChecked(self.theme.choice == choice)
            action.triggered.connect(lambda _checked=False, c=choice: self.theme.set_choice(c))
            themes.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[choice] = action

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        # Language names are written in their own language, never translated.
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            action = QAction(name, window, checkable=True)
            action.setObjectName(f"language_{code}")
            action.setChecked(window.config.get(cfg.LANGUAGE) == code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.legend_action = QAction(window, checkable=True)
        self.legend_action.setObjectName("showLegend")
        self.legend_action.setShortcut("F1")
        self.legend_action.setChecked(True)
        self.legend_action.toggled.connect(window.legend.setVisible)
        self.help_menu.addAction(self.legend_action)

    def set_language(self, language: str) -> None:
        self.window.config.set(cfg.LANGUAGE, language)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_language(app, language)
        self.language_actions[language].setChecked(True)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.theme_actions["system"].setText(self.tr("Follow the &system"))
        self.theme_actions["light"].setText(self.tr("&Light"))
        self.theme_actions["dark"].setText(self.tr("&Dark"))
        self.toolbar_action.setText(self.tr("Show the &toolbar"))
        self.panes.retranslate()
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.legend_action.setText(self.tr("&Legend of the marks"))
        self.legend_action.setToolTip(self.tr("Show or hide what the catalogue's marks mean"))
