"""Signed, versioned ballot definitions: what the server signs, what it accepts, what the
laptop refuses to sign (docs/ballots.md), against the real server on both databases."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from support.actors import PASSWORD, Secretariat, in_hours
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.ballots.verify import verify_bundle
from ecabinet.client.api import ApiClient
from ecabinet.client.opinions import device_slot, load_device_key
from ecabinet.client.secretariat import export
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.ballot_records import parse_definition, substance
from ecabinet.crypto.canonical import digest
from ecabinet.crypto.envelopes import Signed, opinion_envelope, sign
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64
from ecabinet.dbengine import make_engine
from ecabinet.errors import IntegrityError
from ecabinet.server.models import AuditEvent
from ecabinet.server.settings import ServerSettings
from ecabinet.store import meta
from ecabinet.store.models import LocalBallot, LocalBallotDefinition, LocalOpinion

MEMBERS = ["bt.taichinh", "bt.tuphap", "bt.ytte"]


@pytest.fixture(scope="module")
def world(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("definitions")
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến về dự thảo Nghị định", MEMBERS)
    doc = clerk.upload(meeting["id"], make_pdf(home / "d.pdf", 2), title="Dự thảo Nghị định")
    laptop = Workspace(home / "bt.taichinh", server_url=server.url)
    laptop.login("bt.taichinh", PASSWORD)
    server_key = VerifyingKey.from_b64(laptop.api.server_info()["server_key"]["public_key"])
    yield {
        "clerk": clerk,
        "meeting": meeting,
        "doc": doc,
        "laptop": laptop,
        "key": server_key,
        "home": home,
        "server": server,
    }
    laptop.close()


def _ballot(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return world["clerk"].create_ballot(
        world["meeting"]["id"],
        "Đồng ý thông qua dự thảo Nghị định?",
        document_ids=[world["doc"]["document"]["id"]],
        **extra,
    )


def _definition(world: dict[str, Any], ballot: dict[str, Any]) -> dict[str, Any]:
    signed = Signed(ballot["definition"]["text"], ballot["definition"]["signature"])
    assert signed.verify(world["key"])  # with the key the laptop pinned at login
    return parse_definition(signed.text)


def _push(
    world: dict[str, Any], ballot: dict[str, Any], *, v1: bool = False, **changes: Any
) -> dict[str, Any]:
    """bt.taichinh signs an envelope by hand (as a client of its own would) and pushes it;
    ``v1``: in the old format, bound to no signed definition."""
    laptop: Workspace = world["laptop"]
    key = load_device_key(device_slot(laptop.server_url, "bt.taichinh"))
    assert key is not None
    mutation = int(time.monotonic_ns() % 10**12)
    fields: dict[str, Any] = {
        "ballot_id": ballot["id"],
        "definition_hash": digest(ballot["definition"]["text"].encode()),
        "choice": "agree",
        "comment": "",
        "documents": [],
        "user_id": laptop.api.get_json("/api/v1/auth/me")["id"],
        "device_key_id": key.key_id,
        "client_id": "c0ffee00-1111-2222-3333-444455556666",
        "mutation_id": mutation,
        "signed_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "supersedes": None,
    }
    fields.update(changes)
    env = opinion_envelope(**fields)
    if v1:
        del env["definition_hash"]
        env.update(type="ecabinet.opinion.v1", ballot_version=1)
    signed = sign(env, key)
    payload = {"envelope": signed.text, "signature": signed.signature}
    return laptop.api.push(
        fields["client_id"],
        [{"mutation_id": mutation, "type": "submit_opinion", "payload": payload}],
    )[0]


def test_opening_signs_the_definition_a_draft_has_none(world: dict[str, Any]) -> None:
    clerk: Secretariat = world["clerk"]
    draft = _ballot(world, open_now=False, membership_total=27)
    assert draft["definition"] is None
    opened = clerk.api.post_json(f"/api/v1/ballots/{draft['id']}/open", {})
    value = _definition(world, opened)
    version = world["doc"]["version"]
    assert value["version"] == 1 and value["change"] == "issued" and value["seq"] == 1
    assert value["question"] == opened["question"] and value["membership_total"] == 27
    assert value["deadline"] == opened["deadline"] and value["closed_at"] is None
    assert value["documents"] == [
        {
            "document_id": world["doc"]["document"]["id"],
            "version_id": version["id"],
            "sha256": version["sha256"],
        }
    ]
    names = {m["user_id"]: m["full_name"] for m in value["eligible"]}
    assert sorted(names) == sorted(opened["eligible"]) and "Lê Minh Khoa" in names.values()


def test_an_extension_is_a_new_version_and_answers_to_the_first_still_count(
    world: dict[str, Any],
) -> None:
    clerk: Secretariat = world["clerk"]
    ballot = _ballot(world)
    extended = clerk.api.post_json(
        f"/api/v1/ballots/{ballot['id']}/extend", {"deadline": in_hours(48)}
    )
    first, second = _definition(world, ballot), _definition(world, extended)
    assert (second["version"], second["change"]) == (2, "deadline_extended")
    assert second["prev"] == digest(ballot["definition"]["text"].encode())
    assert substance(first) == substance(second) and second["deadline"] != first["deadline"]
    # Signed offline against version 1, arriving after the extension: still accepted.
    assert _push(world, ballot)["status"] == "applied"


def test_an_opinion_bound_to_another_definition_or_none_is_rejected(world: dict[str, Any]) -> None:
    ballot, other = _ballot(world), _ballot(world)
    foreign = digest(other["definition"]["text"].encode())
    result = _push(world, ballot, definition_hash=foreign)
    assert (result["status"], result["code"]) == ("rejected", "ballot_changed")
    assert result["result"]["receipt"]  # recorded, with a signed refusal
    result = _push(world, ballot, v1=True)
    assert (result["status"], result["code"]) == ("rejected", "ballot_changed")
    assert world["clerk"].progress(ballot["id"])["tally"]["agree"] == 0


def test_a_new_list_of_members_is_a_new_version_and_the_tally_follows_it(
    world: dict[str, Any],
) -> None:
    clerk: Secretariat = world["clerk"]
    ballot = _ballot(world)
    assert _push(world, ballot)["status"] == "applied"
    ids = [clerk.users[u] for u in ("bt.tuphap", "bt.ytte")]
    changed = clerk.api.request(
        "PUT", f"/api/v1/ballots/{ballot['id']}/eligible", json={"user_ids": ids}
    ).json()
    value = _definition(world, changed)
    assert (value["version"], value["change"]) == (2, "eligible_changed")
    assert sorted(m["user_id"] for m in value["eligible"]) == sorted(ids)
    progress = clerk.progress(ballot["id"])
    assert progress["tally"]["agree"] == 0 and progress["tally"]["not_answered"] == 2
    assert _push(world, ballot)["code"] == "not_found"  # no longer asked, no longer shown


def test_an_early_close_signs_a_definition_and_the_closing_record(world: dict[str, Any]) -> None:
    clerk: Secretariat = world["clerk"]
    ballot = _ballot(world)
    assert _push(world, ballot)["status"] == "applied"
    closed = clerk.close_ballot(ballot["id"])
    assert _definition(world, closed)["change"] == "closed_early"
    assert _push(world, ballot)["code"] == "ballot_closed"
    bundle = clerk.bundle(ballot["id"])
    kinds = [
        (json.loads(r["text"])["type"], json.loads(r["text"])["seq"]) for r in bundle["records"]
    ]
    assert kinds == [
        ("ecabinet.ballot-definition.v1", 1),
        ("ecabinet.ballot-definition.v1", 3),
        ("ecabinet.ballot-closing.v1", 4),
    ]
    recount = verify_bundle(bundle, trusted=[world["key"]])
    assert recount.proven, recount.problems
    assert recount.closed_at == closed["closed_at"] and recount.tally.agree == 1
    response = clerk.api.request(
        "POST", f"/api/v1/ballots/{ballot['id']}/extend", json={"deadline": in_hours(72)}
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "ballot_closed"
    # The audit trail holds each definition in full, as signed.
    audited = _audit_details(world["server"], ballot["id"])
    assert [a for a, _ in audited] == ["ballot.create", "ballot.open", "ballot.close"]
    assert audited[1][1]["definition"] == ballot["definition"]["text"]
    assert audited[2][1]["definition"] == closed["definition"]["text"]


def _audit_details(server: ServerProcess, ballot_id: str) -> list[tuple[str, dict[str, Any]]]:
    settings = ServerSettings(data_dir=server.data_dir, database_url=server.database_url)
    engine = make_engine(settings.resolved_database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(AuditEvent.action, AuditEvent.details_json)
                .where(AuditEvent.object_id == ballot_id)
                .order_by(AuditEvent.seq)
            ).all()
    finally:
        engine.dispose()
    return [(action, json.loads(details)) for action, details in rows]


def test_a_passed_deadline_seals_the_chain_once_and_always_the_same(world: dict[str, Any]) -> None:
    clerk: Secretariat = world["clerk"]
    deadline = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
    ballot = _ballot(world, deadline=deadline.isoformat())
    assert _push(world, ballot)["status"] == "applied"
    while datetime.now(UTC) <= deadline + timedelta(milliseconds=200):
        time.sleep(0.2)
    late = _push(world, ballot, choice="disagree", comment="Muộn.")
    assert late["code"] == "ballot_closed"
    first, second = clerk.bundle(ballot["id"]), clerk.bundle(ballot["id"])
    assert first["records"] == second["records"]
    closing = json.loads(first["records"][-1]["text"])
    assert closing["type"] == "ecabinet.ballot-closing.v1" and closing["cause"] == "deadline"
    assert closing["closed_at"] == deadline.strftime("%Y-%m-%dT%H:%M:%SZ")
    # Sealed before the late refusal joined the chain.
    assert json.loads(first["opinions"][-1]["receipt"])["seq"] == closing["seq"] + 1
    recount = verify_bundle(first, trusted=[world["key"]])
    assert recount.proven, recount.problems
    response = clerk.api.request(
        "POST", f"/api/v1/ballots/{ballot['id']}/extend", json={"deadline": in_hours(24)}
    )
    assert response.status_code == 409


def test_the_laptop_binds_the_definition_it_verified_and_refuses_one_that_does_not(
    world: dict[str, Any],
) -> None:
    laptop: Workspace = world["laptop"]
    ballot = _ballot(world)
    assert laptop.sync().ok
    opinion_id = laptop.sign_opinion(ballot["id"], "agree", "")
    with laptop.store.read() as session:
        env = json.loads(session.get(LocalOpinion, opinion_id).envelope)
        stored = session.get(LocalBallotDefinition, env["definition_hash"])
        assert stored is not None and stored.text == ballot["definition"]["text"]
    assert env["type"] == "ecabinet.opinion.v2"

    def altered(session: Any) -> None:
        session.execute(
            update(LocalBallotDefinition)
            .where(LocalBallotDefinition.ballot_id == ballot["id"])
            .values(text=stored.text.replace("Đồng ý thông qua", "Thông qua"))
        )

    laptop.store.write(altered)
    with pytest.raises(IntegrityError) as refused:
        laptop.sign_opinion(ballot["id"], "agree", "")
    assert (
        refused.value.code == "definition_unverified" and "Không ký phiếu" in refused.value.message
    )
    laptop.store.write(
        lambda s: s.execute(
            update(LocalBallotDefinition)
            .where(LocalBallotDefinition.id == stored.id)
            .values(text=ballot["definition"]["text"])
        )
    )
    laptop.store.write(
        lambda s: s.execute(
            update(LocalBallot).where(LocalBallot.id == ballot["id"]).values(question="Khác?")
        )
    )
    with pytest.raises(IntegrityError) as shown:
        laptop.sign_opinion(ballot["id"], "agree", "")
    assert shown.value.code == "definition_mismatch"
    laptop.store.write(
        lambda s: s.execute(
            update(LocalBallot)
            .where(LocalBallot.id == ballot["id"])
            .values(question=ballot["question"])
        )
    )
    with laptop.store.read() as session:
        original = meta.get(session, "server_key")
    other = b64(SigningKey.generate().public_bytes)
    laptop.store.write(lambda s: meta.put(s, "server_key", other))  # as if another key pinned
    try:
        with pytest.raises(IntegrityError):
            laptop.sign_opinion(ballot["id"], "agree", "")
    finally:
        laptop.store.write(lambda s: meta.put(s, "server_key", original or ""))
    assert laptop.sign_opinion(ballot["id"], "disagree", "Chưa đồng ý.")


def test_the_app_export_proves_the_bundle_with_the_pinned_key_before_saving(
    world: dict[str, Any], tmp_path: Path
) -> None:
    clerk: Secretariat = world["clerk"]
    ballot = _ballot(world)
    assert _push(world, ballot)["status"] == "applied"
    clerk.close_ballot(ballot["id"])
    saved = export(clerk.api, ballot["id"], tmp_path / "ok", trusted=[world["key"]])
    assert saved.recount.proven and saved.bundle_path.is_file() and saved.summary_path.is_file()
    assert digest(saved.bundle_path.read_bytes()) == saved.recount.bundle_sha256
    stranger = VerifyingKey(SigningKey.generate().public_bytes)
    with pytest.raises(IntegrityError) as refused:
        export(clerk.api, ballot["id"], tmp_path / "no", trusted=[stranger])
    assert refused.value.code == "bundle_failed"
    assert "không kiểm chứng được bằng khóa máy chủ đã ghim" in refused.value.message
    assert not (tmp_path / "no").exists()


def test_a_member_cannot_change_who_is_asked(world: dict[str, Any]) -> None:
    ballot = _ballot(world)
    member = ApiClient(world["server"].url)
    member.login("bt.tuphap", PASSWORD)
    response = member.request(
        "PUT",
        f"/api/v1/ballots/{ballot['id']}/eligible",
        json={"user_ids": [world["clerk"].users["bt.tuphap"]]},
    )
    assert response.status_code in (403, 404)
    empty = world["clerk"].api.request(
        "PUT", f"/api/v1/ballots/{ballot['id']}/eligible", json={"user_ids": []}
    )
    assert empty.status_code == 422 and "error" in empty.json()
    outsider = world["clerk"].api.request(
        "PUT",
        f"/api/v1/ballots/{ballot['id']}/eligible",
        json={"user_ids": [world["clerk"].users["vpcp.clerk"]]},
    )
    assert outsider.status_code == 422
    assert outsider.json()["error"]["code"] == "not_a_participant"
