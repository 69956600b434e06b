"""The window's shell: toolbar, reading mode, themes, legend and the home view,
driven through the real window with keys, as a minister without a mouse would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.config import THEME, AppConfig
from ui.login_dialog import LoginDialog
from ui.main_window import PAGE_DOCUMENT, PAGE_HOME, MainWindow

QUESTION = "Đồng ý thông qua dự thảo Nghị định về quản lý nợ công?"
DRAFT = "Dự thảo Nghị định về quản lý nợ công"
REPORT = "Báo cáo thẩm định dự thảo Nghị định"


@pytest.fixture
def shell_setup(server_factory: ServerFactory, tmp_path: Path) -> tuple[ServerProcess, dict]:
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp chuyên đề xây dựng pháp luật", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Nghị định về quản lý nợ công")
    draft = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "duthao.pdf", 3, DRAFT), title=DRAFT,
        item_id=item["id"],
    )  # fmt: skip
    report = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "baocao.pdf", 2, REPORT), title=REPORT,
        item_id=item["id"],
    )  # fmt: skip
    ballot = clerk.create_ballot(
        meeting["id"], QUESTION, document_ids=[draft["document"]["id"]], agenda_item_id=item["id"]
    )
    ids = {"draft": draft["document"]["id"], "report": report["document"]["id"]}
    return server, {"clerk": clerk, "ballot": ballot, **ids}


def _window(qtbot: QtBot, server: ServerProcess, root: Path) -> MainWindow:
    dialog = LoginDialog(server=server.url, username="bt.taichinh", profile_root=root)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    window = MainWindow(dialog.workspace, AppConfig(root / "config.json"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    qtbot.waitUntil(lambda: window.home_view.lists["ballots"].item(0).data(256 + 1) is not None)
    return window


def _texts(window: MainWindow, section: str) -> list[str]:
    listing = window.home_view.lists[section]
    return [listing.item(n).text() for n in range(listing.count())]


def test_toolbar_actions_have_icons_shortcuts_and_vietnamese_tooltips(
    qtbot: QtBot, shell_setup: tuple[ServerProcess, dict], tmp_path: Path
) -> None:
    server, _ = shell_setup
    window = _window(qtbot, server, tmp_path)
    toolbar = window.toolbar
    actions = toolbar.all_actions()
    names = {a.objectName() for a in actions}
    expected = {"goHome", "syncNow", "previousPage", "nextPage", "zoomIn", "zoomOut",
                "fitWidth", "searchPapers", "readingMode", "logOut"}  # fmt: skip
    assert expected <= names, f"toolbar lacks {expected - names}"
    for action in actions:
        keys = action.shortcut().toString()
        assert keys, f"{action.objectName()} has no shortcut"
        image = action.icon().pixmap(22, 22).toImage()
        inked = sum(image.pixelColor(x, y).alpha() > 128 for x in range(22) for y in range(22))
        assert inked > 15, f"{action.objectName()}'s icon draws nothing"
        assert keys in action.toolTip(), (
            f"{action.objectName()}: the tooltip {action.toolTip()!r} does not name {keys}"
        )
    assert "Trang chủ" in toolbar.home_action.toolTip()
    assert "Đồng bộ" in window.sync_action.toolTip()
    # F6 walks the panes: catalogue, the home page, and back.
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F6)
    assert window.pages.isAncestorOf(QApplication.focusWidget()), "F6 did not reach the page"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.catalogue_pane.isAncestorOf(QApplication.focusWidget())

    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(actions[0]))]
    duplicated = {k for k in shortcuts if k and shortcuts.count(k) > 1}
    assert not duplicated, f"shortcuts claimed twice (Qt then runs neither): {duplicated}"


def test_the_home_view_opens_ballots_and_papers_from_the_keyboard(
    qtbot: QtBot, shell_setup: tuple[ServerProcess, dict], tmp_path: Path
) -> None:
    server, facts = shell_setup
    window = _window(qtbot, server, tmp_path)
    assert window.pages.currentIndex() == PAGE_HOME, "the app opens on the home view"
    assert QUESTION in _texts(window, "ballots")[0]
    unread = _texts(window, "unread")
    assert any(DRAFT in t for t in unread) and any(REPORT in t for t in unread), unread
    assert _texts(window, "updated") == ["Không có mục nào."]

    ballots = window.home_view.lists["ballots"]
    ballots.setFocus()
    qtbot.keyClick(ballots, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ballot_dock.isVisible())
    assert window.ballot_dock.ballot_id == facts["ballot"]["id"]

    # Back home from the keyboard, then open the appraisal report with Enter.
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == PAGE_HOME)
    unread_list = window.home_view.lists["unread"]
    row = next(n for n, t in enumerate(_texts(window, "unread")) if REPORT in t)
    unread_list.setCurrentRow(row)
    unread_list.setFocus()
    with qtbot.waitSignal(window.document_opened, timeout=15_000) as opened:
        qtbot.keyClick(unread_list, Qt.Key.Key_Return)
    assert opened.args == [facts["report"]]
    assert window.pages.currentIndex() == PAGE_DOCUMENT
    # Read now: home no longer lists it as unread.
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not any(REPORT in t for t in _texts(window, "unread")))

    # A new version of a read paper: listed as updated since read, no longer unread.
    clerk = facts["clerk"]
    clerk.upload_version(facts["report"], make_pdf(tmp_path / "baocao2.pdf", 2, REPORT + " v2"))
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.sync.sync_now()
    qtbot.waitUntil(lambda: any(REPORT in t for t in _texts(window, "updated")), timeout=10_000)
    updated = _texts(window, "updated")[0]
    assert "Phiên bản 2 (bạn đã đọc phiên bản 1)" in updated, updated


def test_reading_mode_hides_the_panes_and_escape_brings_them_back(
    qtbot: QtBot, shell_setup: tuple[ServerProcess, dict], tmp_path: Path
) -> None:
    server, facts = shell_setup
    window = _window(qtbot, server, tmp_path)
    with qtbot.waitSignal(window.document_opened, timeout=15_000):
        window.open_document_by_id(facts["draft"])
    assert window.ballot_dock.isVisible() and window.toolbar.isVisible()
    with qtbot.waitSignal(window.reading_mode_toggled) as toggled:
        qtbot.keyClick(window, Qt.Key.Key_F11)
    assert toggled.args == [True]
    hidden = [window.catalogue_pane, window.toolbar, window.ballot_dock, window.menuBar()]
    assert not any(w.isVisible() for w in hidden), "reading mode left a pane on screen"
    assert window.isFullScreen() and window.statusBar().isVisible()
    with qtbot.waitSignal(window.reading_mode_toggled) as toggled:
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert toggled.args == [False]
    assert all(w.isVisible() for w in hidden), "a pane did not come back after reading mode"
    assert not window.isFullScreen()


def test_the_theme_follows_the_os_unless_forced_and_the_legend_explains_the_marks(
    qtbot: QtBot, shell_setup: tuple[ServerProcess, dict], tmp_path: Path
) -> None:
    server, _ = shell_setup
    window = _window(qtbot, server, tmp_path)
    theme = window.menus.theme

    def window_lightness() -> int:
        return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()

    try:
        theme.on_color_scheme_changed(Qt.ColorScheme.Dark)  # the OS switched to dark
        assert theme.scheme == "dark" and window_lightness() < 80
        icon_image = window.toolbar.home_action.icon().pixmap(22, 22).toImage()
        lightest = max(
            icon_image.pixelColor(x, y).lightness()
            for x in range(22)
            for y in range(22)
            if icon_image.pixelColor(x, y).alpha() > 200
        )
        assert lightest > 180, "toolbar icons stayed dark on the dark theme"
        theme.on_color_scheme_changed(Qt.ColorScheme.Light)
        assert theme.scheme == "light" and window_lightness() > 200

        window.menus.theme_actions["dark"].trigger()  # forced: the OS no longer decides
        assert AppConfig(tmp_path / "config.json").get(THEME) == "dark"
        theme.on_color_scheme_changed(Qt.ColorScheme.Light)
        assert theme.scheme == "dark"
    finally:
        window.menus.theme_actions["system"].trigger()
        theme.on_color_scheme_changed(Qt.ColorScheme.Light)

    legend = window.legend
    assert legend.isVisible()
    assert legend.labels["unread"].text() == "Chưa đọc (chữ đậm)"
    assert all(not p.pixmap().isNull() for p in legend.icons.values())
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert not legend.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert legend.isVisible()


def test_home_lists_at_most_fifty_rows_a_section_and_says_how_many_more(qtbot: QtBot) -> None:
    from ecabinet.client.home import HomeSummary, PaperRow
    from ui.views.home_view import MAX_ROWS, HomeView

    view = HomeView()
    qtbot.addWidget(view)
    papers = [
        PaperRow(f"d{n}", f"Tài liệu {n}", "", "Phiên họp", "", 1, "", None) for n in range(60)
    ]
    view.show_summary(HomeSummary(unread=papers))
    listing = view.lists["unread"]
    assert listing.count() == MAX_ROWS + 1
    assert listing.item(MAX_ROWS).text() == "… và 10 mục khác trong danh mục"
    assert not listing.item(MAX_ROWS).flags() & Qt.ItemFlag.ItemIsEnabled
    assert view.lists["ballots"].item(0).text() == "Không có mục nào."
