"""Real PDFs whose pages carry given lines of Vietnamese text, in the app's Unicode font."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ecabinet.pdf.fonts import register_reportlab_fonts


def make_text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """One PDF page per item of ``pages``, each line of it drawn on its own line."""
    family = register_reportlab_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        c.setFont(family, 13)
        for number, line in enumerate(lines):
            c.drawString(72, 770 - 22 * number, line)
        c.showPage()
    c.save()
    return path
