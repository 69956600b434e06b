"""The clerk lists a meeting's invited guests in the meeting form, by keyboard, through
the real widgets and server; a member's meeting page shows them after sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.helpers import type_text
from gui.test_prepare import _ok, _prepare_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD
from support.server import ServerProcess

from ecabinet.client import preparation as prep
from ecabinet.client.workspace import Workspace
from ecabinet.store import queries
from ui.prepare.dialogs import MeetingDialog
from ui.views.meeting_page import meeting_html

pytestmark = pytest.mark.gui

TITLE = "Phiên họp Chính phủ có khách mời"


def _focused(form: MeetingDialog) -> QWidget:
    widget = form.focusWidget()
    assert widget is not None
    return widget


def _type_in_editor(qtbot: QtBot, form: MeetingDialog, text: str) -> None:
    editor = _focused(form)
    assert isinstance(editor, QLineEdit), f"no cell editor has the focus: {editor!r}"
    type_text(qtbot, editor, text)


def _add_guest(qtbot: QtBot, form: MeetingDialog, name: str, position: str) -> None:
    """Keyboard only: Space on "Add guest" opens the new row's name; Tab to the position."""
    form.guests.add_button.setFocus()
    qtbot.keyClick(form.guests.add_button, Qt.Key.Key_Space)
    _type_in_editor(qtbot, form, name)
    qtbot.keyClick(_focused(form), Qt.Key.Key_Tab)
    _type_in_editor(qtbot, form, position)
    qtbot.keyClick(_focused(form), Qt.Key.Key_Return)
    assert form.isVisible(), "Enter in a guest's cell must not press OK"


def test_guests_added_edited_removed_by_keyboard_and_shown_to_members(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    prepare = _prepare_window(qtbot, server, tmp_path)
    qtbot.mouseClick(prepare.new_button, Qt.MouseButton.LeftButton)
    form = prepare.findChildren(MeetingDialog)[-1]
    assert form.height() <= 720 and form.minimumSizeHint().height() <= 720
    type_text(qtbot, form.title, TITLE)
    assert not form.guests.remove_button.isEnabled()
    _add_guest(qtbot, form, "Nguyễn Văn Quảng", "Chánh án Tòa án nhân dân tối cao")
    _add_guest(qtbot, form, "Lê Thị Hạnh", "Viện trưởng")
    _add_guest(qtbot, form, "Người sẽ bị xóa", "")
    assert form.guests.guests()[:2] == (
        ("Nguyễn Văn Quảng", "Chánh án Tòa án nhân dân tối cao"), ("Lê Thị Hạnh", "Viện trưởng"),
    )  # fmt: skip
    # Remove the last row (the current one) with the keyboard.
    form.guests.remove_button.setFocus()
    qtbot.keyClick(form.guests.remove_button, Qt.Key.Key_Space)
    # A row with a position but no name is refused before anything is sent.
    qtbot.keyClick(form.guests.add_button, Qt.Key.Key_Space)
    qtbot.keyClick(_focused(form), Qt.Key.Key_Tab)
    _type_in_editor(qtbot, form, "Thống đốc")
    qtbot.keyClick(_focused(form), Qt.Key.Key_Return)
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert form.isVisible() and "tên của từng khách mời" in form.error.text()
    form.guests.table.setCurrentCell(2, 0)
    form.guests.remove_current()
    _ok(qtbot, prepare, form)
    meeting_id = prepare.current_meeting_id()
    saved = prep.meeting_contents(prepare.workspace.api, meeting_id).meeting
    assert prep.guests_of(saved) == (
        ("Nguyễn Văn Quảng", "Chánh án Tòa án nhân dân tối cao"), ("Lê Thị Hạnh", "Viện trưởng"),
    )  # fmt: skip

    # The edit form reads them back; an edit of a cell is saved.
    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        qtbot.mouseClick(prepare.edit_button, Qt.MouseButton.LeftButton)
    again = prepare.findChildren(MeetingDialog)[-1]
    assert again.guests.guests() == prep.guests_of(saved)
    table = again.guests.table
    table.setFocus()
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = _focused(again)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, "Viện trưởng Viện kiểm sát nhân dân tối cao")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _ok(qtbot, prepare, again)

    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        qtbot.mouseClick(prepare.publish_button, Qt.MouseButton.LeftButton)
    laptop = Workspace(tmp_path / "minister", server_url=server.url)
    try:
        laptop.login("bt.taichinh", PASSWORD)
        assert laptop.sync().ok
        with laptop.store.read() as session:
            meeting = next(m for m in queries.catalogue(session) if m.id == meeting_id)
        page = meeting_html(meeting, {})
    finally:
        laptop.close()
    assert "Khách mời (2)" in page, page
    assert "Nguyễn Văn Quảng — Chánh án Tòa án nhân dân tối cao" in page
    assert "Lê Thị Hạnh — Viện trưởng Viện kiểm sát nhân dân tối cao" in page
