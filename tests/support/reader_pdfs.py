"""PDFs for the reader tests: known words at known places, an outline, page labels."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, Fit, NameObject, NumberObject

from ecabinet.crypto.sealed_files import SealedReader, SealedWriter
from support.text_pdfs import make_text_pdf

SEAL_KEY = os.urandom(32)


def make_outlined_pdf(path: Path, pages: int = 12, roman_front: int = 0) -> Path:
    """``pages`` pages, page i saying "Chương i ..." and "ngân sách" on even pages;
    an outline entry "Chương i" for every third page; optionally the first
    ``roman_front`` pages labelled i, ii, iii… and the rest 1, 2, 3…"""
    lines = [
        [
            f"Chương {i + 1}: Dự toán ngân sách nhà nước"
            if i % 2 == 0
            else f"Chương {i + 1}: Đường bộ"
        ]
        for i in range(pages)
    ]
    plain = make_text_pdf(path.with_suffix(".plain.pdf"), lines)
    writer = PdfWriter(clone_from=PdfReader(plain))
    for page in range(0, pages, 3):
        writer.add_outline_item(
            title=f"Chương {page + 1}", page_number=page, fit=Fit.xyz(left=0, top=842, zoom=1)
        )
    if roman_front:
        nums = ArrayObject([
            NumberObject(0), DictionaryObject({NameObject("/S"): NameObject("/r")}),
            NumberObject(roman_front), DictionaryObject({NameObject("/S"): NameObject("/D")}),
        ])  # fmt: skip
        writer._root_object[NameObject("/PageLabels")] = DictionaryObject(
            {NameObject("/Nums"): nums}
        )
    with path.open("wb") as out:
        writer.write(out)
    return path


def seal(source: Path, target: Path) -> SealedReader:
    """The file sealed as the workspace seals papers, opened for reading."""
    data = source.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with SealedWriter(target, SEAL_KEY, sha, len(data)) as writer:
        writer.write(data)
        writer.finish()
    return SealedReader(target, SEAL_KEY, sha, expected_size=len(data))
