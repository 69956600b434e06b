"""The secretariat follows a meeting: who read what, who answered, reminders, exports.

Real server, real members' laptops syncing, the real preparation window and its
"Theo dõi" window, driven with clicks and keys.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from gui.helpers import type_text
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat, in_hours
from support.notes import laptop
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client import notifications, secretariat_dashboard
from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.prepare import PrepareWindow, install
from ui.prepare.dashboard_view import DashboardWindow

pytestmark = pytest.mark.gui

TITLE = "Phiên họp Chính phủ chuyên đề về xây dựng pháp luật tháng 12"
DRAFT_TITLE = "Phiên họp đang chuẩn bị, chưa phát hành"
REMINDER = "Đề nghị đồng chí đọc Tờ trình trước phiên họp"


def _prepare(qtbot: QtBot, server: ServerProcess, root: Path) -> PrepareWindow:
    dialog = LoginDialog(server=server.url, username="vpcp.clerk", profile_root=root)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    window = MainWindow(dialog.workspace, AppConfig(root / "config.json"))
    qtbot.addWidget(window)
    window.show()
    action = install(window)
    assert action is not None
    action.trigger()
    prepare = window.prepare_opener.prepare_window  # type: ignore[attr-defined]
    assert isinstance(prepare, PrepareWindow)
    qtbot.waitUntil(lambda: bool(prepare.meetings) and prepare._busy == 0, timeout=15_000)
    return prepare


def _open_dashboard(qtbot: QtBot, prepare: PrepareWindow, title: str) -> DashboardWindow:
    listed = prepare.meeting_list.findItems(title, Qt.MatchFlag.MatchStartsWith)
    assert listed, f"{title!r} is not listed"
    rect = prepare.meeting_list.visualItemRect(listed[0])
    qtbot.mouseClick(prepare.meeting_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())  # fmt: skip
    qtbot.waitUntil(lambda: prepare._busy == 0, timeout=15_000)
    assert prepare.dashboard_button.isEnabled()
    assert prepare.dashboard_button.text() == "Theo &dõi…"
    if prepare.dashboard is None:
        qtbot.mouseClick(prepare.dashboard_button, Qt.MouseButton.LeftButton)
        dashboard = prepare.dashboard
        assert dashboard is not None
        qtbot.waitUntil(lambda: dashboard.data is not None, timeout=15_000)
    else:
        dashboard = prepare.dashboard
        with qtbot.waitSignal(dashboard.refreshed, timeout=15_000):
            qtbot.mouseClick(prepare.dashboard_button, Qt.MouseButton.LeftButton)
    assert dashboard.isVisible() and title in dashboard.windowTitle()
    return dashboard


def _cells(dashboard: DashboardWindow) -> list[list[str]]:
    model = dashboard.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _refresh_by_key(qtbot: QtBot, dashboard: DashboardWindow) -> None:
    with qtbot.waitSignal(dashboard.refreshed, timeout=15_000):
        qtbot.keyClick(dashboard.table, Qt.Key.Key_F5)


def test_the_clerk_follows_reading_reminds_and_exports(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Secretariat(server.url)
    # The meeting is three hours away: unread papers and open ballots are overdue.
    meeting = clerk.create_meeting(
        TITLE, ["bt.taichinh", "bt.tuphap", "bt.ytte"], starts_at=in_hours(3)
    )
    paper = clerk.upload(meeting["id"], make_pdf(tmp_path / "to-trinh.pdf", 5, "Tờ trình"),
                         title="Tờ trình dự án Luật")  # fmt: skip
    ballot = clerk.create_ballot(meeting["id"], "Thông qua dự án Luật?", deadline=in_hours(2))
    clerk.create_meeting(DRAFT_TITLE, ["bt.ytte"], status="draft", starts_at=in_hours(48))
    finance = laptop(server.url, tmp_path / "finance", "bt.taichinh")
    justice: Workspace | None = None  # the Minister of Justice has not synced yet
    try:
        # The Minister of Finance reads the paper to page 4 of 5 and answers the ballot.
        finance.mark_read(paper["version"]["id"])
        finance.store.write(
            lambda s: secretariat_dashboard.queue_progress(s, paper["document"]["id"], 3)
        )
        finance.sign_opinion(ballot["id"], "agree", "")
        assert finance.sync().ok

        prepare = _prepare(qtbot, server, tmp_path / "clerk")
        dashboard = _open_dashboard(qtbot, prepare, TITLE)
        model = dashboard.model
        # Protocol order (Justice, Finance, Health), not the alphabet nor the server's order.
        assert [r["full_name"] for r in model.rows] == [
            "Phạm Quốc Bảo", "Lê Minh Khoa", "Đỗ Thị Lan",
        ]  # fmt: skip
        bao, khoa, lan = _cells(dashboard)
        headers = [model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(model.columnCount())]  # fmt: skip
        assert headers[3] == "Tờ trình dự án Luật" and headers[4] == "Phiếu 1", headers
        assert khoa[1] == "có" and khoa[3] == "4/5" and khoa[4] == "đã trả lời", khoa
        assert khoa[5] == "", "a member who read and answered is not overdue"
        assert bao[1] == "chưa" and bao[3] == "chưa mở" and bao[4] == "chưa trả lời", bao
        # Overdue in words, in its own column and as every cell's tooltip; not colour only.
        assert bao[5].startswith("Quá hạn:") and "phiếu" in bao[5] and "tài liệu" in bao[5]
        assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == bao[5]
        assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
        assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
        assert lan[5].startswith("Quá hạn:")
        # The ballot's choice is never shown.
        assert not any("Đồng ý" in cell for row in (bao, khoa, lan) for cell in row)

        # By keyboard: the first row, then extend to the second and back (Shift+arrows).
        dashboard.table.setFocus()
        qtbot.keyClick(dashboard.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(dashboard.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
        assert dashboard.selected_user_ids() == [model.user_id(0), model.user_id(1)]
        qtbot.keyClick(dashboard.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
        assert dashboard.selected_user_ids() == [clerk.users["bt.tuphap"]]
        qtbot.keyClick(dashboard.table, Qt.Key.Key_Tab)  # on to the reminder's text
        assert dashboard.remind_text.hasFocus()

        # A live refresh with the same rows keeps the selection...
        assert dashboard.timer.isActive() and dashboard.timer.interval() <= 30_000
        justice = laptop(server.url, tmp_path / "justice", "bt.tuphap")
        _refresh_by_key(qtbot, dashboard)
        assert dashboard.selected_user_ids() == [clerk.users["bt.tuphap"]]
        assert _cells(dashboard)[0][1] == "có"  # Justice's laptop has the papers now
        # ...and so does one that brings a new column (a second paper).
        clerk.upload(meeting["id"], make_pdf(tmp_path / "phu-luc.pdf", 2, "Phụ lục"))
        _refresh_by_key(qtbot, dashboard)
        assert model.columnCount() == 7
        assert dashboard.selected_user_ids() == [clerk.users["bt.tuphap"]]

        # Remind the Minister of Justice, with a text of the clerk's own.
        type_text(qtbot, dashboard.remind_text, REMINDER)
        assert dashboard.remind_button.isEnabled()
        with qtbot.waitSignal(dashboard.reminded, timeout=15_000) as sent:
            qtbot.mouseClick(dashboard.remind_button, Qt.MouseButton.LeftButton)
        assert sent.args[0] == [clerk.users["bt.tuphap"]]
        status = dashboard.status.text()
        assert "Phạm Quốc Bảo" in status and "lần đồng bộ" in status, status
        assert dashboard.remind_text.text() == ""
        assert justice.sync().ok and finance.sync().ok
        with justice.store.read() as session:
            got = [n.text for n in notifications.listing(session) if n.kind == "reminder"]
        assert got == [REMINDER]
        with finance.store.read() as session:
            assert not [n for n in notifications.listing(session) if n.kind == "reminder"]

        # CSV through the save dialog; read back, it is the table shown.
        csv_path = tmp_path / "out" / "theo-doi.csv"
        csv_path.parent.mkdir()
        with qtbot.waitSignal(dashboard.file_dialog_shown, timeout=5_000) as shown:
            qtbot.mouseClick(dashboard.csv_button, Qt.MouseButton.LeftButton)
        dialog = shown.args[0]
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()
        dialog.setDirectory(str(csv_path.parent))
        dialog.selectFile(csv_path.name)
        with qtbot.waitSignal(dashboard.saved, timeout=15_000):
            dialog.accept()
        assert str(csv_path) in dashboard.status.text()
        raw = csv_path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "spreadsheets need the BOM to read Vietnamese"
        table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
        assert table[0][:2] == ["Họ và tên", "Chức vụ"] and table[0][-2:] == [
            "Tờ trình dự án Luật", "Phụ lục",
        ]  # fmt: skip
        assert [r[0] for r in table[1:]] == [r["full_name"] for r in model.rows]
        by_name = {r[0]: r for r in table[1:]}
        assert by_name["Lê Minh Khoa"][-2:] == ["4/5", "chưa mở"]
        assert by_name["Phạm Quốc Bảo"][8].startswith("quá hạn")
        assert by_name["Lê Minh Khoa"][8].startswith("quá hạn")  # the new paper is unread

        # PDF: a real, checked file with the Vietnamese names and the overdue marks.
        pdf_path = tmp_path / "out" / "theo-doi.pdf"
        with qtbot.waitSignal(dashboard.saved, timeout=30_000):
            dashboard.save_pdf(pdf_path)
        check = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
        for expected in ("Phạm Quốc Bảo", "Đỗ Thị Lan", "Lê Minh Khoa", TITLE, "QUÁ HẠN", "4/5"):
            assert expected in text, expected
        assert text.index("Phạm Quốc Bảo") < text.index("Lê Minh Khoa") < text.index("Đỗ Thị Lan")

        # Saving where no file can be written says so, in Vietnamese.
        blocker = tmp_path / "out" / "not-a-folder"
        blocker.write_text("")
        with qtbot.waitSignal(dashboard.failed, timeout=15_000) as failed:
            dashboard.save_pdf(blocker / "theo-doi.pdf")
        assert failed.args[0].startswith("Không lưu được") and "not-a-folder" in failed.args[0]

        # A meeting not yet published: the server refuses, the clerk reads why.
        dashboard = _open_dashboard(qtbot, prepare, DRAFT_TITLE)
        assert [r["full_name"] for r in dashboard.model.rows] == ["Đỗ Thị Lan"]
        assert not dashboard.remind_button.isEnabled()  # nobody chosen yet
        qtbot.keyClick(dashboard.remind_text, Qt.Key.Key_Return)
        assert "Hãy chọn" in dashboard.status.text()
        dashboard.table.selectionModel().select(
            dashboard.model.index(0, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        with qtbot.waitSignal(dashboard.failed, timeout=15_000) as failed:
            qtbot.keyClick(dashboard.remind_text, Qt.Key.Key_Return)
        assert "Chỉ nhắc được thành viên tham dự phiên họp đã phát hành" in failed.args[0]
        assert failed.args[0] in dashboard.status.text()

        # The server goes away: the refresh says so, in Vietnamese, and the table stays.
        server.stop()
        with qtbot.waitSignal(dashboard.failed, timeout=30_000) as failed:
            qtbot.keyClick(dashboard.table, Qt.Key.Key_F5)
        assert failed.args[0].startswith("Không kết nối được máy chủ"), failed.args[0]
        assert dashboard.model.rowCount() == 1 and dashboard.status.text() == failed.args[0]
        dashboard.close()
        assert not dashboard.timer.isActive()
    finally:
        finance.close()
        if justice is not None:
            justice.close()
