"""Bad input is a 4xx in the one error shape, never a 500 — on SQLite and PostgreSQL.

Each case here answered 500 on PostgreSQL before (DataError for a NUL, out-of-range
integers and dates), or was refused in another shape, or not refused at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from support.actors import PASSWORD, Secretariat, in_hours
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client.api import ApiClient

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
INT64_MAX = 2**63 - 1


def refused(response: requests.Response, status: int) -> dict[str, Any]:
    """The error of a refused request, checked for the one shape."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] and error["message"] and error["message_en"]
    return error


@pytest.fixture(scope="module")
def clerk(server: ServerProcess) -> Secretariat:
    return Secretariat(server.url)


@pytest.fixture(scope="module")
def meeting(clerk: Secretariat) -> dict[str, Any]:
    return clerk.create_meeting("Phiên họp thường kỳ", ["bt.taichinh"])


@pytest.fixture
def member(server: ServerProcess) -> ApiClient:
    api = ApiClient(server.url)
    api.login("bt.taichinh", PASSWORD)
    return api


def _blob_files(server: ServerProcess) -> list[Path]:
    return sorted(p for p in (server.data_dir / "blobs").rglob("*") if p.is_file())


# -- text: NUL and other control characters -------------------------------------


def test_a_nul_in_a_login_name_is_refused_without_any_account(server: ServerProcess) -> None:
    for name in ("bt.tai\x00chinh", "khong\x00ton.tai", "a\x1bb"):
        response = requests.post(
            server.url + "/api/v1/auth/login", json={"username": name, "password": "x"}, timeout=10
        )
        error = refused(response, 422)
        assert error["field"] == "username" and "NUL" in error["message_en"]


def test_a_password_is_any_text_but_a_lone_surrogate(server: ServerProcess) -> None:
    url = server.url + "/api/v1/auth/login"
    # Never stored, only hashed: a NUL in a password is just a wrong password.
    nul = requests.post(url, json={"username": "bt.taichinh", "password": "a\x00b"}, timeout=10)
    assert refused(nul, 401)["code"] == "bad_credentials"
    body = '{"username": "bt.taichinh", "password": "mat\\udc80khau"}'
    surrogate = requests.post(
        url, data=body, headers={"Content-Type": "application/json"}, timeout=10
    )
    assert refused(surrogate, 422)["field"] == "password"


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x85", "\x7f", "dòng\nmới"])
def test_control_characters_in_a_title_are_refused(clerk: Secretariat, bad: str) -> None:
    response = clerk.api.request(
        "POST", "/api/v1/meetings", json={"title": f"Phiên họp {bad}", "starts_at": in_hours(24)}
    )
    error = refused(response, 422)
    assert error["field"] == "title" and "ký tự điều khiển" in error["message"]


def test_multi_line_text_keeps_its_lines_but_not_a_nul(
    clerk: Secretariat, meeting: dict[str, Any]
) -> None:
    path = f"/api/v1/meetings/{meeting['id']}/ballots"
    question = "Đồng ý với dự thảo?\r\n\tĐiều 5 sửa như sau."
    ok = clerk.api.request("POST", path, json={"question": question, "deadline": in_hours(24)})
    assert ok.status_code == 201 and ok.json()["question"] == question
    nul = clerk.api.request("POST", path, json={"question": "Đồng ý\x00", "deadline": in_hours(24)})
    assert refused(nul, 422)["field"] == "question"


def test_a_lone_surrogate_is_refused(clerk: Secretariat) -> None:
    body = '{"title": "Phi\\ud800n h\\u1ecdp", "starts_at": "2026-12-01T08:00:00+07:00"}'
    response = clerk.api.request(
        "POST", "/api/v1/meetings", data=body, headers={"Content-Type": "application/json"}
    )
    assert refused(response, 422)["field"] == "title"


def test_a_nul_in_a_path_or_query_parameter_is_refused(
    server: ServerProcess, clerk: Secretariat, meeting: dict[str, Any], tmp_path: Path
) -> None:
    for path in (
        "/api/v1/meetings/%00",
        f"/api/v1/meetings/{meeting['id']}%00",
        "/api/v1/ballots?meeting_id=%00",
        "/api/v1/sync/pull?cursor=c.%00.1",
        "/api/v1/files/%00" + "a" * 63,
        "/khong-co%00",
    ):
        error = refused(clerk.api.request("GET", path), 400)
        assert error["code"] == "bad_characters", path
    # Not a NUL but not an id either: refused by the declared pattern, before any query.
    for path in ("/api/v1/meetings/khong-phai-uuid", "/api/v1/ballots?meeting_id=abc"):
        assert refused(clerk.api.request("GET", path), 422)["code"] == "invalid_request"
    # An upload's title in the query: refused before the body is read, nothing stored.
    before = _blob_files(server)
    with make_pdf(tmp_path / "a.pdf").open("rb") as body:
        response = clerk.api.request(
            "POST",
            f"/api/v1/meetings/{meeting['id']}/documents?filename=a.pdf&title="
            + quote("Tờ trình\x00"),
            data=body,
        )
    assert refused(response, 400)["code"] == "bad_characters"
    assert _blob_files(server) == before


# -- integers past their columns ---------------------------------------------------


@pytest.mark.parametrize("position", [2**31, 2**63, 10**30, -1])
def test_an_agenda_position_out_of_range_names_the_limit(
    clerk: Secretariat, meeting: dict[str, Any], position: int
) -> None:
    response = clerk.api.request(
        "POST",
        f"/api/v1/meetings/{meeting['id']}/agenda-items",
        json={"title": "Dự thảo", "position": position},
    )
    error = refused(response, 422)
    assert error["field"] == "position"
    assert ("10000" if position > 0 else "0") in error["message"]


@pytest.mark.parametrize("mutation_id", [2**63, 2**64, 10**40])
def test_a_mutation_id_past_a_bigint_names_the_limit(member: ApiClient, mutation_id: int) -> None:
    body = {
        "client_id": "3f1e2d4c-0000-4000-8000-00000000aaaa",
        "mutations": [{"mutation_id": mutation_id, "type": "mark_read", "payload": {}}],
    }
    error = refused(member.request("POST", "/api/v1/sync/push", json=body), 422)
    assert error["field"] == "mutations[0].mutation_id" and str(INT64_MAX) in error["message_en"]


def test_other_numbers_out_of_range_are_refused(
    clerk: Secretariat, meeting: dict[str, Any]
) -> None:
    error = refused(clerk.api.request("GET", "/api/v1/sync/pull?limit=" + "9" * 25), 422)
    assert "5000" in error["message"]
    response = clerk.api.request(
        "POST",
        f"/api/v1/meetings/{meeting['id']}/ballots",
        json={"question": "Đồng ý?", "deadline": in_hours(24), "membership_total": 2**31},
    )
    assert "100000" in refused(response, 422)["message"]


# -- times outside 2000–2100 ------------------------------------------------------

FAR_TIMES = [
    "0001-01-01T00:00:00+07:00",  # no UTC equivalent at all
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-07:00",  # past datetime.max in UTC
    "9999-12-31T23:59:59Z",
    "1999-12-31T23:59:59Z",
    "2101-01-01T00:00:00Z",
]


@pytest.mark.parametrize("when", FAR_TIMES)
def test_a_meeting_start_outside_the_window_is_refused(
    clerk: Secretariat, meeting: dict[str, Any], when: str
) -> None:
    created = clerk.api.request("POST", "/api/v1/meetings", json={"title": "X", "starts_at": when})
    error = refused(created, 422)
    assert (
        error["field"] == "starts_at" and "2000" in error["message"] and "2100" in error["message"]
    )
    moved = clerk.api.request(
        "PATCH", f"/api/v1/meetings/{meeting['id']}", json={"starts_at": when}
    )
    assert refused(moved, 422)["field"] == "starts_at"


@pytest.mark.parametrize("when", FAR_TIMES)
def test_a_ballot_deadline_outside_the_window_is_refused(
    clerk: Secretariat, meeting: dict[str, Any], when: str
) -> None:
    path = f"/api/v1/meetings/{meeting['id']}/ballots"
    error = refused(clerk.api.request("POST", path, json={"question": "Q?", "deadline": when}), 422)
    assert error["field"] == "deadline" and "2100" in error["message_en"]
    ballot = clerk.create_ballot(meeting["id"], "Gia hạn?")
    extended = clerk.api.request(
        "POST", f"/api/v1/ballots/{ballot['id']}/extend", json={"deadline": when}
    )
    assert refused(extended, 422)["field"] == "deadline"


# -- body size ---------------------------------------------------------------------


def _chunks(total: int, size: int = 1 << 20) -> Iterator[bytes]:
    yield b'{"client_id": "3f1e2d4c-0000-4000-8000-00000000bbbb", "mutations": ['
    sent = 0
    while sent < total:
        yield b" " * size
        sent += size
    yield b"]}"


def test_a_100_mb_push_body_is_413_and_the_server_carries_on(
    server: ServerProcess, member: ApiClient
) -> None:
    limit = requests.get(server.url + "/api/v1/server-info", timeout=10).json()["max_body_bytes"]
    assert limit == 16 << 20
    huge = b'{"client_id": "3f1e2d4c-0000-4000-8000-00000000bbbb", "mutations": [' + b" " * (
        100 << 20
    ) + b"]}"  # fmt: skip
    declared = member.request(
        "POST", "/api/v1/sync/push", data=huge, headers={"Content-Type": "application/json"}
    )
    error = refused(declared, 413)
    assert error["code"] == "body_too_large" and error["limit_bytes"] == limit
    # Chunked: no Content-Length to trust; the bytes are counted as they arrive.
    chunked = member.request(
        "POST", "/api/v1/sync/push", data=_chunks(40 << 20),
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert "Content-Length" not in chunked.request.headers
    assert refused(chunked, 413)["code"] == "body_too_large"
    # And the server carries on: a normal push right after is answered.
    fine = member.push("3f1e2d4c-0000-4000-8000-00000000bbbb", [])
    assert fine == []
    assert requests.get(server.url + "/healthz", timeout=10).json() == {"status": "ok"}


# -- sync cursors ----------------------------------------------------------------


def test_a_malformed_cursor_is_400_and_an_unknown_one_410(member: ApiClient) -> None:
    epoch = member.pull(None)["cursor"].split(".")[1]
    for cursor in (
        "garbage",
        "c.x",
        f"c.{epoch}",
        f"c.{epoch}.abc",
        f"c.{epoch}.-1",
        f"c.{epoch}.1.2",
        f"c.{epoch}.{'9' * 25}",
        f"s.{epoch}.1.not-a-meeting",
        f"x.{epoch}.1",
    ):
        response = member.request("GET", "/api/v1/sync/pull", params={"cursor": cursor})
        error = refused(response, 400)
        assert error["code"] == "bad_cursor", cursor
        assert "định dạng" in error["message"]
    for cursor in ("c.anotherdatabase.5", f"c.{epoch}.999999999"):
        response = member.request("GET", "/api/v1/sync/pull", params={"cursor": cursor})
        assert refused(response, 410)["code"] == "cursor_expired", cursor
