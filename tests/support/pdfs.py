"""Real PDFs made in the test: Vietnamese text pages, and large scanned-like files."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ecabinet.pdf.fonts import register_reportlab_fonts


def make_pdf(path: Path, pages: int = 2, text: str = "Dự thảo Nghị định về ngân sách") -> Path:
    family = register_reportlab_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(text)
    for number in range(1, pages + 1):
        c.setFont(family, 14)
        c.drawString(72, 770, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.drawString(72, 740, f"{text} — trang {number}/{pages}")
        c.showPage()
    c.save()
    return path


def make_large_pdf(path: Path, approx_bytes: int) -> Path:
    """A valid one-page PDF carrying an uncompressed noise image, like a scanned annex.

    Written by hand so that a 30 MB file takes milliseconds, not a zlib pass.
    """
    width = 1024
    height = max(1, approx_bytes // (3 * width))
    pixels = os.urandom(width * height * 3)
    content = b"q 500 0 0 500 47 171 cm /Im1 Do Q\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n"
        % (width, height, len(pixels))
        + pixels
        + b"\nendstream",
    ]
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref)
        )
    return path


def pdf_literal(data: bytes) -> bytes:
    """A PDF literal string holding ``data`` byte for byte."""
    escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"


def make_canary_pdf(path: Path, title: str, text: str, padding: int = 0) -> Path:
    """A valid one-page PDF whose bytes hold known text as PDF files hold it in clear.

    The page's content stream is uncompressed and shows ``text`` (ASCII) with the
    standard Helvetica font, as ``(text) Tj``; the document's Title is ``title`` in
    UTF-16BE with its byte-order mark (how PDF stores non-Latin text strings). A noise
    image of ``padding`` bytes makes the file as large as wanted (same arguments, same
    size), with the text near the start so a partial download holds it.
    """
    assert text.isascii()
    content = b"BT /F1 14 Tf 72 760 Td " + pdf_literal(text.encode()) + b" Tj ET\n"
    width = 256
    height = max(1, padding // (3 * width))
    pixels = os.urandom(width * height * 3)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n"
        % (width, height, len(pixels))
        + pixels
        + b"\nendstream",
        b"<< /Title " + pdf_literal(b"\xfe\xff" + title.encode("utf-16-be")) + b" >>",
    ]
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(
            b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref)
        )
    return path


def write_pdf(
    path: Path,
    objects: list[bytes],
    *,
    eof: bool = True,
    xref_shift: int = 0,
    info: bytes | None = None,
) -> Path:
    """Write numbered objects as a PDF by hand, flaws included on request.

    ``eof=False`` leaves out the final ``%%EOF`` marker; ``xref_shift`` moves every
    offset of the cross-reference table (damage that readers repair); ``info`` is the
    document information dictionary (Title…).
    """
    bodies = [*objects, *([info] if info is not None else [])]
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(bodies, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % (offset + xref_shift))
        trailer = b"trailer\n<< /Size %d /Root 1 0 R" % (len(bodies) + 1)
        if info is not None:
            trailer += b" /Info %d 0 R" % len(bodies)
        out.write(trailer + b" >>\nstartxref\n%d\n" % xref)
        if eof:
            out.write(b"%%EOF\n")
    return path


def one_page_objects(*, declared_pages: int = 1, text: bytes = b"Du thao") -> list[bytes]:
    """A catalog, a page tree whose /Count says ``declared_pages``, and one page."""
    content = b"BT /F1 24 Tf 72 720 Td (%s) Tj ET" % text
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % declared_pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
