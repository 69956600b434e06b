"""A signed paper says, at the top of its tab, who signed it and whether it changed since.

Real parts throughout: a PDF signed with a PKCS#12 signer from a test CA, uploaded to the
real server, synced into the real window (sealed on disk), checked from memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gui.helpers import click_item, find_row
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.pki import Authority, make_pkcs12, make_root
from support.server import ServerFactory

from ecabinet.client.config import AppConfig
from ecabinet.client.paper_signatures import TRUST_FOLDER, SignatureState
from ecabinet.client.workspace import Workspace
from ecabinet.signing import Pkcs12File, sign_pdf
from ui.main_window import MainWindow
from ui.reader.reader import Reader
from ui.reader.signature_bar import SignatureBar, SignatureDetails, signature_bar_of

SIGNER = "Nguyễn Thị Thư Ký"


def _signed(root: Authority, tmp_path: Path) -> Path:
    p12 = make_pkcs12(root, tmp_path, SIGNER, "mat-khau")
    source = make_pdf(tmp_path / "bien-ban.pdf", 2, "Biên bản phiên họp")
    target = tmp_path / "bien-ban-da-ky.pdf"
    sign_pdf(source, target, Pkcs12File(p12, "mat-khau"))
    return target


def _altered(signed: Path, tmp_path: Path) -> Path:
    from pyhanko.pdf_utils.generic import StreamObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    altered = tmp_path / "sua-sau-khi-ky.pdf"
    with signed.open("rb") as source:
        writer = IncrementalPdfFileWriter(source)
        box = writer.add_object(StreamObject(stream_data=b"0 g 100 600 300 80 re f"))
        writer.add_stream_to_page(0, box)
        with altered.open("wb") as out:
            writer.write(out)
    return altered


@pytest.fixture
def window(qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path) -> MainWindow:
    server = server_factory()
    root = make_root(tmp_path / "ca")
    signed = _signed(root, tmp_path)
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ", ["bt.taichinh"])
    clerk.upload(meeting["id"], signed, title="Biên bản đã ký", number="1/BB")
    clerk.upload(meeting["id"], _altered(signed, tmp_path), title="Biên bản bị sửa",
                 number="2/BB")  # fmt: skip
    clerk.upload(meeting["id"], make_pdf(tmp_path / "c.pdf", 2, "Tờ trình"), title="Tờ trình",
                 number="3/TTr")  # fmt: skip
    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    workspace.login("bt.taichinh", PASSWORD)
    # The organisation's signing CA, as an administrator installs it in the profile.
    (profile / TRUST_FOLDER).mkdir(parents=True)
    (profile / TRUST_FOLDER / "vgca-test.pem").write_bytes(root.pem_path.read_bytes())
    main = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    with qtbot.waitSignal(main.sync.finished, timeout=30_000):
        main.start()
    qtbot.waitUntil(lambda: main.model.document_count() == 3, timeout=10_000)
    return main


def _open(qtbot: QtBot, window: MainWindow, number: str) -> Reader:
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        click_item(qtbot, window.tree, find_row(window.tree, number))
    reader = window.viewer.current_reader()
    assert reader is not None and reader.is_open(), f"{number} did not open"
    return reader


def _bar(qtbot: QtBot, reader: Reader) -> SignatureBar:
    qtbot.waitUntil(lambda: (b := signature_bar_of(reader)) is not None and b.isVisible(),
                    timeout=20_000)  # fmt: skip
    bar = signature_bar_of(reader)
    assert bar is not None
    return bar


def test_a_signed_paper_names_its_signer_and_says_unchanged(
    qtbot: QtBot, window: MainWindow
) -> None:
    reader = _open(qtbot, window, "1/BB")
    bar = _bar(qtbot, reader)
    text = bar.label.text()
    assert bar.state is SignatureState.VALID, text
    assert text.startswith(f"Đã ký số bởi {SIGNER} lúc "), text
    assert "tài liệu không thay đổi từ khi ký" in text, text
    # The bar sits at the top of the paper's own tab, above the pages.
    assert bar.geometry().bottom() <= reader.splitter.geometry().top(), "bar under the pages"
    assert bar.details_button.text() == "Chi tiết…"
    bar.details_button.click()
    details = bar.findChild(SignatureDetails)
    assert details is not None and details.isVisible(), "Chi tiết opened no dialog"
    listing = details.text.toPlainText()
    assert "Chữ ký 1/1" in listing and "Chữ ký hợp lệ." in listing, listing
    assert SIGNER in listing and "Test VGCA Root" in listing, listing
    details.reject()


def test_a_paper_altered_after_signing_warns(qtbot: QtBot, window: MainWindow) -> None:
    reader = _open(qtbot, window, "2/BB")
    bar = _bar(qtbot, reader)
    text = bar.label.text()
    assert bar.state is SignatureState.CHANGED, text
    assert SIGNER in text and "ĐÃ BỊ THAY ĐỔI sau khi ký" in text, text
    assert "không thay đổi" not in text, text
    bar.details_button.click()
    details = bar.findChild(SignatureDetails)
    assert details is not None
    assert "bị thay đổi nội dung sau khi ký" in details.text.toPlainText()
    details.reject()


def test_an_unsigned_paper_shows_no_bar(qtbot: QtBot, window: MainWindow) -> None:
    from ui.worker import wait_for_background_work

    reader = _open(qtbot, window, "3/TTr")
    assert wait_for_background_work(20_000)
    qtbot.wait(50)  # the check's answer is delivered on the GUI thread
    bar = signature_bar_of(reader)
    assert bar is None or not bar.isVisible(), "an unsigned paper got a signature bar"


def test_an_untrusted_signer_is_named_as_such(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    # Replace the organisation's root by another CA: the same signature is now untrusted.
    trust = window.workspace.paths.root / TRUST_FOLDER
    for old in trust.iterdir():
        old.unlink()
    other = make_root(tmp_path / "other", "Another Root")
    (trust / "other.pem").write_bytes(other.pem_path.read_bytes())
    reader = _open(qtbot, window, "1/BB")
    bar = _bar(qtbot, reader)
    assert bar.state is SignatureState.UNTRUSTED, bar.label.text()
    assert "không do tổ chức chứng thực" in bar.label.text(), bar.label.text()
