"""Document text for annotations: normalisation, offsets <-> pages, quads, selections.

The judge of every quad is pdfium's own ``get_text_bounded``: the text inside the quad's
rectangle, read back from the PDF, must be the words that were asked for.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from support.pdfs import make_pdf
from support.review_docs import make_review_pdf, paragraphs, text_under_quads

from ecabinet.annotations.pdf_text import PdfText
from ecabinet.annotations.selectors import (
    CONTEXT_CHARS,
    Selectors,
    selectors_for_range,
    selectors_for_selection,
)
from ecabinet.annotations.text import PAGE_SEPARATOR, DocumentText, normalise
from ecabinet.errors import InputError


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_review_pdf(tmp_path_factory.mktemp("text") / "draft.pdf", paragraphs(30, seed=5))


# -- normalisation and the offset map, on strings -----------------------------------------
def test_whitespace_runs_nbsp_form_feed_and_page_breaks_become_one_space() -> None:
    doc = DocumentText(["Dự thảo\r\n  Nghị\u00a0định \t", "\n về ngân\fsách\r\n"])
    assert doc.text == "Dự thảo Nghị định về ngân sách "
    assert doc.page_text(0) == "Dự thảo Nghị định"
    assert doc.page_text(1) == "về ngân sách"
    assert doc.page_of(doc.text.index("về")) == 1
    assert doc.page_of(doc.text.index("định")) == 0


def test_decomposed_vietnamese_is_composed_and_offsets_still_point_at_the_raw_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Đắk Lắk")
    doc = DocumentText(["Mở đầu", decomposed])
    assert doc.text == "Mở đầu Ủy ban nhân dân tỉnh Đắk Lắk"
    start = doc.text.index("nhân")
    (span,) = doc.raw_ranges(start, start + len("nhân dân"))
    assert span.page == 1
    assert unicodedata.normalize("NFC", decomposed[span.start : span.end]) == "nhân dân"
    # and back: the raw start of "nhân" maps to its document offset
    assert doc.offset_of(1, span.start) == start


def test_offsets_round_trip_through_pages_on_random_texts() -> None:
    rng = random.Random(4)
    alphabet = ["a", "ă", "đ", " ", "\r\n", "\u00a0", "\t", "ệ", "Ờ", "  ", "x"]
    for _ in range(200):
        pages = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in "ab"]
        doc = DocumentText(pages)
        assert doc.text == normalise(PAGE_SEPARATOR.join(pages))
        for page, raw in enumerate(pages):
            for i, ch in enumerate(raw):
                if ch.isspace():
                    continue
                offset = doc.offset_of(page, i)
                assert doc.text[offset] == unicodedata.normalize("NFC", ch)[0]
                (span,) = doc.raw_ranges(offset, offset + 1)
                assert (span.page, span.start) == (page, i)


def test_empty_pages_own_no_text_and_an_offset_finds_the_page_that_has_it() -> None:
    doc = DocumentText(["", "Trang hai", "", "", "Trang năm"])
    assert doc.page_of(doc.text.index("hai")) == 1
    assert doc.page_of(doc.text.index("năm")) == 4
    assert doc.page_text(2) == ""


# -- a real PDF --------------------------------------------------------------------------
def test_quads_cover_exactly_the_words_asked_for_even_across_lines_and_pages(draft: Path) -> None:
    rng = random.Random(9)
    with PdfText(draft) as pdf:
        doc = pdf.document
        assert doc.page_count >= 4
        spans = []
        for _ in range(60):
            s = rng.randrange(len(doc.text) - 400)
            e = s + rng.randint(3, 400)
            s = doc.text.rfind(" ", 0, s) + 1
            e = doc.text.find(" ", e)
            spans.append((s, e))
        boundary = doc.page_starts[2]  # a range across the page break
        spans.append((doc.text.rfind(" ", 0, boundary - 40) + 1, doc.text.find(" ", boundary + 40)))
        for s, e in spans:
            quads = [(q.page, q.quads) for q in pdf.quads(s, e)]
            assert text_under_quads(draft, quads) == doc.text[s:e].strip()
            lines = sum(len(q) for _, q in quads)
            assert lines >= 1
            for _, page_quads in quads:
                for x1, y1, x2, y2, x3, y3, x4, y4 in page_quads:
                    assert (y1, x3, y3) == (y2, x1, y4) and x2 == x4 and x1 < x2 and y3 < y1
        multi = [(q.page, q.quads) for q in pdf.quads(*spans[-1])]
        assert len(multi) == 2


def test_a_selection_of_pdfium_characters_becomes_selectors_and_back(draft: Path) -> None:
    pdf_doc = pdfium.PdfDocument(str(draft))
    textpage = pdf_doc[1].get_textpage()
    raw = textpage.get_text_range()
    word = raw.split()[12]
    char_start = raw.index(word)
    char_end = raw.index(raw.split()[20], char_start) + len(raw.split()[20])
    with PdfText(draft) as pdf:
        selectors = selectors_for_selection(pdf, 1, char_start, char_end)
        assert selectors is not None and selectors.position is not None
        assert selectors.quote.exact == normalise(raw[char_start:char_end])
        assert len(selectors.quote.prefix) == CONTEXT_CHARS == len(selectors.quote.suffix)
        doc = pdf.document
        start, end = selectors.position.start, selectors.position.end
        assert doc.text[start:end] == selectors.quote.exact
        assert doc.text[start - CONTEXT_CHARS : start] == selectors.quote.prefix
        (span,) = doc.raw_ranges(start, end)
        assert (span.page, span.start, span.end) == (1, char_start, char_end)
    pdf_doc.close()


def test_selectors_trim_spaces_and_survive_the_wire_shape(draft: Path) -> None:
    with PdfText(draft) as pdf:
        doc = pdf.document
        start = doc.text.index(" ", 200)
        selectors = selectors_for_range(doc, start, start + 30)
        assert selectors is not None and not selectors.quote.exact.startswith(" ")
        assert Selectors.from_dict(selectors.to_dict()) == selectors
        assert selectors_for_range(doc, start, start + 1) is None  # a lone space is no text
        assert selectors_for_range(doc, 0, 10**9) is not None  # clamped, not an error


@pytest.mark.parametrize(
    "bad",
    [
        {"quote": {"exact": ""}},
        {"quote": {"exact": 5}},
        {"quote": "ngân sách"},
        {"quote": {"exact": "ngân sách"}, "position": {"start": 9, "end": 2}},
        {"quote": {"exact": "ngân sách"}, "position": {"start": True, "end": 2}},
        {"quote": {"exact": "x" * 20_001}},
        ["quote"],
    ],
)
def test_malformed_selectors_are_refused_with_a_reason(bad: object) -> None:
    with pytest.raises(InputError) as caught:
        Selectors.from_dict(bad)
    assert caught.value.code == "invalid_selectors"


def test_selectors_written_with_other_whitespace_compare_normalised() -> None:
    parsed = Selectors.from_dict({"quote": {"exact": "ngân\r\n sách", "prefix": "Dự\u00a0toán "}})
    assert parsed is not None
    assert parsed.quote.exact == "ngân sách" and parsed.quote.prefix == "Dự toán "
    assert Selectors.from_dict(None) is None and Selectors.from_dict({}) is None


def test_a_damaged_or_password_protected_pdf_is_an_input_error(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", pages=1)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(good.read_bytes()[:200])
    with pytest.raises(InputError) as caught:
        PdfText(damaged)
    assert caught.value.code == "pdf_unreadable"
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(good))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    with pytest.raises(InputError) as caught:
        PdfText(locked)
    assert caught.value.code == "pdf_password"
    assert "mật khẩu" in caught.value.message
