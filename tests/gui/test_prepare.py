"""The secretariat prepares a meeting in the app, through the real widgets and server."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.helpers import type_text
from PySide6.QtCore import QDateTime, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client import preparation as prep
from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ecabinet.store import queries
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.prepare import PrepareWindow
from ui.prepare.dialogs import BallotDialog, ItemDialog, MeetingDialog, VersionDialog

pytestmark = pytest.mark.gui

TITLE = "Phiên họp Chính phủ thường kỳ tháng 12 năm 2026"
FIRST = "Dự án Luật Đất đai (sửa đổi)"
SECOND = "Dự thảo Nghị định về thuế thu nhập"


def _prepare_window(qtbot: QtBot, server: ServerProcess, root: Path) -> PrepareWindow:
    dialog = LoginDialog(server=server.url, username="vpcp.clerk", profile_root=root)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    window = MainWindow(dialog.workspace, AppConfig(root / "config.json"))
    qtbot.addWidget(window)
    window.show()
    action = window.features.preparation
    assert action is not None, "a secretariat user must get the preparation workspace"
    action.trigger()
    prepare = window.prepare_opener.prepare_window  # type: ignore[attr-defined]
    assert isinstance(prepare, PrepareWindow) and prepare.isVisible()
    qtbot.waitUntil(lambda: bool(prepare.members) and prepare._busy == 0, timeout=15_000)
    return prepare


def _ok(qtbot: QtBot, prepare: PrepareWindow, dialog: object) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[attr-defined]
    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def _add_item(qtbot: QtBot, prepare: PrepareWindow, title: str, ministry: str) -> None:
    qtbot.mouseClick(prepare.add_item_button, Qt.MouseButton.LeftButton)
    dialog = prepare.findChildren(ItemDialog)[-1]
    assert dialog.isVisible()
    type_text(qtbot, dialog.title, title)
    dialog.presenter.setCurrentText(ministry)
    _ok(qtbot, prepare, dialog)


def _agenda_titles(prepare: PrepareWindow) -> list[str]:
    return [prepare.agenda.item(r).text() for r in range(prepare.agenda.count())]


def _attach_through_dialog(qtbot: QtBot, prepare: PrepareWindow, path: Path) -> None:
    with qtbot.waitSignal(prepare.file_dialog_shown, timeout=5_000) as shown:
        qtbot.mouseClick(prepare.attach_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.setDirectory(str(path.parent))
    dialog.selectFile(path.name)
    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        dialog.accept()


def _drop_files(prepare: PrepareWindow, row: int, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = prepare.agenda.visualItemRect(prepare.agenda.item(row)).center()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    # What the window system sends during a drag from the file manager: enter, move, drop.
    viewport = prepare.agenda.viewport()
    for event in (QDragEnterEvent(point, *args), QDragMoveEvent(point, *args)):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted(), "the agenda must accept PDF files dragged over it"
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))


def test_create_a_meeting_add_items_attach_papers_issue_a_ballot_and_publish(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    prepare = _prepare_window(qtbot, server, tmp_path)
    # Members in protocol order, the Government's order rather than the alphabet.
    assert [p.username for p in prepare.members] == ["bt.tuphap", "bt.taichinh", "bt.ytte"]

    # Fits a 1366×768 screen (with room for the desktop's panel).
    assert prepare.width() <= 1366 and prepare.height() <= 720
    assert prepare.minimumSizeHint().width() <= 1366 and prepare.minimumSizeHint().height() <= 720

    qtbot.mouseClick(prepare.new_button, Qt.MouseButton.LeftButton)
    form = prepare.findChildren(MeetingDialog)[-1]
    assert form.height() <= 720 and form.minimumSizeHint().height() <= 720
    assert form.isVisible() and form.participants.count() == 3
    assert form.participants.item(0).text().startswith("Phạm Quốc Bảo")  # Bộ Tư pháp first
    type_text(qtbot, form.title, TITLE)
    # The Minister of Health sends a deputy: shown as such beside the minister's name.
    form.participants.setCurrentRow(2)
    type_text(qtbot, form.deputy, "Thứ trưởng Trần Văn Hòa")
    assert "cấp phó dự thay: Thứ trưởng Trần Văn Hòa" in form.participants.item(2).text()
    _ok(qtbot, prepare, form)
    assert TITLE in prepare.heading.text() and "đang chuẩn bị" in prepare.heading.text()
    ytte = prepare.members[2].id
    assert prep.deputies_of(prepare.workspace.api, prepare.current_meeting_id()) == {
        ytte: "Thứ trưởng Trần Văn Hòa"
    }
    with qtbot.waitSignal(prepare.idle, timeout=20_000):  # the edit form reads them back
        qtbot.mouseClick(prepare.edit_button, Qt.MouseButton.LeftButton)
    again = prepare.findChildren(MeetingDialog)[-1]
    assert "Trần Văn Hòa" in again.participants.item(2).text()
    qtbot.keyClick(again, Qt.Key.Key_Escape)

    _add_item(qtbot, prepare, FIRST, "Bộ Nông nghiệp và Môi trường")
    _add_item(qtbot, prepare, SECOND, "Bộ Tài chính")
    assert [t.split("\n")[0] for t in _agenda_titles(prepare)] == [f"1. {FIRST}", f"2. {SECOND}"]

    # Reorder by keyboard: the second item up with Alt+Up.
    prepare.agenda.setCurrentRow(1)
    prepare.agenda.setFocus()
    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        qtbot.keyClick(prepare.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [t.split("\n")[0] for t in _agenda_titles(prepare)] == [f"1. {SECOND}", f"2. {FIRST}"]

    # A paper through the file dialog for the first item, one dropped on the second.
    prepare.agenda.setCurrentRow(0)
    _attach_through_dialog(qtbot, prepare, make_pdf(tmp_path / "to-trinh-thue.pdf", 2, "Tờ trình"))
    assert [prepare.papers.item(r).text() for r in range(prepare.papers.count())] == [
        "to-trinh-thue"
    ]
    land = make_pdf(tmp_path / "du-an-luat-dat-dai.pdf", 3, "Dự án Luật")
    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        _drop_files(prepare, 1, [land])
    assert prepare.agenda.currentRow() == 1 and prepare.papers.count() == 1

    # The dropped paper replaced by a new version, with a note saying what changed.
    prepare.papers.setCurrentRow(0)
    qtbot.mouseClick(prepare.version_button, Qt.MouseButton.LeftButton)
    version_form = prepare.findChildren(VersionDialog)[-1]
    version_form.path.setText(str(make_pdf(tmp_path / "du-an-v2.pdf", 4, "Dự án Luật, bản 2")))
    type_text(qtbot, version_form.note, "Bổ sung Điều 12 theo ý kiến thẩm định")
    _ok(qtbot, prepare, version_form)
    assert "phiên bản mới" in prepare.message.text()

    qtbot.mouseClick(prepare.ballot_button, Qt.MouseButton.LeftButton)
    ballot_form = prepare.findChildren(BallotDialog)[-1]
    assert ballot_form.papers.count() == 2 and ballot_form.eligible.count() == 3
    type_text(qtbot, ballot_form.question, "Đồng ý thông qua dự án Luật Đất đai (sửa đổi)?")
    chosen = ballot_form.deadline.dateTime()
    ballot_form.deadline.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    ok = ballot_form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert ballot_form.isVisible() and "Hạn gửi phiếu đã qua" in ballot_form.error.text()
    ballot_form.deadline.setDateTime(chosen)
    _ok(qtbot, prepare, ballot_form)
    assert "Đã phát phiếu" in prepare.message.text()

    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        qtbot.mouseClick(prepare.publish_button, Qt.MouseButton.LeftButton)
    assert "đã phát hành" in prepare.heading.text()
    assert not prepare.publish_button.isEnabled()

    # What a member's laptop holds after its next sync.
    laptop = Workspace(tmp_path / "minister", server_url=server.url)
    try:
        laptop.login("bt.taichinh", PASSWORD)
        assert laptop.sync().ok
        with laptop.store.read() as session:
            meeting = next(m for m in queries.catalogue(session) if m.title == TITLE)
        assert [item.title for item in meeting.agenda] == [SECOND, FIRST]
        assert [[d.title for d in item.documents] for item in meeting.agenda] == [
            ["to-trinh-thue"], ["du-an-luat-dat-dai"],
        ]  # fmt: skip
        papers = [d for d in laptop.status()["documents"] if d["meeting_id"] == meeting.id]
        assert len(papers) == 2 and all(d["file_verified"] for d in papers)
        assert sorted((d["title"], d["version_no"]) for d in papers) == [
            ("du-an-luat-dat-dai", 2), ("to-trinh-thue", 1),
        ]  # fmt: skip
        ballots = [b for b in laptop.status()["ballots"] if b["meeting_id"] == meeting.id]
        assert [(b["status"], b["my_state"]) for b in ballots] == [("open", "not_answered")]
    finally:
        laptop.close()


@pytest.mark.parametrize("how", ["dialog", "drop"])
def test_a_corrupt_pdf_is_refused_with_a_message_and_nothing_is_uploaded(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path, how: str
) -> None:
    clerk = Clerk(server.url)
    title = f"Phiên họp chuyên đề xây dựng pháp luật ({how})"
    meeting = clerk.create_meeting(title, ["bt.tuphap"], status="draft")
    clerk.add_item(meeting["id"], "Dự án Luật Thuế")
    prepare = _prepare_window(qtbot, server, tmp_path)
    listed = prepare.meeting_list.findItems(title, Qt.MatchFlag.MatchStartsWith)
    assert listed, "the draft meeting must be listed for the secretariat"
    if prepare.meeting_list.currentItem() is not listed[-1]:  # other tests' meetings first
        rect = prepare.meeting_list.visualItemRect(listed[-1])
        with qtbot.waitSignal(prepare.idle, timeout=20_000):
            qtbot.mouseClick(prepare.meeting_list.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())  # fmt: skip
    assert prepare.agenda.count() == 1
    good = make_pdf(tmp_path / "tot.pdf", 1, "Tốt")
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with qtbot.waitSignal(prepare.failed, timeout=20_000) as failed:
        if how == "dialog":
            _attach_through_dialog(qtbot, prepare, bad)
        else:
            _drop_files(prepare, 0, [good, bad])  # one bad file: none of the two goes
    assert "hong.pdf" in failed.args[0] and "Chưa có gì được tải lên" in failed.args[0]
    assert failed.args[0] in prepare.message.text()
    assert prep.meeting_contents(clerk.api, meeting["id"]).documents == []


def test_only_the_secretariat_gets_the_workspace_and_deleting_asks_first(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    title = "Phiên họp có nội dung bị xóa"
    meeting = clerk.create_meeting(title, ["bt.tuphap"], status="draft")
    clerk.add_item(meeting["id"], "Nội dung sẽ bị xóa")
    dialog = LoginDialog(server=server.url, username="bt.taichinh", profile_root=tmp_path / "m")
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    minister = MainWindow(dialog.workspace, AppConfig(tmp_path / "m" / "config.json"))
    qtbot.addWidget(minister)
    assert minister.features.preparation is None, "a minister must not get the workspace"

    prepare = _prepare_window(qtbot, server, tmp_path / "clerk")
    listed = prepare.meeting_list.findItems(title, Qt.MatchFlag.MatchStartsWith)
    if prepare.meeting_list.currentItem() is not listed[-1]:
        rect = prepare.meeting_list.visualItemRect(listed[-1])
        with qtbot.waitSignal(prepare.idle, timeout=20_000):
            qtbot.mouseClick(prepare.meeting_list.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())  # fmt: skip
    prepare.agenda.setCurrentRow(0)
    prepare.agenda.setFocus()
    qtbot.keyClick(prepare.agenda, Qt.Key.Key_Delete)
    box = prepare.findChildren(QMessageBox)[-1]
    assert box.isVisible() and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # changed my mind: nothing happens
    assert len(prep.meeting_contents(clerk.api, meeting["id"]).items) == 1
    qtbot.keyClick(prepare.agenda, Qt.Key.Key_Delete)
    box = prepare.findChildren(QMessageBox)[-1]
    with qtbot.waitSignal(prepare.idle, timeout=20_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert prepare.agenda.count() == 0
    assert prep.meeting_contents(clerk.api, meeting["id"]).items == []


def _select_meeting(qtbot: QtBot, prepare: PrepareWindow, title: str) -> None:
    listed = prepare.meeting_list.findItems(title, Qt.MatchFlag.MatchStartsWith)
    assert listed, f"{title!r} is not listed"
    if prepare.meeting_list.currentItem() is not listed[-1]:
        rect = prepare.meeting_list.visualItemRect(listed[-1])
        with qtbot.waitSignal(prepare.idle, timeout=20_000):
            qtbot.mouseClick(prepare.meeting_list.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())  # fmt: skip


def test_a_stale_edit_is_told_and_a_classified_item_blocks_publishing(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    title = "Phiên họp có hai chuyên viên cùng sửa"
    meeting = clerk.create_meeting(title, ["bt.tuphap"], status="draft")
    item = clerk.add_item(meeting["id"], "Dự thảo Nghị định")
    prepare = _prepare_window(qtbot, server, tmp_path)
    _select_meeting(qtbot, prepare, title)
    prepare.agenda.setCurrentRow(0)
    qtbot.mouseClick(prepare.edit_item_button, Qt.MouseButton.LeftButton)
    form = prepare.findChildren(ItemDialog)[-1]
    # Meanwhile another clerk saves the same item.
    prep.edit_item(clerk.api, item["id"], prep.ItemDraft("Bản của chuyên viên khác"), None)
    form.title.clear()
    type_text(qtbot, form.title, "Bản của tôi")
    secret = form.classification.findData("mat")
    form.classification.setCurrentIndex(secret)
    with qtbot.waitSignal(prepare.failed, timeout=20_000) as failed:
        qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)  # fmt: skip
    assert failed.args[0] in prepare.message.text()
    qtbot.waitUntil(lambda: prepare._busy == 0, timeout=10_000)
    items = prep.meeting_contents(clerk.api, meeting["id"]).items
    assert [i["title"] for i in items] == ["Bản của chuyên viên khác"], "overwritten silently"

    # Edited again from the fresh copy: the marking is kept, shown, and blocks publishing.
    qtbot.mouseClick(prepare.edit_item_button, Qt.MouseButton.LeftButton)
    form = prepare.findChildren(ItemDialog)[-1]
    assert form.title.text() == "Bản của chuyên viên khác"
    form.classification.setCurrentIndex(secret)
    _ok(qtbot, prepare, form)
    assert "[Mật]" in prepare.agenda.item(0).text()
    with qtbot.waitSignal(prepare.failed, timeout=20_000) as failed:
        qtbot.mouseClick(prepare.publish_button, Qt.MouseButton.LeftButton)
    assert "Mật" in failed.args[0]
    assert prep.meeting_contents(clerk.api, meeting["id"]).meeting["status"] == "draft"
