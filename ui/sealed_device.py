"""A sealed paper as a random-access QIODevice, so QtPdf reads it straight from memory.

QPdfDocument reads a non-sequential device in small blocks, on demand, at any
position; each read decrypts only the chunks it touches (the core's SealedReader
authenticates them and keeps a few in a small cache). No clear byte is written to
disk, and the paper is never held whole in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QObject, Signal

from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.errors import IntegrityError


class SealedPaperDevice(QIODevice):
    # A chunk failed authentication. Emitted from inside QtPdf's read: connect it
    # queued, never act on the document from within the read itself.
    damaged = Signal()

    def __init__(self, reader: SealedReader, parent: QObject | None = None) -> None:
        super().__init__()
        if parent is not None:
            self.setParent(parent)
        self.reader = reader
        self.failed = False

    def isSequential(self) -> bool:
        return False

    def size(self) -> int:
        return self.reader.size

    def readData(self, maxlen: int) -> bytes:
        if not self.failed:
            try:
                return self.reader.read_at(self.pos(), maxlen)
            except (IntegrityError, ValueError, OSError):
                # ValueError: read after close; OSError: the disk.
                self.failed = True
                self.damaged.emit()
        # Zeros, not a read error: pdfium aborts the whole process (a CHECK, SIGTRAP) on
        # a failed read in the middle of a stream (tried here with QtPdf 6.11), while
        # zeros are just a broken PDF to it. Nothing of the damaged file is passed on,
        # and the view closes the document as soon as ``damaged`` arrives.
        length = max(0, min(maxlen, self.reader.size - self.pos()))
        return bytes(length)

    def writeData(self, data: bytes | bytearray | memoryview, maxlen: int, /) -> int:
        return -1  # read only

    def close(self) -> None:
        super().close()
        self.reader.close()
