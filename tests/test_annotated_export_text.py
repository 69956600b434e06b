"""Text in exported appearances: wrapping, shrinking, cutting, and the font's encoding."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.export_pdfs import VN_COMMENT, annotation, make_review_paper

from ecabinet.pdf.annotated_export import export_annotated
from ecabinet.pdf.cid_font import EmbeddedFont
from ecabinet.pdf.fonts import font_file
from ecabinet.pdf.text_fit import ELLIPSIS, fit_text, wrap


@pytest.fixture
def font() -> EmbeddedFont:
    return EmbeddedFont(font_file("regular"))


def test_wrap_keeps_every_word_and_each_line_within_the_width(font: EmbeddedFont) -> None:
    text = f"{VN_COMMENT}\n\nKiến nghị rà soát lại số liệu dự toán năm 2026 của các bộ, ngành."
    lines = wrap(text, font, 12, 120)
    assert all(font.width(line, 12) <= 120 for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())
    assert "" in lines  # the blank line between the two paragraphs is kept


def test_a_word_wider_than_the_box_is_broken_between_letters(font: EmbeddedFont) -> None:
    word = "Đ" * 40
    lines = wrap(word, font, 12, 50)
    assert len(lines) > 1 and "".join(lines) == word
    assert all(font.width(line, 12) <= 50 for line in lines)


def test_fit_shrinks_before_it_cuts(font: EmbeddedFont) -> None:
    roomy = fit_text(VN_COMMENT, font, 400, 40)
    assert (roomy.size, roomy.shrunk, roomy.truncated) == (12, False, False)
    tight = fit_text(VN_COMMENT * 3, font, 150, 60)
    assert tight.shrunk and not tight.truncated and 6 <= tight.size < 12
    cut = fit_text(VN_COMMENT * 50, font, 150, 30)
    assert cut.truncated and cut.size == 6
    assert cut.lines[-1].endswith(ELLIPSIS)
    assert font.width(cut.lines[-1], cut.size) <= 150
    nothing = fit_text(VN_COMMENT, font, 150, 3)  # not even one line at 6 pt
    assert nothing.lines == () and nothing.truncated


def test_encoding_records_each_glyph_with_the_text_it_stands_for(font: EmbeddedFont) -> None:
    hex_string = font.encode("Đđ?")
    gids = [int(hex_string[i : i + 4], 16) for i in range(1, len(hex_string) - 1, 4)]
    assert len(gids) == 3 and len(set(gids)) == 3
    assert [font.used[g] for g in gids] == ["Đ", "đ", "?"]
    font.encode("😀")  # no glyph: drawn as "?", which maps back to "?"
    assert font.missing == {"😀"} and set(font.used.values()) == {"Đ", "đ", "?"}


def test_decomposed_vietnamese_is_drawn_and_read_back_composed(tmp_path: Path) -> None:
    """Text typed on some systems arrives decomposed (NFD): e with a combining circumflex
    and a combining acute. The appearance draws the precomposed letters."""
    source = make_review_paper(tmp_path / "paper.pdf")
    decomposed = unicodedata.normalize("NFD", VN_COMMENT)
    assert decomposed != VN_COMMENT
    box = annotation("freetext", 0, rect=[72, 420, 420, 500], text=decomposed)
    output = tmp_path / "copy.pdf"
    export_annotated(
        source,
        [box],
        output,
        document_title="Dự thảo",
        exported_by="Nguyễn Văn Anh",
        exported_at=datetime(2026, 2, 5, tzinfo=UTC),
    )
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", str(output), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert VN_COMMENT in " ".join(text.split())
    annot = PdfReader(output).pages[0]["/Annots"][0].get_object()
    assert str(annot["/Contents"]) == VN_COMMENT
