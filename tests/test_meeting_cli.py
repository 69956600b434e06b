"""``ecabinet meeting`` end to end: the real server over TLS, the real command line in a
subprocess (the clerk's profile keeps its session between commands, as on a clerk's
computer), and a member's real sync seeing what was prepared. Each bad input must give
a clear message, a non-zero exit, and change nothing on the server."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from support.actors import PASSWORD
from support.cli import run_cli
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client import preparation as prep
from ecabinet.client.api import ApiClient
from ecabinet.client.workspace import Workspace
from ecabinet.timeutil import VIETNAM_TZ, utcnow

MEMBERS = ("bt.taichinh", "bt.tuphap", "bt.ytte")


def _future(days: int) -> str:
    """A time as a clerk types it: Hà Nội's wall clock, no zone."""
    return (utcnow() + timedelta(days=days)).astimezone(VIETNAM_TZ).strftime("%Y-%m-%dT%H:%M")


class ClerkCli:
    """The clerk's profile on this computer, driving the real ``ecabinet meeting``."""

    def __init__(self, server: ServerProcess, folder: Path) -> None:
        self.profile = folder / "clerk"
        out = self.run("list", "--server", server.url, "--username", "vpcp.clerk",
                       "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
        assert out.returncode == 0, out.stderr

    def run(self, action: str, *args: str | Path, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:  # fmt: skip
        return run_cli("meeting", action, "--profile-dir", self.profile, *args,
                       stdin=stdin, check=False)  # fmt: skip

    def json(self, action: str, *args: str | Path) -> Any:
        out = self.run(action, *args, "--json")
        assert out.returncode == 0, f"meeting {action} failed:\n{out.stderr}"
        return json.loads(out.stdout)

    def refused(self, action: str, *args: str | Path) -> str:
        """The one clear message of a refused command (exit status 2, nothing on stdout)."""
        out = self.run(action, *args)
        assert out.returncode == 2, f"meeting {action} should be refused:\n{out.stdout}"
        assert out.stdout == "" and "Traceback" not in out.stderr, out.stderr
        assert out.stderr.startswith("ecabinet: "), out.stderr
        return out.stderr


def _login(server: ServerProcess, username: str) -> ApiClient:
    api = ApiClient(server.url)
    api.login(username, PASSWORD)
    return api


def _server_state(api: ApiClient) -> Any:
    """Everything a refused command could have changed, as the server holds it."""
    state = []
    for meeting in prep.list_meetings(api):
        contents = prep.meeting_contents(api, meeting["id"])
        report = api.get_json(f"/api/v1/meetings/{meeting['id']}/attendance")
        state.append((contents.meeting, contents.items, contents.documents,
                      prep.list_ballots(api, meeting["id"]), report["records"]))  # fmt: skip
    return state


def test_a_clerk_prepares_a_meeting_by_script_and_a_member_sync_sees_it(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = ClerkCli(server, tmp_path)
    meeting = clerk.json(
        "create", "--title", "Phiên họp Chính phủ chuyên đề về xây dựng pháp luật",
        "--kind", "chuyen-de", "--starts", _future(6), "--place", "Phòng họp Chính phủ",
        "--participant", *MEMBERS, "--deputy", "bt.ytte=Trần Văn Thứ",
    )  # fmt: skip
    assert (meeting["status"], meeting["kind"]) == ("draft", "thematic")
    api = _login(server, "vpcp.clerk")
    assert prep.deputies_of(api, meeting["id"]) == {
        u["id"]: "Trần Văn Thứ" for u in api.get_json("/api/v1/users") if u["username"] == "bt.ytte"
    }
    land = clerk.json("add-item", meeting["id"], "--title", "Dự án Luật Đất đai (sửa đổi)",
                      "--ministry", "Bộ Nông nghiệp và Môi trường")  # fmt: skip
    tax = clerk.json("add-item", meeting["id"], "--title", "Dự thảo Nghị định về thuế",
                     "--ministry", "Bộ Tài chính")  # fmt: skip
    order = clerk.json("reorder", meeting["id"], tax["id"], land["id"])
    assert [i["title"] for i in order] == [
        "Dự thảo Nghị định về thuế",
        "Dự án Luật Đất đai (sửa đổi)",
    ]
    # No --meeting: the item's meeting is found by itself.
    pdf = make_pdf(tmp_path / "to-trinh.pdf", 2, "Tờ trình")
    paper = clerk.json("upload", tax["id"], pdf, "--title", "Tờ trình về thuế",
                       "--number", "125/TTr-BTC")["document"]  # fmt: skip
    assert (paper["title"], paper["number"]) == ("Tờ trình về thuế", "125/TTr-BTC")
    second = clerk.json("new-version", paper["id"],
                        make_pdf(tmp_path / "to-trinh-2.pdf", 3, "Tờ trình (sửa)"),
                        "--note", "Bổ sung phụ lục số liệu")  # fmt: skip
    assert second["version"]["change_note"] == "Bổ sung phụ lục số liệu"
    ballot = clerk.json(
        "ballot", meeting["id"], "--question", "Đồng ý thông qua dự thảo Nghị định?",
        "--deadline", _future(3), "--eligible", "bt.taichinh", "bt.tuphap",
        "--comment-required", "disagree", "other", "--paper", paper["id"], "--item", tax["id"],
    )  # fmt: skip
    assert ballot["status"] == "open" and ballot["comment_required"] == ["disagree", "other"]
    assert clerk.json("publish", meeting["id"])["status"] == "published"

    # The member's own laptop, through the real command line.
    laptop = tmp_path / "minister"
    run_cli("sync", "--server", server.url, "--username", "bt.taichinh", "--password-stdin",
            "--profile-dir", laptop, stdin=PASSWORD + "\n")  # fmt: skip
    status = json.loads(run_cli("status", "--profile-dir", laptop, "--json").stdout)
    seen = {m["id"]: m for m in status["meetings"]}
    assert seen[meeting["id"]]["title"] == "Phiên họp Chính phủ chuyên đề về xây dựng pháp luật"
    assert (seen[meeting["id"]]["agenda_items"], seen[meeting["id"]]["documents"]) == (2, 1)
    mine = [d for d in status["documents"] if d["id"] == paper["id"]]
    assert [(d["version_no"], d["pages"], d["file_verified"]) for d in mine] == [(2, 3, True)]
    assert ballot["id"] in [b["id"] for b in status["ballots"]]

    # Following the meeting: dashboard (also as CSV), a reminder, attendance, conclusion.
    table = tmp_path / "bang.csv"
    dashboard = clerk.json("dashboard", meeting["id"], "--csv", table)
    synced = {r["full_name"]: r["pack_synced"] for r in dashboard["participants"]}
    assert synced == {"Lê Minh Khoa": True, "Phạm Quốc Bảo": False, "Đỗ Thị Lan": False}
    rows = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["Họ và tên", "Chức vụ"] and len(rows) == 4
    assert clerk.json("remind", meeting["id"], "bt.tuphap", "--text", "Xin đọc tờ trình")[
        "reminded"] == ["bt.tuphap"]  # fmt: skip
    report = clerk.json("attendance", meeting["id"], "bt.taichinh=present", "bt.tuphap=remote",
                        "bt.ytte=represented:Trần Văn Thứ")  # fmt: skip
    assert report["quorum"]["attending"] == 2
    shown = clerk.json("show", meeting["id"])
    revision = next(i["revision"] for i in shown["items"] if i["id"] == tax["id"])
    concluded = clerk.json("conclude", tax["id"], "--text", "Thông qua, giao Bộ Tài chính hoàn "
                           "thiện.", "--revision", str(revision))  # fmt: skip
    assert concluded["conclusion"] == "Thông qua, giao Bộ Tài chính hoàn thiện."
    listing = clerk.run("list")
    assert listing.returncode == 0 and meeting["id"] in listing.stdout, listing.stderr
    assert "[đã gửi, chuyên đề]" in listing.stdout, listing.stdout
    shown_text = clerk.run("show", meeting["id"]).stdout
    assert "1. Dự thảo Nghị định về thuế — Bộ Tài chính" in shown_text, shown_text
    assert f"Tờ trình về thuế 125/TTr-BTC ({paper['id']})" in shown_text, shown_text
    board = clerk.run("dashboard", meeting["id"]).stdout
    # The conclusion is newer than the minister's last sync: the pack is no longer current.
    assert "Lê Minh Khoa: chưa đồng bộ, đọc 0/1 tài liệu, trả lời 0/1 phiếu" in board, board
    assert "Đỗ Thị Lan: chưa đồng bộ, đọc 0/1 tài liệu, trả lời 0/0 phiếu" in board, board


def test_a_classified_item_is_published_where_the_server_s_policy_allows_it(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory("--allow-classified-distribution")
    clerk = ClerkCli(server, tmp_path)
    meeting = clerk.json("create", "--title", "Phiên họp về quốc phòng", "--starts",
                         _future(4), "--participant", "bt.taichinh")  # fmt: skip
    clerk.json("add-item", meeting["id"], "--title", "Đề án", "--classification", "mat")
    assert clerk.json("publish", meeting["id"])["status"] == "published"


def test_a_profile_without_a_session_is_told_how_to_log_in(
    server: ServerProcess, tmp_path: Path
) -> None:
    workspace = Workspace(tmp_path / "clerk", server_url=server.url)
    try:  # the clerk logged out of this profile: its session is gone
        workspace.login("vpcp.clerk", PASSWORD)
        workspace.logout()
    finally:
        workspace.close()
    out = run_cli("meeting", "list", "--profile-dir", tmp_path / "clerk", check=False)
    assert out.returncode == 2 and "--password-stdin" in out.stderr, out.stderr
    assert "login_required" in out.stderr, out.stderr


def test_a_folder_without_a_profile_is_refused_before_any_request(tmp_path: Path) -> None:
    out = run_cli("meeting", "list", "--profile-dir", tmp_path / "none", check=False)
    assert out.returncode == 2 and "chưa có hồ sơ eCabinet" in out.stderr, out.stderr
    assert not (tmp_path / "none").exists(), "a refused command must not create a profile"


def test_bad_inputs_are_refused_clearly_and_change_nothing(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = ClerkCli(server, tmp_path)
    meeting = clerk.json("create", "--title", "Phiên họp kiểm tra", "--starts", _future(5),
                         "--participant", "bt.taichinh", "bt.tuphap")  # fmt: skip
    item = clerk.json("add-item", meeting["id"], "--title", "Đề án quốc phòng",
                      "--classification", "toi-mat")  # fmt: skip
    plain = clerk.json("add-item", meeting["id"], "--title", "Báo cáo kinh tế")
    clerk.json("conclude", plain["id"], "--text", "Kết luận đầu tiên")  # revision 1 -> 2
    api = _login(server, "vpcp.clerk")
    before = _server_state(api)
    bad_pdf = tmp_path / "hong.pdf"
    bad_pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    nul_file = tmp_path / "ket-luan.txt"
    nul_file.write_bytes("Kết luận\x00 có ký tự rỗng".encode())
    past = (utcnow() - timedelta(hours=2)).astimezone(VIETNAM_TZ).strftime("%Y-%m-%dT%H:%M")
    cases = {
        "past start": (("create", "--title", "Phiên họp muộn", "--starts", past,
                        "--participant", "bt.taichinh"), "Thời gian họp"),
        "past deadline": (("ballot", meeting["id"], "--question", "Đồng ý?",
                           "--deadline", "2020-01-01T08:00"), "Hạn gửi phiếu"),
        "control character in a title": (("create", "--title", "Phiên họp\x1b[31m đỏ",
                                          "--starts", _future(5), "--participant",
                                          "bt.taichinh"), "ký tự điều khiển"),
        "NUL byte in a conclusion": (("conclude", plain["id"], "--text-file", nul_file),
                                     "ký tự điều khiển"),
        "unknown participant": (("create", "--title", "Phiên họp mới", "--starts", _future(5),
                                 "--participant", "bt.taichinh", "bt.khongco"), "bt.khongco"),
        "unknown eligible": (("ballot", meeting["id"], "--question", "Đồng ý?", "--deadline",
                              _future(2), "--eligible", "bt.khongco"), "bt.khongco"),
        "deputy of someone not invited": (("create", "--title", "Phiên họp mới", "--starts",
                                           _future(5), "--participant", "bt.taichinh",
                                           "--deputy", "bt.ytte=Trần Văn Thứ"), "bt.ytte"),
        "corrupt PDF": (("upload", plain["id"], bad_pdf, "--meeting", meeting["id"]),
                        "Chưa có gì được tải lên"),
        "classified item published": (("publish", meeting["id"]), "Tối mật"),
        "stale revision": (("conclude", plain["id"], "--text", "Kết luận khác",
                            "--revision", "1"), "người khác sửa"),
        "bad attendance": (("attendance", meeting["id"], "bt.taichinh=present",
                            "bt.tuphap=represented"), "represented:"),
        "reorder missing an item": (("reorder", meeting["id"], item["id"]), "Thứ tự mới"),
        "deputy's name too long": (("create", "--title", "Phiên họp mới", "--starts",
                                    _future(5), "--participant", "bt.taichinh", "--deputy",
                                    "bt.taichinh=" + "Trần" * 80), "quá giới hạn 300"),
        "unreadable time": (("create", "--title", "Phiên họp", "--starts", "mai 8 giờ",
                             "--participant", "bt.taichinh"), "2026-12-03T08:30"),
    }  # fmt: skip
    for name, (command, expected) in cases.items():
        message = clerk.refused(*command)
        assert expected in message, f"{name}: {message}"
        assert _server_state(api) == before, f"{name} changed something on the server"


def test_edit_changes_only_what_is_given_and_cancel(server: ServerProcess, tmp_path: Path) -> None:
    clerk = ClerkCli(server, tmp_path)
    meeting = clerk.json("create", "--title", "Phiên họp thường kỳ tháng 12", "--starts",
                         _future(7), "--place", "Phòng họp Chính phủ",
                         "--participant", "bt.taichinh", "bt.tuphap")  # fmt: skip
    edited = clerk.json("edit", meeting["id"], "--title", "Phiên họp thường kỳ tháng 12/2026",
                        "--deputy", "bt.tuphap=Nguyễn Thị Phó")  # fmt: skip
    assert edited["title"] == "Phiên họp thường kỳ tháng 12/2026"
    assert sorted(edited["participants"]) == sorted(meeting["participants"])
    api = _login(server, "vpcp.clerk")
    contents = prep.meeting_contents(api, meeting["id"]).meeting
    assert (contents["location"], contents["starts_at"]) == ("Phòng họp Chính phủ",
                                                             meeting["starts_at"])  # fmt: skip
    assert list(prep.deputies_of(api, meeting["id"]).values()) == ["Nguyễn Thị Phó"]
    assert "Chưa có gì để sửa" in clerk.refused("edit", meeting["id"])

    item = clerk.json("add-item", meeting["id"], "--title", "Dự thảo Nghị định",
                      "--ministry", "Bộ Tư pháp")  # fmt: skip
    edited_item = clerk.json("edit-item", item["id"], "--classification", "mat")
    assert (edited_item["title"], edited_item["presenter"], edited_item["classification"]) == (
        "Dự thảo Nghị định", "Bộ Tư pháp", "mat",
    )  # fmt: skip
    stale = clerk.refused("edit-item", item["id"], "--title", "Tên khác",
                          "--revision", str(item["revision"]))  # fmt: skip
    assert "người khác sửa" in stale
    cleared = clerk.json("edit-item", item["id"], "--classification", "none",
                         "--meeting", meeting["id"])  # fmt: skip
    assert (cleared["title"], cleared["classification"]) == ("Dự thảo Nghị định", "")
    clerk.json("delete-item", item["id"])
    assert prep.meeting_contents(api, meeting["id"]).items == []
    assert clerk.json("cancel", meeting["id"])["status"] == "cancelled"


@pytest.mark.parametrize("username", ["bt.taichinh"])
def test_a_member_cannot_prepare_meetings(
    server: ServerProcess, tmp_path: Path, username: str
) -> None:
    out = run_cli("meeting", "create", "--profile-dir", tmp_path / "member", "--server",
                  server.url, "--username", username, "--password-stdin", "--title", "Họp riêng",
                  "--starts", _future(3), "--participant", "bt.tuphap",
                  stdin=PASSWORD + "\n", check=False)  # fmt: skip
    assert out.returncode == 2 and "ecabinet: " in out.stderr, out.stderr
    api = _login(server, "vpcp.clerk")
    assert "Họp riêng" not in [m["title"] for m in prep.list_meetings(api)]


def test_invited_guests_by_script_in_order_kept_on_edit_and_refused_when_bad(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = ClerkCli(server, tmp_path)
    meeting = clerk.json("create", "--title", "Phiên họp có khách mời", "--starts", _future(7),
                         "--participant", "bt.taichinh",
                         "--guest", "Nguyễn Văn Quảng|Chánh án Tòa án nhân dân tối cao",
                         "--guest", "  Lê Thị   Hạnh  ")  # fmt: skip
    assert meeting["guests"] == [
        {"name": "Nguyễn Văn Quảng", "position": "Chánh án Tòa án nhân dân tối cao"},
        {"name": "Lê Thị Hạnh", "position": ""},
    ]
    # An edit that does not name guests keeps them; --guest gives the whole new list.
    kept = clerk.json("edit", meeting["id"], "--place", "Hội trường")
    assert kept["guests"] == meeting["guests"]
    replaced = clerk.json("edit", meeting["id"], "--guest", "Đoàn Minh Tú|Thống đốc")
    assert replaced["guests"] == [{"name": "Đoàn Minh Tú", "position": "Thống đốc"}]
    api = _login(server, "vpcp.clerk")
    before = _server_state(api)
    too_many = [w for n in range(51) for w in ("--guest", f"Khách {n}")]
    cases = {
        "no name": (("--guest", "|Thống đốc"), "Tên khách mời"),
        "control character": (("--guest", "Đoàn\x1b[31m Tú|Thống đốc"), "ký tự điều khiển"),
        "name too long": (("--guest", "Trần" * 60), "quá giới hạn 200"),
        "too many": (tuple(too_many), "Tối đa 50"),
    }
    for name, (words, expected) in cases.items():
        for command in (("edit", meeting["id"]), ("create", "--title", "Phiên họp khác",
                                                  "--starts", _future(5), "--participant",
                                                  "bt.taichinh")):  # fmt: skip
            message = clerk.refused(*command, *words)
            assert expected in message, f"{name}: {message}"
        assert _server_state(api) == before, f"{name} changed something on the server"
