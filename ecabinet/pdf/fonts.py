"""The serif font family used in generated documents.

Liberation Serif has Times New Roman metrics (the face Decree 30/2020/NĐ-CP
prescribes) and covers every Vietnamese letter, under a licence that lets us ship it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal

from ecabinet.resources import resource_path

FontStyle = Literal["regular", "bold", "italic", "bolditalic"]

FAMILY = "LiberationSerif"

_FILE_SUFFIX: dict[FontStyle, str] = {
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bolditalic": "BoldItalic",
}

_lock = threading.Lock()
_registered = False


def font_file(style: FontStyle = "regular") -> Path:
    """Path of the TTF file for one style of the family."""
    return resource_path("fonts", f"{FAMILY}-{_FILE_SUFFIX[style]}.ttf")


def font_name(style: FontStyle = "regular") -> str:
    """The name under which ``register_reportlab_fonts`` registers a style."""
    return FAMILY if style == "regular" else f"{FAMILY}-{_FILE_SUFFIX[style]}"


def register_reportlab_fonts() -> str:
    """Register the four styles with reportlab once and return the family name.

    reportlab keeps fonts in a process-wide registry; the lock keeps two threads
    rendering at once from parsing the files twice or seeing a half-built family.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        # Imported here so that importing this module stays cheap for callers
        # that only need the font paths (the Qt viewer, for instance).
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for style in _FILE_SUFFIX:
            pdfmetrics.registerFont(TTFont(font_name(style), str(font_file(style))))
        # The family mapping is what lets <b> and <i> inside a Paragraph pick a face.
        pdfmetrics.registerFontFamily(
            FAMILY,
            normal=font_name("regular"),
            bold=font_name("bold"),
            italic=font_name("italic"),
            boldItalic=font_name("bolditalic"),
        )
        _registered = True
    return FAMILY
