"""A paper to annotate, with the awkward pages real papers have, and real annotations on
it placed where pdfium finds the text (as the app places them).

Pages of ``make_review_paper``:
  0  plain A4, four articles: every annotation kind, plus an empty band at the bottom
  1  a /CropBox whose origin is not the MediaBox's (40, 380)
  2  /Rotate 90
  3  /Rotate 270 and a /CropBox offset together
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ecabinet.pdf.fonts import register_reportlab_fonts

VN_COMMENT = "Đề nghị sửa điều 5, bổ sung đánh giá tác động"
CROP_BOX = (40.0, 380.0, 560.0, 800.0)
EMPTY_BAND = (0.0, 40.0, 595.0, 200.0)  # page 0: nothing drawn or annotated here

LINES: dict[int, list[tuple[float, str]]] = {
    0: [
        (770, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (700, "Điều 5. Ngân sách nhà nước được phân bổ công khai, minh bạch."),
        (670, "Điều 6. Bộ Tài chính chủ trì đánh giá tác động của chính sách."),
        (640, "Điều 7. Quy định này hết hiệu lực từ ngày ký."),
    ],
    1: [(700, "Điều 8. Kinh phí thực hiện do ngân sách trung ương bảo đảm.")],
    2: [(700, "Điều 9. Văn bản này có hiệu lực thi hành kể từ ngày ký ban hành.")],
    3: [(600, "Điều 10. Bộ trưởng các bộ chịu trách nhiệm thi hành.")],
}


def make_review_paper(path: Path) -> Path:
    family = register_reportlab_fonts()
    buffer = path.with_suffix(".plain.pdf")
    c = canvas.Canvas(str(buffer), pagesize=A4, invariant=1)
    c.setTitle("Dự thảo Nghị định về ngân sách")
    for page in sorted(LINES):
        c.setFont(family, 13)
        for y, text in LINES[page]:
            c.drawString(72, y, text)
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    writer.pages[1].cropbox = RectangleObject(CROP_BOX)
    writer.pages[2][NameObject("/Rotate")] = NumberObject(90)
    writer.pages[3][NameObject("/Rotate")] = NumberObject(270)
    writer.pages[3].cropbox = RectangleObject((30.0, 300.0, 580.0, 820.0))
    writer.write(path)
    buffer.unlink()
    return path


def encrypt_owner_only(source: Path, target: Path, *, user_password: str = "") -> Path:
    """The "secured" PDF officials often receive: opens without a password, but printing
    is the only thing its permissions allow (or, with ``user_password``, a locked one)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(
        user_password=user_password,
        owner_password="chu-so-huu",
        permissions_flag=0b1111_1111_1111_1111_1111_0000_1100_0100,
        algorithm="AES-128",
    )
    writer.write(target)
    return target


def add_signature_like_structure(source: Path, target: Path) -> Path:
    """A signature field with /ByteRange and /Contents, as a signed paper carries (the
    bytes are not a real signature: the test checks the file is left alone)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    signature = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Sig"),
            NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
            NameObject("/SubFilter"): NameObject("/adbe.pkcs7.detached"),
            NameObject("/ByteRange"): ArrayObject(NumberObject(n) for n in (0, 100, 200, 300)),
            NameObject("/Contents"): ByteStringObject(b"\x30\x82" + bytes(64)),
            NameObject("/Name"): TextStringObject("Bộ trưởng Bộ Tài chính"),
        }
    )
    page = writer.pages[0]
    widget = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject("ChuKy1"),
            NameObject("/Rect"): RectangleObject((0, 0, 0, 0)),
            NameObject("/F"): NumberObject(132),
            NameObject("/V"): writer._add_object(signature),
            NameObject("/P"): page.indirect_reference,
        }
    )
    widget_ref = writer._add_object(widget)
    page[NameObject("/Annots")] = ArrayObject([widget_ref])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject([widget_ref]),
            NameObject("/SigFlags"): NumberObject(3),
        }
    )
    writer.write(target)
    return target


# Where the text is, as the app finds it --------------------------------------------------


def _char_boxes(path: Path, page: int, needle: str) -> list[tuple[float, float, float, float]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        text_page = doc[page].get_textpage()
        text = text_page.get_text_range()
        start = text.index(needle)
        return [text_page.get_charbox(i) for i in range(start, start + len(needle))]
    finally:
        doc.close()


def text_rect(path: Path, page: int, needle: str) -> tuple[float, float, float, float]:
    """The box of ``needle`` on a page, in PDF points (pdfium's char boxes, united)."""
    boxes = [b for b in _char_boxes(path, page, needle) if b[2] > b[0]]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def quad(rect: tuple[float, float, float, float]) -> list[float]:
    x0, y0, x1, y1 = rect
    return [x0, y1, x1, y1, x0, y0, x1, y0]


def annotation(kind: str, page: int, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "document_id": "doc-ngan-sach",
        "version_sha256": "",
        "kind": kind,
        "color": "#FFD400",
        "page": page,
        "quads": [],
        "rect": None,
        "ink": [],
        "text": "",
        "author_id": "bt.taichinh",
        "author_name": "Nguyễn Văn Anh",
        "created_at": "2026-02-05T02:30:00Z",
        "updated_at": "2026-02-05T02:45:10Z",
        "visibility": "private",
        "anchor": {"state": "anchored", "confidence": 1.0, "from_sha256": None},
    }
    record.update(fields)
    return record


def markup(path: Path, kind: str, page: int, *needles: str, **fields: Any) -> dict[str, Any]:
    """A text markup over ``needles`` (one quad each, as one line each)."""
    quads = [quad(text_rect(path, page, needle)) for needle in needles]
    exact = " ".join(needles)
    selectors = {"quote": {"exact": exact, "prefix": "", "suffix": ""}}
    return annotation(kind, page, quads=quads, selectors=selectors, **fields)


def review_annotations(path: Path, sha256: str) -> list[dict[str, Any]]:
    """One of every kind on page 0, markups on the odd pages, and an orphan."""
    return [
        markup(path, "highlight", 0, "Ngân sách nhà nước", version_sha256=sha256),
        markup(path, "highlight", 0, "minh bạch.", "Điều 6.", color="#80DEEA"),
        markup(path, "underline", 0, "đánh giá tác động", color="#1565C0", text=VN_COMMENT),
        markup(path, "strikeout", 0, "hết hiệu lực", color="#D32F2F"),
        annotation("note", 0, rect=[500, 695, 520, 715], text=VN_COMMENT, color="#FFEB3B"),
        annotation("freetext", 0, rect=[72, 420, 420, 500], text=VN_COMMENT, color="#FFF59D"),
        annotation(
            "ink",
            0,
            color="#2E7D32",
            ink=[
                [[100, 300, 0.1], [160, 340, 0.4], [220, 300, 0.9], [280, 340, 1.0]],
                [[320, 320, 0.5]],
                [[360, 300], [420, 350]],
            ],
            author_name="Trần Thị Bình",
            visibility="shared",
        ),
        markup(path, "highlight", 1, "ngân sách trung ương", color="#FFD400"),
        markup(path, "highlight", 2, "hiệu lực thi hành", color="#FFD400"),
        annotation("freetext", 2, rect=[300, 120, 360, 420], text=VN_COMMENT, color="#1A237E"),
        markup(path, "underline", 3, "chịu trách nhiệm", color="#6A1B9A"),
        annotation("note", 3, rect=[400, 590, 418, 608], text="Ghi chú trên trang xoay"),
        annotation(
            "highlight",
            0,
            quads=[[72, 560, 300, 560, 72, 548, 300, 548]],
            selectors={"quote": {"exact": "Điều 11 cũ đã bị bỏ", "prefix": "", "suffix": ""}},
            text="Ý kiến về điều đã bị bỏ: giữ lại quy định chuyển tiếp",
            anchor={"state": "orphaned", "confidence": 0.0, "from_sha256": "ab" * 32},
        ),
    ]


def placed(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    return (r for r in records if r["anchor"]["state"] != "orphaned")
