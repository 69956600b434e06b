"""The server's answers to good and bad input, over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests
from support.actors import PASSWORD, Clerk
from support.pdfs import make_large_pdf, make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.errors import AuthError


def _blob_files(server: ServerProcess) -> list[Path]:
    return sorted(p for p in (server.data_dir / "blobs").rglob("*") if p.is_file())


def test_openapi_is_published(server: ServerProcess) -> None:
    spec = requests.get(server.url + "/openapi.json", timeout=10).json()
    assert "/api/v1/sync/pull" in spec["paths"] and "/api/v1/files/{sha256}" in spec["paths"]


def test_wrong_password_and_unknown_user_get_the_same_answer(server: ServerProcess) -> None:
    url = server.url + "/api/v1/auth/login"
    wrong = requests.post(
        url, json={"username": "bt.taichinh", "password": "sai-mat-khau"}, timeout=10
    )
    unknown = requests.post(
        url, json={"username": "khong.ton.tai", "password": "x" * 12}, timeout=10
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_expired_access_token_is_refreshed_transparently(server_factory: ServerFactory) -> None:
    server = server_factory("--access-token-ttl", "2")
    from ecabinet.client.credentials import SecretSlot

    api = ApiClient(server.url, refresh_slot=SecretSlot("refresh-token", f"{server.url}|test"))
    api.login("bt.taichinh", PASSWORD)
    time.sleep(3.1)
    api._access_expires = None  # behave like a client whose clock says the token is fine
    before = api.round_trips
    assert api.get_json("/api/v1/auth/me")["username"] == "bt.taichinh"
    assert api.round_trips - before == 3  # 401 token_expired, refresh, retry


def test_no_token_or_garbage_token_is_401(server: ServerProcess) -> None:
    assert requests.get(server.url + "/api/v1/meetings", timeout=10).status_code == 401
    garbage = requests.get(
        server.url + "/api/v1/meetings", headers={"Authorization": "Bearer abc.def.ghi"}, timeout=10
    )
    assert garbage.status_code == 401 and garbage.json()["error"]["code"] == "invalid_token"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"Day khong phai tep PDF, chi la van ban.", "not_pdf"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF", "corrupt_pdf"),
        (b"", "empty_upload"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(
    server: ServerProcess, content: bytes, code: str
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    before = _blob_files(server)
    response = clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/documents",
        params={"filename": "tep.pdf"}, data=content,
    )  # fmt: skip
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]  # a Vietnamese sentence naming the problem
    assert _blob_files(server) == before
    assert clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}")["documents"] == []


def test_truncated_pdf_is_refused(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    whole = make_pdf(tmp_path / "whole.pdf", pages=3).read_bytes()
    response = clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/documents",
        params={"filename": "cut.pdf"}, data=whole[: len(whole) // 2],
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "corrupt_pdf"


def test_upload_over_the_limit_is_413_and_nothing_is_stored(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory("--max-upload-mb", "1")
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    big = make_large_pdf(tmp_path / "big.pdf", 3 << 20)
    before = _blob_files(server)
    with pytest.raises(Exception, match=r"upload limit|dung lượng") as info:
        clerk.upload(meeting["id"], big)
    assert getattr(info.value, "status", None) == 413
    # Without a Content-Length (chunked), the limit is enforced while streaming.
    chunks = (big.read_bytes()[i : i + 65536] for i in range(0, big.stat().st_size, 65536))
    response = clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting['id']}/documents", params={"filename": "b.pdf"},
        data=chunks,
    )  # fmt: skip
    assert response.status_code == 413
    assert _blob_files(server) == before


def test_classified_documents_are_not_distributed(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    with make_pdf(tmp_path / "mat.pdf").open("rb") as pdf:
        response = clerk.api.request(
            "POST", f"/api/v1/meetings/{meeting['id']}/documents",
            params={"filename": "mat.pdf", "classification": "toi-mat"}, data=pdf,
        )  # fmt: skip
    assert response.status_code == 422 and response.json()["error"]["code"] == "classified"


def test_files_have_strong_etags_and_ranges(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    pdf = make_pdf(tmp_path / "a.pdf", pages=3)
    sha = clerk.upload(meeting["id"], pdf)["version"]["sha256"]
    member = ApiClient(server.url)
    member.login("bt.taichinh", PASSWORD)
    path = f"/api/v1/files/{sha}"
    whole = member.request("GET", path)
    assert whole.status_code == 200 and whole.content == pdf.read_bytes()
    assert whole.headers["ETag"] == f'"{sha}"'
    head = member.request("HEAD", path)
    assert head.status_code == 200 and int(head.headers["Content-Length"]) == pdf.stat().st_size
    part = member.request("GET", path, headers={"Range": "bytes=100-", "If-Range": f'"{sha}"'})
    assert part.status_code == 206 and part.content == pdf.read_bytes()[100:]
    stale = member.request("GET", path, headers={"Range": "bytes=100-", "If-Range": '"other"'})
    assert stale.status_code == 200 and stale.content == pdf.read_bytes()
    beyond = member.request("GET", path, headers={"Range": f"bytes={10**9}-"})
    assert beyond.status_code == 416
    assert member.request("GET", "/api/v1/files/" + "0" * 64).status_code == 404
    # Not a SHA-256 at all: refused by the route's declared pattern, before any lookup.
    assert member.request("GET", "/api/v1/files/not-a-hash").status_code == 422


def test_login_errors_reach_the_client_as_auth_errors(server: ServerProcess) -> None:
    api = ApiClient(server.url)
    with pytest.raises(AuthError) as info:
        api.login("bt.taichinh", "sai-mat-khau")
    assert info.value.code == "bad_credentials"
