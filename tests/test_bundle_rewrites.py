"""Every rewrite of a result bundle that used to verify now fails, naming what was altered.

The bundle comes from the real server (both databases): three ministers answer from
their laptops, the secretariat closes the ballot and exports it. The reader's trust
comes from a minister's laptop (``ecabinet trust export``). Each test then edits the
exported file the way someone wanting another result would, and checks that the
recount refuses it and says what changed. Before definitions were signed, the first
six of these verified cleanly and printed "Được thông qua".
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from support.actors import PASSWORD, Secretariat
from support.bundle_edits import (
    envelope_of,
    forge_with,
    index_of,
    record_of,
    remove_record,
    swap_server_key,
    tamper_record,
    tamper_summary,
    tamper_tally,
)
from support.bundles import Key
from support.cli import run_cli
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.ballots.verify import Recount, verify_bundle
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.canonical import canonical_text, digest
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.crypto.server_keys import fingerprint, load_trust_file

QUESTION = "Đồng ý thông qua dự thảo Nghị định quy định chi tiết Luật Ngân sách nhà nước?"
ANSWERS = {"bt.taichinh": "agree", "bt.tuphap": "agree", "bt.ytte": "disagree"}


@pytest.fixture(scope="module")
def exported(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A closed ballot of a Government of 5: 2 agree, 1 disagrees. Not adopted."""
    home = tmp_path_factory.mktemp("rewrites")
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ", list(ANSWERS))
    doc = clerk.upload(meeting["id"], make_pdf(home / "duthao.pdf", 2), title="Dự thảo Nghị định")
    ballot = clerk.create_ballot(
        meeting["id"], QUESTION, document_ids=[doc["document"]["id"]], membership_total=5
    )
    for username, choice in ANSWERS.items():
        laptop = Workspace(home / username, server_url=server.url)
        try:
            laptop.login(username, PASSWORD)
            assert laptop.sync().ok
            laptop.sign_opinion(ballot["id"], choice, "Chưa đồng ý." if choice != "agree" else "")
            assert laptop.sync().ok
        finally:
            laptop.close()
    clerk.close_ballot(ballot["id"])
    trust = home / "tin-cay.json"
    run_cli("trust", "export", "--profile-dir", home / "bt.taichinh", "--output", trust)
    return {
        "bundle": clerk.bundle(ballot["id"]),
        "trusted": load_trust_file(trust),
        "trust_file": trust,
        "home": home,
        "users": clerk.users,
    }


def check(exported: dict[str, Any], bundle: dict[str, Any]) -> Recount:
    return verify_bundle(bundle, trusted=exported["trusted"])


def messages(recount: Recount, code: str) -> list[str]:
    return [p.message for p in recount.problems if p.code == code]


def test_the_genuine_bundle_is_proven_not_adopted(exported: dict[str, Any]) -> None:
    recount = check(exported, exported["bundle"])
    assert recount.proven, recount.problems
    t = recount.tally
    assert (t.agree, t.disagree, t.membership_total, t.adopted) == (2, 1, 5, False)
    assert recount.ballot["question"] == QUESTION and recount.closed_at is not None
    # Definition v1 (opened), v2 (closed early), three receipts, the closing record.
    kinds = [json.loads(r["text"])["type"] for r in exported["bundle"]["records"]]
    assert kinds == ["ecabinet.ballot-definition.v1"] * 2 + ["ecabinet.ballot-closing.v1"]


def test_the_question_edited(exported: dict[str, Any]) -> None:
    other = "Đồng ý thông qua dự thảo Luật sửa đổi?"
    recount = check(exported, tamper_summary(exported["bundle"], question=other))
    assert messages(recount, "summary_altered") == [
        f"question altered: bundle says {json.dumps(other, ensure_ascii=False)}, "
        f"signed definition says {json.dumps(QUESTION, ensure_ascii=False)}"
    ]
    # In the signed definition itself: its signature and the chain's next link break.
    recount = check(exported, tamper_record(exported["bundle"], 1, question=other))
    assert messages(recount, "bad_record_signature") == [
        "definition version 2 (seq 5): the signature does not verify (the record was altered)"
    ]
    assert messages(recount, "chain_broken")
    assert recount.ballot["question"] == QUESTION  # the recount uses only what verifies


def test_membership_total_edited_with_the_tallys_flag(exported: dict[str, Any]) -> None:
    bundle = tamper_summary(exported["bundle"], membership_total=3)
    bundle = tamper_tally(bundle, membership_total=3, adopted=True)
    recount = check(exported, bundle)
    assert "membership_total altered: bundle says 3, signed definition says 5" in messages(
        recount, "summary_altered"
    )
    mismatch = " ".join(messages(recount, "tally_mismatch"))
    assert "adopted True in the bundle, False recounted" in mismatch
    assert "membership_total 3 in the bundle, 5 recounted" in mismatch
    assert not recount.tally.adopted


def test_the_eligible_list_edited(exported: dict[str, Any]) -> None:
    bundle = copy.deepcopy(exported["bundle"])
    against = exported["users"]["bt.ytte"]
    bundle["ballot"]["eligible"] = [
        m for m in bundle["ballot"]["eligible"] if m["user_id"] != against
    ]
    dropped = digest(bundle["opinions"][index_of(bundle, against)]["envelope"].encode())
    bundle = tamper_tally(
        bundle,
        counted=[o for o in bundle["tally"]["counted"] if o != dropped],
        disagree=0,
    )
    recount = check(exported, bundle)
    assert any(
        m.startswith("eligible altered: bundle says [")
        for m in messages(recount, "summary_altered")
    )
    assert recount.tally.disagree == 1  # the member is still asked in the signed definition


def test_the_chair_edited(exported: dict[str, Any]) -> None:
    chair = exported["users"]["bt.taichinh"]
    recount = check(exported, tamper_summary(exported["bundle"], chair_user_id=chair))
    assert messages(recount, "summary_altered") == [
        f'chair_user_id altered: bundle says "{chair}", signed definition says null'
    ]


def test_the_deadline_moved_later(exported: dict[str, Any]) -> None:
    later = "2099-12-31T10:00:00Z"
    bundle = tamper_summary(exported["bundle"], deadline=later)
    recount = check(exported, bundle)
    deadline = exported["bundle"]["ballot"]["deadline"]
    assert messages(recount, "summary_altered") == [
        f'deadline altered: bundle says "{later}", signed definition says "{deadline}"'
    ]
    recount = check(exported, tamper_record(exported["bundle"], 0, deadline=later))
    assert "definition version 1 (seq 1)" in " ".join(messages(recount, "bad_record_signature"))


def test_the_server_key_swapped_and_every_receipt_re_signed(exported: dict[str, Any]) -> None:
    bundle = swap_server_key(exported["bundle"], Key.derive("an attacker"))
    recount = check(exported, bundle)
    untrusted = messages(recount, "untrusted_server_key")
    assert len(untrusted) == 1 and fingerprint(Key.derive("an attacker").key_id) in untrusted[0]
    assert len(messages(recount, "untrusted_receipt")) == 3
    # Even with no key named, the signed definitions betray the swap.
    alone = verify_bundle(bundle)
    assert not alone.ok and len(messages(alone, "untrusted_record")) == 3


def test_a_whole_bundle_forged_under_another_key(exported: dict[str, Any], tmp_path: Path) -> None:
    forged = forge_with(exported["bundle"], Key.derive("an attacker"))
    alone = verify_bundle(forged)
    assert alone.ok and not alone.proven  # consistent with itself: only trust tells
    recount = check(exported, forged)
    assert not recount.ok and messages(recount, "untrusted_server_key")
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(forged, ensure_ascii=False), encoding="utf-8")
    unanchored = run_cli("verify", path, check=False)
    assert unanchored.returncode == 3
    assert fingerprint(Key.derive("an attacker").key_id) in unanchored.stdout
    anchored = run_cli("verify", path, "--trust-file", exported["trust_file"], check=False)
    assert anchored.returncode == 1 and "[untrusted_server_key]" in anchored.stdout


def test_a_bundle_signed_by_an_unknown_key(exported: dict[str, Any]) -> None:
    stranger = VerifyingKey.from_b64(Key.derive("another server").public_b64)
    recount = verify_bundle(exported["bundle"], trusted=[stranger])
    assert not recount.proven
    [message] = messages(recount, "untrusted_server_key")
    assert fingerprint(exported["bundle"]["server_key"]["key_id"]) in message
    assert fingerprint(stranger.key_id) in message


def test_a_device_key_added_for_a_member_with_a_forged_opinion(exported: dict[str, Any]) -> None:
    bundle = copy.deepcopy(exported["bundle"])
    victim = index_of(bundle, exported["users"]["bt.ytte"])
    env = envelope_of(bundle, victim)
    device, attacker = Key.derive("a stolen laptop"), Key.derive("an attacker")
    statement = json.loads(bundle["device_keys"][0]["text"])
    statement.update(key_id=device.key_id, user_id=env["user_id"], public_key=device.public_b64)
    bundle["device_keys"].append(attacker.signed(statement))
    env.update(device_key_id=device.key_id, choice="agree", comment="", mutation_id=99)
    text = canonical_text(env)
    receipt = json.loads(bundle["opinions"][victim]["receipt"])
    receipt.update(opinion_id=digest(text.encode()))
    bundle["opinions"][victim] = {
        "envelope": text,
        "signature": device.sign_text(text),
        "receipt": canonical_text(receipt),
        "receipt_signature": attacker.sign_text(canonical_text(receipt)),
    }
    recount = check(exported, bundle)
    [vouched] = messages(recount, "bad_device_key")
    assert device.key_id in vouched and "does not verify" in vouched
    assert messages(recount, "unknown_device") and messages(recount, "bad_receipt_signature")
    assert recount.tally.agree == 2


def test_a_definition_removed_from_the_chain(exported: dict[str, Any]) -> None:
    recount = check(exported, remove_record(exported["bundle"], 0))
    gaps = messages(recount, "chain_gap")
    assert gaps and "record seq 1 before it is missing" in gaps[0]
    assert len(messages(recount, "no_definition")) == 3  # each accepted opinion: none in force
    # The one the early close issued: its seq is missing, the closing record disagrees.
    assert record_of(exported["bundle"], 1)["change"] == "closed_early"
    recount = check(exported, remove_record(exported["bundle"], 1))
    assert "record seq 5 before it is missing" in " ".join(messages(recount, "chain_gap"))
    assert messages(recount, "closing_mismatch")


def test_the_command_proves_the_genuine_file_with_the_laptops_trust_file(
    exported: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "ket-qua.json"
    path.write_text(json.dumps(exported["bundle"], ensure_ascii=False), encoding="utf-8")
    result = run_cli("verify", path, "--trust-file", exported["trust_file"], "--summary-pdf",
                     tmp_path / "kq.pdf")  # fmt: skip
    assert "ĐÃ CHỨNG MINH — PROVEN" in result.stdout
    assert fingerprint(exported["bundle"]["server_key"]["key_id"]) in result.stdout
    assert digest(path.read_bytes()) in result.stdout
    assert "Không được thông qua: 2/5 thành viên Chính phủ đồng ý" in result.stdout
    assert (tmp_path / "kq.pdf").stat().st_size > 0
