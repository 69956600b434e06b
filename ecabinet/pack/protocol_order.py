"""Members in protocol order: the Prime Minister, the Deputy Prime Ministers, then the
ministers in the order of the Government's ministries (Law on Government Organisation,
2025), then everyone else; people of the same rank keep the order they were given in."""

from __future__ import annotations

from collections.abc import Sequence

# The ministries and ministerial-level agencies in the Government's order.
MINISTRIES: tuple[str, ...] = (
    "quốc phòng",
    "công an",
    "ngoại giao",
    "nội vụ",
    "tư pháp",
    "tài chính",
    "công thương",
    "nông nghiệp và môi trường",
    "xây dựng",
    "văn hóa, thể thao và du lịch",
    "khoa học và công nghệ",
    "giáo dục và đào tạo",
    "y tế",
    "dân tộc và tôn giáo",
    "ngân hàng nhà nước",
    "thanh tra chính phủ",
    "văn phòng chính phủ",
)


def protocol_rank(title: str) -> tuple[int, int]:
    """(rank, ministry) for a title such as "Bộ trưởng Bộ Tài chính"."""
    text = " ".join(title.lower().replace("hoá", "hóa").split())
    if text.startswith("thủ tướng"):
        return (0, 0)
    if text.startswith("phó thủ tướng"):
        return (1, 0)
    ministry = next((n for n, name in enumerate(MINISTRIES) if name in text), len(MINISTRIES))
    if text.startswith(("bộ trưởng", "thống đốc", "tổng thanh tra", "chủ nhiệm")):
        return (2, ministry)
    if text.startswith(("thứ trưởng", "phó thống đốc", "phó tổng thanh tra", "phó chủ nhiệm")):
        return (3, ministry)
    return (4, ministry)


def in_protocol_order(people: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sort (name, title) pairs; Python's sort is stable, so ties keep their order."""
    return sorted(people, key=lambda person: protocol_rank(person[1]))
