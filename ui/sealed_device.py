"""A sealed paper as an in-memory QBuffer, so QtPdf reads it without calling Python.

The whole paper is decrypted and authenticated once, when the device is made; no clear
byte is written to disk. It is deliberately not a Python QIODevice reading chunks on
demand: QtPdf's render thread holds pdfium's lock while it reads, and a Python
``readData`` then needs the interpreter lock, which the GUI thread holds while it waits
for pdfium's lock in any QPdfDocument call (a page size, a text query). That deadlock
froze the app for good; a QBuffer reads in C++ and cannot take part in it.

A paper that fails authentication is never handed to QtPdf: ``failed`` is set and the
buffer stays empty (pdfium aborts the process on a failed read inside a stream, and a
half-decrypted paper must not be shown anyway).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QObject

from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.errors import IntegrityError


class SealedPaperDevice(QBuffer):
    def __init__(self, reader: SealedReader, parent: QObject | None = None) -> None:
        super().__init__()
        if parent is not None:
            self.setParent(parent)
        self.reader = reader
        self.failed = False
        plain = QByteArray()
        try:
            plain.resize(reader.size)  # not initialised: every byte is decrypted into it
            reader.read_into(memoryview(plain))  # type: ignore[arg-type]
        except (IntegrityError, ValueError, OSError):
            # ValueError: read after close; OSError: the disk.
            self.failed = True
            plain = QByteArray()  # the unauthenticated bytes are dropped
        finally:
            reader.close()  # everything needed is in memory now
        self.setData(plain)
