"""The annotated copy, judged by tools that are not ours: qpdf checks the file, pdfium
and poppler draw it, pdftotext and pdfium read its text back, pdffonts lists its fonts.

One paper with every kind of annotation (Vietnamese comments included), on a plain page,
a page with a crop box offset and two rotated pages, is exported once per module.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject
from support.export_pdfs import (
    EMPTY_BAND,
    VN_COMMENT,
    make_review_paper,
    placed,
    review_annotations,
)
from support.renders import RENDERERS, annotation_box, changed, count, device_box, render

from ecabinet.fsutil import sha256_file
from ecabinet.pdf.annotated_export import ExportReport, export_annotated

EXPORTED_AT = datetime(2026, 2, 5, 8, 15, tzinfo=UTC)  # 15:15 in Hà Nội
TITLE = "Dự thảo Nghị định về ngân sách nhà nước"
SUBTYPES = {
    "highlight": "/Highlight",
    "underline": "/Underline",
    "strikeout": "/StrikeOut",
    "note": "/Text",
    "freetext": "/FreeText",
    "ink": "/Ink",
}


@dataclass(frozen=True)
class Exported:
    source: Path
    output: Path
    records: list[dict[str, Any]]
    report: ExportReport
    source_sha256: str


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    folder = tmp_path_factory.mktemp("export")
    source = make_review_paper(folder / "nghi-dinh.pdf")
    sha = sha256_file(source)
    records = review_annotations(source, sha)
    output = folder / "ban-sao-co-ghi-chu.pdf"
    report = export_annotated(
        source,
        records,
        output,
        document_title=TITLE,
        exported_by="Nguyễn Văn Anh",
        exported_at=EXPORTED_AT,
    )
    return Exported(source, output, records, report, sha)


def _ours(path: Path) -> dict[str, tuple[int, DictionaryObject]]:
    """Our annotations in the file, by /NM: (page index, dictionary)."""
    found: dict[str, tuple[int, DictionaryObject]] = {}
    for index, page in enumerate(PdfReader(path).pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if "/NM" in annot:
                found[str(annot["/NM"])] = (index, annot)
    return found


def _pdftotext(path: Path, page: int) -> str:
    number = str(page + 1)
    result = subprocess.run(
        ["pdftotext", "-f", number, "-l", number, "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout


def _pdfium_text(path: Path, page: int, *, flatten: bool = False) -> str:
    """The page's text by pdfium; ``flatten`` first merges the annotations' appearances
    into the page (pdfium's text layer does not read appearance streams otherwise)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        if flatten:
            pdf_page = doc[page]  # kept alive while pdfium uses its handle
            assert pdfium_c.FPDFPage_Flatten(pdf_page.raw, pdfium_c.FLAT_PRINT) == 1
            pdf_page.close()  # the flattened content is read when the page loads again
        return str(doc[page].get_textpage().get_text_range())
    finally:
        doc.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_qpdf_finds_no_error_in_the_copy(exported: Exported) -> None:
    result = subprocess.run(
        ["qpdf", "--check", str(exported.output)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_the_copy_has_every_source_page_and_closing_pages(exported: Exported) -> None:
    report = exported.report
    assert report.source_pages == 4
    assert report.closing_pages >= 1
    assert len(PdfReader(exported.output).pages) == 4 + report.closing_pages
    assert report.drawn == 12
    assert report.orphaned == (exported.records[-1]["id"],)
    assert report.unplaced == ()
    assert report.source_sha256 == exported.source_sha256
    assert report.output_bytes == exported.output.stat().st_size


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_annotation_draws_in_its_rectangle(exported: Exported, renderer: str) -> None:
    """Inside each annotation's /Rect the copy's render differs from the source's."""
    ours = _ours(exported.output)
    renders: dict[int, tuple[Any, Any]] = {}
    for record in placed(exported.records):
        page, annot = ours[record["id"]]
        if page not in renders:
            renders[page] = (
                render(exported.source, page, renderer),
                render(exported.output, page, renderer),
            )
        before, after = renders[page]
        box = annotation_box(exported.output, page, annot, after.size)
        area = (box[2] - box[0]) * (box[3] - box[1])
        drawn = count(changed(before, after, box))
        assert drawn >= max(10, area * 0.02), (record["kind"], page, renderer, drawn, area)
    # The comparison is not blind: where nothing was added, nothing differs.
    before, after = renders[0]
    band = device_box(exported.output, 0, EMPTY_BAND, after.size)
    assert count(changed(before, after, band)) == 0


def test_every_annotation_is_a_complete_pdf_annotation(exported: Exported) -> None:
    ours = _ours(exported.output)
    assert set(ours) == {r["id"] for r in placed(exported.records)}
    for record in placed(exported.records):
        page, annot = ours[record["id"]]
        assert page == record["page"]
        assert annot["/Subtype"] == SUBTYPES[record["kind"]]
        appearance = annot["/AP"]["/N"].get_object()
        assert isinstance(appearance, StreamObject) and appearance.get_data()
        assert appearance["/Subtype"] == "/Form"
        assert str(annot["/T"]) == record["author_name"]
        assert re.fullmatch(r"D:\d{14}Z", str(annot["/M"])), annot["/M"]
        assert str(annot["/M"]) == "D:20260205024510Z"
        # Printable; a sticky note also says NoZoom and NoRotate, as the standard implies.
        assert annot["/F"] == (28 if record["kind"] == "note" else 4)
        expected = [int(record["color"][i : i + 2], 16) / 255 for i in (1, 3, 5)]
        assert [float(c) for c in annot["/C"]] == pytest.approx(expected, abs=1e-3)
        contents = str(annot["/Contents"])
        if record["text"]:
            assert contents == record["text"]
        if record["kind"] in ("highlight", "underline", "strikeout"):
            flat = [v for q in record["quads"] for v in q]
            assert [float(v) for v in annot["/QuadPoints"]] == pytest.approx(flat, abs=1e-3)
        if record["kind"] == "ink":
            ink_list = annot["/InkList"]
            assert len(ink_list) == len(record["ink"])
            assert [float(v) for v in ink_list[0]][:2] == pytest.approx(record["ink"][0][0][:2])


def test_freetext_default_appearance_matches_what_is_drawn(exported: Exported) -> None:
    reader = PdfReader(exported.output)
    dr_fonts = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    for page, annot in _ours(exported.output).values():
        if annot["/Subtype"] != "/FreeText":
            continue
        da = str(annot["/DA"])
        match = re.fullmatch(r"/(\w+) ([\d.]+) Tf ([\d.]+) ([\d.]+) ([\d.]+) rg", da)
        assert match, da
        font_name, size = match.group(1), match.group(2)
        assert f"/{font_name}" in dr_fonts
        form = annot["/AP"]["/N"].get_object()
        content = form.get_data().decode("latin-1")
        assert f"/{font_name} {size} Tf" in content
        assert f"{match.group(3)} {match.group(4)} {match.group(5)} rg" in content
        # The very same font object: the form's resources and /DR name one font.
        used = form["/Resources"]["/Font"].raw_get(f"/{font_name}")
        assert used.idnum == dr_fonts.raw_get(f"/{font_name}").idnum
        # CSS font shorthand (ISO 32000-1, 12.7.3.4): the size, then the family.
        assert str(annot["/DS"]).startswith(f"font: {size}pt 'Liberation Serif';")
        if page == 2:  # /Rotate 90: the form turns the text upright for the reader
            assert [float(v) for v in form["/Matrix"]] == [0, 1, -1, 0, 0, 0]


def test_font_is_an_embedded_unicode_subset(exported: Exported) -> None:
    freetext = next(a for _, a in _ours(exported.output).values() if a["/Subtype"] == "/FreeText")
    font = next(iter(freetext["/AP"]["/N"]["/Resources"]["/Font"].values())).get_object()
    assert font["/Subtype"] == "/Type0"
    assert font["/Encoding"] == "/Identity-H"
    assert "/ToUnicode" in font
    cid_font = font["/DescendantFonts"][0].get_object()
    assert cid_font["/Subtype"] == "/CIDFontType2"
    assert len(cid_font["/W"]) > 0
    assert re.fullmatch(r"/[A-Z]{6}\+LiberationSerif", str(font["/BaseFont"]))
    program = cid_font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    whole_face = Path("resources/fonts/LiberationSerif-Regular.ttf").stat().st_size
    assert len(program) == exported.report.font_subset_bytes
    assert len(program) < whole_face / 10, (len(program), whole_face)
    # poppler's own reading of the same font: embedded, subset, with a Unicode map.
    listing = subprocess.run(
        ["pdffonts", str(exported.output)], check=True, capture_output=True, text=True
    ).stdout
    row = next(line for line in listing.splitlines() if "CID TrueType" in line)
    assert row.split()[0] == str(font["/BaseFont"])[1:]
    assert re.search(r"Identity-H\s+yes\s+yes\s+yes", row), row


def test_vietnamese_comment_is_drawn_letter_for_letter(exported: Exported) -> None:
    """The FreeText's appearance text read back by poppler and by pdfium, đ included."""
    assert VN_COMMENT in _squash(_pdftotext(exported.output, 0))
    assert VN_COMMENT in _squash(_pdfium_text(exported.output, 0, flatten=True))
    # The rotated page's box too, and the source page never had the comment.
    assert VN_COMMENT in _squash(_pdftotext(exported.output, 2))
    assert VN_COMMENT not in _squash(_pdftotext(exported.source, 0))


def test_closing_page_lists_every_annotation_in_vietnamese(exported: Exported) -> None:
    pages = range(4, 4 + exported.report.closing_pages)
    for read in (_pdftotext, _pdfium_text):
        text = _squash(" ".join(read(exported.output, p) for p in pages))
        assert "DANH SÁCH GHI CHÚ TRÊN TÀI LIỆU" in text
        assert TITLE in text
        assert "Người xuất bản sao: Nguyễn Văn Anh" in text
        assert "15:15 ngày 05/02/2026 (giờ Việt Nam, UTC+7)" in text
        for kind in ("Đánh dấu", "Gạch chân", "Gạch ngang", "Ghi chú", "Hộp chữ", "Nét vẽ"):
            assert kind in text
        assert "Trần Thị Bình" in text
        assert "“Ngân sách nhà nước”" in text
        assert f"Nội dung: {VN_COMMENT}" in text
        for number in range(1, len(exported.records) + 1):
            assert f"{number}. Trang" in text
        assert "13. Trang" in text and "14. Trang" not in text
        # The orphan, under its own heading, after the placed ones.
        heading = text.index("GHI CHÚ KHÔNG CÒN VỊ TRÍ TRONG PHIÊN BẢN NÀY")
        assert text.index("Ý kiến về điều đã bị bỏ") > heading
        assert text.index("Trang 4") < heading


def test_orphan_is_listed_but_not_drawn(exported: Exported) -> None:
    orphan = exported.records[-1]
    assert orphan["id"] not in _ours(exported.output)
    # Its old quad would sit in this empty stretch of page 0: nothing is drawn there.
    for renderer in RENDERERS:
        before = render(exported.source, 0, renderer)
        after = render(exported.output, 0, renderer)
        rect = (72.0, 548.0, 300.0, 560.0)
        assert count(changed(before, after, device_box(exported.output, 0, rect, after.size))) == 0


def test_source_file_is_untouched(exported: Exported) -> None:
    assert sha256_file(exported.source) == exported.source_sha256
    assert PdfReader(exported.source).pages[0].get("/Annots") is None


@pytest.mark.parametrize("renderer", RENDERERS)
def test_highlighted_text_shows_through(exported: Exported, renderer: str) -> None:
    """The highlight multiplies its colour onto the page: the letters under it stay dark."""
    record = exported.records[0]
    _page, annot = _ours(exported.output)[record["id"]]
    form = annot["/AP"]["/N"].get_object()
    states = form["/Resources"]["/ExtGState"]
    assert [s.get_object()["/BM"] for s in states.values()] == ["/Multiply"]
    before, after = render(exported.source, 0, renderer), render(exported.output, 0, renderer)
    box = annotation_box(exported.output, 0, annot, after.size)

    def dark(image: Any) -> int:
        return int(
            image.crop(box).convert("L").point(lambda v: 255 if v < 90 else 0).histogram()[255]
        )

    assert dark(before) > 50
    assert dark(after) >= 0.8 * dark(before), (dark(after), dark(before))


def test_ink_is_thicker_where_the_pen_pressed_harder(exported: Exported) -> None:
    record = next(r for r in exported.records if r["kind"] == "ink")
    _page, annot = _ours(exported.output)[record["id"]]
    content = annot["/AP"]["/N"].get_object().get_data().decode("ascii")
    widths = [float(w) for w in re.findall(r"([\d.]+) w ", content)]
    # First stroke: pressure 0.1 -> 1.0 along it; the last two strokes: 0.5 (or unknown).
    assert widths[0] < widths[1] < widths[2] == 2.25
    assert widths[3:] == [1.5, 1.5]
    assert float(annot["/BS"]["/W"]) == 1.5
