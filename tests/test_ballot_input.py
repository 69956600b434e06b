"""Bad opinions, each refused or marked as the rules say (docs/ballots.md), on both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.opinions import device_slot, load_device_key
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.canonical import digest
from ecabinet.crypto.envelopes import Signed, opinion_envelope, sign
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.errors import AuthError
from ecabinet.store.models import LocalOpinion

CLIENT = "7d0c4f8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f"


class Minister:
    """A member with a registered device key, able to craft envelopes by hand."""

    def __init__(self, server: ServerProcess, username: str, home: Path) -> None:
        self.workspace = Workspace(home / username, server_url=server.url)
        self.workspace.login(username, PASSWORD)
        key = load_device_key(device_slot(server.url, username))
        assert key is not None
        self.key = key
        self.api = self.workspace.api
        self.user_id = self.api.get_json("/api/v1/auth/me")["id"]
        self.next_mutation = 1000

    def envelope(self, ballot: dict[str, Any], **changes: Any) -> dict[str, Any]:
        self.next_mutation += 1
        fields: dict[str, Any] = {
            "ballot_id": ballot["id"],
            "definition_hash": digest(ballot["definition"]["text"].encode()),
            "choice": "agree",
            "comment": "",
            "documents": [],
            "user_id": self.user_id,
            "device_key_id": self.key.key_id,
            "client_id": CLIENT,
            "mutation_id": self.next_mutation,
            "signed_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "supersedes": None,
        }
        fields.update(changes)
        return opinion_envelope(**fields)

    def push(self, signed: Signed, mutation_id: int) -> dict[str, Any]:
        payload = {"envelope": signed.text, "signature": signed.signature}
        return self.api.push(
            CLIENT, [{"mutation_id": mutation_id, "type": "submit_opinion", "payload": payload}]
        )[0]

    def sign_and_push(self, ballot: dict[str, Any], **changes: Any) -> dict[str, Any]:
        env = self.envelope(ballot, **changes)
        return self.push(sign(env, self.key), env["mutation_id"])

    def close(self) -> None:
        self.workspace.close()


@pytest.fixture(scope="module")
def setting(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("laptops")
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến bằng văn bản", ["bt.taichinh", "bt.tuphap"])
    doc = clerk.upload(meeting["id"], make_pdf(home / "d.pdf", 2), title="Dự thảo")
    minister = Minister(server, "bt.taichinh", home)
    yield clerk, meeting, doc, minister
    minister.close()


def _ballot(clerk: Secretariat, meeting: dict, doc: dict, **extra: Any) -> dict[str, Any]:
    return clerk.create_ballot(
        meeting["id"], "Đồng ý thông qua dự thảo?", document_ids=[doc["document"]["id"]], **extra
    )


def test_tampered_signature_and_tampered_envelope_are_refused(setting) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc)
    env = minister.envelope(ballot, choice="disagree", comment="Chưa đồng ý.")
    good = sign(env, minister.key)
    forged = Signed(good.text, b64(SigningKey.generate().sign(good.text.encode())))
    assert minister.push(forged, env["mutation_id"])["code"] == "bad_signature"
    altered = Signed(good.text.replace("Chưa đồng ý.", "Đồng ý."), good.signature)
    result = minister.push(altered, env["mutation_id"] + 500)
    assert result["status"] == "rejected"
    assert result["code"] in {"bad_signature", "wrong_identity"}
    assert clerk.progress(ballot["id"])["received"] == 0  # nothing unauthentic is recorded


def test_a_replayed_opinion_is_applied_once(setting) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc)
    env = minister.envelope(ballot)
    signed = sign(env, minister.key)
    first = minister.push(signed, env["mutation_id"])
    second = minister.push(signed, env["mutation_id"])
    assert first["status"] == second["status"] == "applied"
    assert second["duplicate"] and second["result"]["receipt"] == first["result"]["receipt"]
    direct = minister.api.post_json(
        f"/api/v1/ballots/{ballot['id']}/opinions",
        {"client_id": CLIENT, "mutation_id": env["mutation_id"], "envelope": signed.text,
         "signature": signed.signature},
    )  # fmt: skip
    assert direct["receipt"] == first["result"]["receipt"]
    assert clerk.progress(ballot["id"])["received"] == 1


def test_an_opinion_from_a_revoked_device_is_rejected(setting, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    tuphap = Minister(server, "bt.tuphap", minister.workspace.paths.root.parent)
    try:
        ballot = _ballot(clerk, meeting, doc)
        admin = ApiClient(server.url)
        admin.login("quantri", PASSWORD)
        devices = admin.get_json("/api/v1/devices", params={"user_id": tuphap.user_id})
        assert [d["key_id"] for d in devices] == [tuphap.key.key_id]
        admin.post_json(f"/api/v1/devices/{tuphap.key.key_id}/revoke", {})
        # The laptop's own session ended with the revocation: told to wipe, nothing taken.
        with pytest.raises(AuthError) as ended:
            tuphap.sign_and_push(ballot)
        assert (ended.value.reason, ended.value.wipe) == ("device_revoked", True)
        # The stolen key, pushed through another session of the same account: refused.
        tuphap.api = ApiClient(server.url)
        tuphap.api.login("bt.tuphap", PASSWORD)
        result = tuphap.sign_and_push(ballot)
        assert result["status"] == "rejected" and result["code"] == "device_revoked"
        assert result["result"]["receipt"]  # recorded, with a signed refusal
    finally:
        tuphap.close()


def test_a_member_not_asked_cannot_answer(setting, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc, eligible=[clerk.users["bt.tuphap"]])
    result = minister.sign_and_push(ballot)
    assert result["status"] == "rejected" and result["code"] == "not_found"
    assert minister.api.request("GET", f"/api/v1/ballots/{ballot['id']}").status_code == 404


def test_a_malformed_envelope_gets_422_with_the_reason(setting) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc)
    env = minister.envelope(ballot)
    not_canonical = json.dumps(env, indent=2)
    response = minister.api.request(
        "POST", f"/api/v1/ballots/{ballot['id']}/opinions",
        json={"client_id": CLIENT, "mutation_id": env["mutation_id"], "envelope": not_canonical,
              "signature": b64(minister.key.sign(not_canonical.encode()))},
    )  # fmt: skip
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "malformed_envelope" and "canonical" in error["message_en"]
    missing = dict(env)
    del missing["comment"]
    result = minister.push(sign(missing, minister.key), env["mutation_id"])
    assert result["code"] == "malformed_envelope"


def test_a_client_clock_a_year_off_changes_nothing(setting) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc)
    for offset in (timedelta(days=365), timedelta(days=-365)):
        skewed = (datetime.now(UTC) + offset).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert minister.sign_and_push(ballot, signed_at=skewed)["status"] == "applied"
    closed = _ballot(clerk, meeting, doc)
    clerk.close_ballot(closed["id"])
    past = (datetime.now(UTC) - timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert minister.sign_and_push(closed, signed_at=past)["code"] == "ballot_closed"


def test_comment_rules_and_options_are_enforced(setting) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc, comment_required=["other", "disagree"])
    assert minister.sign_and_push(ballot, choice="disagree")["code"] == "comment_required"
    assert minister.sign_and_push(ballot, choice="maybe")["code"] == "invalid_choice"
    ok = minister.sign_and_push(ballot, choice="disagree", comment="Cần bổ sung thuyết minh.")
    assert ok["status"] == "applied"


def test_an_answer_to_an_outdated_draft_is_accepted_but_marked(setting, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc)
    assert minister.workspace.sync().ok
    minister.workspace.sign_opinion(ballot["id"], "agree", "")  # binds version 1's hash
    clerk.upload_version(doc["document"]["id"], make_pdf(tmp_path / "v2.pdf", 3, "Dự thảo lần 2"))
    report = minister.workspace.sync()
    assert report.ok and report.applied >= 1
    with minister.workspace.store.read() as session:
        opinion = session.query(LocalOpinion).filter_by(ballot_id=ballot["id"]).one()
    assert opinion.state == "accepted" and opinion.outdated
    member = next(m for m in clerk.progress(ballot["id"])["members"] if m["choice"])
    assert member["state"] == "outdated"


def test_the_local_client_refuses_a_missing_comment_before_signing(setting) -> None:  # type: ignore[no-untyped-def]
    from ecabinet.errors import InputError

    clerk, meeting, doc, minister = setting
    ballot = _ballot(clerk, meeting, doc)
    assert minister.workspace.sync().ok
    with pytest.raises(InputError) as info:
        minister.workspace.sign_opinion(ballot["id"], "other", "   ")
    assert "cần ghi rõ ý kiến" in info.value.message
