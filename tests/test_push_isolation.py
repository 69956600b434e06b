"""A push answers each mutation on its own: one bad mutation never fails the others.

Bad in every way the wire allows — wrong types, a NUL, a time at year 1 or 9999, an
opinion hiding a NUL in its signed text — and bad in a way only the database notices
(a constraint the handlers know nothing of): the good mutations around it are applied.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.opinions import device_slot, load_device_key
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.envelopes import opinion_envelope, sign
from ecabinet.crypto.keys import SigningKey

CLIENT = "5b6c7d8e-0000-4000-8000-00000000c11e"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _read(version_id: Any, mutation_id: int, read_at: Any = None) -> dict[str, Any]:
    payload = {"document_version_id": version_id, "read_at": read_at or _now()}
    return {"mutation_id": mutation_id, "type": "mark_read", "payload": payload}


class Laptop:
    """A member's laptop: logged in, its device key registered, pushing by hand."""

    def __init__(self, server: ServerProcess, home: Path, username: str = "bt.taichinh") -> None:
        self.workspace = Workspace(home / username, server_url=server.url)
        self.workspace.login(username, PASSWORD)
        key = load_device_key(device_slot(server.url, username))
        assert key is not None
        self.key: SigningKey = key
        self.api = self.workspace.api
        self.user_id = str(self.api.get_json("/api/v1/auth/me")["id"])
        self.next_id = 100

    def ids(self, count: int) -> list[int]:
        self.next_id += count
        return list(range(self.next_id - count, self.next_id))

    def opinion(self, ballot: dict[str, Any], mutation_id: int, comment: str) -> dict[str, Any]:
        env = opinion_envelope(
            ballot_id=ballot["id"], definition_hash=ballot["definition"]["id"], choice="other",
            comment=comment, documents=[], user_id=self.user_id, device_key_id=self.key.key_id,
            client_id=CLIENT, mutation_id=mutation_id,
            signed_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), supersedes=None,
        )  # fmt: skip
        signed = sign(env, self.key)
        payload = {"envelope": signed.text, "signature": signed.signature}
        return {"mutation_id": mutation_id, "type": "submit_opinion", "payload": payload}

    def push(self, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return self.api.push(CLIENT, mutations)


def _paper(clerk: Secretariat, home: Path) -> tuple[dict[str, Any], list[str]]:
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    versions = [
        clerk.upload(meeting["id"], make_pdf(home / f"{n}.pdf", text=f"Tài liệu {n}"))["version"][
            "id"
        ]
        for n in range(3)
    ]
    return meeting, versions


@pytest.fixture(scope="module")
def world(
    server: ServerProcess, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Secretariat, Laptop, dict[str, Any], list[str]]:
    home = tmp_path_factory.mktemp("push")
    clerk = Secretariat(server.url)
    meeting, versions = _paper(clerk, home)
    return clerk, Laptop(server, home), meeting, versions


def _bad_payloads(laptop: Laptop, ballot: dict[str, Any], mutation_id: int) -> list[Any]:
    v = "00000000-0000-4000-8000-000000000000"  # a version id of the right shape
    opinion_with_nul = laptop.opinion(ballot, mutation_id, "Ý kiến\x00 ẩn")
    return [
        ("malformed_mutation", {"document_version_id": "abc\x00", "read_at": _now()}),
        ("malformed_mutation", {"document_version_id": 12345, "read_at": _now()}),
        ("malformed_mutation", {"document_version_id": v, "read_at": 5}),
        ("malformed_mutation", {"document_version_id": v, "read_at": "hôm qua"}),
        ("malformed_mutation", {"document_version_id": v, "read_at": "2026-01-01T08:00"}),
        ("malformed_mutation", {"document_version_id": v, "read_at": "0001-01-01T00:00+07:00"}),
        ("malformed_mutation", {"document_version_id": v, "read_at": "9999-12-31T23:59-07:00"}),
        ("malformed_mutation", {"document_version_id": v, "read_at": _now(), "extra": 1}),
        ("malformed_mutation", {}),
        ("malformed_envelope", opinion_with_nul["payload"]),
        ("malformed_envelope", {"envelope": 5, "signature": "x" * 20}),
        ("malformed_envelope", {"envelope": "{}", "signature": "không phải base64"}),
    ]  # fmt: skip


def test_one_bad_mutation_among_good_ones_is_refused_alone(
    world: tuple[Secretariat, Laptop, dict[str, Any], list[str]],
) -> None:
    clerk, laptop, meeting, versions = world
    ballot = clerk.create_ballot(meeting["id"], "Đồng ý?")
    cases = _bad_payloads(laptop, ballot, laptop.next_id + 1)
    for code, payload in cases:
        first, middle, last = laptop.ids(3)
        mutation_type = "submit_opinion" if code == "malformed_envelope" else "mark_read"
        results = laptop.push(
            [
                _read(versions[0], first),
                {"mutation_id": middle, "type": mutation_type, "payload": payload},
                _read(versions[1], last),
            ]
        )
        assert [r["status"] for r in results] == ["applied", "rejected", "applied"], payload
        assert results[1]["code"] == code, (payload, results[1])
        assert results[1]["message"] and results[1]["message_en"]
    # The middle one was not recorded anywhere: the ballot has no opinion.
    assert clerk.progress(ballot["id"])["received"] == 0


def test_an_unknown_mutation_type_is_answered_on_its_own(
    world: tuple[Secretariat, Laptop, dict[str, Any], list[str]],
) -> None:
    _clerk, laptop, _meeting, versions = world
    first, middle, last = laptop.ids(3)
    results = laptop.push(
        [
            _read(versions[0], first),
            {"mutation_id": middle, "type": "future_thing", "payload": {"x": "\x00"}},
            _read(versions[2], last),
        ]
    )
    assert [r.get("code") for r in results] == [None, "unknown_mutation", None]


def _refuse_reads_before_2002(server: ServerProcess) -> None:
    """A rule only the database knows, as a DBA's constraint would be."""
    if server.database_url:
        engine = create_engine(server.database_url)
        statement = (
            "ALTER TABLE document_reads ADD CONSTRAINT test_no_reads_before_2002 "
            "CHECK (read_at >= '2002-01-01')"
        )
    else:
        engine = create_engine(f"sqlite:///{server.data_dir / 'ecabinet.sqlite3'}")
        statement = (
            "CREATE TRIGGER test_no_reads_before_2002 BEFORE INSERT ON document_reads "
            "WHEN NEW.read_at < '2002-01-01' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def test_a_row_the_database_refuses_fails_only_its_own_mutation(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting, versions = _paper(clerk, tmp_path)
    ballot = clerk.create_ballot(meeting["id"], "Đồng ý?")
    laptop = Laptop(server, tmp_path)
    _refuse_reads_before_2002(server)
    ids = laptop.ids(4)
    batch = [
        _read(versions[0], ids[0]),
        laptop.opinion(ballot, ids[1], "Đồng ý, đề nghị sửa Điều 5."),
        _read(versions[1], ids[2], read_at="2001-06-01T08:00:00+07:00"),  # the database says no
        _read(versions[2], ids[3]),
    ]
    results = laptop.push(batch)
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "applied"]
    assert results[2]["code"] == "refused_by_database"
    assert "các thao tác khác vẫn được thực hiện" in results[2]["message"]
    # What was applied is really there, and what was refused is not.
    report = {d["document_id"]: d["read_at"] for d in _reads(clerk, meeting["id"])}
    read = {v for v, at in report.items() if at}
    assert len(read) == 2
    assert clerk.progress(ballot["id"])["received"] == 1
    receipt = json.loads(results[1]["result"]["receipt"])
    # The ballot's chain is whole after the replay: the signed definition, then this receipt.
    assert (receipt["seq"], receipt["prev"]) == (2, ballot["definition"]["id"])
    # A retry gets the same answers, each marked as already seen.
    again = laptop.push(batch)
    assert [r["status"] for r in again] == ["applied", "applied", "rejected", "applied"]
    assert all(r["duplicate"] for r in again)
    assert again[2]["code"] == "refused_by_database"
    assert "Traceback" not in server.log()  # no 500 on the way


def _reads(clerk: Secretariat, meeting_id: str) -> list[dict[str, Any]]:
    report = clerk.api.get_json(f"/api/v1/meetings/{meeting_id}/reads")
    assert len(report) == 1  # the one member
    documents: list[dict[str, Any]] = report[0]["documents"]
    return documents


def test_an_opinion_hiding_a_nul_is_refused_on_the_direct_route_too(
    world: tuple[Secretariat, Laptop, dict[str, Any], list[str]],
) -> None:
    clerk, laptop, meeting, _versions = world
    ballot = clerk.create_ballot(meeting["id"], "Đồng ý?")
    (mutation_id,) = laptop.ids(1)
    payload = laptop.opinion(ballot, mutation_id, "Ý kiến\x00 ẩn")["payload"]
    assert "\\u0000" in payload["envelope"]  # escaped in the signed text, NUL once parsed
    response = laptop.api.request(
        "POST",
        f"/api/v1/ballots/{ballot['id']}/opinions",
        json={"client_id": CLIENT, "mutation_id": mutation_id, **payload},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "envelope" and "NUL" in error["message_en"]
    assert clerk.progress(ballot["id"])["received"] == 0
