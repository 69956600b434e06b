"""An annotated copy of a cached paper: the app's "Export annotated copy" and the CLI's.

The paper is decrypted beside the output only for the export (the copy is the paper in
clear anyway), and removed afterwards whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ecabinet.errors import InputError
from ecabinet.pdf.annotated_export import ExportReport, export_annotated
from ecabinet.timeutil import utcnow

if TYPE_CHECKING:
    from ecabinet.client.workspace import Workspace


def _not_here(document_id: str) -> InputError:
    return InputError(
        "Tài liệu này không có trên máy (chưa đồng bộ hoặc đã bị thu hồi).",
        code="no_document",
        message_en=f"Document {document_id} is not cached in this profile.",
    )


def export_copy(workspace: Workspace, document_id: str, output: Path) -> ExportReport:
    """Write ``output``: the document's current version with its annotations (orphans
    listed on the closing page). Run off the GUI thread."""
    found = next((d for d in workspace.status()["documents"] if d["id"] == document_id), None)
    if found is None or not found["file_present"]:
        raise _not_here(document_id)
    records = [r.to_dict() for r in workspace.annotations(document_id)]
    reader = workspace.open_paper(str(found["sha256"]))
    if reader is None:
        raise _not_here(document_id)
    with reader:
        data = reader.read_all()
    output = output.resolve()
    handle, name = tempfile.mkstemp(suffix=".pdf", dir=output.parent)
    source = Path(name)
    try:
        with os.fdopen(handle, "wb") as sink:
            sink.write(data)
        return export_annotated(
            source, records, output, document_title=str(found["title"]),
            exported_by=workspace.user_full_name or workspace.username or "",
            exported_at=utcnow(),
        )  # fmt: skip
    finally:
        with contextlib.suppress(OSError):
            source.unlink()
