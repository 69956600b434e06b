"""Ballot result bundles carried inside the minutes, as PDF embedded files.

The server takes only PDF uploads, so each closed ballot's result bundle (the JSON file
``ecabinet verify`` recounts) travels inside the minutes themselves, embedded before
the minutes are signed: the signature covers the bundles too, and a member who holds
the minutes holds what the printed results were counted from. pikepdf (qpdf) writes
them; any PDF reader lists them as attachments.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

import pikepdf

__all__ = ["EmbeddedFile", "embed_files", "embedded_files"]


@dataclass(frozen=True)
class EmbeddedFile:
    name: str  # the file name a reader shows, e.g. "ket-qua-lay-y-kien-1a2b3c4d.json"
    data: bytes
    description: str = ""
    mime_type: str = "application/json"


def embed_files(pdf: bytes, files: Iterable[EmbeddedFile]) -> bytes:
    """The PDF with ``files`` attached (document-level embedded files); a new file, to
    be signed afterwards (an attachment added after signing would count as a change)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for file in files:
            spec = pikepdf.AttachedFileSpec(
                document, file.data, description=file.description, filename=file.name,
                mime_type=file.mime_type,
            )  # fmt: skip
            document.attachments[file.name] = spec
        output = io.BytesIO()
        document.save(output)
    return output.getvalue()


def embedded_files(pdf: bytes) -> dict[str, bytes]:
    """The files attached to a PDF, by name (e.g. to recount a ballot from the minutes)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {
            name: bytes(spec.get_file().read_bytes()) for name, spec in document.attachments.items()
        }
