"""A member sees only the meetings they are invited to, by every route there is."""

from __future__ import annotations

import re
from pathlib import Path

import requests
from support.actors import PASSWORD, Clerk
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client.api import ApiClient

# A valid body for each request schema, so that authorization, not validation, answers.
# A new route with a new body schema fails this test until it is listed here.
BODIES = {
    "ParticipantsIn": {"user_ids": []},
    "AgendaItemCreate": {"title": "Nội dung mới"},
    "AgendaItemUpdate": {"title": "Nội dung sửa"},
    "MeetingUpdate": {"title": "Tên mới"},
    "BallotCreate": {"question": "Câu hỏi", "deadline": "2030-01-01T00:00:00Z"},
    "DeadlineIn": {"deadline": "2030-01-01T00:00:00Z"},
    "EligibleIn": {"user_ids": ["00000000-0000-0000-0000-000000000000"]},
    "PasswordResetIn": {"password": "mat-khau-moi-2026"},
    "OpinionIn": {
        "client_id": "0b6f1a52-3c1e-4c55-9a2e-7d9f0c2b8e11",
        "mutation_id": 1,
        "envelope": "{}",
        "signature": "A" * 88,
    },
    "AnnotationWrite": {
        "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "document_id": "00000000-0000-4000-8000-000000000000",
        "version_sha256": "a" * 64,
        "visibility": "shared",
        "body": {"kind": "note", "page": 0, "rect": [1.0, 1.0, 2.0, 2.0], "text": "x"},
    },
    "NotesDeviceIn": {"x25519_public": "A" * 43 + "=", "signature": "A" * 86 + "=="},
    "WrappedKeyIn": {"wrapped": "AAAA", "from_key_id": "a" * 64},
    "AgendaOrderIn": {"item_ids": ["00000000-0000-4000-8000-000000000000"]},
    "RemindersIn": {"user_ids": ["00000000-0000-4000-8000-000000000000"]},
    "AttendanceIn": {
        "records": [{"user_id": "00000000-0000-4000-8000-000000000000", "state": "present"}]
    },
    "ConclusionIn": {"text": "Kết luận"},
}


def _body_for(operation: dict) -> dict | None:
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = schema.get("schema", {}).get("$ref")
    if ref is None:
        return None
    name = ref.rsplit("/", 1)[-1]
    assert name in BODIES, f"add a valid {name} body to BODIES"
    return BODIES[name]


def _login(server: ServerProcess, username: str) -> ApiClient:
    api = ApiClient(server.url)
    api.login(username, PASSWORD)
    return api


def test_uninvited_member_reaches_nothing_by_any_route(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp chuyên đề về y tế", ["bt.taichinh", "bt.tuphap"])
    item = clerk.add_item(meeting["id"], "Dự thảo Luật Khám bệnh, chữa bệnh (sửa đổi)")
    up = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "a.pdf"), title="Tờ trình", item_id=item["id"]
    )
    ballot = clerk.api.post_json(
        f"/api/v1/meetings/{meeting['id']}/ballots",
        {
            "question": "Đồng ý thông qua dự thảo?",
            "deadline": "2030-01-01T00:00:00Z",
            "document_ids": [up["document"]["id"]],
            "open": True,
        },
    )
    ids = {
        "ballot_id": ballot["id"],
        "key_id": "a" * 64,
        "meeting_id": meeting["id"],
        "item_id": item["id"],
        "document_id": up["document"]["id"],
        "sha256": up["version"]["sha256"],
        "annotation_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
    }
    outsider = _login(server, "bt.ytte")
    invited = _login(server, "bt.taichinh")
    # Administration routes: a member may not act on another account or its sessions.
    ids["user_id"] = clerk.users["bt.taichinh"]
    ids["session_id"] = str(invited.session_id)

    spec = requests.get(server.url + "/openapi.json", timeout=10).json()
    checked = 0
    for path, operations in spec["paths"].items():
        names = re.findall(r"{(\w+)}", path)
        if not names:
            continue
        concrete = path.format(**{n: ids[n] for n in names})
        for method, operation in operations.items():
            if method.upper() not in {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}:
                continue
            query = {
                p["name"]: "tai-lieu.pdf"
                for p in operation.get("parameters", [])
                if p["in"] == "query" and p.get("required")
            }
            response = outsider.request(
                method.upper(), concrete, json=_body_for(operation), params=query
            )
            assert response.status_code in {403, 404}, (method, concrete, response.status_code)
            # Annotation routes answer a non-participant 403, as issue 7 asks.
            if method.upper() == "GET" and not path.endswith(("/annotations", "/shared-comments")):
                assert response.status_code == 404, (concrete, response.text)
            checked += 1
    assert checked >= 10  # the test must actually walk the API

    assert outsider.get_json("/api/v1/meetings") == []
    pulled = outsider.pull(None)
    assert {c["type"] for c in pulled["changes"]} == {"user"}
    result = outsider.push(
        "11111111-2222-3333-4444-555555555555",
        [
            {
                "mutation_id": 1,
                "type": "mark_read",
                "payload": {
                    "document_version_id": up["version"]["id"],
                    "read_at": "2026-11-20T08:00Z",
                },
            }
        ],
    )
    assert result[0]["status"] == "rejected" and result[0]["code"] == "not_found"

    # The invited member does see it all, so the 404s above are about access, not typos.
    assert meeting["id"] in [m["id"] for m in invited.get_json("/api/v1/meetings")]
    assert invited.request("GET", f"/api/v1/files/{ids['sha256']}").status_code == 200
    assert invited.get_json(f"/api/v1/documents/{ids['document_id']}")["versions"]


def test_members_and_admins_cannot_prepare_meetings(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thường kỳ", ["bt.taichinh"])
    member = _login(server, "bt.taichinh")
    body = {"title": "x", "starts_at": "2026-12-01T08:00:00+07:00"}
    assert member.request("POST", "/api/v1/meetings", json=body).status_code == 403
    with make_pdf(tmp_path / "a.pdf").open("rb") as pdf:
        response = member.request(
            "POST", f"/api/v1/meetings/{meeting['id']}/documents", params={"filename": "a.pdf"},
            data=pdf,
        )  # fmt: skip
    assert response.status_code == 403
    admin = _login(server, "quantri")
    assert admin.get_json("/api/v1/meetings") == []  # administrators read no cabinet papers
    assert admin.request("GET", f"/api/v1/meetings/{meeting['id']}").status_code == 404


def test_withdrawn_access_sends_a_tombstone_and_removes_files(
    server: ServerProcess, tmp_path: Path
) -> None:
    from ecabinet.client.workspace import Workspace

    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thường kỳ", ["bt.taichinh", "bt.tuphap"])
    up = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf"), title="Dự thảo")
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.tuphap", PASSWORD)
        assert workspace.sync().ok
        assert workspace.file_path(up["version"]["sha256"]) is not None
        clerk.set_participants(meeting["id"], ["bt.taichinh"])
        report = workspace.sync()
        assert report.ok
        assert meeting["id"] not in [m["id"] for m in workspace.status()["meetings"]]
        assert workspace.file_path(up["version"]["sha256"]) is None
    finally:
        workspace.close()
