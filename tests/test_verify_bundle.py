"""The offline recount of a ballot's result bundle (docs/ballots.md), with real keys.

Bundles are built from scratch (tests/support/bundles.py): real Ed25519 signatures,
real signed definitions and chains, then changed the way someone editing the exported
file would (tests/support/bundle_edits.py). Each change must be found and named;
nothing may raise. Bundles exported by the real server, and the rewrites that fooled
the recount before definitions were signed, are in tests/test_bundle_rewrites.py.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from support.bundle_edits import (
    duplicate_opinion,
    index_of,
    opinion_id_of,
    remove_opinion,
    tamper_chain_head,
    tamper_envelope,
    tamper_receipt,
    tamper_signature,
    tamper_tally,
)
from support.bundles import START, BundleBuilder, Key, build_bundle, iso, member_name

from ecabinet.ballots.verify import BundleError, Recount, load_bundle, verify_bundle
from ecabinet.cli import verify as verify_cli
from ecabinet.crypto.canonical import canonical_text, digest
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.pdf.ballot_summary import render_ballot_summary

TITLE = "KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN CHÍNH PHỦ"


def answers(agree: int, disagree: int, members: int = 28, *, pm: str = "disagree") -> list[Any]:
    """Member 0 (the Prime Minister) answers ``pm``; the rest fill up to the counts."""
    rest = ["agree"] * (agree - (pm == "agree")) + ["disagree"] * (disagree - (pm == "disagree"))
    return [pm, *rest] + [None] * (members - 1 - len(rest))


def found(recount: Recount, code: str) -> set[str | None]:
    """The opinion ids named by the problems of one kind."""
    return {p.opinion_id for p in recount.problems if p.code == code}


def at(seconds: int) -> datetime:
    return START + timedelta(seconds=seconds)


def server_key(bundle: dict[str, Any]) -> VerifyingKey:
    """The server key a reader got by a channel of their own (here: from the builder)."""
    return VerifyingKey.from_b64(bundle["server_key"]["public_key"])


@pytest.fixture(scope="module")
def bundle() -> dict[str, Any]:
    """28 members; 20 answers; member 4 changed their mind; one refused late answer."""
    builder = BundleBuilder(28)
    for index, choice in enumerate(answers(15, 5, pm="agree")[:20]):
        builder.answer(index, choice, outdated=index == 7)
    builder.answer(4, "other", "Đề nghị bổ sung đánh giá tác động & <phụ lục> kèm theo.")
    builder.answer(21, "agree", status="rejected", reason="ballot_closed")
    return builder.build()


def test_a_valid_bundle_verifies_and_recounts(bundle: dict[str, Any]) -> None:
    recount = verify_bundle(bundle)
    assert recount.ok, recount.problems
    assert recount.opinions_checked == 22
    t = recount.tally
    assert (t.agree, t.disagree, t.other, t.not_answered, t.outdated) == (14, 5, 1, 8, 1)
    # Exactly half of all members agree, the Prime Minister among them.
    assert t.adopted and t.chair_choice == "agree"
    member = recount.members[4]
    assert member.choice == "other" and "<phụ lục>" in member.comment
    assert member.superseded == [opinion_id_of(bundle, 4)]
    assert recount.members[7].outdated
    assert recount.members[21].choice is None
    assert recount.members[21].rejected == [(opinion_id_of(bundle, 21), "ballot_closed")]
    assert recount.members[0].full_name == "Nguyễn Văn Hùng"
    assert recount.chain_head == bundle["chain_head"]["hash"]


@pytest.mark.parametrize(
    ("given", "adopted"),
    [
        (answers(14, 6, pm="disagree"), False),  # 14 of 28, not of the 20 who answered
        (answers(14, 6, pm="agree"), True),  # exactly half: the Prime Minister's side
        (answers(14, 14, pm="disagree"), False),  # exactly half, the Prime Minister against
        (answers(15, 5, pm="disagree"), True),  # more than half of all members
        (answers(15, 13, pm="disagree"), True),
    ],
)
def test_adopted_needs_more_than_half_of_all_members(given: list[Any], adopted: bool) -> None:
    recount = verify_bundle(build_bundle(28, given))
    assert recount.ok, recount.problems
    assert recount.tally.membership_total == 28
    assert recount.tally.agree == given.count("agree")
    assert recount.tally.adopted is adopted


def test_a_comment_changed_after_signing_is_named(bundle: dict[str, Any]) -> None:
    tampered = tamper_envelope(bundle, 4, comment="Đồng ý toàn bộ.")
    recount = verify_bundle(tampered)
    new_id = opinion_id_of(tampered, 4)
    assert found(recount, "bad_signature") == {new_id}
    assert found(recount, "receipt_mismatch") == {new_id}
    # The receipt still names the envelope as signed: the message says which that was.
    mismatch = next(p.message for p in recount.problems if p.code == "receipt_mismatch")
    assert opinion_id_of(bundle, 4) in mismatch


def test_a_tampered_signature_is_named(bundle: dict[str, Any]) -> None:
    recount = verify_bundle(tamper_signature(bundle, 9))
    assert found(recount, "bad_signature") == {opinion_id_of(bundle, 9)}
    # Left out of the recount, so the bundle's count no longer matches it.
    assert opinion_id_of(bundle, 9) in found(recount, "tally_mismatch")


def test_a_tampered_receipt_is_named(bundle: dict[str, Any]) -> None:
    refused = index_of(bundle, "u-00021")
    recount = verify_bundle(tamper_receipt(bundle, refused, status="accepted", reason=None))
    assert found(recount, "bad_receipt_signature") == {opinion_id_of(bundle, refused)}
    assert not recount.ok


def test_a_removed_opinion_breaks_the_chain(bundle: dict[str, Any]) -> None:
    recount = verify_bundle(remove_opinion(bundle, 5))
    assert found(recount, "chain_gap") == {opinion_id_of(bundle, 6)}
    # Seq 1 is the ballot's definition, so the sixth opinion's receipt has seq 7.
    assert "seq 7" in next(p.message for p in recount.problems if p.code == "chain_gap")
    # The last one before the closing record leaves a gap there.
    recount = verify_bundle(remove_opinion(bundle, len(bundle["opinions"]) - 1))
    assert [p.message for p in recount.problems if p.code == "chain_gap"] == [
        "closing record (seq 24): record seq 23 before it is missing from the chain"
    ]


def test_a_duplicated_opinion_is_named(bundle: dict[str, Any]) -> None:
    recount = verify_bundle(duplicate_opinion(bundle, 3))
    assert [p.code for p in recount.problems] == ["duplicate"]
    assert recount.problems[0].opinion_id == opinion_id_of(bundle, 3)
    assert recount.tally.agree == 14


def test_a_superseded_opinion_counted_by_the_bundle_is_named(bundle: dict[str, Any]) -> None:
    earlier, later = opinion_id_of(bundle, 4), opinion_id_of(bundle, index_of(bundle, "u-00004"))
    counted = [earlier if oid == later else oid for oid in bundle["tally"]["counted"]]
    recount = verify_bundle(tamper_tally(bundle, counted=counted, agree=15, other=0))
    assert found(recount, "superseded_counted") == {earlier}
    assert found(recount, "tally_mismatch") == {None}  # the counts, not the ids again


def test_an_opinion_signed_with_another_members_key_is_named() -> None:
    builder = BundleBuilder(5)
    builder.answer(1, "agree")
    forged = builder.answer(2, "agree", device=builder.members[3].devices[0])
    recount = verify_bundle(builder.build())
    assert found(recount, "device_user_mismatch") == {forged}
    assert recount.tally.agree == 1


def test_an_unknown_key_is_named() -> None:
    builder = BundleBuilder(3)
    stray = builder.answer(1, "agree", device=Key.derive("not registered"))
    recount = verify_bundle(builder.build())
    assert found(recount, "unknown_device") == {stray}


def test_an_ineligible_members_accepted_opinion_is_named() -> None:
    builder = BundleBuilder(5)
    outsider = builder.add_member("Hoàng Thị Thu", "Thứ trưởng Bộ Tài chính", eligible=False)
    builder.answer(1, "agree")
    intruder = builder.answer(outsider, "agree")
    recount = verify_bundle(builder.build())
    assert found(recount, "not_eligible") == {intruder}
    assert recount.tally.agree == 1


def test_a_superseded_opinion_missing_from_the_bundle_is_named() -> None:
    builder = BundleBuilder(5)
    dropped = digest(b"an opinion the server never put in the bundle")
    later = builder.answer(2, "disagree", supersedes=dropped)
    recount = verify_bundle(builder.build())
    assert found(recount, "missing") == {later}
    assert dropped in recount.problems[0].message


def test_a_broken_chain_head_is_named(bundle: dict[str, Any]) -> None:
    recount = verify_bundle(tamper_chain_head(bundle, hash="ab" * 32))
    assert {p.code for p in recount.problems} == {"bad_chain_head", "chain_head_mismatch"}
    # Signed, but by another key than the bundle's server key.
    head = {k: bundle["chain_head"][k] for k in ("seq", "hash", "exported_at")}
    text = canonical_text(
        {"type": "ecabinet.chain-head.v2", "ballot_id": bundle["ballot"]["id"], **head}
    )
    forged = Key.derive("another server").sign_text(text)
    recount = verify_bundle(tamper_chain_head(bundle, signature=forged))
    assert [p.code for p in recount.problems] == ["bad_chain_head"]


def test_an_opinion_accepted_from_a_revoked_key_is_named() -> None:
    builder = BundleBuilder(4)
    member = builder.members[1]
    old = builder.add_device(member, revoked_at=builder.clock)
    builder.answer(member, "disagree", device=old, status="rejected", reason="device_revoked")
    accepted = builder.answer(member, "agree", device=old)
    recount = verify_bundle(builder.build())
    assert found(recount, "revoked_key_accepted") == {accepted}
    # Left out of the recount; the bundle's count still has it.
    assert {p.code for p in recount.problems} == {"revoked_key_accepted", "tally_mismatch"}


def test_an_opinion_accepted_after_the_deadline_is_named() -> None:
    end = at(14)  # the builder receives one answer every 7 s, from START on
    builder = BundleBuilder(4, deadline=end)
    builder.answer(1, "agree")
    builder.answer(2, "agree")  # received at the deadline itself: still on time
    late = builder.answer(3, "disagree")  # a dishonest server accepts it after
    recount = verify_bundle(builder.build())
    assert found(recount, "accepted_late") == {late}
    # Left out of the recount; the bundle's count still has it.
    assert {p.code for p in recount.problems} == {"accepted_late", "tally_mismatch"}
    assert (recount.tally.agree, recount.tally.disagree) == (2, 0)
    message = next(p.message for p in recount.problems if p.code == "accepted_late")
    received = iso(end + timedelta(seconds=7))
    assert message == (
        f"opinion {late} (seq 4, u-00003): accepted at {received}, after the ballot's "
        f"deadline {iso(end)}"
    )


def test_an_opinion_accepted_after_an_early_close_is_named() -> None:
    builder = BundleBuilder(4)
    builder.answer(1, "agree")
    builder.close_early(builder.clock + timedelta(seconds=1))  # definition v2, then the seal
    late = builder.answer(2, "agree")
    recount = verify_bundle(builder.build())
    assert found(recount, "accepted_late") == {late}
    message = next(p.message for p in recount.problems if p.code == "accepted_late")
    assert "after the ballot's closing record (seq 4, closed at " in message
    assert recount.closed_at == iso(at(8))


def test_a_deadline_extension_is_a_signed_definition_and_answers_to_the_first_still_count() -> None:
    builder = BundleBuilder(4, deadline=at(10))
    first = builder.definition_hash
    builder.answer(1, "agree")  # at +7 s
    builder.extend(at(60))  # definition v2, before the first deadline passed
    builder.answer(2, "agree", definition_hash=first)  # at +14 s: signed offline on v1
    builder.answer(3, "disagree")  # at +21 s, bound to v2
    recount = verify_bundle(builder.build(), trusted=[server_key(builder.build())])
    assert recount.proven, recount.problems
    assert recount.ballot["version"] == 2 and recount.ballot["deadline"] == iso(at(60))
    assert (recount.tally.agree, recount.tally.disagree) == (2, 1)


def test_an_opinion_bound_to_no_definition_of_the_ballot_is_named() -> None:
    builder = BundleBuilder(4)
    elsewhere = BundleBuilder(4, seed="another ballot").definition_hash
    stray = builder.answer(1, "agree", definition_hash=elsewhere)
    old = builder.members[2]
    env = {"type": "ecabinet.opinion.v1", "ballot_id": builder.ballot_id, "ballot_version": 1,
           "choice": "agree", "comment": "", "documents": [], "user_id": old.user_id,
           "device_key_id": old.devices[0].key_id, "client_id": "c-1", "mutation_id": 1,
           "signed_at": iso(builder.clock), "supersedes": None}  # fmt: skip
    text = canonical_text(env)
    unbound = builder.receive(old, text, old.devices[0].sign_text(text), choice="agree")
    recount = verify_bundle(builder.build())
    assert found(recount, "wrong_definition") == {stray}
    assert found(recount, "unbound_envelope") == {unbound}
    assert recount.tally.agree == 0


def test_a_device_key_registered_after_the_receipt_is_named() -> None:
    builder = BundleBuilder(3)
    member = builder.members[1]
    later = builder.add_device(member, registered_at=builder.clock + timedelta(days=1))
    backdated = builder.answer(member, "agree", device=later)
    recount = verify_bundle(builder.build())
    assert found(recount, "key_registered_late") == {backdated}


def test_a_rotated_server_key_is_trusted_through_its_endorsement() -> None:
    builder = BundleBuilder(4)
    original = VerifyingKey.from_b64(builder.server.public_b64)
    builder.answer(1, "agree")
    builder.rotate_server_key()  # receipts from here on are signed by the new key
    builder.answer(2, "agree")
    bundle = builder.build()
    assert bundle["server_key"]["key_id"] != original.key_id
    recount = verify_bundle(bundle, trusted=[original])
    assert recount.proven, recount.problems
    stranger = VerifyingKey.from_b64(Key.derive("another server").public_b64)
    refused = verify_bundle(bundle, trusted=[stranger])
    assert "untrusted_server_key" in {p.code for p in refused.problems}
    assert not refused.proven


def test_with_no_trusted_key_an_intact_bundle_is_not_proven(bundle: dict[str, Any]) -> None:
    recount = verify_bundle(bundle)
    assert recount.ok and not recount.proven
    assert verify_bundle(bundle, trusted=[server_key(bundle)]).proven


def test_a_bundle_of_the_old_format_cannot_be_proven(bundle: dict[str, Any]) -> None:
    old = {**bundle, "format": "ecabinet.ballot-bundle.v1"}
    recount = verify_bundle(old, trusted=[server_key(bundle)])
    assert [p.code for p in recount.problems] == ["unsigned_definition"]
    assert "cannot be proven" in recount.problems[0].message


def test_problems_are_all_reported_and_nothing_raises(bundle: dict[str, Any]) -> None:
    broken = remove_opinion(duplicate_opinion(tamper_signature(bundle, 2), 8), 12)
    broken["server_key"]["key_id"] = "0" * 64
    broken["opinions"].append({"envelope": 5, "receipt": None})
    broken["opinions"][0]["envelope"] = broken["opinions"][0]["envelope"].replace(":", ": ", 1)
    broken["device_keys"].append({"key_id": "x", "user_id": "u-1", "public_key": "!!"})
    broken["device_keys"].append({"text": 7})
    broken["records"].append({"text": "{", "signature": None})
    broken["records"].append([1])
    broken["server_key_endorsements"] = [{"text": "{}"}, "x"]
    broken["tally"] = "none"
    broken["chain_head"] = {"seq": "x"}
    broken["ballot"]["deadline"] = "2026-11-27 08:00"  # no zone
    broken["ballot"]["eligible"] = {"not": "a list"}
    recount = verify_bundle(broken, trusted=[server_key(bundle)])
    codes = {p.code for p in recount.problems}
    expected = {"bad_server_key", "bad_signature", "duplicate", "chain_gap", "malformed_opinion",
                "malformed_envelope", "bad_device_key", "tally_mismatch", "malformed_record",
                "bad_chain_head", "summary_altered"}  # fmt: skip
    assert expected <= codes
    assert verify_bundle({"ballot": None, "opinions": None}).problems
    assert verify_bundle({"format": "ecabinet.ballot-bundle.v2"}).problems
    nothing = {"format": "ecabinet.ballot-bundle.v2", "records": None, "device_keys": 3,
               "opinions": [None], "server_key": [], "chain_head": None, "ballot": 5}  # fmt: skip
    assert {"no_definition", "bad_server_key"} <= {p.code for p in verify_bundle(nothing).problems}


def test_the_worker_processes_give_the_plain_loops_answer() -> None:
    bundle = tamper_signature(build_bundle(60, revisions=4), 77)
    serial = verify_bundle(bundle, workers=1)
    pooled = verify_bundle(bundle, workers=2)
    assert serial.workers_used == 0 and pooled.workers_used == 2  # the pool really ran
    assert pooled == serial
    assert found(serial, "bad_signature") == {opinion_id_of(bundle, 77)}


def test_load_bundle_refuses_what_is_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"format": "x"}', encoding="utf-8")
    for name in ("a.json", "b.json", "missing.json"):
        with pytest.raises(BundleError):
            load_bundle(tmp_path / name)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    verify_cli.register(parser.add_subparsers())
    args = parser.parse_args(["verify", *map(str, argv)])
    code: int = args.handler(args)
    return code, capsys.readouterr().out


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_the_command_exits_0_1_2_3_and_prints_the_summary_only_when_proven(
    bundle: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad, pdf = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "kq.pdf"
    good.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    bad.write_text(json.dumps(tamper_signature(bundle, 9)), encoding="utf-8")
    key_file = tmp_path / "server-key.txt"
    key_file.write_text(bundle["server_key"]["public_key"] + "\n", encoding="utf-8")
    file_hash = digest(good.read_bytes())
    fingerprint = " ".join(re.findall("....", bundle["server_key"]["key_id"].upper()))

    # No key named: intact, but not proven; no summary.
    code, out = run_cli(capsys, good, "--summary-pdf", pdf)
    assert code == 3 and out.startswith("CHƯA CHỨNG MINH — NOT PROVEN")
    assert fingerprint in out and file_hash in out
    assert not pdf.exists()

    code, out = run_cli(capsys, good, "--server-key", key_file, "--summary-pdf", pdf)
    assert code == 0
    assert out.startswith(f"Khóa máy chủ đã ký gói (server key): {fingerprint}\n")
    assert f"Mã băm của tệp (bundle SHA-256): {file_hash}" in out
    assert "Kiểm phiếu lại từ chữ ký: 22 phiếu" in out and "ĐÃ CHỨNG MINH — PROVEN" in out
    assert "Được thông qua: 14/28 thành viên Chính phủ đồng ý" in out
    text = pdf_text(pdf.read_bytes())
    assert TITLE in text and member_name(0) in text and "Đồng ý" in text
    assert bundle["chain_head"]["hash"][:16] in text and "Trang 1/" in text
    assert fingerprint in text and file_hash in text

    # A key id (or its fingerprint) is matched against the keys the bundle carries.
    assert run_cli(capsys, good, "--server-key", fingerprint)[0] == 0
    code, out = run_cli(capsys, good, "--server-key", "ab" * 32)
    assert code == 1 and "[untrusted_server_key]" in out

    code, out = run_cli(capsys, bad, "--server-key", key_file, "--summary-pdf", tmp_path / "n.pdf")
    first, *lines = out.splitlines()
    assert code == 1 and "VERIFICATION FAILED" in first and "KIỂM TRA THẤT BẠI" in first
    assert any("[bad_signature]" in line and opinion_id_of(bundle, 9) in line for line in lines)
    assert not (tmp_path / "n.pdf").exists()

    code, out = run_cli(capsys, bad, "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and not report["proven"]
    assert report["bundle_sha256"] == digest(bad.read_bytes())
    assert {"code": "bad_signature", "opinion_id": opinion_id_of(bundle, 9)}.items() <= {
        k: v for k, v in report["problems"][0].items() if k != "message"
    }.items()

    assert run_cli(capsys, tmp_path / "missing.json")[0] == 2
    (tmp_path / "junk.json").write_text("[1, 2]", encoding="utf-8")
    assert run_cli(capsys, tmp_path / "junk.json")[0] == 2
    assert run_cli(capsys, good, "--server-key", "not a key")[0] == 2
    assert run_cli(capsys, good, "--server-key", tmp_path / "junk.json")[0] == 2
    assert run_cli(capsys, good, "--trust-file", tmp_path / "junk.json")[0] == 2


def test_the_summary_pdf_is_deterministic_and_breaks_a_page_long_comment() -> None:
    builder = BundleBuilder(30)
    longest = ("Ý kiến rất dài. " * 1250)[:20_000]  # the most an envelope may carry
    for index in range(30):
        builder.answer(index, "other", longest if index == 5 else None)
    bundle = builder.build()
    trusted = [server_key(bundle)]
    recount = verify_bundle(bundle, trusted=trusted, bundle_sha256="ab" * 32)
    first, second = io.BytesIO(), io.BytesIO()
    pages = render_ballot_summary(recount, first)
    assert render_ballot_summary(recount, second) == pages > 1
    assert first.getvalue() == second.getvalue()
    assert f"Trang {pages}/{pages}" in pdf_text(first.getvalue())
    assert b"Helvetica" not in first.getvalue()  # every font used is the embedded serif
    with pytest.raises(ValueError, match="problems"):
        broken = verify_bundle(tamper_signature(bundle, 0), trusted=trusted, bundle_sha256="a")
        render_ballot_summary(broken, io.BytesIO())
    with pytest.raises(ValueError, match="not proven"):
        render_ballot_summary(verify_bundle(bundle, bundle_sha256="ab" * 32), io.BytesIO())
    with pytest.raises(ValueError, match="hash"):
        render_ballot_summary(verify_bundle(bundle, trusted=trusted), io.BytesIO())


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Any:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


# Plain fields no recount uses and no signature covers (docs/ballots.md).
UNCHECKED = {("ballot", "document_id"), ("ballot", "opened_at"), ("ballot", "version"),
             ("server_key_endorsements",)}  # fmt: skip


def test_junk_in_any_field_is_named_and_nothing_raises() -> None:
    """Every field of a bundle, replaced by a value of another type, gives a problem."""
    builder = BundleBuilder(3)
    builder.answer(0, "agree")
    builder.answer(1, "other")
    bundle = builder.build()
    trusted = [server_key(bundle)]
    for path in list(_paths(bundle))[1:]:
        for junk in (None, 7, "x", [], {}):
            changed = json.loads(json.dumps(bundle))
            target = changed
            for key in path[:-1]:
                target = target[key]
            if target[path[-1]] == junk:
                continue
            target[path[-1]] = junk
            recount = verify_bundle(changed, trusted=trusted)
            assert recount.problems or path in UNCHECKED, (path, junk)
