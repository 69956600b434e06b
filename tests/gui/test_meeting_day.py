"""At and after the meeting, in the app: attendance and quorum, conclusions (with a
concurrent edit refused), the minutes made, signed and published; a member's laptop
then holds the signed minutes, which verify and name their signer.

Real parts throughout: the real server, the real windows, a real member laptop that
answers a ballot, a PKCS#12 signer from a test CA made here, qpdf and the CLI.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from gui.helpers import type_text
from gui.test_prepare import _prepare_window
from gui.test_signature_bar import _bar, _open
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Secretariat, in_hours
from support.cli import run_cli
from support.pki import make_pkcs12, make_root
from support.server import ServerFactory

from ecabinet.ballots.verify import parse_bundle, verify_bundle
from ecabinet.client.config import AppConfig
from ecabinet.client.definitions import pinned_server_keys
from ecabinet.client.meeting_record import MINUTES_TITLE, RESOLUTION_TITLE, bundle_file_name
from ecabinet.client.paper_signatures import TRUST_FOLDER, SignatureState
from ecabinet.client.workspace import Workspace
from ecabinet.minutes.attachments import embedded_files
from ecabinet.quorum import Attendance
from ecabinet.signing import load_trust_roots, verify_pdf_bytes
from ui.main_window import MainWindow
from ui.prepare.meeting_day import MeetingDayWindow
from ui.prepare.minutes_dialog import MinutesDialog

pytestmark = pytest.mark.gui

TITLE = "Phiên họp Chính phủ thường kỳ tháng 11 năm 2026"
SECRETARY = "Nguyễn Thị Thu Hà"
LAND = "Dự án Luật Đất đai (sửa đổi)"
TAX = "Dự thảo Nghị định về thuế thu nhập"
MINE = "Thông qua dự thảo Nghị định; giao Bộ Tài chính hoàn thiện trước ngày 15/12."
THEIRS = "Chưa thông qua; Bộ Tài chính tiếp thu ý kiến và trình lại."


def _meeting(server_url: str, laptop: Workspace) -> tuple[Secretariat, dict[str, Any], str]:
    """A published meeting of all three members, two items, and a ballot one member
    answered from their laptop and the clerk closed."""
    clerk = Secretariat(server_url)
    meeting = clerk.create_meeting(TITLE, ["bt.taichinh", "bt.tuphap", "bt.ytte"])
    clerk.add_item(meeting["id"], LAND, "Bộ Nông nghiệp và Môi trường")
    clerk.add_item(meeting["id"], TAX)
    ballot = clerk.create_ballot(
        meeting["id"], "Đồng ý thông qua dự án Luật Đất đai (sửa đổi)?",
        deadline=in_hours(24), open_now=True,
    )  # fmt: skip
    laptop.login("bt.taichinh", PASSWORD)
    assert laptop.sync().ok
    laptop.sign_opinion(ballot["id"], "agree", "")
    assert laptop.sync().ok
    clerk.close_ballot(ballot["id"])
    return clerk, meeting, ballot["id"]


def _row_of(window: MeetingDayWindow, name: str) -> int:
    table = window.attendance_table
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == name:
            return row
    raise AssertionError(f"no attendance row for {name}")


def _set_state(window: MeetingDayWindow, name: str, state: Attendance) -> None:
    box = window.state_box(_row_of(window, name))
    box.setCurrentIndex(box.findData(state.value))


def _click(qtbot: QtBot, window: MeetingDayWindow, button: Any, timeout: int = 20_000) -> None:
    with qtbot.waitSignal(window.idle, timeout=timeout):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


class _Form:
    def __init__(self, qtbot: QtBot, dialog: MinutesDialog) -> None:
        self.qtbot, self.dialog = qtbot, dialog

    def accept_form(self) -> None:
        ok = self.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def _minutes_form(qtbot: QtBot, window: MeetingDayWindow, p12: Path) -> _Form:
    """Open "Lập biên bản…" and fill it as the clerk does (after one refused try)."""
    with qtbot.waitSignal(window.minutes_dialog_shown, timeout=5_000) as shown:
        qtbot.mouseClick(window.minutes_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, MinutesDialog) and dialog.isVisible()
    assert dialog.secretary_name.text() == SECRETARY
    form = _Form(qtbot, dialog)
    form.accept_form()  # no certificate chosen yet
    assert dialog.isVisible() and "chứng thư số" in dialog.error.text()
    dialog.how.setCurrentIndex(1)  # a USB token: its module must exist, and a PIN be given
    dialog.module.setText("/khong/co/libpkcs11.so")
    form.accept_form()
    assert dialog.isVisible() and "PKCS#11" in dialog.error.text()
    dialog.how.setCurrentIndex(0)
    dialog.minutes_number.setValue(12)
    dialog.resolution_number.setValue(45)
    dialog.chair_name.setText("Phạm Minh Đức")
    dialog.chair_title.setText("Thủ tướng Chính phủ")
    dialog.pkcs12_path.setText(str(p12))
    dialog.pkcs12_password.setText("mat-khau-chung-thu")
    return form


def _conclusion_of(clerk: Secretariat, meeting_id: str, title: str) -> dict[str, Any]:
    body = clerk.api.get_json(f"/api/v1/meetings/{meeting_id}")
    item: dict[str, Any] = next(i for i in body["agenda_items"] if i["title"] == title)
    return item


def test_attendance_conclusions_and_signed_minutes_reach_the_members(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    laptop = Workspace(tmp_path / "minister", server_url=server.url)
    try:
        _run(qtbot, server.url, laptop, tmp_path)
    finally:
        laptop.close()


def _run(qtbot: QtBot, url: str, laptop: Workspace, tmp_path: Path) -> None:
    clerk, meeting, ballot_id = _meeting(url, laptop)
    prepare = _prepare_window(qtbot, _Url(url), tmp_path / "clerk")
    assert prepare.current_meeting_id() == meeting["id"]
    assert prepare.meeting_day_button.isEnabled()
    qtbot.mouseClick(prepare.meeting_day_button, Qt.MouseButton.LeftButton)
    window = prepare.meeting_day
    assert isinstance(window, MeetingDayWindow) and window.isVisible()
    qtbot.waitUntil(lambda: window._busy == 0 and window.attendance_table.rowCount() == 3)
    assert window.width() <= 1366 and window.height() <= 720

    # -- attendance: one in the room, one excused, one sending a deputy: 1 of 3, not met.
    _set_state(window, "Lê Minh Khoa", Attendance.PRESENT)
    _set_state(window, "Phạm Quốc Bảo", Attendance.ABSENT_EXCUSED)
    _set_state(window, "Đỗ Thị Lan", Attendance.REPRESENTED)
    assert "1" in window.quorum_label.text() and "KHÔNG đủ" in window.quorum_label.text()
    # A represented member without the deputy's name is refused before anything is sent.
    _click(qtbot, window, window.save_attendance_button)
    assert "ghi tên người dự thay" in window.message.text()
    assert clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/attendance")["records"] == []
    # No minutes while nobody's attendance is recorded: said, and nothing published.
    root = make_root(tmp_path / "ca")
    p12 = make_pkcs12(root, tmp_path, SECRETARY, "mat-khau-chung-thu")
    with qtbot.waitSignal(window.failed, timeout=30_000) as refused_minutes:
        _minutes_form(qtbot, window, p12).accept_form()
    qtbot.waitUntil(lambda: window._busy == 0)
    assert "Chưa điểm danh" in refused_minutes.args[0] and "Lê Minh Khoa" in refused_minutes.args[0]
    assert clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}")["documents"] == []
    deputy = window.deputy_field(_row_of(window, "Đỗ Thị Lan"))
    assert deputy.isEnabled()
    type_text(qtbot, deputy, "Thứ trưởng Trần Văn Hòa")
    _click(qtbot, window, window.save_attendance_button)
    report = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/attendance")
    assert report["quorum"]["attending"] == 1 and not report["quorum"]["met"]
    assert "KHÔNG đủ điều kiện" in window.message.text()

    # The excused minister joins remotely: the line changes at once, met once saved.
    _set_state(window, "Phạm Quốc Bảo", Attendance.REMOTE)
    assert "KHÔNG" not in window.quorum_label.text() and "đủ" in window.quorum_label.text()
    _click(qtbot, window, window.save_attendance_button)
    report = clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}/attendance")
    quorum = report["quorum"]
    assert (quorum["members"], quorum["attending"], quorum["required"], quorum["met"]) == (
        3, 2, 2, True,
    )  # fmt: skip
    states = {r["full_name"]: (r["state"], r["deputy_name"]) for r in report["records"]}
    assert states["Đỗ Thị Lan"] == ("represented", "Thứ trưởng Trần Văn Hòa")

    # -- conclusions: the first item saved; the second edited by another clerk meanwhile.
    window.tabs.setCurrentWidget(window.conclusions_page)
    window.items.setCurrentRow(0)
    type_text(qtbot, window.conclusion, "Thông qua dự án Luật; Bộ Nông nghiệp và Môi trường "
              "tiếp thu ý kiến thẩm định.")  # fmt: skip
    _click(qtbot, window, window.save_conclusion_button)
    assert "Thông qua dự án Luật" in _conclusion_of(clerk, meeting["id"], LAND)["conclusion"]
    assert window.items.item(0).text().startswith("✓ ")

    window.items.setCurrentRow(1)
    started_from = _conclusion_of(clerk, meeting["id"], TAX)["revision"]
    other = clerk.api.request(
        "PUT", f"/api/v1/agenda-items/{_conclusion_of(clerk, meeting['id'], TAX)['id']}/conclusion",
        json={"text": THEIRS, "revision": started_from},
    )  # fmt: skip
    assert other.status_code == 200
    type_text(qtbot, window.conclusion, MINE)
    with qtbot.waitSignal(window.failed, timeout=20_000) as refused:
        qtbot.mouseClick(window.save_conclusion_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window._busy == 0)
    assert "người khác sửa" in refused.args[0] and "người khác sửa" in window.message.text()
    assert _conclusion_of(clerk, meeting["id"], TAX)["conclusion"] == THEIRS  # not overwritten
    assert THEIRS in window.server_copy.text() and window.conclusion.toPlainText() == MINE
    # Saving again, knowingly, replaces the other clerk's text.
    _click(qtbot, window, window.save_conclusion_button)
    assert _conclusion_of(clerk, meeting["id"], TAX)["conclusion"] == MINE

    # -- the minutes: a software certificate from a test CA, made here.
    with qtbot.waitSignal(window.idle, timeout=90_000):
        _minutes_form(qtbot, window, p12).accept_form()
    assert "12/BB-CP" in window.message.text() and "45/NQ-CP" in window.message.text()

    # -- a member syncs and holds both; the minutes verify and name their signer.
    assert laptop.sync().ok
    papers = {
        d["number"]: d for d in laptop.status()["documents"] if d["meeting_id"] == meeting["id"]
    }
    assert papers["12/BB-CP"]["title"] == MINUTES_TITLE
    assert papers["45/NQ-CP"]["title"] == RESOLUTION_TITLE
    assert all(papers[n]["file_verified"] for n in ("12/BB-CP", "45/NQ-CP"))
    reader = laptop.open_paper(papers["12/BB-CP"]["sha256"])
    assert reader is not None
    with reader:
        minutes = reader.read_all()
    verdict = verify_pdf_bytes(minutes, load_trust_roots([root.pem_path]))
    assert verdict.ok and [s.signer_name for s in verdict.signatures] == [SECRETARY]
    saved = tmp_path / "bien-ban-12.pdf"
    saved.write_bytes(minutes)
    cli = run_cli("verify-pdf", saved, "--trust-root", root.pem_path, "--json", check=False)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert json.loads(cli.stdout)["signatures"][0]["signer"] == SECRETARY
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(saved)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    # The ballot's bundle rides inside the signed minutes; its hash is the one printed.
    # (Each download carries its own export time, so the member recounts this very file.)
    bundle = embedded_files(minutes)[bundle_file_name(ballot_id)]
    with laptop.store.read() as session:
        trusted = pinned_server_keys(session)
    recount = verify_bundle(parse_bundle(bundle, source="biên bản"), trusted=trusted)
    assert recount.proven and ballot_id in json.dumps(recount.ballot) and recount.tally.agree == 1
    # Anyone holding the minutes can take the bundle out and recount it with the CLI.
    out = run_cli("verify-pdf", saved, "--trust-root", root.pem_path,
                  "--save-attachments", tmp_path / "dinh-kem")  # fmt: skip
    assert f"dinh-kem/{bundle_file_name(ballot_id)}" in out.stdout
    recounted = run_cli("verify", tmp_path / "dinh-kem" / bundle_file_name(ballot_id),
                        "--server-key", recount.fingerprint, "--json")  # fmt: skip
    assert json.loads(recounted.stdout)["tally"]["agree"] == 1
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(saved), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert hashlib.sha256(bundle).hexdigest() in text.replace(" ", "").replace("\n", "")
        assert "Đồng ý 1" in text and "Thứ trưởng Trần Văn Hòa" in text and MINE[:30] in text

    # In the member's app, the minutes' signature bar names the secretary.
    (laptop.paths.root / TRUST_FOLDER).mkdir(parents=True)
    (laptop.paths.root / TRUST_FOLDER / "vgca-test.pem").write_bytes(root.pem_path.read_bytes())
    main = MainWindow(laptop, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    with qtbot.waitSignal(main.sync.finished, timeout=30_000):
        main.start()
    bar = _bar(qtbot, _open(qtbot, main, "12/BB-CP"))
    assert bar.state is SignatureState.VALID and f"Đã ký số bởi {SECRETARY}" in bar.label.text()
    main.close()  # before the laptop's store closes: closing writes the reading position


class _Url:
    """What ``_prepare_window`` reads of a server: its address."""

    def __init__(self, url: str) -> None:
        self.url = url
