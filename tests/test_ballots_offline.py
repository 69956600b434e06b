"""The heart of it: opinions signed offline are delivered exactly once, proven, counted.

Real server process, real CLI and app core in their own processes, killed hard.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from support.actors import PASSWORD, Secretariat
from support.cli import cli_json
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.workspace import Workspace
from ecabinet.errors import AuthError
from ecabinet.store.models import LocalOpinion

MINISTER = "bt.taichinh"

SIGN_THEN_HANG = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from ecabinet.client.workspace import Workspace

    workspace = Workspace(Path(sys.argv[1]))
    for ballot_id, choice, comment in json.loads(sys.argv[2]):
        workspace.sign_opinion(ballot_id, choice, comment)
    print("signed", flush=True)
    time.sleep(600)  # the laptop's battery dies here: killed before it reconnects
    """
)


def _sync(server: ServerProcess, profile: Path, *, password: bool = False) -> dict:
    args = [
        "sync",
        "--server",
        server.url,
        "--username",
        MINISTER,
        "--profile-dir",
        profile,
        "--json",
    ]
    if password:
        args.append("--password-stdin")
    return cli_json(*args, stdin=PASSWORD + "\n" if password else None, check=False)


def _prepare(server: ServerProcess, tmp_path: Path) -> tuple[Secretariat, dict, list[dict]]:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting(
        "Lấy ý kiến thành viên Chính phủ tháng 11/2026", [MINISTER, "bt.tuphap", "bt.ytte"]
    )
    doc = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "duthao.pdf", 3), title="Dự thảo Nghị định"
    )
    ballots = [
        clerk.create_ballot(meeting["id"], q, document_ids=[doc["document"]["id"]])
        for q in (
            "Đồng ý thông qua dự thảo Nghị định quy định chi tiết Luật Ngân sách nhà nước?",
            "Đồng ý trình Quốc hội dự án Luật sửa đổi Luật Cán bộ, công chức?",
        )
    ]
    return clerk, doc, ballots


def _signer(profile: Path, answers: list[tuple[str, str, str]]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SIGN_THEN_HANG, str(profile), json.dumps(answers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == "signed", proc.stderr.read() if proc.stderr else line
    return proc


def test_three_opinions_signed_offline_survive_a_hard_kill_and_arrive_once(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk, _doc, (budget, law) = _prepare(server, tmp_path)
    profile = tmp_path / "laptop"
    assert _sync(server, profile, password=True)["ok"]  # first login: device key registered
    server.stop()

    answers = [
        (budget["id"], "agree", ""),
        (law["id"], "other", "Đề nghị làm rõ tác động đối với ngân sách địa phương."),
        (budget["id"], "disagree", "Sau khi cân nhắc lại: chưa đồng ý, cần đánh giá thêm."),
    ]
    signer = _signer(profile, answers)
    signer.send_signal(signal.SIGKILL)
    signer.wait()
    for stream in (signer.stdout, signer.stderr):
        if stream:
            stream.close()

    status = cli_json("status", "--profile-dir", profile, "--json")
    assert status["outbox_pending"] == 3  # all three survived the kill, none sent

    server.start()
    first = _sync(server, profile)
    assert first["ok"], first
    assert first["pushed"] == 3 and first["applied"] == 3 and first["rejected"] == 0
    again = _sync(server, profile)
    assert again["ok"] and again["pushed"] == 0  # nothing left to send

    workspace = Workspace(profile)
    try:
        with workspace.store.read() as session:
            mine = session.query(LocalOpinion).order_by(LocalOpinion.mutation_id).all()
            assert [o.state for o in mine] == ["accepted"] * 3
            assert all(o.receipt_verified for o in mine)
            assert mine[0].superseded_by == mine[2].id  # the change of mind replaced the first
    finally:
        workspace.close()

    for ballot, expected in ((budget, {"disagree": 1}), (law, {"other": 1})):
        progress = clerk.progress(ballot["id"])
        assert progress["received"] == sum(expected.values()) + (1 if ballot is budget else 0)
        tally = progress["tally"]
        for choice in ("agree", "disagree", "other"):
            assert tally[choice] == expected.get(choice, 0)
        assert tally["not_answered"] == 2
        minister = next(m for m in progress["members"] if m["state"] != "not_answered")
        assert minister["changes"] == (1 if ballot is budget else 0)
        from ecabinet.ballots.verify import verify_bundle

        recount = verify_bundle(clerk.bundle(ballot["id"]))
        assert recount.ok, recount.problems
        assert recount.tally.as_dict() == tally


def test_an_opinion_signed_offline_after_the_ballot_closed_is_rejected_with_the_reason(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk, _doc, (budget, _law) = _prepare(server, tmp_path)
    profile = tmp_path / "laptop"
    assert _sync(server, profile, password=True)["ok"]
    server.stop()
    workspace = Workspace(profile)
    try:
        workspace.sign_opinion(budget["id"], "agree", "")
        server.start()
        clerk.close_ballot(budget["id"])  # closed while the minister was offline
        report = workspace.sync()
        assert report.ok and report.rejected == 1
        with workspace.store.read() as session:
            opinion = session.query(LocalOpinion).one()
        assert opinion.state == "rejected" and opinion.reason == "ballot_closed"
        assert opinion.reason_message and "đã đóng" in opinion.reason_message
        assert opinion.receipt_verified  # the refusal itself is signed, for the record
    finally:
        workspace.close()
    progress = clerk.progress(budget["id"])
    minister = next(m for m in progress["members"] if m["rejected"])
    assert minister["state"] == "not_answered" and minister["last_rejection"] == "ballot_closed"
    assert progress["tally"]["agree"] == 0


def test_a_push_whose_answer_was_lost_is_retried_and_counted_once(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    from ecabinet.store.models import OutboxEntry

    server = server_factory()
    clerk, _doc, (budget, _law) = _prepare(server, tmp_path)
    profile = tmp_path / "laptop"
    assert _sync(server, profile, password=True)["ok"]
    workspace = Workspace(profile)
    try:
        workspace.sign_opinion(budget["id"], "agree", "")
        with workspace.store.read() as session:
            entry = session.query(OutboxEntry).filter_by(state="pending").one()
        # The server applies the push, then the connection drops before the answer
        # arrives: the laptop never learns it was delivered.
        from ecabinet.store import meta

        with workspace.store.read() as session:
            client_id = meta.get(session, meta.CLIENT_ID)
        workspace.api.push(
            client_id, [{"mutation_id": entry.mutation_id, "type": entry.type,
                         "payload": json.loads(entry.payload_json)}],
        )  # fmt: skip
        report = workspace.sync()  # the retry
        assert report.ok and report.applied == 1
        with workspace.store.read() as session:
            opinion = session.query(LocalOpinion).one()
        assert opinion.state == "accepted" and opinion.receipt_verified
    finally:
        workspace.close()
    assert clerk.progress(budget["id"])["received"] == 1


def test_an_administrator_revokes_a_device_from_the_console(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    from support.cli import run_cli

    server = server_factory()
    _clerk, _doc, (budget, _law) = _prepare(server, tmp_path)
    profile = tmp_path / "laptop"
    assert _sync(server, profile, password=True)["ok"]
    args = server.admin_args()
    listing = run_cli("admin", "list-devices", *args, "--username", MINISTER).stdout
    key_id = listing.split()[1]
    assert "active" in listing
    run_cli("admin", "revoke-device", *args, "--key-id", key_id)
    assert "revoked" in run_cli("admin", "list-devices", *args).stdout
    workspace = Workspace(profile)
    try:
        workspace.sign_opinion(budget["id"], "agree", "")
        report = workspace.sync()
        # The laptop's session ended with its key: at this contact it is told to wipe,
        # and erases itself (the answer signed with the revoked key never counts).
        [error] = report.errors
        assert isinstance(error, AuthError)
        assert (error.code, error.reason, error.wipe) == ("device_wiped", "device_revoked", True)
        assert report.applied == 0 and report.wiped and not profile.exists()
    finally:
        workspace.close()
    assert _clerk.progress(budget["id"])["received"] == 0
    assert "audit trail intact" in run_cli("admin", "verify-audit", *args).stdout
