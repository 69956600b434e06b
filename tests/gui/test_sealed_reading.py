"""Papers decrypted into memory for QtPdf; a damaged one is said so and fetched again."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from gui.helpers import click_item, find_row, has_ink
from PySide6.QtCore import QBuffer, QIODevice, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.actors import PASSWORD, Clerk
from support.pdfs import make_canary_pdf, make_pdf
from support.server import ServerFactory

from ecabinet.client.config import AppConfig
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.sealed_files import SealedReader, SealedWriter
from ui.main_window import MainWindow
from ui.sealed_device import SealedPaperDevice

KEY = os.urandom(32)


def _seal(source: Path, target: Path) -> SealedReader:
    data = source.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with SealedWriter(target, KEY, sha, len(data)) as writer:
        writer.write(data)
        writer.finish()
    return SealedReader(target, KEY, sha, expected_size=len(data))


def _render(document: QPdfDocument) -> QImage:
    image = document.render(0, QSize(420, 595))
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def test_qtpdf_reads_a_sealed_paper_through_the_device_as_it_reads_the_file(
    qapp: QApplication, tmp_path: Path
) -> None:
    source = make_pdf(tmp_path / "totrinh.pdf", 7, "Tờ trình về dự toán ngân sách nhà nước")
    clear = QPdfDocument()
    clear.load(str(source))
    device = SealedPaperDevice(_seal(source, tmp_path / "sealed"))
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    sealed = QPdfDocument()
    sealed.load(device)
    assert sealed.status() == QPdfDocument.Status.Ready
    assert sealed.pageCount() == clear.pageCount() == 7
    assert _render(sealed) == _render(clear)  # pixel for pixel
    grey = _render(sealed).convertToFormat(QImage.Format.Format_Grayscale8)
    assert min(bytes(grey.constBits())) < 60  # the page has text on it
    sealed.close()
    device.close()
    clear.close()


def _window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(workspace, AppConfig(tmp_path / "config.json"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):
        window.start()
    qtbot.waitUntil(lambda: window.model.document_count() == 2, timeout=10_000)
    return window


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x10
    path.write_bytes(data)


def test_a_damaged_paper_says_it_cannot_be_shown_is_fetched_again_and_the_app_goes_on(
    qtbot: QtBot, server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ", ["bt.taichinh"])
    small = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "a.pdf", 3, "Tờ trình"), title="Tờ trình", number="1/TTr"
    )["version"]
    # A scanned page: a 2 MB image in the middle chunks of the file.
    scan = make_canary_pdf(tmp_path / "b.pdf", "Phụ lục", "Phu luc", 2 << 20)
    large = clerk.upload(meeting["id"], scan, title="Phụ lục", number="2/PL")["version"]
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    workspace.login("bt.taichinh", PASSWORD)
    window = _window(qtbot, workspace, tmp_path)
    blob = tmp_path / "laptop" / "blobs"

    # Damaged before it is opened: QtPdf reads every byte while loading, so it does
    # not open.
    small_file = blob / small["sha256"][:2] / small["sha256"]
    _flip(small_file, small_file.stat().st_size - 40)
    click_item(qtbot, window.tree, find_row(window.tree, "1/TTr"))

    def says_cannot_show() -> bool:
        reader = window.viewer.current_reader()
        return reader is not None and "Không hiển thị được" in reader.message.text()

    qtbot.waitUntil(says_cannot_show, timeout=10_000)
    small_reader = window.viewer.current_reader()
    assert small_reader is not None
    assert small_reader.page_count == 0 and small_reader.message.isVisible()
    qtbot.waitUntil(lambda: not small_file.exists(), timeout=5_000)

    # Damaged while open (a failing disk): what is on screen was authenticated whole
    # when it opened and stays readable; opening it again says it cannot be shown.
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        click_item(qtbot, window.tree, find_row(window.tree, "2/PL"))
    large_reader = window.viewer.current_reader()
    assert large_reader is not None and large_reader is not small_reader
    assert large_reader.page_count == 1
    large_file = blob / large["sha256"][:2] / large["sha256"]
    _flip(large_file, large_file.stat().st_size // 2)
    qtbot.waitUntil(lambda: has_ink(large_reader.view.viewport()), timeout=10_000)
    window.viewer.close_tab(window.viewer.indexOf(large_reader))
    window.tree.selectionModel().clearSelection()  # so that the click selects it anew
    click_item(qtbot, window.tree, find_row(window.tree, "2/PL"))

    def refused_again() -> bool:
        # Either this open finds the damage, or the signature check of the first open
        # found it already and removed the file ("not on this computer yet", shown in the
        # window's message page): either way nothing of the damaged file is shown.
        if window.pages.currentWidget() is window.placeholder:
            return "chưa có trên máy" in window.placeholder.text()
        reader = window.viewer.current_reader()  # the only "2/PL" tab is a new one
        return (
            reader is not None
            and reader.title.startswith("2/PL")
            and "Không hiển thị được" in reader.message.text()
        )

    qtbot.waitUntil(refused_again, timeout=20_000)
    shown = [window.viewer.widget(i) for i in range(window.viewer.count())]
    assert all(tab.page_count == 0 for tab in shown if tab.title.startswith("2/PL"))
    qtbot.waitUntil(lambda: not large_file.exists(), timeout=5_000)

    # The next sync fetches both again, and both open.
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as finished:
        window.sync.sync_now()
    assert finished.args[0].files_downloaded == 2
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        click_item(qtbot, window.tree, find_row(window.tree, "1/TTr"))
    assert window.viewer.current_reader() is small_reader and small_reader.page_count == 3
    qtbot.waitUntil(lambda: has_ink(small_reader.view.viewport()), timeout=10_000)
    window.close()


def test_a_paper_damaged_mid_stream_never_reaches_qtpdf(qapp: QApplication, tmp_path: Path) -> None:
    """pdfium aborts the process on a failed read inside a stream, and half a paper must
    not be shown: the device authenticates the whole paper first and hands QtPdf nothing
    of a damaged one."""
    source = make_canary_pdf(tmp_path / "scan.pdf", "Phụ lục", "Phu luc", 2 << 20)
    reader = _seal(source, tmp_path / "sealed")
    _flip(tmp_path / "sealed", (tmp_path / "sealed").stat().st_size // 2)
    device = SealedPaperDevice(reader)
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    assert device.failed and device.size() == 0


def test_the_render_thread_never_waits_for_python_while_the_gui_asks_qtpdf(
    qapp: QApplication, tmp_path: Path
) -> None:
    """The app once froze for good (tests/gui/test_reader_tabs.py hung): QtPdf's render
    thread, holding pdfium's lock, read the paper through a Python ``readData`` that
    needed the interpreter lock, which the GUI thread held while it waited for pdfium's
    lock in ``pagePointSize``. The device must read in C++: no Python method of its own
    may stand between QtPdf and the bytes."""
    for name in ("readData", "read", "seek", "size", "pos", "atEnd", "isSequential"):
        assert getattr(SealedPaperDevice, name) is getattr(QBuffer, name), name
    source = make_canary_pdf(tmp_path / "scan.pdf", "Phụ lục", "Phu luc", 2 << 20)
    device = SealedPaperDevice(_seal(source, tmp_path / "sealed"))
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    assert not device.failed and device.size() == source.stat().st_size
    document = QPdfDocument()
    document.load(device)
    renderer = QPdfPageRenderer()
    renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
    renderer.setDocument(document)
    done: set[int] = set()
    renderer.pageRendered.connect(lambda *args: done.add(args[-1]))  # the request id
    asked = {renderer.requestPage(0, QSize(300 + 20 * n, 400 + 30 * n)) for n in range(30)}
    deadline = time.monotonic() + 30
    while not asked <= done and time.monotonic() < deadline:
        assert document.pagePointSize(0).width() > 0  # the GUI thread asks pdfium too
        qapp.processEvents()
    assert asked <= done and len(asked) == 30
    document.close()
    device.close()
