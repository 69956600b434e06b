"""``ecabinet edxml import`` through the real command line, against the real server,
from a secretariat clerk's logged-in profile."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from support.actors import PASSWORD
from support.cli import run_cli
from support.server import ServerProcess

from ecabinet.client import preparation as prep
from ecabinet.client.workspace import Workspace
from ecabinet.timeutil import utcnow
from tests.support.edxml_packages import (
    Part,
    default_parts,
    inline_package,
    make_signer,
    small_pdf,
)

DATA = Path(__file__).parent / "data" / "edxml"


def test_import_from_the_command_line(server: ServerProcess, tmp_path: Path) -> None:
    profile = tmp_path / "clerk"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login("vpcp.clerk", PASSWORD)
        api = workspace.api
        meeting = prep.create_meeting(api, prep.MeetingDraft(
            "Phiên họp nhập gói tin từ dòng lệnh", utcnow() + timedelta(days=3)))  # fmt: skip
        item = prep.add_item(api, meeting["id"], prep.ItemDraft("Dự thảo Nghị quyết"))
    finally:
        workspace.close()
    target = ("--profile-dir", profile, "--meeting", meeting["id"], "--item", item["id"])

    done = run_cli("edxml", "import", *target, DATA / "valid-inline.edxml")
    assert "Đã nhập 1 tài liệu" in done.stdout and "1234/TTr-BKHĐT" in done.stdout
    assert "+ Tờ trình 1234.pdf: Tờ trình về dự thảo Nghị quyết" in done.stdout
    assert "- Phụ lục.txt: bỏ qua / skipped" in done.stdout, done.stdout

    # The same package again: told, exit 2, nothing more on the item.
    again = run_cli("edxml", "import", *target, DATA / "valid-inline.edxml", check=False)
    assert again.returncode == 2, again.stdout + again.stderr
    assert "duplicate_document" in again.stderr and "«Tờ trình 1234.pdf»" in again.stderr

    broken = tmp_path / "hong.edxml"
    broken.write_bytes(inline_package([
        Part("Tờ trình mới.pdf", "application/pdf", small_pdf(b"Moi"), "moi@x"),
        Part("Dự thảo hỏng.pdf", "application/pdf", b"%PDF-1.7 hong", "hong@x"),
    ]))  # fmt: skip
    refused = run_cli("edxml", "import", *target, broken, "--json", check=False)
    assert refused.returncode == 2
    error = json.loads(refused.stdout)["error"]
    assert error["code"] == "edxml_invalid_pdf" and "Dự thảo hỏng.pdf" in error["message"]

    other = tmp_path / "khac.edxml"
    other.write_bytes(inline_package([
        Part("Báo cáo thẩm định.pdf", "application/pdf", small_pdf(b"Tham dinh"), "td@x"),
        default_parts()[1],
    ]))  # fmt: skip
    result = json.loads(run_cli("edxml", "import", *target, other, "--json").stdout)
    assert [p["name"] for p in result["papers"]] == ["Báo cáo thẩm định.pdf"]
    assert result["skipped"] == [{"name": "Phụ lục.txt", "content_type": "text/plain",
                                  "reason": "not_pdf", "same_as": None}]  # fmt: skip

    workspace = Workspace(profile)
    try:
        papers = prep.meeting_contents(workspace.api, meeting["id"]).documents_of(item["id"])
    finally:
        workspace.close()
    assert [d["id"] for d in papers][1:] == [result["papers"][0]["document_id"]]
    assert len(papers) == 2, "a refused import must leave nothing behind"

    # A package changed after it was signed is imported, with a warning on stderr.
    signed = inline_package([Part("Công văn.pdf", "application/pdf", small_pdf(b"CV"), "cv@x")],
                            signer=make_signer())  # fmt: skip
    tampered = tmp_path / "bi-sua.edxml"
    tampered.write_bytes(signed.replace("Hà Nội".encode(), "Huế".encode()))
    warned = run_cli("edxml", "import", *target, tampered)
    assert "does NOT verify" in warned.stderr and "Đã nhập 1 tài liệu" in warned.stdout


def test_import_without_a_profile_is_refused(tmp_path: Path) -> None:
    answer = run_cli("edxml", "import", "--profile-dir", tmp_path, "--meeting", "m",
                     "--item", "i", DATA / "valid-inline.edxml", check=False)  # fmt: skip
    assert answer.returncode == 2 and "no_profile" in answer.stderr
