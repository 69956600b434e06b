"""The quorum rule: two thirds of all Government members, in the room or remote."""

from __future__ import annotations

import pytest

from ecabinet.quorum import Attendance, check_quorum, required_for_quorum

P, R, A, D = (Attendance.PRESENT, Attendance.REMOTE, Attendance.ABSENT_EXCUSED,
              Attendance.REPRESENTED)  # fmt: skip


@pytest.mark.parametrize(("members", "required"), [(27, 18), (26, 18), (25, 17), (3, 2), (1, 1)])
def test_two_thirds_rounds_up(members: int, required: int) -> None:
    assert required_for_quorum(members) == required
    assert check_quorum([P] * required + [A] * (members - required)).met
    if required > 1:
        short = check_quorum([P] * (required - 1) + [A] * (members - required + 1))
        assert not short.met, f"{required - 1} of {members} is less than two thirds"


def test_remote_members_count_like_those_in_the_room() -> None:
    # The first e-Cabinet session: 21 in the room, 4 remote.
    result = check_quorum([P] * 21 + [R] * 4 + [A] * 2)
    assert (result.attending, result.members, result.met) == (25, 27, True)
    assert "tại phòng họp 21, trực tuyến 4" in result.describe()


def test_a_deputy_does_not_count_for_the_member_they_replace() -> None:
    result = check_quorum([P] * 17 + [D] * 10)
    assert result.attending == 17 and not result.met, "deputies are not Government members"
    text = result.describe()
    assert "10 thành viên cử cấp phó dự thay" in text
    assert "KHÔNG đủ điều kiện" in text and "Cần ít nhất 18" in text


def test_members_left_off_the_list_are_not_attending() -> None:
    result = check_quorum([P] * 18, members=27)
    assert result.met and result.absent_excused == 9
    assert not check_quorum([P] * 17, members=27).met


def test_nonsense_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        required_for_quorum(0)
    with pytest.raises(ValueError, match="at least one member"):
        check_quorum([])
    with pytest.raises(ValueError, match="3 attendance states for 2 members"):
        check_quorum([P, P, P], members=2)
