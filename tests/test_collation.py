"""Vietnamese alphabetical and protocol order (ecabinet/collation.py)."""

from __future__ import annotations

from ecabinet.collation import name_sort_key, protocol_key, sort_key


def test_d_with_stroke_is_a_letter_after_d_not_after_z() -> None:
    words = ["Vinh", "Đạt", "Dũng", "Bách", "Ân", "An", "Ăn", "Yến", "Zô"]
    assert sorted(words, key=sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bách",
        "Dũng",
        "Đạt",
        "Vinh",
        "Yến",
        "Zô",
    ]
    # What Python does on its own, so the test proves the key matters.
    assert sorted(["Đạt", "Vinh", "Dũng"]) == ["Dũng", "Vinh", "Đạt"]


def test_shaped_vowels_are_letters_and_tones_only_break_ties() -> None:
    assert sorted(["ơ", "ô", "o"], key=sort_key) == ["o", "ô", "ơ"]
    assert sorted(["ư", "u", "v"], key=sort_key) == ["u", "ư", "v"]
    # The tone decides only between otherwise equal words: none, huyền, hỏi, ngã, sắc, nặng.
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=sort_key) == [
        "ma", "mà", "mả", "mã", "má", "mạ",
    ]  # fmt: skip
    # A letter difference wins over any tone: "mạc" < "mai" although "ạ" has the heaviest tone.
    assert sorted(["mai", "mạc"], key=sort_key) == ["mạc", "mai"]
    # Composed and decomposed input sort the same.
    assert sort_key("Đặng")[:2] == sort_key("Đa\u0323\u0306ng")[:2]


def test_a_shorter_word_comes_first_and_case_does_not_matter() -> None:
    assert sorted(["Anh", "an", "AN B"], key=sort_key)[0] == "an"
    assert sort_key("đạt")[:2] == sort_key("ĐẠT")[:2]


def test_names_sort_by_given_name() -> None:
    names = ["Nguyễn Quang Vinh", "Hoàng Văn Đạt", "Đặng Thị Ngọc Diệp", "Trịnh Xuân Bách"]
    assert sorted(names, key=name_sort_key) == [
        "Trịnh Xuân Bách", "Đặng Thị Ngọc Diệp", "Hoàng Văn Đạt", "Nguyễn Quang Vinh",
    ]  # fmt: skip


def test_protocol_order_prime_minister_deputies_then_ministries_in_government_order() -> None:
    people = [
        ("Bộ trưởng Bộ Y tế", "Đinh Công Thắng"),
        ("Bộ trưởng Bộ Công Thương", "Trịnh Xuân Bách"),
        ("Phó Thủ tướng Chính phủ", "Hoàng Văn Đạt"),
        ("Bộ trưởng Bộ Công an", "Ai Đó"),
        ("Thủ tướng Chính phủ", "Lê Minh Khang"),
        ("Phó Thủ tướng Thường trực Chính phủ", "Zô Văn An"),
        ("Bộ trưởng Bộ Tài chính", "Nguyễn Quang Vinh"),
        ("Cố vấn", "Người Khác"),
        ("Thống đốc Ngân hàng Nhà nước Việt Nam", "Trần Văn Bảy"),
    ]
    ordered = [name for title, name in sorted(people, key=lambda p: protocol_key(*p))]
    assert ordered == [
        "Lê Minh Khang",  # the Prime Minister
        "Zô Văn An",  # the permanent Deputy PM before the other
        "Hoàng Văn Đạt",
        "Ai Đó",  # Bộ Công an before Bộ Tài chính before Bộ Công Thương (not confused with it)
        "Nguyễn Quang Vinh",
        "Trịnh Xuân Bách",
        "Đinh Công Thắng",
        "Trần Văn Bảy",  # ministry-level agency after the ministries
        "Người Khác",  # not a Government title: last
    ]
