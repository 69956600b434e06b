"""The bit-parallel approximate matcher against the textbook dynamic programme."""

from __future__ import annotations

import random

import pytest

from ecabinet.annotations.approx import (
    TextBits,
    fewest_edits,
    match_start,
    scan,
    search,
    similarity,
)


def end_values(text: str, pattern: str) -> list[int]:
    """Textbook DP: fewest edits for the pattern to end just before each text position."""
    previous = [0] * (len(text) + 1)
    for i, p in enumerate(pattern, start=1):
        current = [i] + [0] * len(text)
        for j, t in enumerate(text, start=1):
            current[j] = min(previous[j - 1] + (p != t), previous[j] + 1, current[j - 1] + 1)
        previous = current
    return previous


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            current[j] = min(previous[j - 1] + (x != y), previous[j] + 1, current[j - 1] + 1)
        previous = current
    return previous[-1]


ALPHABETS = ["ab", "abc", "ađêơ ", "ngânsách ", "xyzw"]


def test_search_finds_exactly_the_lowest_edit_matches_of_the_textbook_dp() -> None:
    rng = random.Random(3)
    for _ in range(1500):
        alphabet = rng.choice(ALPHABETS)
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 70)))
        pattern = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        max_errors = rng.randint(0, len(pattern))
        values = end_values(text, pattern)
        found = search(text, pattern, max_errors)
        best = min(values[1:], default=None)
        if best is None or best > max_errors:
            assert found == []
            continue
        assert [m.end for m in found] == [j for j in range(1, len(text) + 1) if values[j] == best]
        for match in found:
            assert match.errors == best
            assert edit_distance(pattern, text[match.start : match.end]) == best
        assert fewest_edits(text, pattern) == min(values)


def test_patterns_longer_than_a_machine_word_and_texts_of_many_words() -> None:
    rng = random.Random(8)
    text = "".join(rng.choice("abcdefgh ") for _ in range(3000))
    pattern = text[1700:1900]
    damaged = pattern[:50] + "XX" + pattern[52:120] + pattern[125:]  # 2 swaps, 5 deleted
    (match,) = search(text, damaged, len(damaged) // 2)
    assert match.errors == edit_distance(damaged, text[match.start : match.end]) <= 7
    assert abs(match.start - 1700) <= 2 and abs(match.end - 1900) <= 2


def test_a_scan_of_part_of_the_text_reports_absolute_positions_and_sound_bounds() -> None:
    rng = random.Random(5)
    text = "".join(rng.choice("ngânsách ") for _ in range(5000))
    bits = TextBits(text)
    pattern = text[3100:3140]
    result = scan(bits, pattern, 2000, 4000)
    errors, ends = result.best(2000, 4000, 20)
    assert errors == 0 and 3140 in ends
    values = end_values(text[2000:4000], pattern)
    for lo in range(2000, 4000, 97):
        hi = min(4000, lo + rng.randint(1, 300))
        truth = min(values[lo - 2000 + 1 : hi - 2000 + 1])
        assert result.lower_bound(lo, hi) <= truth  # never rules out a real match
        found, _ = result.best(lo, hi, len(pattern))
        assert found == truth


def test_characters_beyond_the_255_most_frequent_are_still_matched_exactly() -> None:
    rare = [chr(0x4E00 + i) for i in range(400)]  # more distinct characters than codes
    text = "".join(rare) + "mục tiêu quốc gia" + "".join(rare[::-1])
    pattern = "".join(rare[390:400]) + "mục tiêu"
    (match,) = search(text, pattern, 3)
    assert match.errors == 0 and text[match.start : match.end] == pattern


def test_match_start_prefers_the_longest_equally_good_match() -> None:
    text = "xxabcdyy"
    assert match_start(text, "abcd", 6, 0) == 2
    assert match_start("ab_cd", "abcd", 5, 1) == 0


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [("ngân sách nhà nước", "ngân sách", 1.0), ("", "a", 0.0), ("ngan sach", "ngân sách", 7 / 9)],
)
def test_similarity(text: str, pattern: str, expected: float) -> None:
    assert similarity(text, pattern) == pytest.approx(expected)
