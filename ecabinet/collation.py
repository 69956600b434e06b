"""Vietnamese order for lists people read: alphabetical and protocol order.

Python sorts by code point, which puts "Đ" (U+0110) after "Z" and "Ă" after "Ô". The
Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: each
accented base letter is a letter of its own, and tone marks only break ties after the
letters (as ICU's ``vi`` collation does). Qt-free: the core, the CLI and the app share it.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Vowel-shaping marks make a new letter; the five tone marks come after the letters.
_SHAPED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê"}
_SHAPED |= {("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
# Dictionary order of the tones: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}


def _letters(text: str) -> tuple[list[tuple[int, int | str]], list[int]]:
    """Primary weights (letters) and secondary weights (tones) of ``text``."""
    primary: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if (base, mark) in _SHAPED:
                base = _SHAPED[(base, mark)]
            elif mark in _TONES:
                tone = _TONES[mark]
        if base in _RANK:
            primary.append((0, _RANK[base]))
        elif base.isalnum():
            # Letters outside Vietnamese (f, j, w, z) and digits: after the alphabet.
            primary.append((1, base))
        elif base.isspace():
            primary.append((-1, 0))  # "An" before "Anh"
        else:
            continue  # punctuation does not count
        tones.append(tone)
    return primary, tones


def sort_key(text: str) -> tuple[object, ...]:
    """Key for ``sorted``: Vietnamese alphabetical order of a word or phrase."""
    primary, tones = _letters(text.strip())
    return (primary, tones, text)


def name_sort_key(full_name: str) -> tuple[object, ...]:
    """Vietnamese names sort by the given name (the last word), then the whole name."""
    words = full_name.split()
    given = words[-1] if words else ""
    return (sort_key(given), sort_key(full_name))


# The Government as organised since March 2025: ministries, then ministry-level
# agencies, in the order the Government lists them.
GOVERNMENT_ORDER = (
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Xây dựng",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Văn phòng Chính phủ",
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def protocol_key(title: str, full_name: str = "") -> tuple[object, ...]:
    """Protocol order: the Prime Minister, the Deputy Prime Ministers (the permanent
    one first), then ministers and heads of agencies in the Government's order; anyone
    else after them, alphabetically."""
    folded = _fold(title)
    if folded.startswith("thủ tướng"):
        rank: tuple[int, int] = (0, 0)
    elif folded.startswith("phó thủ tướng"):
        rank = (1, 0 if "thường trực" in folded else 1)
    else:
        # The longest name that fits: "Bộ Công Thương" is not "Bộ Công an".
        found = [
            (len(body), index)
            for index, body in enumerate(GOVERNMENT_ORDER)
            if _fold(body) in folded
        ]
        rank = (2, max(found)[1]) if found else (3, 0)
    return (rank, name_sort_key(full_name))
