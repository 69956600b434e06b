"""Selectors for a reader selection, computed off the GUI thread from the paper's own text.

The text-quote and text-position selectors (ecabinet/annotations/selectors.py) are
computed on the whole document's normalised text, so the paper is opened once per
version with pdfium (decrypted into memory from its sealed copy, never into a file)
and kept for the next highlight. pdfium is used only under the process-wide lock.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.selectors import selectors_for_selection
from ecabinet.crypto.sealed_files import SealedReader
from ecabinet.pdf.pdfium_lock import PDFIUM_LOCK


class PaperSource(Protocol):
    def open_paper(self, sha256: str) -> SealedReader | None: ...


class SelectorMaker:
    """One open document version at a time; call ``selectors`` from worker threads only."""

    def __init__(self, papers: PaperSource) -> None:
        self._papers = papers
        self._lock = threading.Lock()
        self._sha: str | None = None
        self._text: PdfText | None = None

    def selectors(
        self, sha256: str, page: int, char_start: int, char_end: int
    ) -> dict[str, Any] | None:
        """The wire-shaped selectors of pdfium characters ``char_start:char_end`` on ``page``;
        None when the paper is not on this computer or the range holds no text."""
        with self._lock, PDFIUM_LOCK:
            text = self._open(sha256)
            if text is None:
                return None
            found = selectors_for_selection(text, page, char_start, char_end)
            return found.to_dict() if found is not None else None

    def _open(self, sha256: str) -> PdfText | None:
        if self._sha == sha256 and self._text is not None:
            return self._text
        self._close()
        paper = self._papers.open_paper(sha256)
        if paper is None:
            return None
        with paper:
            data = paper.read_all()
        self._text, self._sha = PdfText(data), sha256
        return self._text

    def close(self) -> None:
        with self._lock, PDFIUM_LOCK:
            self._close()

    def _close(self) -> None:
        if self._text is not None:
            self._text.close()
        self._text, self._sha = None, None
