"""The meeting's record from the server's data, without the window: attendance and
conclusions through the client, refusals before anything is made, the minutes signed
on a SoftHSM2 token, published, and made again as a new version of the same paper.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.actors import PASSWORD, Clerk
from support.pki import Authority, SoftToken
from support.server import ServerProcess

from ecabinet.client import meeting_day, meeting_record
from ecabinet.client.api import ServerError
from ecabinet.client.meeting_day import AttendanceRow
from ecabinet.client.meeting_record import MinutesOptions
from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError
from ecabinet.minutes.attachments import EmbeddedFile, embed_files, embedded_files
from ecabinet.quorum import Attendance
from ecabinet.signing import Pkcs11Token, verify_pdf_bytes
from ecabinet.signing.verify import load_trust_roots

EVERYONE = ("bt.taichinh", "bt.tuphap", "bt.ytte")
SIGNER = "Nguyễn Thị Thư Ký"  # the token's certificate (tests/test_signing.py)
OPTIONS = MinutesOptions(
    minutes_sequence=7, resolution_sequence=31, chair_name="Phạm Minh Đức",
    chair_title="Thủ tướng Chính phủ", secretary_name=SIGNER,
)  # fmt: skip


@pytest.fixture
def clerk_laptop(server: ServerProcess, tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(tmp_path / "clerk", server_url=server.url)
    workspace.login("vpcp.clerk", PASSWORD)
    yield workspace
    workspace.close()


def _meeting(server: ServerProcess, title: str) -> tuple[Clerk, str, list[str]]:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting(title, ["bt.taichinh", "bt.tuphap", "bt.ytte"])
    items = [
        clerk.add_item(meeting["id"], "Dự án Luật Đất đai (sửa đổi)")["id"],
        clerk.add_item(meeting["id"], "Dự thảo Nghị định về thuế")["id"],
    ]
    return clerk, meeting["id"], items


def _token_signer(token: SoftToken) -> Pkcs11Token:
    return Pkcs11Token(token.module, token.label, token.key_label, token.pin)


def test_the_quorum_on_screen_is_two_thirds_of_all_members() -> None:
    states = [Attendance.PRESENT] * 12 + [Attendance.REMOTE] * 6 + [None] * 3
    met = meeting_day.live_quorum(states, 27)
    assert met is not None and (met.attending, met.required, met.met) == (18, 18, True)
    short = meeting_day.live_quorum(states[1:], 27)
    assert short is not None and (short.attending, short.met) == (17, False)
    # A deputy does not count; nor does a member not recorded yet.
    deputies = meeting_day.live_quorum([Attendance.REPRESENTED] * 3 + [Attendance.PRESENT], 4)
    assert deputies is not None and (deputies.attending, deputies.met) == (1, False)
    assert meeting_day.live_quorum([Attendance.PRESENT], 0) is None


def test_refusals_come_before_anything_is_made(
    server: ServerProcess, clerk_laptop: Workspace, tmp_path: Path
) -> None:
    clerk, meeting_id, items = _meeting(server, "Phiên họp chưa điểm danh đủ")
    api = clerk_laptop.api
    ids = clerk.users
    with pytest.raises(InputError) as no_deputy:
        meeting_day.save_attendance(
            api, meeting_id, [AttendanceRow(ids["bt.ytte"], Attendance.REPRESENTED, "  ")]
        )
    assert no_deputy.value.code == "deputy_name"
    with pytest.raises(InputError):
        meeting_day.save_attendance(api, meeting_id, [])
    meeting_day.save_attendance(
        api, meeting_id, [AttendanceRow(ids["bt.taichinh"], Attendance.PRESENT)]
    )
    with pytest.raises(InputError) as incomplete:
        meeting_record.gather(api, meeting_id, OPTIONS, trusted=[])
    assert incomplete.value.code == "attendance_incomplete"
    assert "Phạm Quốc Bảo" in incomplete.value.message and "Đỗ Thị Lan" in incomplete.value.message
    meeting_day.save_attendance(
        api, meeting_id,
        [AttendanceRow(ids["bt.tuphap"], Attendance.REMOTE),
         AttendanceRow(ids["bt.ytte"], Attendance.ABSENT_EXCUSED)],
    )  # fmt: skip
    meeting_day.save_conclusion(api, items[0], "Thông qua.", 1)
    with pytest.raises(InputError) as unconcluded:
        meeting_record.gather(api, meeting_id, OPTIONS, trusted=[])
    assert unconcluded.value.code == "conclusion_missing"
    assert "Nghị định về thuế" in unconcluded.value.message
    # A conclusion written from an old revision is refused, and changes nothing.
    with pytest.raises(ServerError) as stale:
        meeting_day.save_conclusion(api, items[0], "Không thông qua.", 1)
    assert stale.value.status == 409 and stale.value.code == "edit_conflict"
    assert "người khác sửa" in stale.value.message
    meeting_day.save_conclusion(api, items[1], "Giao Bộ Tài chính hoàn thiện.", None)
    with pytest.raises(InputError) as no_chair:
        meeting_record.gather(
            api, meeting_id, MinutesOptions(7, 31, " ", "Thủ tướng", SIGNER), trusted=[]
        )
    assert "chủ tọa" in no_chair.value.message
    with pytest.raises(InputError) as bad_number:
        meeting_record.gather(api, meeting_id, MinutesOptions(0, 31, "A", "B", "C"), trusted=[])
    assert bad_number.value.code == "bad_number"
    gathered = meeting_record.gather(api, meeting_id, OPTIONS, trusted=[])
    assert gathered.minutes.quorum.met and gathered.minutes.conclusions[0].conclusion == (
        "Thông qua."
    )


def test_minutes_signed_on_a_token_published_and_made_again_as_a_new_version(
    server: ServerProcess,
    clerk_laptop: Workspace,
    token: SoftToken,
    root: Authority,
    tmp_path: Path,
) -> None:
    clerk, meeting_id, items = _meeting(
        server, "Phiên họp Chính phủ chuyên đề về xây dựng pháp luật"
    )
    api, ids = clerk_laptop.api, clerk.users
    meeting_day.save_attendance(
        api, meeting_id,
        [AttendanceRow(ids["bt.taichinh"], Attendance.PRESENT),
         AttendanceRow(ids["bt.tuphap"], Attendance.ABSENT_EXCUSED),
         AttendanceRow(ids["bt.ytte"], Attendance.REPRESENTED, "Thứ trưởng Trần Văn Hòa")],
    )  # fmt: skip
    for item_id in items:
        meeting_day.save_conclusion(api, item_id, "Thông qua; giao cơ quan trình hoàn thiện.", None)

    numbers = meeting_record.make_and_publish(
        clerk_laptop, meeting_id, OPTIONS, _token_signer(token)
    )
    assert numbers == ("7/BB-CP", "31/NQ-CP", 0)
    papers = {
        d["number"]: d for d in clerk.api.get_json(f"/api/v1/meetings/{meeting_id}")["documents"]
    }
    assert papers["7/BB-CP"]["title"] == meeting_record.MINUTES_TITLE
    assert papers["7/BB-CP"]["agenda_item_id"] is None  # a paper of the meeting itself
    first = clerk.api.get_json(f"/api/v1/documents/{papers['7/BB-CP']['id']}")["versions"]
    assert len(first) == 1

    data = clerk.api.request("GET", f"/api/v1/files/{first[0]['sha256']}").content
    verdict = verify_pdf_bytes(data, load_trust_roots([root.pem_path]))
    assert verdict.ok and verdict.signatures[0].signer_name == SIGNER
    saved = tmp_path / "bien-ban.pdf"
    saved.write_bytes(data)
    assert subprocess.run(["qpdf", "--check", str(saved)], capture_output=True).returncode == 0
    # The quorum was not met (1 of 3): the minutes say so rather than hide it.
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
    assert "KHÔNG đủ điều kiện" in text and "Trần Văn Hòa" in text

    # Made again (a corrected conclusion): the same paper gets a new version, not a twin.
    meeting_day.save_conclusion(api, items[1], "Chưa thông qua; trình lại tại phiên sau.", None)
    meeting_record.make_and_publish(clerk_laptop, meeting_id, OPTIONS, _token_signer(token))
    again = clerk.api.get_json(f"/api/v1/meetings/{meeting_id}")["documents"]
    assert sorted(d["number"] for d in again) == ["31/NQ-CP", "7/BB-CP"]
    versions = clerk.api.get_json(f"/api/v1/documents/{papers['7/BB-CP']['id']}")["versions"]
    assert len(versions) == 2


def test_a_wrong_pin_publishes_nothing(
    server: ServerProcess,
    clerk_laptop: Workspace,
    token: SoftToken,
) -> None:
    from ecabinet.signing import SigningError

    clerk, meeting_id, items = _meeting(server, "Phiên họp ký sai mã PIN")
    api, ids = clerk_laptop.api, clerk.users
    meeting_day.save_attendance(
        api, meeting_id,
        [AttendanceRow(ids[u], Attendance.PRESENT) for u in EVERYONE],
    )  # fmt: skip
    for item_id in items:
        meeting_day.save_conclusion(api, item_id, "Thông qua.", None)
    wrong = Pkcs11Token(token.module, token.label, token.key_label, "000000")
    with pytest.raises(SigningError) as refused:
        meeting_record.make_and_publish(clerk_laptop, meeting_id, OPTIONS, wrong)
    assert refused.value.code == "wrong_pin" and "khóa" in refused.value.message
    assert clerk.api.get_json(f"/api/v1/meetings/{meeting_id}")["documents"] == []


def test_bundles_embedded_in_a_pdf_come_back_byte_for_byte(tmp_path: Path) -> None:
    from support.pdfs import make_pdf

    source = make_pdf(tmp_path / "a.pdf", 1, "Biên bản").read_bytes()
    files = [EmbeddedFile("ket-qua-1.json", b'{"a": 1}\n', "Gói 1"), EmbeddedFile("b.json", b"")]
    out = embed_files(source, files)
    assert embedded_files(out) == {"ket-qua-1.json": b'{"a": 1}\n', "b.json": b""}
    assert embedded_files(source) == {}


def test_attachment_names_from_a_pdf_cannot_leave_the_folder(
    tmp_path: Path,
    root: Authority,
) -> None:
    from support.cli import run_cli
    from support.pdfs import make_pdf

    source = make_pdf(tmp_path / "a.pdf", 1, "Biên bản").read_bytes()
    hostile = tmp_path / "hostile.pdf"
    hostile.write_bytes(
        embed_files(
            source,
            [
                EmbeddedFile("../../thoat-ra.json", b"1"),
                EmbeddedFile(".bashrc", b"2"),
                EmbeddedFile("x/../../thoat-ra.json", b"3"),
            ],
        )
    )
    out = tmp_path / "ra" / "day"
    done = run_cli("verify-pdf", hostile, "--trust-root", root.pem_path,
                   "--save-attachments", out, check=False)  # fmt: skip
    assert done.returncode == 1  # not signed: said so, the attachments saved all the same
    saved = {p.name: p.read_bytes() for p in out.iterdir()}
    assert saved == {"tep-dinh-kem-2.bin": b"2", "thoat-ra.json": b"1", "tep-dinh-kem-3.bin": b"3"}
    assert (
        not (tmp_path / "thoat-ra.json").exists()
        and not (tmp_path / "ra" / "thoat-ra.json").exists()
    )
    assert all(p.parent == out for p in out.rglob("*"))
