"""Duplicate uploads and new versions with a change note (real server, both databases)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests
from support.actors import Clerk
from support.notes import laptop
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client.api import raise_for_answer
from ecabinet.client.secretariat_updates import updated_papers


def _upload(clerk: Clerk, meeting_id: str, pdf: Path, **params: str) -> requests.Response:
    return clerk.api.request(
        "POST", f"/api/v1/meetings/{meeting_id}/documents",
        params={"filename": pdf.name, **params}, data=pdf.read_bytes(),
        headers={"Content-Type": "application/pdf"},
    )  # fmt: skip


def _version(clerk: Clerk, document_id: str, pdf: Path, **params: str) -> requests.Response:
    return clerk.api.request(
        "POST", f"/api/v1/documents/{document_id}/versions",
        params={"filename": pdf.name, **params}, data=pdf.read_bytes(),
        headers={"Content-Type": "application/pdf"},
    )  # fmt: skip


def _error(answer: requests.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, (answer.status_code, answer.text)
    body: dict[str, Any] = answer.json()["error"]
    assert body["code"] and body["message"] and body["message_en"], body
    return body


def _versions(clerk: Clerk, meeting_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = clerk.api.get_json(f"/api/v1/meetings/{meeting_id}")[
        "document_versions"
    ]
    return found


def test_a_file_already_in_the_meeting_is_not_stored_twice(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp tải trùng", ["bt.taichinh"], status="draft")
    pdf = make_pdf(tmp_path / "to-trinh.pdf", pages=2, text="Tờ trình 125")
    first = clerk.upload(meeting["id"], pdf, title="Tờ trình")
    again = _error(_upload(clerk, meeting["id"], pdf, title="Tờ trình lần hai"), 409)
    assert again["code"] == "duplicate_document"
    assert again["document_id"] == first["document"]["id"], "the answer names the existing one"
    assert len(_versions(clerk, meeting["id"])) == 1, "nothing stored the second time"
    # The same file in another meeting is that meeting's own paper.
    other = clerk.create_meeting("Phiên họp khác", ["bt.taichinh"], status="draft")
    assert clerk.upload(other["id"], pdf)["document"]["id"] != first["document"]["id"]
    # As a new version of another paper of the same meeting: refused too.
    second = clerk.upload(meeting["id"], make_pdf(tmp_path / "b.pdf", pages=1, text="Khác"))
    as_version = _error(_version(clerk, second["document"]["id"], pdf), 409)
    assert as_version["document_id"] == first["document"]["id"]
    same = _error(_version(clerk, first["document"]["id"], pdf), 409)
    assert same["code"] == "same_version"
    # Deleted, the file may come back.
    clerk.delete_document(first["document"]["id"])
    assert _upload(clerk, meeting["id"], pdf).status_code == 201


def test_a_paper_members_have_read_is_replaced_only_with_a_change_note(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp phiên bản mới", ["bt.taichinh"])
    doc = clerk.upload(meeting["id"], make_pdf(tmp_path / "v1.pdf", pages=2, text="Bản 1"))
    document_id = doc["document"]["id"]
    # Nobody has read it yet: a new version needs no note.
    v2 = _version(clerk, document_id, make_pdf(tmp_path / "v2.pdf", pages=2, text="Bản 2"))
    raise_for_answer(v2)
    workspace = laptop(server.url, tmp_path / "laptop", "bt.taichinh")
    try:
        assert workspace.mark_read(v2.json()["version"]["id"])
        assert workspace.sync().ok
        v3_pdf = make_pdf(tmp_path / "v3.pdf", pages=3, text="Bản 3")
        silent = _error(_version(clerk, document_id, v3_pdf), 422)
        assert silent["code"] == "change_note_required"
        blank = _error(_version(clerk, document_id, v3_pdf, change_note="   "), 422)
        assert blank["code"] == "change_note_required"
        note = "Bổ sung Điều 5 theo ý kiến Bộ Tư pháp"
        v3 = _version(clerk, document_id, v3_pdf, change_note=note)
        raise_for_answer(v3)
        assert v3.json()["version"]["change_note"] == note
        assert workspace.sync().ok
        with workspace.store.read() as session:
            marks = updated_papers(session)
        assert set(marks) == {document_id}, "the member sees an 'updated' mark"
        mark = marks[document_id]
        assert (mark.version_no, mark.read_version_no, mark.change_note) == (3, 2, note)
        assert workspace.mark_read(v3.json()["version"]["id"])
        with workspace.store.read() as session:
            assert updated_papers(session) == {}, "opened: the mark goes"
        pulled = [v for v in _versions(clerk, meeting["id"]) if v["version_no"] == 3]
        assert pulled[0]["change_note"] == note
        audit = clerk.api.get_json(f"/api/v1/documents/{document_id}")["versions"]
        assert [v["change_note"] for v in audit] == ["", "", note]
    finally:
        workspace.close()
