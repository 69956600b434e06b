""" "Export annotated copy": the open paper with this minister's annotations as real PDF
annotations other viewers show (ecabinet/pdf/annotated_export.py), written off the GUI
thread. The source paper is never changed; the copy goes where the minister chooses."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.errors import describe
from ui.worker import BackgroundOp

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(title: str) -> str:
    """A file name from the paper's title: no path separators, no control characters."""
    stem = _UNSAFE.sub(" ", title).strip(" .")[:80] or "tai-lieu"
    return f"{stem} - co ghi chu.pdf"


def export_copy(
    parent: QWidget,
    workspace: Any,
    document_id: str,
    title: str,
    say: Callable[[str], None],
    *,
    output: Path | None = None,
) -> BackgroundOp[Any] | None:
    """Ask where to save (unless ``output`` is given), then export in the background;
    ``say`` gets the Vietnamese outcome. Returns the running operation, or None if the
    minister cancelled."""
    if output is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("AnnotatedCopy", "Export annotated copy"),
            str(Path(folder) / suggested_name(title)),
            QCoreApplication.translate("AnnotatedCopy", "PDF documents (*.pdf)"),
        )
        if not chosen:
            return None
        output = Path(chosen)
    if output.suffix.lower() != ".pdf":
        output = output.with_name(output.name + ".pdf")
    target = output

    def done(report: Any) -> None:
        text = QCoreApplication.translate(
            "AnnotatedCopy", "Saved “%1”: %2 annotations drawn, %3 listed on the closing pages."
        )
        listed = len(report.orphaned) + len(report.unplaced)
        say(
            text.replace("%1", str(target))
            .replace("%2", str(report.drawn))
            .replace("%3", str(listed))
        )

    op = BackgroundOp(
        parent=parent,
        op=lambda: workspace.export_annotated_copy(document_id, target),
        success=done,
        failure=lambda exc: say(
            QCoreApplication.translate(
                "AnnotatedCopy", "The annotated copy was not saved: %1"
            ).replace("%1", describe(exc))
        ),
    )
    op.run()
    return op
