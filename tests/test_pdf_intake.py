"""PDF intake through the real upload route: accept what readers open, refuse what lies.

Each file is made in the test; qpdf and poppler's pdfinfo judge what readers accept,
independently of the server's own PDF library.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support.actors import Clerk
from support.pdfs import make_pdf, one_page_objects, write_pdf
from support.server import ServerProcess

from ecabinet.errors import ServerError


def _pdfinfo(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, errors="replace", check=False
    )


def _qpdf_check(path: Path) -> int:
    # 0: clean; 3: warnings only (damage qpdf repaired); 2: errors.
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False)
    return checked.returncode


def _encrypt(source: Path, target: Path, user_password: str) -> Path:
    subprocess.run(
        ["qpdf", "--encrypt", user_password, "owner-secret", "256", "--", str(source), str(target)],
        check=True,
    )
    return target


@pytest.fixture(scope="module")
def clerk(server: ServerProcess) -> Clerk:
    return Clerk(server.url)


@pytest.fixture(scope="module")
def meeting_id(clerk: Clerk) -> str:
    return str(clerk.create_meeting("Phiên họp nhận tài liệu", ["bt.taichinh"])["id"])


def _refused(clerk: Clerk, meeting_id: str, path: Path) -> ServerError:
    with pytest.raises(ServerError) as refused:
        clerk.upload(meeting_id, path)
    assert refused.value.status == 422
    return refused.value


def test_an_owner_password_only_pdf_is_accepted_as_it_is(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    secured = _encrypt(make_pdf(tmp_path / "plain.pdf", pages=2), tmp_path / "secured.pdf", "")
    judge = _pdfinfo(secured)
    assert judge.returncode == 0 and re.search(r"^Encrypted:\s+yes", judge.stdout, re.M)
    upload = clerk.upload(meeting_id, secured)
    assert upload["version"]["pages"] == 2
    served = clerk.api.request("GET", f"/api/v1/files/{upload['version']['sha256']}")
    assert served.content == secured.read_bytes()  # stored byte for byte, not decrypted


def test_a_pdf_that_needs_a_password_is_refused(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    locked = _encrypt(make_pdf(tmp_path / "plain.pdf"), tmp_path / "locked.pdf", "mat-khau")
    assert _pdfinfo(locked).returncode != 0  # readers ask for the password
    error = _refused(clerk, meeting_id, locked)
    assert error.code == "encrypted_pdf" and "mật khẩu" in str(error)


def test_a_pdf_missing_only_its_eof_marker_is_accepted(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    no_eof = write_pdf(tmp_path / "no-eof.pdf", one_page_objects(), eof=False)
    assert b"%%EOF" not in no_eof.read_bytes()
    assert _qpdf_check(no_eof) == 0 and _pdfinfo(no_eof).returncode == 0
    assert clerk.upload(meeting_id, no_eof)["version"]["pages"] == 1


def test_a_pdf_with_a_damaged_xref_that_readers_repair_is_accepted(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    damaged = write_pdf(tmp_path / "xref.pdf", one_page_objects(), xref_shift=7)
    assert _qpdf_check(damaged) == 3  # damaged, and repaired
    assert _pdfinfo(damaged).returncode == 0
    assert clerk.upload(meeting_id, damaged)["version"]["pages"] == 1


def test_a_page_tree_that_lies_about_its_count_is_refused_saying_so(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    liar = write_pdf(tmp_path / "liar.pdf", one_page_objects(declared_pages=1_000_000))
    judge = _pdfinfo(liar)
    assert not re.search(r"^Pages:\s+1000000$", judge.stdout, re.M)  # poppler disbelieves it
    error = _refused(clerk, meeting_id, liar)
    assert error.code == "page_count_mismatch"
    assert "1000000" in error.message_en and "holds 1" in error.message_en
    assert "1000000 trang" in str(error)


def test_control_characters_in_a_pdfs_own_title_are_stripped(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    # UTF-16 with a BOM: "Tờ\x00 trình\n số 5" — a NUL that PostgreSQL cannot store.
    title = "Tờ\x00 trình\n số 5".encode("utf-16-be").hex().upper().encode()
    path = write_pdf(
        tmp_path / "nul-title.pdf", one_page_objects(), info=b"<< /Title <FEFF%s> >>" % title
    )
    assert _pdfinfo(path).returncode == 0
    upload = clerk.upload(meeting_id, path)  # no title given: the PDF's own is used
    assert upload["document"]["title"] == "Tờ trình số 5"


def test_an_overlong_pdf_title_is_cut_to_what_the_catalogue_keeps(
    clerk: Clerk, meeting_id: str, tmp_path: Path
) -> None:
    path = write_pdf(
        tmp_path / "long-title.pdf", one_page_objects(), info=b"<< /Title (%s) >>" % (b"A" * 3000)
    )
    assert len(clerk.upload(meeting_id, path)["document"]["title"]) == 1000
