"""The people of the demo: members of the Government, Government Office staff, signers.

Every name is invented; titles follow the Government as organised since March 2025.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["member", "secretariat", "admin"]

DEMO_PASSWORD = "demo-2026"  # noqa: S105 - printed by `ecabinet demo`, not a secret
# Protects the demo app's profile on a computer without an OS keyring; printed too.
DEMO_PASSPHRASE = "ho-so-demo-2026"  # noqa: S105
PRIME_MINISTER = "thutuong"
DEFAULT_MINISTER = "bt.taichinh"
ABSENT_FROM_THEMATIC = "bt.ytte"


@dataclass(frozen=True)
class SampleUser:
    username: str
    full_name: str
    title: str
    role: Role
    password: str


def _user(username: str, full_name: str, title: str, role: Role) -> SampleUser:
    return SampleUser(username, full_name, title, role, DEMO_PASSWORD)


# The Prime Minister first, then the default minister login, then the others.
MEMBERS: tuple[SampleUser, ...] = (
    _user(PRIME_MINISTER, "Lê Minh Khang", "Thủ tướng Chính phủ", "member"),
    _user(DEFAULT_MINISTER, "Nguyễn Quang Vinh", "Bộ trưởng Bộ Tài chính", "member"),
    _user("ptt.kinhte", "Hoàng Văn Đạt", "Phó Thủ tướng Chính phủ", "member"),
    _user("ptt.xahoi", "Đặng Thị Ngọc Diệp", "Phó Thủ tướng Chính phủ", "member"),
    _user("bt.tuphap", "Phan Thị Thanh Nhàn", "Bộ trưởng Bộ Tư pháp", "member"),
    _user("bt.congthuong", "Trịnh Xuân Bách", "Bộ trưởng Bộ Công Thương", "member"),
    _user("bt.noivu", "Vũ Thị Minh Ngọc", "Bộ trưởng Bộ Nội vụ", "member"),
    _user("bt.ytte", "Đinh Công Thắng", "Bộ trưởng Bộ Y tế", "member"),
    _user("bt.giaoduc", "Lương Hữu Phước", "Bộ trưởng Bộ Giáo dục và Đào tạo", "member"),
)

STAFF: tuple[SampleUser, ...] = (
    _user("quantri", "Ngô Thanh Tùng", "Quản trị hệ thống", "admin"),
    _user(
        "vpcp.chuyenvien",
        "Bùi Thị Lan Anh",
        "Chuyên viên Vụ Tổng hợp, Văn phòng Chính phủ",
        "secretariat",
    ),
    _user(
        "vpcp.vutruong", "Tạ Quang Huy", "Vụ trưởng Vụ Tổng hợp, Văn phòng Chính phủ", "secretariat"
    ),
    _user(
        "vpcp.thuky",
        "Mai Thị Hồng Nhung",
        "Phó Vụ trưởng Vụ Tổng hợp, Văn phòng Chính phủ",
        "secretariat",
    ),
)

# Signers who are not demo users.
DEPUTY_FINANCE = "Hà Minh Tuấn"
DEPUTY_JUSTICE = "Lâm Quốc Trung"
CHIEF_OF_OFFICE = "Kiều Văn Toàn"


def member_name(username: str) -> str:
    """The full name of the member of the Government who logs in as ``username``."""
    return next(user.full_name for user in MEMBERS if user.username == username)
