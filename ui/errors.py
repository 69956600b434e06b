"""Errors shown to people in one place, in the interface language."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, QLocale

from ecabinet.errors import ECabinetError

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    if isinstance(exc, ECabinetError):
        english = QLocale().language() == QLocale.Language.English
        return exc.message_en if english else exc.message
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc)))
    return QCoreApplication.translate(
        "Errors",
        "Something went wrong inside eCabinet. Your work on this computer is kept. "
        "Please try again; if it happens again, contact the Government Office's IT support.",
    )
