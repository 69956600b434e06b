"""Check that a file is a PDF we can distribute, and read what the catalogue needs.

The rule is what readers do (docs/platform-facts.md, "PDF intake"): accept what they
open without asking for a password — an owner-password-only file, a file missing
only its ``%%EOF`` marker, a damaged cross-reference table they rebuild — and refuse
what would hang them or lie about itself, such as a page tree whose ``/Count`` says
1,000,000 pages while it holds one (QtPdf believes the count and hangs on page 2).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

MAGIC = b"%PDF-"
EOF_MARKER = b"%%EOF"
# How far from the end pypdf's own search would find the marker in a sound file.
EOF_SEARCH = 64 * 1024
# Beyond this a page tree is refused rather than walked (pypdf stops at 100,000 too).
MAX_PAGES = 100_000
MAX_TREE_DEPTH = 64
# As long as the longest title the catalogue keeps (documents.title).
MAX_TITLE = 1000

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]+")


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    title: str | None


class InvalidPdf(Exception):
    """The file cannot be accepted; messages name the problem in Vietnamese and English."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en


class _PageTreeMismatch(Exception):
    def __init__(self, declared: int, found: int) -> None:
        super().__init__(f"{declared} declared, {found} found")
        self.declared = declared
        self.found = found


def inspect_pdf(path: Path) -> PdfInfo:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if MAGIC not in head:
        raise InvalidPdf(
            "not_pdf",
            "Tệp tải lên không phải là tệp PDF (thiếu phần đầu %PDF-).",
            "The uploaded file is not a PDF (no %PDF- header).",
        )
    # pypdf logs every repair it makes; a broken upload is reported to the user instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with _readable(path) as stream:
            return _inspect(PdfReader(stream, strict=False))
    except InvalidPdf:
        raise
    except _PageTreeMismatch as exc:
        raise InvalidPdf(
            "page_count_mismatch",
            f"Tệp PDF khai báo {exc.declared} trang nhưng thực chứa {exc.found} trang; "
            "trình đọc sẽ bị treo khi mở. Hãy lưu lại tệp (ví dụ bằng lệnh In ra PDF) "
            "rồi tải lên lại.",
            f"The PDF's page tree declares {exc.declared} pages but holds {exc.found}; "
            "readers would hang on it. Save the file again (e.g. print to PDF) and "
            "upload that.",
        ) from None
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        OSError,
    ) as exc:
        raise InvalidPdf(
            "corrupt_pdf",
            f"Tệp PDF bị hỏng hoặc không đọc được ({type(exc).__name__}).",
            f"The PDF is corrupt or unreadable ({type(exc).__name__}: {exc}).",
        ) from exc


def _inspect(reader: PdfReader) -> PdfInfo:
    if reader.is_encrypted:
        _open_without_password(reader)
    declared = _page_tree_count(reader)
    pages = len(reader.pages)
    if declared != pages:
        raise _PageTreeMismatch(declared, pages)
    if pages == 0:
        raise InvalidPdf("empty_pdf", "Tệp PDF không có trang nào.", "The PDF has no pages.")
    # Touch every page object: a truncated file fails here rather than on a laptop.
    for page in reader.pages:
        page.mediabox  # noqa: B018
    title = reader.metadata.title if reader.metadata else None
    return PdfInfo(pages=pages, title=clean_title(title))


def _open_without_password(reader: PdfReader) -> None:
    """Accept a file that opens with the empty user password (owner password only)."""
    try:
        opened = bool(reader.decrypt(""))
    except (PyPdfError, NotImplementedError, ValueError, TypeError, KeyError):
        opened = False
    if not opened:
        raise InvalidPdf(
            "encrypted_pdf",
            "Tệp PDF cần mật khẩu mới mở được; hãy tải lên bản không đặt mật khẩu để "
            "thành viên có thể đọc khi không có mạng.",
            "The PDF needs a password to open; upload a copy without one.",
        )


def _page_tree_count(reader: PdfReader) -> int:
    """The root's /Count, once every node's /Count is checked against its leaves."""
    catalog: Any = reader.trailer["/Root"].get_object()
    root: Any = catalog["/Pages"].get_object()
    _leaves(root, seen=set(), depth=0)
    return int(root.get("/Count", 0))


def _leaves(node: Any, *, seen: set[int], depth: int) -> int:
    if depth > MAX_TREE_DEPTH or id(node) in seen:
        raise PdfReadError("the page tree is too deep or loops back on itself")
    seen.add(id(node))
    if "/Kids" not in node:
        return 1  # a page
    found = 0
    for kid in node["/Kids"]:
        found += _leaves(kid.get_object(), seen=seen, depth=depth + 1)
        if found > MAX_PAGES:
            raise PdfReadError(f"more than {MAX_PAGES} pages")
    declared = node.get("/Count")
    if not isinstance(declared, int) or int(declared) != found:
        raise _PageTreeMismatch(int(declared) if isinstance(declared, int) else -1, found)
    return found


def clean_title(title: object) -> str | None:
    """The document's own title, fit for the catalogue: no control characters (which
    PostgreSQL refuses, NUL first), no runs of spaces, no longer than a title column."""
    if not title:
        return None
    text = " ".join(_CONTROL.sub(" ", str(title)).split())
    return text[:MAX_TITLE] or None


@contextmanager
def _readable(path: Path) -> Iterator[IO[bytes]]:
    """The file, with an ``%%EOF`` marker added at the end (in reading only) if it lacks
    one: every reader opens such a file, pypdf alone gives up searching for it."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - EOF_SEARCH))
        if EOF_MARKER in handle.read():
            handle.seek(0)
            yield handle
            return
        handle.seek(0)
        yield io.BufferedReader(_WithSuffix(handle, size, b"\n%%EOF\n"))


class _WithSuffix(io.RawIOBase):
    """A read-only view of a file followed by a few more bytes, without copying it."""

    def __init__(self, handle: IO[bytes], size: int, suffix: bytes) -> None:
        self._handle = handle
        self._size = size
        self._suffix = suffix
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        total = self._size + len(self._suffix)
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: total}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        wanted = len(view)
        done = 0
        if self._pos < self._size:
            self._handle.seek(self._pos)
            chunk = self._handle.read(min(wanted, self._size - self._pos))
            view[: len(chunk)] = chunk
            done = len(chunk)
        if done < wanted:
            start = self._pos + done - self._size
            tail = self._suffix[start : start + wanted - done] if start >= 0 else b""
            view[done : done + len(tail)] = tail
            done += len(tail)
        self._pos += done
        return done
