"""A failed upload leaves the blob store as it was: nothing half-done.

The upload writes its rows, then moves the file into place, then commits; should
anything fail, a file that this upload put there and no committed version refers to
is removed. The database failure is real: a rule the test adds to the database
(on PostgreSQL checked at commit, after the file has moved; SQLite has no deferred
triggers, so there it fires as the rows are written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from support.actors import Clerk
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

REFUSED_NAME = "tu-choi.pdf"


def _store(server: ServerProcess) -> list[tuple[str, int]]:
    """Every file under the blob directory (temporary ones included), with its size."""
    root = server.data_dir / "blobs"
    return sorted(
        (str(p.relative_to(root)), p.stat().st_size) for p in root.rglob("*") if p.is_file()
    )


def _upload(clerk: Clerk, meeting_id: str, path: Path, **params: str) -> Any:
    query = "&".join(f"{k}={quote(v)}" for k, v in {"filename": path.name, **params}.items())
    with path.open("rb") as body:
        return clerk.api.request(
            "POST", f"/api/v1/meetings/{meeting_id}/documents?{query}", data=body
        )


def _refuse_versions_named(server: ServerProcess, filename: str) -> None:
    if server.database_url:
        engine = create_engine(server.database_url)
        statements = [
            "CREATE FUNCTION test_refuse_version() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
            # Deferred: it fires at COMMIT, after the upload has moved its file into place.
            "CREATE CONSTRAINT TRIGGER test_refuse_version AFTER INSERT ON document_versions "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"WHEN (NEW.filename = '{filename}') EXECUTE FUNCTION test_refuse_version()",
        ]
    else:
        engine = create_engine(f"sqlite:///{server.data_dir / 'ecabinet.sqlite3'}")
        statements = [
            "CREATE TRIGGER test_refuse_version BEFORE INSERT ON document_versions "
            f"WHEN NEW.filename = '{filename}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def refusing_server(server_factory: ServerFactory) -> ServerProcess:
    server = server_factory()
    _refuse_versions_named(server, REFUSED_NAME)
    return server


def test_a_database_failure_after_staging_leaves_no_blob(
    refusing_server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(refusing_server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    before = _store(refusing_server)
    pdf = make_pdf(tmp_path / REFUSED_NAME, text="Tờ trình mới")
    failed = _upload(clerk, meeting["id"], pdf)
    assert failed.status_code == 500 and failed.json()["error"]["code"] == "internal_error"
    assert _store(refusing_server) == before
    assert clerk.api.get_json(f"/api/v1/meetings/{meeting['id']}")["documents"] == []
    # The same file under another name goes in, whole.
    renamed = pdf.rename(tmp_path / "to-trinh.pdf")
    sha = clerk.upload(meeting["id"], renamed)["version"]["sha256"]
    assert clerk.api.request("GET", f"/api/v1/files/{sha}").content == renamed.read_bytes()


def test_a_failed_upload_keeps_a_blob_that_was_there_before(
    refusing_server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Clerk(refusing_server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    first = make_pdf(tmp_path / "ban-dau.pdf", text="Dự thảo")
    sha = clerk.upload(meeting["id"], first)["version"]["sha256"]
    before = _store(refusing_server)
    same_bytes = tmp_path / REFUSED_NAME
    same_bytes.write_bytes(first.read_bytes())
    # Into another meeting: within one, the same file is refused before any write (409).
    other = clerk.create_meeting("Phiên họp khác", ["bt.taichinh"])
    assert _upload(clerk, other["id"], same_bytes).status_code == 500
    assert _store(refusing_server) == before  # the earlier version's file is still there
    assert clerk.api.request("GET", f"/api/v1/files/{sha}").content == first.read_bytes()


def test_refused_uploads_leave_the_store_as_it_was(server: ServerProcess, tmp_path: Path) -> None:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    other = clerk.create_meeting("Phiên họp khác", ["bt.taichinh"])
    other_item = clerk.add_item(other["id"], "Nội dung của phiên khác")
    pdf = make_pdf(tmp_path / "to-trinh.pdf")
    not_pdf = tmp_path / "ghi-chu.pdf"
    not_pdf.write_bytes(b"Day khong phai la PDF\n" * 100)
    before = _store(server)
    answers = [
        _upload(clerk, meeting["id"], pdf, agenda_item_id="00000000-0000-4000-8000-000000000000"),
        _upload(clerk, meeting["id"], pdf, agenda_item_id=other_item["id"]),
        _upload(clerk, meeting["id"], pdf, title="Tờ trình\x00"),
        _upload(clerk, meeting["id"], pdf, classification="toi-mat"),
        _upload(clerk, meeting["id"], not_pdf),
    ]
    assert [a.status_code for a in answers] == [404, 422, 400, 422, 422]
    assert _store(server) == before  # (over the size limit: test_server_api.py)
