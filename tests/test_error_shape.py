"""One error shape for every refusal, and an OpenAPI document that declares them all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from support.actors import Clerk
from support.pdfs import make_pdf
from support.server import ServerProcess

METHODS = ("get", "put", "post", "delete", "patch", "head")
ERROR_REF = "#/components/schemas/ErrorOut"


def refused(response: requests.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert set(error) >= {"code", "message", "message_en"}
    return error


@pytest.fixture(scope="module")
def spec(server: ServerProcess) -> dict[str, Any]:
    answer: dict[str, Any] = requests.get(server.url + "/openapi.json", timeout=10).json()
    return answer


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_every_operation_declares_its_errors_in_the_one_shape(spec: dict[str, Any]) -> None:
    operations = _operations(spec)
    assert len(operations) > 30
    problems = []
    for method, path, op in operations:
        responses = op["responses"]
        errors = {int(s) for s in responses if s.isdigit() and int(s) >= 400}
        needed = {400, 500}
        if op.get("parameters") or op.get("requestBody"):
            needed.add(422)
        if op.get("requestBody"):
            needed.add(413)
        if op.get("security"):
            needed |= {401, 403, 404}
        if missing := needed - errors:
            problems.append(f"{method} {path} declares no {sorted(missing)}")
        for status in errors:
            schema = responses[str(status)]["content"]["application/json"]["schema"]
            if schema != {"$ref": ERROR_REF}:
                problems.append(f"{method} {path} {status} is not ErrorOut: {schema}")
    assert not problems, "\n".join(problems)
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert schemas["ErrorDetail"]["required"] == ["code", "message", "message_en"]


def test_route_specific_statuses_are_declared(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    assert "410" in paths["/api/v1/sync/pull"]["get"]["responses"]
    assert {"206", "416"} <= set(paths["/api/v1/files/{sha256}"]["get"]["responses"])
    assert "429" in paths["/api/v1/auth/login"]["post"]["responses"]
    assert "409" in paths["/api/v1/ballots/{ballot_id}/open"]["post"]["responses"]
    upload = paths["/api/v1/meetings/{meeting_id}/documents"]["post"]
    assert "application/pdf" in upload["requestBody"]["content"]
    # Authenticated operations say so, and how.
    assert paths["/api/v1/meetings"]["get"]["security"] == [{"bearer": []}]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert "security" not in paths["/api/v1/auth/login"]["post"]


def test_starlettes_own_refusals_come_in_the_one_shape(server: ServerProcess) -> None:
    clerk = Clerk(server.url)
    assert refused(clerk.api.request("GET", "/api/v1/khong-co-dia-chi-nay"), 404)["code"] == (
        "not_found"
    )
    wrong = clerk.api.request("PUT", "/api/v1/meetings")
    assert refused(wrong, 405)["code"] == "method_not_allowed"
    assert "GET" in wrong.headers["Allow"]
    json_type = {"Content-Type": "application/json"}
    not_json = clerk.api.request("POST", "/api/v1/meetings", data="{sai", headers=json_type)
    error = refused(not_json, 422)
    assert error["field"] == "body" and "JSON" in error["message"]
    not_object = clerk.api.request("POST", "/api/v1/meetings", json=[1, 2])
    assert refused(not_object, 422)["code"] == "invalid_request"
    no_token = requests.get(server.url + "/api/v1/meetings", timeout=10)
    assert refused(no_token, 401)["code"] == "not_authenticated"


def test_bad_file_ranges_come_in_the_one_shape(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    pdf = make_pdf(tmp_path / "a.pdf")
    sha = clerk.upload(meeting["id"], pdf)["version"]["sha256"]
    path = f"/api/v1/files/{sha}"
    beyond = clerk.api.request("GET", path, headers={"Range": f"bytes={10**9}-"})
    assert refused(beyond, 416)["code"] == "range_not_satisfiable"
    assert beyond.headers["Content-Range"] == f"bytes */{pdf.stat().st_size}"
    malformed = clerk.api.request("GET", path, headers={"Range": "bytes=9-3"})
    assert refused(malformed, 400)["code"] == "bad_range"
    # A range that does fit is served as before.
    part = clerk.api.request("GET", path, headers={"Range": "bytes=10-"})
    assert part.status_code == 206 and part.content == pdf.read_bytes()[10:]
