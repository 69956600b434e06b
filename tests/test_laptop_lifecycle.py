"""A laptop that can be cut off: remote wipe, offline expiry, logout (issue 6, point 2).

Real server, real client, real keyring backend (tests/support/keyring_file_backend.py).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from keyring_file_backend import entries
from support.actors import PASSWORD, Secretariat
from support.cli import run_cli
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.workspace import Workspace
from ecabinet.errors import AuthError
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, utcnow

MINISTER = "bt.taichinh"


def _paper_and_ballot(server: ServerProcess, tmp_path: Path) -> tuple[Secretariat, dict, dict]:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ tháng 12/2026", [MINISTER])
    doc = clerk.upload(meeting["id"], make_pdf(tmp_path / "totrinh.pdf", 2), title="Tờ trình")
    ballot = clerk.create_ballot(meeting["id"], "Đồng ý?", document_ids=[doc["document"]["id"]])
    return clerk, doc, ballot


def _profile_secrets(workspace: Workspace) -> list[str]:
    """Keyring entries that belong to this profile (by server and user, or profile id)."""
    marks = (f"{workspace.server_url}|{MINISTER}", workspace.profile.profile_id)
    return [k for k in entries() if any(m in k for m in marks)]


def test_a_revoked_laptop_erases_itself_at_its_next_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    _clerk, doc, _ballot = _paper_and_ballot(server, tmp_path)
    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login(MINISTER, PASSWORD)
        assert workspace.sync().ok
        assert workspace.open_paper(doc["version"]["sha256"]) is not None
        assert _profile_secrets(workspace), "the profile keeps its secrets in the keyring"
        key_id = workspace.api.device["key_id"] if workspace.api.device else ""
        admin = ApiClient(server.url)
        admin.login("quantri", PASSWORD)
        admin.post_json(f"/api/v1/devices/{key_id}/revoke", {})

        report = workspace.sync()
        assert report.wiped and not report.ok
        assert [e.code for e in report.errors] == ["device_wiped"]
        assert "đã được xóa" in report.errors[0].message
        assert not profile.exists(), "the profile folder (store, papers) is erased"
        assert not _profile_secrets(workspace), "the profile key, token and signing key too"
    finally:
        workspace.close()


def test_the_command_line_erases_a_revoked_profile_and_says_why(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    _paper_and_ballot(server, tmp_path)
    profile = tmp_path / "laptop"
    first = run_cli("sync", "--server", server.url, "--username", MINISTER, "--profile-dir",
                    profile, "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert first.returncode == 0
    run_cli("admin", "revoke-device", "--key-id", _key_of(server), *server.admin_args())
    again = run_cli("sync", "--server", server.url, "--username", MINISTER, "--profile-dir",
                    profile, check=False)  # fmt: skip
    assert again.returncode == 3, again.stdout + again.stderr
    assert "device_wiped" in again.stderr and "đã được xóa" in again.stderr
    assert not profile.exists()


def _key_of(server: ServerProcess) -> str:
    listed = run_cli("admin", "list-devices", "--username", MINISTER, *server.admin_args())
    [line] = [row for row in listed.stdout.splitlines() if row.startswith(MINISTER)]
    return line.split()[1]


def test_a_profile_offline_too_long_locks_its_papers_and_keeps_its_queued_answers(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory("--offline-access-days", "3")
    clerk, doc, ballot = _paper_and_ballot(server, tmp_path)
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login(MINISTER, PASSWORD)
        assert workspace.sync().ok
        assert workspace.access_state().offline_days == 3  # the organisation's policy
        workspace.sign_opinion(ballot["id"], "agree", "Nhất trí.")  # queued, not sent

        # Four days without reaching the server (the clock of the last contact moved back).
        four_days_ago = isoformat(utcnow() - timedelta(days=4))
        workspace.store.write(lambda s: meta.put(s, meta.LAST_CONTACT_AT, four_days_ago))
        state = workspace.access_state()
        assert (state.locked, state.reason) == (True, "offline_expired")
        with pytest.raises(AuthError) as locked:
            workspace.open_paper(doc["version"]["sha256"])
        assert locked.value.code == "offline_expired" and "3 ngày" in locked.value.message
        report = workspace.sync()  # only a password login unlocks: nothing is sent
        assert [e.code for e in report.errors] == ["offline_expired"] and not report.online
        assert clerk.progress(ballot["id"])["received"] == 0
        assert workspace.status()["access"]["locked"] is True
        assert workspace.status()["outbox_pending"] >= 1  # the signed answer is kept

        workspace.login(MINISTER, PASSWORD)
        assert not workspace.access_state().locked
        assert workspace.sync().ok
        assert workspace.open_paper(doc["version"]["sha256"]) is not None
        [answer] = [m for m in clerk.progress(ballot["id"])["members"] if m["choice"]]
        assert answer["choice"] == "agree"
    finally:
        workspace.close()


def test_a_clock_wound_back_past_the_last_contact_locks_too(
    server: ServerProcess, tmp_path: Path
) -> None:
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login(MINISTER, PASSWORD)
        in_two_days = isoformat(utcnow() + timedelta(days=2))
        workspace.store.write(lambda s: meta.put(s, meta.LAST_CONTACT_AT, in_two_days))
        assert workspace.access_state().reason == "clock_moved"
    finally:
        workspace.close()


def test_logging_out_ends_the_session_and_locks_the_papers_until_the_next_login(
    server: ServerProcess, tmp_path: Path
) -> None:
    _clerk, doc, _ballot = _paper_and_ballot(server, tmp_path)
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login(MINISTER, PASSWORD)
        assert workspace.sync().ok
        refresh = workspace.api.refresh_slot.load() if workspace.api.refresh_slot else None
        assert refresh

        workspace.logout()
        gone = ApiClient(server.url)._send(
            "POST", "/api/v1/auth/refresh", json={"refresh_token": refresh}
        )
        assert gone.status_code == 401 and gone.json()["error"]["reason"] == "logged_out"
        assert not workspace.can_resume()
        with pytest.raises(AuthError) as locked:
            workspace.open_paper(doc["version"]["sha256"])
        assert locked.value.code == "signed_out"

        workspace.login(MINISTER, PASSWORD)
        assert workspace.open_paper(doc["version"]["sha256"]) is not None
    finally:
        workspace.close()
