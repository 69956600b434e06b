"""The annotated copy of awkward papers and with awkward input: rotated and cropped
pages, a "secured" (owner-password) file, a signed-looking file, a locked file, records
that cannot be drawn, and comments far too long for their box.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support.export_pdfs import (
    VN_COMMENT,
    add_signature_like_structure,
    annotation,
    encrypt_owner_only,
    make_review_paper,
    markup,
    text_rect,
)
from support.renders import RENDERERS, changed, count, device_box, grow, render

from ecabinet.fsutil import sha256_file
from ecabinet.pdf.annotated_export import ExportReport, export_annotated
from ecabinet.pdf.annotation_record import AnnotationExportError

WHEN = datetime(2026, 2, 5, 8, 15, tzinfo=UTC)


def _export(source: Path, records: list[dict[str, Any]], output: Path) -> ExportReport:
    return export_annotated(
        source,
        records,
        output,
        document_title="Dự thảo Nghị định",
        exported_by="Trần Thị Bình",
        exported_at=WHEN,
    )


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_review_paper(tmp_path_factory.mktemp("paper") / "nghi-dinh.pdf")


def _pdftotext(path: Path, page: int) -> str:
    number = str(page + 1)
    return subprocess.run(
        ["pdftotext", "-f", number, "-l", number, "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def _squash(text: str) -> str:
    return " ".join(text.split())


def _ours(path: Path, page: int) -> list[Any]:
    annots = PdfReader(path).pages[page].get("/Annots") or []
    return [ref.get_object() for ref in annots if "/NM" in ref.get_object()]


# Rotated and cropped pages --------------------------------------------------------------

PLACED_ON_TEXT = [
    (1, "highlight", "ngân sách trung ương"),  # crop box origin (40, 380)
    (2, "highlight", "hiệu lực thi hành"),  # /Rotate 90
    (3, "underline", "chịu trách nhiệm"),  # /Rotate 270 and a crop box offset
]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markup_lands_on_its_text_on_rotated_and_cropped_pages(
    paper: Path, tmp_path: Path, renderer: str
) -> None:
    """What is drawn near the text lies on the text, as pdfium locates it, and spans it."""
    records = [markup(paper, kind, page, needle) for page, kind, needle in PLACED_ON_TEXT]
    note = annotation("note", 3, rect=[440, 560, 458, 578], text="Ghi chú")
    output = tmp_path / "copy.pdf"
    _export(paper, [*records, note], output)
    for page, _kind, needle in PLACED_ON_TEXT:
        before, after = render(paper, page, renderer), render(output, page, renderer)
        text_box = device_box(paper, page, text_rect(paper, page, needle), after.size)
        window = grow(text_box, 15, after.size)
        mask = changed(before, after, window)
        drawn = mask.getbbox()
        assert drawn is not None, (page, renderer)
        # In page pixels: inside the text's box (2 px of anti-aliasing) ...
        left, top = window[0] + drawn[0], window[1] + drawn[1]
        right, bottom = window[0] + drawn[2], window[1] + drawn[3]
        inner = grow(text_box, 2, after.size)
        assert inner[0] <= left and inner[1] <= top, (page, renderer, drawn, text_box)
        assert right <= inner[2] and bottom <= inner[3], (page, renderer, drawn, text_box)
        # ... and along the whole of it (the text runs down the page when rotated).
        long_side = max(text_box[2] - text_box[0], text_box[3] - text_box[1])
        assert max(right - left, bottom - top) >= 0.9 * long_side, (page, renderer)
    # The note icon on the rotated page sits, upright, exactly on its box.
    before, after = render(paper, 3, renderer), render(output, 3, renderer)
    icon = device_box(paper, 3, (440.0, 560.0, 458.0, 578.0), after.size)
    drawn = changed(before, after, grow(icon, 25, after.size)).getbbox()
    assert drawn is not None
    offset = grow(icon, 25, after.size)
    found = (offset[0] + drawn[0], offset[1] + drawn[1], offset[0] + drawn[2], offset[1] + drawn[3])
    assert all(abs(a - b) <= 1 for a, b in zip(found, icon, strict=True)), (found, icon)


def test_freetext_reads_upright_on_a_rotated_page(paper: Path, tmp_path: Path) -> None:
    """On a /Rotate 90 page the box's text runs left to right for the reader."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    output = tmp_path / "copy.pdf"
    box = annotation("freetext", 2, rect=[300, 120, 360, 420], text=VN_COMMENT)
    _export(paper, [box], output)
    doc = pdfium.PdfDocument(str(output))
    page = doc[2]
    assert pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) == 1
    page.close()
    page = doc[2]
    text_page = page.get_textpage()
    start = text_page.get_text_range().index(VN_COMMENT)
    first = text_page.get_charbox(start)
    last = text_page.get_charbox(start + len(VN_COMMENT) - 1)
    size = (842, 596)
    first_box = device_box(output, 2, first, size)
    last_box = device_box(output, 2, last, size)
    doc.close()
    assert last_box[0] - first_box[0] > 150  # further right on the screen
    assert abs(last_box[3] - first_box[3]) <= 4  # on the same line


# Sources that are not plain ------------------------------------------------------------


def test_owner_password_source_gives_a_copy_with_the_same_permissions(
    paper: Path, tmp_path: Path
) -> None:
    secured = encrypt_owner_only(paper, tmp_path / "secured.pdf")
    sha = sha256_file(secured)
    records = [
        markup(secured, "highlight", 0, "Ngân sách nhà nước"),
        annotation("freetext", 0, rect=[72, 420, 420, 500], text=VN_COMMENT),
    ]
    output = tmp_path / "copy.pdf"
    report = _export(secured, records, output)
    assert report.encrypted and report.drawn == 2
    assert sha256_file(secured) == sha
    check = subprocess.run(["qpdf", "--check", str(output)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    copy, original = PdfReader(output), PdfReader(secured)
    assert copy.is_encrypted and copy.decrypt("")
    original.decrypt("")
    assert copy.user_access_permissions == original.user_access_permissions
    # No password needed to read it, in either engine; the annotations are there.
    for renderer in RENDERERS:
        before, after = render(secured, 0, renderer), render(output, 0, renderer)
        box = device_box(output, 0, (72.0, 420.0, 420.0, 500.0), after.size)
        assert count(changed(before, after, box)) > 1000, renderer
    assert VN_COMMENT in _squash(_pdftotext(output, 0))


def test_source_that_needs_a_password_is_refused_and_nothing_written(
    paper: Path, tmp_path: Path
) -> None:
    locked = encrypt_owner_only(paper, tmp_path / "locked.pdf", user_password="mat-khau")
    output = tmp_path / "copy.pdf"
    with pytest.raises(AnnotationExportError) as caught:
        _export(locked, [annotation("note", 0, rect=[10, 10, 30, 30])], output)
    assert caught.value.code == "source_password"
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [locked]


def test_signed_source_keeps_its_bytes_and_the_copy_keeps_its_fields(
    paper: Path, tmp_path: Path
) -> None:
    signed = add_signature_like_structure(paper, tmp_path / "signed.pdf")
    before = signed.read_bytes()
    mtime = signed.stat().st_mtime_ns
    output = tmp_path / "copy.pdf"
    note = annotation("freetext", 0, rect=[72, 420, 420, 500], text=VN_COMMENT)
    _export(signed, [note], output)
    assert signed.read_bytes() == before
    assert signed.stat().st_mtime_ns == mtime
    assert b"/ByteRange" in before
    copy = PdfReader(output)
    subtypes = [ref.get_object()["/Subtype"] for ref in copy.pages[0]["/Annots"]]
    assert subtypes == ["/Widget", "/FreeText"]
    form = copy.trailer["/Root"]["/AcroForm"]
    assert [f.get_object()["/T"] for f in form["/Fields"]] == ["ChuKy1"]
    assert form["/SigFlags"] == 3 and "/EcSerif" in form["/DR"]["/Font"]


def test_output_may_not_be_the_source(paper: Path, tmp_path: Path) -> None:
    source = tmp_path / "paper.pdf"
    source.write_bytes(paper.read_bytes())
    sha = sha256_file(source)
    link = tmp_path / "link.pdf"
    link.symlink_to(source)
    for output in (tmp_path / "." / "paper.pdf", link):
        with pytest.raises(AnnotationExportError) as caught:
            _export(source, [], output)
        assert caught.value.code == "output_is_source"
    assert sha256_file(source) == sha
    assert link.is_symlink()


def test_an_unreadable_record_stops_the_export_before_any_write(
    paper: Path, tmp_path: Path
) -> None:
    output = tmp_path / "copy.pdf"
    output.write_bytes(b"the previous export")
    good = annotation("note", 0, rect=[10, 10, 30, 30])
    for bad in (
        annotation("note", 0, rect=[10, 10, 30, 30], color="yellow"),
        annotation("scribble", 0),
        annotation("highlight", 0, quads=[[1, 2, 3]]),
        annotation("ink", 0, ink=[[[1, "x", 0.5]]]),
        annotation("freetext", 0, rect=[0, 0, float("nan"), 10]),
    ):
        with pytest.raises(AnnotationExportError) as caught:
            _export(paper, [good, bad], output)
        assert caught.value.code == "invalid_annotation"
        assert bad["id"] in caught.value.message_en
    assert output.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.pdf"]


def test_records_that_cannot_be_placed_are_listed_with_the_reason(
    paper: Path, tmp_path: Path
) -> None:
    elsewhere = markup(paper, "highlight", 0, "Ngân sách nhà nước", version_sha256="cd" * 32)
    elsewhere["text"] = "Ghi chú trên phiên bản khác"
    missing_page = annotation("note", 99, rect=[10, 10, 30, 30], text="Ghi chú trang 100")
    no_geometry = annotation("freetext", 0, text="Hộp chữ không có vị trí")
    output = tmp_path / "copy.pdf"
    report = _export(paper, [elsewhere, missing_page, no_geometry], output)
    assert report.drawn == 0
    assert dict(report.unplaced) == {
        elsewhere["id"]: "other_version",
        missing_page["id"]: "no_such_page",
        no_geometry["id"]: "no_geometry",
    }
    assert all(not _ours(output, page) for page in range(4))
    closing = _squash(_pdftotext(output, 4))
    heading = closing.index("GHI CHÚ KHÔNG ĐẶT ĐƯỢC LÊN TRANG")
    for text in (
        "Ghi chú trên phiên bản khác",
        "Ghi chú được đặt trên một phiên bản khác của tài liệu.",
        "Ghi chú trang 100",
        "Trang của ghi chú không có trong tệp này.",
        "Hộp chữ không có vị trí",
    ):
        assert closing.index(text) > heading, text


# Text that does not fit ----------------------------------------------------------------


def test_long_comment_wraps_shrinks_and_is_cut_only_in_the_box(paper: Path, tmp_path: Path) -> None:
    wraps = f"{VN_COMMENT}. Kiến nghị Bộ Tài chính rà soát lại số liệu dự toán năm 2026."
    endless = " ".join(f"Ý kiến {i}: {VN_COMMENT} <b>&amp;</b>." for i in range(400))
    endless += " HẾT-Ý-KIẾN"
    fits = annotation("freetext", 0, rect=[72, 420, 272, 500], text=wraps)
    cut = annotation("freetext", 0, rect=[300, 220, 420, 260], text=endless + "\x00")
    output = tmp_path / "copy.pdf"
    report = _export(paper, [fits, cut], output)
    assert report.shortened == (cut["id"],)
    by_id = {str(a["/NM"]): a for a in _ours(output, 0)}
    # The box: drawn in full where it fits, cut with "…" where it cannot.
    assert str(by_id[fits["id"]]["/DA"]).startswith("/EcSerif 12 Tf")
    assert str(by_id[cut["id"]]["/DA"]).startswith("/EcSerif 6 Tf")
    page_text = _squash(_pdftotext(output, 0))
    assert wraps in page_text
    assert "Ý kiến 0:" in page_text and "HẾT-Ý-KIẾN" not in page_text
    assert "…" in page_text
    # Nothing is lost: the whole comment is in /Contents and on the closing pages.
    assert str(by_id[cut["id"]]["/Contents"]) == endless
    pages = range(4, 4 + report.closing_pages)
    footer = "Danh sách ghi chú kèm bản sao — trang"
    closing = "".join(
        line
        for p in pages
        for line in _pdftotext(output, p).splitlines()
        if not line.startswith(footer)
    )
    assert "".join(endless.split()) in "".join(closing.split())
    assert report.closing_pages > 1


def test_letters_the_font_lacks_are_reported_not_fatal(paper: Path, tmp_path: Path) -> None:
    box = annotation("freetext", 0, rect=[72, 420, 420, 500], text="Đồng ý 👍 ✔")
    report = _export(paper, [box], tmp_path / "copy.pdf")
    assert "👍" in report.missing_glyphs
    assert "Đồng ý" in _squash(_pdftotext(tmp_path / "copy.pdf", 0))
