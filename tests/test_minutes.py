"""The minutes and the session resolution, read back with poppler and qpdf."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from support.minutes_sample import CONCLUSION, HASH_1, HASH_2, sample_members, sample_minutes

from ecabinet.minutes import AttendanceEntry, BallotOutcome, render_minutes, render_resolution
from ecabinet.quorum import Attendance


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed (poppler-utils / qpdf): run packaging/setup-debian.sh --dev"
    return path


def _text(pdf: Path) -> str:
    done = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def minutes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("minutes") / "bien-ban.pdf"
    assert render_minutes(sample_minutes(), path) >= 2
    return path


def test_minutes_carry_header_number_attendance_and_quorum(minutes_pdf: Path) -> None:
    text = _text(minutes_pdf)
    flat = _flat(text)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BB-CP", "Hà Nội, ngày 28 tháng 11 năm 2026", "BIÊN BẢN",
        "từ 08 giờ 30 ngày 28/11/2026 đến 11 giờ 45",
        "Dự họp trực tuyến", "Vắng mặt (được Thủ tướng đồng ý)",
        "Vắng mặt, cử cấp phó dự thay: Nguyễn Đức Chi, Thứ trưởng Bộ Tài chính",
        "Khách mời: Chánh án Tòa án nhân dân tối cao",
    ):  # fmt: skip
        assert expected in flat, f"{expected!r} missing from the minutes:\n{text}"
    # 25 attend (18 in the room, 7 remote) of 27; the represented minister does not count.
    assert (
        "Dự họp 25/27 thành viên Chính phủ (tại phòng họp 18, trực tuyến 7); vắng mặt 2, "
        "trong đó 1 thành viên cử cấp phó dự thay. Cần ít nhất 18 thành viên (hai phần ba "
        "tổng số): đủ điều kiện tiến hành phiên họp." in flat
    ), text


def test_minutes_carry_conclusions_and_ballot_hashes(minutes_pdf: Path) -> None:
    flat = _flat(_text(minutes_pdf))
    assert f"Kết luận: {CONCLUSION}" in flat
    assert "Thông qua không thảo luận" in flat
    assert "Đồng ý 20, Không đồng ý 3, Ý kiến khác 2, Chưa có ý kiến 2" in flat
    assert "nội dung chưa được thông qua" in flat
    for digest in (HASH_1, HASH_2):
        assert f"Mã băm SHA-256 của gói kết quả: {digest}" in flat, "a bundle hash is cut"
    assert "THƯ KÝ" in flat and "CHỦ TỌA" in flat


def test_minutes_embed_the_vietnamese_font_and_pass_qpdf(minutes_pdf: Path) -> None:
    fonts = subprocess.run([_tool("pdffonts"), str(minutes_pdf)], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("LiberationSerif" in row[0] for row in rows), fonts
    assert all(row[-5] == "yes" for row in rows), f"every font must be embedded:\n{fonts}"
    check = subprocess.run([_tool("qpdf"), "--check", str(minutes_pdf)], capture_output=True,
                           text=True)  # fmt: skip
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, (
        check.stdout + check.stderr
    )
    # Letters with two marks survive extraction only when the glyphs are really there.
    assert "Phạm Minh Đức" in _text(minutes_pdf) and "Thứ trưởng" in _text(minutes_pdf)


def test_a_meeting_without_quorum_says_so(tmp_path: Path) -> None:
    def away(e: AttendanceEntry) -> AttendanceEntry:
        leaves = e.state is Attendance.REMOTE or e.name == "Thành viên số 21"
        return replace(e, state=Attendance.ABSENT_EXCUSED) if leaves else e

    path = tmp_path / "khong-du.pdf"
    render_minutes(sample_minutes(attendance=tuple(away(e) for e in sample_members())), path)
    flat = _flat(_text(path))
    assert "Dự họp 17/27" in flat and "KHÔNG đủ điều kiện tiến hành phiên họp" in flat, flat


def test_resolution_is_numbered_and_lists_what_was_resolved(tmp_path: Path) -> None:
    path = tmp_path / "nghi-quyet.pdf"
    render_resolution(sample_minutes(), path)
    flat = _flat(_text(path))
    for expected in (
        "Số: 245/NQ-CP", "NGHỊ QUYẾT", "QUYẾT NGHỊ:", "Biên bản số 12/BB-CP",
        f"1. Về Dự thảo Nghị định về quản lý đầu tư công: {CONCLUSION}",
        "TM. CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "Nơi nhận:",
        "Đồng ý 10, Không đồng ý 12",
    ):  # fmt: skip
        assert expected in flat, f"{expected!r} missing from the resolution:\n{flat}"
    # The hash is printed in groups of eight to fit the 14 pt body; it must be whole.
    assert HASH_1 in flat.replace(" ", ""), "the bundle hash is cut in the resolution"
    check = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True)
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes_number": "12/NQ-CP"}, "numbered …/BB-…"),
        ({"resolution_number": "245"}, "not an official number"),
        ({"attendance": ()}, "need the attendance"),
    ],
)
def test_inconsistent_input_is_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sample_minutes(**changes)


def test_ballot_and_deputy_consistency_is_checked() -> None:
    with pytest.raises(ValueError, match="64 lowercase hex"):
        BallotOutcome("Q", 1, 0, 0, 0, 1, True, "abc")
    with pytest.raises(ValueError, match="exceed 1 members"):
        BallotOutcome("Q", 1, 1, 0, 0, 1, True, HASH_1)
    with pytest.raises(ValueError, match="deputy is named exactly"):
        AttendanceEntry("A", "Bộ trưởng", Attendance.REPRESENTED)
    with pytest.raises(ValueError, match="deputy is named exactly"):
        AttendanceEntry("A", "Bộ trưởng", Attendance.PRESENT, deputy_name="B")


def test_a_ballot_line_comes_from_a_proven_recount_only(tmp_path: Path) -> None:
    from support.bundles import build_bundle

    from ecabinet.ballots.verify import verify_bundle
    from ecabinet.crypto.keys import VerifyingKey
    from ecabinet.minutes import ballot_outcome

    bundle = build_bundle(9, ["agree"] * 5 + ["disagree", "other", None, None])
    key = VerifyingKey.from_b64(bundle["server_key"]["public_key"])
    digest = hashlib.sha256(b"the bundle file").hexdigest()
    proven = verify_bundle(bundle, trusted=[key], bundle_sha256=digest)
    outcome = ballot_outcome(proven)
    assert (outcome.agree, outcome.disagree, outcome.other, outcome.not_answered) == (5, 1, 1, 2)
    assert outcome.adopted and outcome.members == 9 and outcome.bundle_sha256 == digest
    path = tmp_path / "bien-ban.pdf"
    render_minutes(sample_minutes(ballots=(outcome,)), path)
    assert f"Mã băm SHA-256 của gói kết quả: {digest}" in _flat(_text(path))
    with pytest.raises(ValueError, match="not proven"):
        ballot_outcome(verify_bundle(bundle, bundle_sha256=digest))
    with pytest.raises(ValueError, match="hash is unknown"):
        ballot_outcome(verify_bundle(bundle, trusted=[key]))
