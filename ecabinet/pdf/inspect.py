"""Check that a file is a PDF we can distribute, and read what the catalogue needs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

MAGIC = b"%PDF-"


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
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise InvalidPdf(
                "encrypted_pdf",
                "Tệp PDF được đặt mật khẩu; hãy tải lên bản không mã hóa để "
                "thành viên có thể đọc khi không có mạng.",
                "The PDF is password-protected; upload an unencrypted copy.",
            )
        pages = len(reader.pages)
        if pages == 0:
            raise InvalidPdf("empty_pdf", "Tệp PDF không có trang nào.", "The PDF has no pages.")
        # Touch every page object: a truncated file fails here rather than on a laptop.
        for page in reader.pages:
            page.mediabox  # noqa: B018
        title = reader.metadata.title if reader.metadata else None
    except InvalidPdf:
        raise
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
    return PdfInfo(pages=pages, title=str(title) if title else None)
