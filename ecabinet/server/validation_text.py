"""Validation errors said in words: which field, and what is wrong with it.

Shared by the 422 answer of a refused request and by the per-mutation answers of a
push, so a minister's app shows the same sentence for the same mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ecabinet.server.fields import PATTERN_MEANING, TIME_WINDOW_EN, TIME_WINDOW_VI


def where(loc: Sequence[Any]) -> str:
    # ("body", "mutations", 2, "mutation_id") -> "mutations[2].mutation_id"
    parts = list(loc[1:] if loc and loc[0] == "body" else loc)
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


def describe(error: dict[str, Any]) -> tuple[str, str]:
    """What is wrong with one value, in Vietnamese and English."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERN_MEANING:
        return PATTERN_MEANING[ctx["pattern"]]
    if kind == "string_unicode":
        return (
            "chứa ký tự Unicode không hợp lệ",
            "contains invalid Unicode (a lone surrogate)",
        )
    if kind == "escaped_control_characters":
        return (
            "chứa ký tự điều khiển (như NUL) trong một chuỗi đã ký",
            "holds a control character (such as NUL) in a signed string",
        )
    if kind == "time_out_of_range":
        return f"phải nằm trong khoảng {TIME_WINDOW_VI}", f"must lie {TIME_WINDOW_EN}"
    bounds = {
        "less_than_equal": ("không được lớn hơn {le}", "must be at most {le}"),
        "less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
        "greater_than_equal": ("không được nhỏ hơn {ge}", "must be at least {ge}"),
        "greater_than": ("phải lớn hơn {gt}", "must be greater than {gt}"),
        "string_too_long": (
            "dài quá {max_length} ký tự",
            "is longer than {max_length} characters",
        ),
        "string_too_short": (
            "ngắn hơn {min_length} ký tự",
            "is shorter than {min_length} characters",
        ),
        "too_long": ("có quá {max_length} phần tử", "has more than {max_length} items"),
        "too_short": ("có ít hơn {min_length} phần tử", "has fewer than {min_length} items"),
    }
    if kind in bounds:
        vi, en = bounds[kind]
        try:
            return vi.format(**ctx), en.format(**ctx)
        except (KeyError, IndexError):
            pass
    if kind == "enum" and "expected" in ctx:
        return f"phải là một trong: {ctx['expected']}", f"must be one of {ctx['expected']}"
    if kind in _KINDS:
        return _KINDS[kind]
    if kind.startswith(("datetime_", "timezone_")):
        return (
            "phải là thời điểm theo ISO 8601 có múi giờ",
            "must be an ISO 8601 time with its zone",
        )
    return "không hợp lệ", str(error.get("msg", "is invalid"))


_KINDS: dict[str, tuple[str, str]] = {
    "missing": ("bị thiếu", "is missing"),
    "extra_forbidden": ("không phải là trường được phép", "is not an allowed field"),
    "json_invalid": ("không phải là JSON hợp lệ", "is not valid JSON"),
    "model_attributes_type": ("phải là một đối tượng JSON", "must be a JSON object"),
    "model_type": ("phải là một đối tượng JSON", "must be a JSON object"),
    "dict_type": ("phải là một đối tượng JSON", "must be a JSON object"),
    "list_type": ("phải là một danh sách", "must be a list"),
    "string_type": ("phải là chuỗi ký tự", "must be a string"),
    "int_type": ("phải là số nguyên", "must be an integer"),
    "int_parsing": ("phải là số nguyên", "must be an integer"),
    "int_from_float": ("phải là số nguyên", "must be an integer"),
    "bool_type": ("phải là true hoặc false", "must be true or false"),
    "bool_parsing": ("phải là true hoặc false", "must be true or false"),
}


def explain(errors: Sequence[Any]) -> tuple[str, str, str]:
    """(field, Vietnamese, English) for the first of pydantic's errors."""
    first = dict(errors[0]) if errors else {}
    vi, en = describe(first)
    loc = first.get("loc", ())
    if first.get("type") == "json_invalid":
        loc = ("body",)  # its second part is a character position, not a field
    return where(loc), vi, en
