"""The secretariat imports an official document received as an edXML package, through
the preparation window's real widgets and the real server."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from gui.test_prepare import _prepare_window, _select_meeting
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot
from support.actors import Clerk
from support.server import ServerProcess

from ecabinet.client import preparation as prep
from tests.support.edxml_packages import (
    HEADER,
    Part,
    inline_package,
    make_signer,
    mime_package,
    small_pdf,
)
from ui.prepare import PrepareWindow
from ui.prepare.edxml_dialog import EdxmlPreviewDialog

pytestmark = pytest.mark.gui


def parts() -> list[Part]:
    return [
        Part("Tờ trình 1234.pdf", "application/pdf", small_pdf(b"To trinh 1234"), "tt@bkhdt"),
        Part("Dự thảo Nghị quyết.pdf", "application/pdf", small_pdf(b"Du thao NQ"), "dt@bkhdt"),
        Part("Phụ lục.txt", "text/plain", "Phụ lục kèm theo\n".encode(), "pl@bkhdt"),
    ]


def _open_package(qtbot: QtBot, prepare: PrepareWindow, path: Path) -> None:
    """Click "Nhập edXML…" and choose the file in the window's file dialog."""
    assert prepare.edxml_button.isEnabled() and prepare.edxml_button.text() == "Nhập &edXML…"
    with qtbot.waitSignal(prepare.file_dialog_shown, timeout=5_000) as shown:
        qtbot.mouseClick(prepare.edxml_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.setDirectory(str(path.parent))
    dialog.selectFile(path.name)
    dialog.accept()


def _preview(qtbot: QtBot, prepare: PrepareWindow, path: Path) -> EdxmlPreviewDialog:
    before = set(prepare.findChildren(EdxmlPreviewDialog))
    _open_package(qtbot, prepare, path)
    qtbot.waitUntil(lambda: bool(set(prepare.findChildren(EdxmlPreviewDialog)) - before),
                    timeout=20_000)  # fmt: skip
    dialog = (set(prepare.findChildren(EdxmlPreviewDialog)) - before).pop()
    assert dialog.isVisible()
    return dialog


def _shown(dialog: EdxmlPreviewDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, f"{name} is not shown"
    return label.text()


def _papers(prepare: PrepareWindow) -> list[str]:
    return [prepare.papers.item(r).text() for r in range(prepare.papers.count())]


def test_preview_then_import_a_package_and_a_second_import_is_refused(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    title = "Phiên họp nhập văn bản liên thông"
    meeting = clerk.create_meeting(title, ["bt.tuphap"], status="draft")
    clerk.add_item(meeting["id"], "Dự thảo Nghị quyết phiên họp")
    prepare = _prepare_window(qtbot, server, tmp_path)
    _select_meeting(qtbot, prepare, title)
    prepare.agenda.setCurrentRow(0)
    package = tmp_path / "to-trinh-1234.edxml"
    package.write_bytes(mime_package(parts()))

    dialog = _preview(qtbot, prepare, package)
    assert dialog.height() <= 720 and dialog.width() <= 1366
    assert _shown(dialog, "edxmlFrom") == "Bộ Kế hoạch và Đầu tư (000.00.12.G09)"
    assert _shown(dialog, "edxmlTo") == "Văn phòng Chính phủ (000.00.00.G22)"
    assert _shown(dialog, "edxmlCode") == "1234/TTr-BKHĐT"
    assert _shown(dialog, "edxmlPlaceDate") == "Hà Nội, 20/11/2026"
    assert _shown(dialog, "edxmlType") == "Tờ trình"
    assert _shown(dialog, "edxmlSubject") == HEADER["Subject"]
    assert _shown(dialog, "edxmlSigner") == "KT. BỘ TRƯỞNG, Thứ trưởng, Nguyễn Văn Đức"
    assert _shown(dialog, "edxmlDueDate") == "25/11/2026"
    assert "không có" in dialog.signature.text()
    assert not dialog.confirm_unverified.isVisible()
    table = dialog.attachments
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [p.name for p in parts()]
    assert [table.item(r, 3).text() for r in range(table.rowCount())] == [
        hashlib.sha256(p.data).hexdigest() for p in parts()
    ]
    actions = dialog.action_texts()
    assert actions[0].startswith("sẽ nhập") and actions[1].startswith("sẽ nhập")
    assert actions[2] == "bỏ qua: không phải tệp PDF"
    assert dialog.import_button.isEnabled()
    assert prep.meeting_contents(clerk.api, meeting["id"]).documents == [], "sent before Import"

    with qtbot.waitSignal(prepare.idle, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert prepare.message.text() == "Đang nhập 2 tài liệu từ gói tin edXML…"
        assert not prepare.edxml_button.isEnabled(), "no second import while one runs"
    assert not dialog.isVisible()
    assert [t.split(" — ")[0] for t in _papers(prepare)] == ["Tờ trình 1234", "Dự thảo Nghị quyết"]
    message = prepare.message.text()
    assert "2 tài liệu" in message and "1234/TTr-BKHĐT" in message and "Phụ lục.txt" in message
    documents = prep.meeting_contents(clerk.api, meeting["id"]).documents
    assert [d["number"] for d in documents] == ["1234/TTr-BKHĐT"] * 2

    # The same package again: the preview opens; Import is refused, by name, and undone.
    again = _preview(qtbot, prepare, package)
    with qtbot.waitSignal(prepare.failed, timeout=30_000) as failed:
        qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    assert "«Tờ trình 1234.pdf»" in failed.args[0] and "chưa có gì được tải lên" in failed.args[0]
    assert failed.args[0] in prepare.message.text()
    qtbot.waitUntil(lambda: prepare._busy == 0, timeout=10_000)
    assert prep.meeting_contents(clerk.api, meeting["id"]).documents == documents
    assert len(_papers(prepare)) == 2


def test_a_broken_package_is_refused_before_any_preview(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    title = "Phiên họp nhận gói tin hỏng"
    meeting = clerk.create_meeting(title, ["bt.tuphap"], status="draft")
    clerk.add_item(meeting["id"], "Dự án Luật")
    prepare = _prepare_window(qtbot, server, tmp_path)
    _select_meeting(qtbot, prepare, title)
    prepare.agenda.setCurrentRow(0)
    broken = tmp_path / "hong.edxml"
    broken.write_bytes(inline_package([
        *parts(), Part("Báo cáo thẩm định.pdf", "application/pdf", b"%PDF-1.7 hong", "bc@x"),
    ]))  # fmt: skip
    with qtbot.waitSignal(prepare.failed, timeout=20_000) as failed:
        _open_package(qtbot, prepare, broken)
    assert "Báo cáo thẩm định.pdf" in failed.args[0]
    assert not prepare.findChildren(EdxmlPreviewDialog), "a refused package must not be offered"

    # A package without any PDF is shown, but there is nothing to import.
    text_only = tmp_path / "chi-co-van-ban.edxml"
    text_only.write_bytes(inline_package([parts()[2]]))
    dialog = _preview(qtbot, prepare, text_only)
    assert dialog.action_texts() == ["bỏ qua: không phải tệp PDF"]
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text() == "Gói tin không có tệp PDF nào để nhập."
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert prep.meeting_contents(clerk.api, meeting["id"]).documents == []


def test_a_signature_that_does_not_verify_needs_the_clerks_word(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    title = "Phiên họp gói tin bị sửa sau khi ký"
    meeting = clerk.create_meeting(title, ["bt.tuphap"], status="draft")
    clerk.add_item(meeting["id"], "Dự thảo Nghị định")
    prepare = _prepare_window(qtbot, server, tmp_path)
    _select_meeting(qtbot, prepare, title)
    prepare.agenda.setCurrentRow(0)
    signer = make_signer()
    good = tmp_path / "da-ky.edxml"
    good.write_bytes(inline_package(parts(), signer=signer))
    tampered = tmp_path / "bi-sua.edxml"
    tampered.write_bytes(good.read_bytes().replace("Hà Nội".encode(), "Huế".encode()))

    signed = _preview(qtbot, prepare, good)
    assert "hợp lệ" in signed.signature.text() and "Bộ Kế hoạch" in signed.signature.text()
    assert signed.import_button.isEnabled() and not signed.confirm_unverified.isVisible()
    qtbot.keyClick(signed, Qt.Key.Key_Escape)

    dialog = _preview(qtbot, prepare, tampered)
    assert "KHÔNG hợp lệ" in dialog.signature.text()
    assert dialog.confirm_unverified.isVisible() and not dialog.import_button.isEnabled()
    box = dialog.confirm_unverified  # clicked on its tick box, at the left
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(prepare.idle, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(prep.meeting_contents(clerk.api, meeting["id"]).documents) == 2
