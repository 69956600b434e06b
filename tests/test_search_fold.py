"""Folding for the accent-blind column: đ/Đ mapped, marks dropped, casefolded, NFC."""

from __future__ import annotations

import unicodedata

from ecabinet.search.fold import fold, fold_aligned, fold_with_map


def test_d_with_stroke_folds_both_ways() -> None:
    assert fold("Đường") == fold("đường") == fold("duong") == fold("DUONG") == "duong"
    assert fold("Đ") == fold("đ") == "d"
    assert fold("nước") == "nuoc"
    assert fold("Hà Nội") == "ha noi"
    decomposed = unicodedata.normalize("NFD", "Nghị định về ngân sách")
    assert fold(decomposed) == "nghi dinh ve ngan sach"


def test_folding_matches_its_definition_on_every_vietnamese_letter_and_the_demo_texts() -> None:
    from ecabinet.demo.texts import budget

    def by_definition(value: str) -> str:
        value = unicodedata.normalize("NFD", value)
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
        return unicodedata.normalize("NFC", value.replace("đ", "d").replace("Đ", "D").casefold())

    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    for letter in letters + letters.upper():
        assert fold(letter) == by_definition(letter) and len(fold(letter)) == 1, letter
    prose = " ".join(p for s in budget.budget_submission(2026) for p in s.paragraphs)
    assert fold(prose) == by_definition(prose)


def test_characters_that_do_not_fold_one_to_one_are_mapped_back() -> None:
    assert fold_aligned("Đường Hà Nội") == ("duong ha noi", True)
    assert fold_aligned("Straße") == ("strasse", False)
    folded, origin = fold_with_map("ßĐ İa")
    assert folded == "ssd ia"
    assert origin == [0, 0, 1, 2, 3, 4]
