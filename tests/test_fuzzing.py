"""Schemathesis against the real server's /openapi.json, as a member and as the secretariat.

What must hold for every request it makes: no 5xx, no status the document does not
declare, and every answer matching the schema declared for it (body and content type).
Each run is bounded in time (``FUZZ_SECONDS``), on SQLite and on PostgreSQL.

The server holds a real meeting with an agenda item, a paper and an open ballot; their
ids are offered to the fuzzer for the path parameters half of the time, so requests
reach the handlers and not only the 404 of an unknown id.

A failure prints schemathesis' report: each failing check with the request (a curl
line to replay it) and the answer, then the end of the server's log.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.actors import PASSWORD, Secretariat, in_hours
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client.api import ApiClient

FUZZ_SECONDS = 30
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
)
# Only what must be left out, and why:
EXCLUDED_PATHS = (
    # Logging out ends the session the fuzzer's bearer token belongs to; every later
    # request would be a 401 and test nothing. (Logout is covered by the auth tests.)
    "/api/v1/auth/logout",
)
SEED = "20260615"


@pytest.fixture(scope="module")
def world(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Real objects for the fuzzer to aim at."""
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp để thử", ["bt.taichinh", "bt.tuphap"])
    item = clerk.add_item(meeting["id"], "Dự thảo Luật thử nghiệm")
    pdf = make_pdf(tmp_path_factory.mktemp("fuzz") / "du-thao.pdf")
    upload = clerk.upload(meeting["id"], pdf, item_id=item["id"])
    ballot = clerk.create_ballot(
        meeting["id"], "Đồng ý thông qua dự thảo?", document_ids=[upload["document"]["id"]],
        deadline=in_hours(48),
    )  # fmt: skip
    return {
        "meeting_id": meeting["id"],
        "item_id": item["id"],
        "document_id": upload["document"]["id"],
        "sha256": upload["version"]["sha256"],
        "ballot_id": ballot["id"],
    }


def _config(path: Path, world: dict[str, str]) -> Path:
    lines = []
    for name, value in world.items():
        lines += [f"[dictionaries.{name}]", f'values = ["{value}"]', ""]
    lines.append("[parameters]")
    for name in world:
        lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = 0.5 }}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _report(output: str) -> str:
    """The failures section of schemathesis' report, or its whole tail."""
    start = output.find("FAILURES")
    if start < 0:
        start = output.find("ERRORS")
    end = output.find("=== WARNINGS", max(start, 0))
    if start < 0:
        return output[-8000:]
    return output[start : end if end > 0 else None][:20000]


# The member first: the secretariat's run may delete the meeting the two share.
@pytest.mark.parametrize("username", ["bt.taichinh", "vpcp.clerk"])
def test_fuzzing_finds_no_server_error_and_no_undocumented_answer(
    server: ServerProcess, world: dict[str, str], username: str, tmp_path: Path
) -> None:
    exe = shutil.which("st", path=str(Path(sys.executable).parent))
    assert exe, "schemathesis is a dev dependency: pip install -e '.[dev]'"
    api = ApiClient(server.url)
    api.login(username, PASSWORD)
    token = api._access_token
    assert token
    command: list[Any] = [
        exe, "--config-file", _config(tmp_path / "schemathesis.toml", world),
        "run", f"{server.url}/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", ",".join(CHECKS),
        *[arg for path in EXCLUDED_PATHS for arg in ("--exclude-path", path)],
        "--max-time", str(FUZZ_SECONDS),
        # One worker: hypothesis' caches are not thread-safe (spurious tool errors).
        "--workers", "1",
        "--seed", SEED,
        "--generation-database", "none",
        "--no-color",
    ]  # fmt: skip
    ca_bundle = os.environ.get("REQUESTS_CA_BUNDLE")
    if server.url.startswith("https://") and ca_bundle:
        command += ["--tls-verify", ca_bundle]  # the test CA, as the other clients use it
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "fuzz_hooks"}
    result = subprocess.run(
        [str(a) for a in command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=FUZZ_SECONDS + 180,
        check=False,
    )
    assert result.returncode == 0, (
        f"schemathesis as {username} found problems:\n{_report(result.stdout)}\n"
        f"{result.stderr[-3000:]}\n--- server log ---\n{server.log()}"
    )
    # A run that was refused at the door would pass as well: make sure it was not.
    assert " generated, " in result.stdout, result.stdout[-3000:]
    assert api.get_json("/api/v1/auth/me")["username"] == username, "the session did not last"
    shut_out = _auth_failures(result.stdout)
    assert "GET /api/v1/meetings" not in shut_out, f"the fuzzer was not logged in: {shut_out}"


def _auth_failures(output: str) -> set[str]:
    """Operations schemathesis saw answer nothing but 401/403 (its own warning)."""
    start = output.find("Authentication failed")
    if start < 0:
        return set()
    block = output[start : output.find("💡", start)]
    return {line.strip()[2:] for line in block.splitlines() if line.strip().startswith("- ")}
