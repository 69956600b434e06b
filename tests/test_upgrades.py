"""Databases written by earlier releases open and upgrade, keeping their data."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session
from support.actors import PASSWORD, Clerk
from support.pdfs import make_large_pdf, make_pdf
from support.server import ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.apply import apply_changes
from ecabinet.client.credentials import SecretSlot
from ecabinet.client.opinions import device_slot, load_device_key
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.ballot_records import parse_closing, parse_definition
from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import SigningKey, VerifyingKey
from ecabinet.dbengine import make_engine
from ecabinet.server.app import build_context
from ecabinet.server.db import UTCDateTime
from ecabinet.server.migrate import alembic_config
from ecabinet.server.models import BallotRecord
from ecabinet.server.security import hash_password, verify_password
from ecabinet.server.services import accounts
from ecabinet.server.settings import ServerSettings
from ecabinet.store import meta
from ecabinet.store.db import LOCAL_SCHEMA_HEAD, LocalStore
from ecabinet.store.models import LocalFile


def test_a_server_database_from_release_0001_upgrades_and_keeps_its_accounts(
    tmp_path: Path, databases
) -> None:  # type: ignore[no-untyped-def]
    url = databases() or f"sqlite:///{tmp_path / 'ecabinet.sqlite3'}"
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # the schema before ballots existed
        connection.execute(
            text(
                "INSERT INTO organisations (id, code, name, created_at) "
                "VALUES ('org-1', 'CP', 'Chính phủ', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO users (id, org_id, username, full_name, title, role, password_hash,"
                " is_active, failed_logins, created_at, updated_at) VALUES ('u-1', 'org-1',"
                " 'bt.cu', 'Nguyễn Văn Cũ', '', 'member', :h, true, 0, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)"
            ),
            {"h": hash_password("mat-khau-cu-123")},
        )
    engine.dispose()
    ctx = build_context(ServerSettings(data_dir=tmp_path, database_url=url))  # upgrades to head
    try:
        with ctx.reader() as session:
            attempt = accounts.begin_login(session, username="bt.cu", source="test", device=None)
        assert attempt.password_hash and verify_password(attempt.password_hash, "mat-khau-cu-123")
        with ctx.writer() as session:
            tokens = accounts.finish_login(
                session, ctx.keys, ctx.settings, attempt=attempt, password_ok=True, label="test"
            )
            assert tokens.user.full_name == "Nguyễn Văn Cũ"
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == ScriptDirectory.from_config(config).get_current_head()
        assert ctx.signing_key.key_id  # the receipt key was made on the first start
    finally:
        ctx.engine.dispose()


def test_ballots_issued_before_definitions_were_signed_get_one_at_the_first_start(
    tmp_path: Path, databases
) -> None:  # type: ignore[no-untyped-def]
    url = databases() or f"sqlite:///{tmp_path / 'ecabinet.sqlite3'}"
    engine = make_engine(url)
    config = alembic_config()
    future = datetime(2099, 1, 1, 10, 0, tzinfo=UTC)
    past = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")  # ballots, receipts, but no signed definitions
        connection.execute(
            text(
                "INSERT INTO organisations (id, code, name, created_at) VALUES ('org-1', 'CP',"
                " 'Chính phủ', CURRENT_TIMESTAMP);"
            )
        )
        connection.execute(
            text(
                "INSERT INTO users (id, org_id, username, full_name, title, role, password_hash,"
                " is_active, failed_logins, created_at, updated_at)"
                " VALUES ('u-1', 'org-1', 'bt.cu', 'Nguyễn Văn Cũ', 'Bộ trưởng', 'member', 'x',"
                " true, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO meetings (id, org_id, title, kind, starts_at, location, status,"
                " created_by, created_at, updated_at)"
                " VALUES ('m-1', 'org-1', 'Phiên họp', 'regular', :t, '', 'published', 'u-1',"
                " :t, :t)"
            ).bindparams(bindparam("t", future, type_=UTCDateTime()))
        )
        for ballot, status, deadline, closed in (
            ("b-open", "open", future, None),
            ("b-closed", "closed", future, past),
        ):
            connection.execute(
                text(
                    "INSERT INTO ballots (id, org_id, meeting_id, version, question, options_json,"
                    " comment_required_json, deadline, status, membership_total, created_by,"
                    " created_at, updated_at, opened_at, closed_at, chain_seq, chain_hash) VALUES"
                    " (:id, 'org-1', 'm-1', 1, 'Đồng ý?', '[\"agree\", \"disagree\", \"other\"]',"
                    " '[\"other\"]', :deadline, :status, 25, 'u-1', :t, :t, :t, :closed, 1, :prev)"
                ).bindparams(
                    bindparam("deadline", deadline, type_=UTCDateTime()),
                    bindparam("t", past, type_=UTCDateTime()),
                    bindparam("closed", closed, type_=UTCDateTime()),
                ),
                {"id": ballot, "status": status, "prev": "ab" * 32},
            )
            connection.execute(
                text("INSERT INTO ballot_eligible (ballot_id, user_id) VALUES (:id, 'u-1')"),
                {"id": ballot},
            )
    engine.dispose()
    ctx = build_context(ServerSettings(data_dir=tmp_path, database_url=url))
    key = VerifyingKey(ctx.signing_key.public_bytes)
    try:
        with ctx.reader() as session:
            rows = session.scalars(
                select(BallotRecord).order_by(BallotRecord.ballot_id, BallotRecord.seq)
            ).all()
    finally:
        ctx.engine.dispose()
    assert all(Signed(r.text, r.signature).verify(key) for r in rows)
    [(closed_definition, closing), (open_definition,)] = [
        [r for r in rows if r.ballot_id == b] for b in ("b-closed", "b-open")
    ]
    for record in (closed_definition, open_definition):
        value = parse_definition(record.text)
        # Appended after the receipt the ballot already had: seq 2, linked to its hash.
        assert (value["change"], value["seq"], value["prev"]) == ("migrated", 2, "ab" * 32)
        assert value["eligible"] == [
            {"user_id": "u-1", "full_name": "Nguyễn Văn Cũ", "title": "Bộ trưởng"}
        ]
    assert parse_closing(closing.text)["closed_at"] == "2026-01-01T10:00:00Z"


def test_a_laptop_store_from_release_0001_upgrades_and_keeps_its_outbox(tmp_path: Path) -> None:
    path = tmp_path / "ecabinet.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(Path(__file__).parents[1] / "ecabinet" / "store" / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text("INSERT INTO meta (key, value) VALUES ('cursor', 'c.abc.7')"))
        connection.execute(
            text(
                "INSERT INTO outbox (mutation_id, type, payload_json, created_at, state, attempts,"
                " result_json) VALUES (1, 'mark_read', '{}', 't', 'pending', 0, '{}')"
            )
        )
    engine.dispose()
    store = LocalStore(path)
    try:
        with store.read() as session:
            assert meta.get(session, meta.CURSOR) == "c.abc.7"
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == LOCAL_SCHEMA_HEAD
        )
        assert conn.execute("SELECT count(*) FROM outbox WHERE state='pending'").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM opinions").fetchone()[0] == 0


def _old_release_profile(server: ServerProcess, profile: Path, tmp_path: Path) -> dict[str, Any]:
    """A profile as the previous release left it: clear store, clear papers, 0644 modes,
    the refresh token and device key in the keyring under their old names."""
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ tháng 10", ["bt.taichinh"])
    whole = clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf", 3, "Tờ trình cũ"))
    half = clerk.upload(meeting["id"], make_large_pdf(tmp_path / "b.pdf", 3 << 20))
    account = f"{server.url}|bt.taichinh"
    previous = os.umask(0o022)
    try:
        api = ApiClient(server.url, refresh_slot=SecretSlot("refresh-token", account))
        user = api.login("bt.taichinh", PASSWORD)
        store = LocalStore(profile / "ecabinet.sqlite3")  # the previous release: no key
        page = api.pull(None)

        def remember(session: Session) -> None:
            apply_changes(session, page["changes"], 0)
            meta.put(session, meta.CURSOR, page["cursor"])
            meta.put(session, meta.SERVER_URL, server.url)
            meta.put(session, meta.USERNAME, "bt.taichinh")
            meta.put(session, meta.USER_ID, user.id)
            meta.put(session, meta.USER_FULL_NAME, user.full_name)
            meta.put(session, meta.USER_ROLE, user.role)
            version = whole["version"]
            session.add(
                LocalFile(
                    sha256=version["sha256"], size=version["size"],
                    verified_at="2026-10-01T08:00:00Z", failures=0, last_error="",
                )
            )  # fmt: skip

        store.write(remember)
        store.close()
        sha = whole["version"]["sha256"]
        (profile / "blobs" / sha[:2]).mkdir(parents=True)
        (profile / "blobs" / sha[:2] / sha).write_bytes((tmp_path / "a.pdf").read_bytes())
        (profile / "blobs" / "partial").mkdir()
        first_mib = (tmp_path / "b.pdf").read_bytes()[: (1 << 20) + 1000]
        partial = profile / "blobs" / "partial" / f"{half['version']['sha256']}.part"
        partial.write_bytes(first_mib)
    finally:
        os.umask(previous)
    device = SigningKey.generate()
    SecretSlot("device-key", account).save(device.to_b64())
    return {"whole": whole["version"], "half": half["version"], "device": device.key_id}


def test_a_clear_profile_of_the_previous_release_is_sealed_once_and_keeps_working(
    server: ServerProcess, tmp_path: Path
) -> None:
    profile = tmp_path / "laptop"
    old = _old_release_profile(server, profile, tmp_path)
    assert (profile / "ecabinet.sqlite3").read_bytes().startswith(b"SQLite format 3\0")
    assert (
        b"%PDF-"
        in (profile / "blobs" / old["whole"]["sha256"][:2] / old["whole"]["sha256"]).read_bytes()
    )

    workspace = Workspace(profile)
    try:
        assert not (profile / "ecabinet.sqlite3").read_bytes().startswith(b"SQLite format 3")
        assert (profile / "profile.json").is_file()
        status = workspace.status()
        assert [m["title"] for m in status["meetings"]] == [
            "Phiên họp Chính phủ thường kỳ tháng 10"
        ]
        whole = next(d for d in status["documents"] if d["sha256"] == old["whole"]["sha256"])
        assert whole["file_verified"]
        paper = workspace.open_paper(old["whole"]["sha256"])
        assert paper is not None
        with paper:
            assert paper.read_all() == (tmp_path / "a.pdf").read_bytes()
        kept = workspace.files.partial_size(old["half"]["sha256"])
        assert kept == 16 * 65536  # the complete 64 KiB chunks of the clear megabyte

        # The login and the device key of the old release still count.
        assert workspace.can_resume()
        signing = device_slot(server.url, "bt.taichinh", workspace.vault)
        key = load_device_key(signing)
        assert key is not None and key.key_id == old["device"]
        report = workspace.sync()
        assert report.ok, report.errors
        assert report.files_resumed == 1
        assert report.bytes_downloaded == old["half"]["size"] - kept
        with workspace.store.read() as session:
            assert meta.get(session, meta.CURSOR) is not None
    finally:
        workspace.close()

    everything = [p for p in profile.rglob("*") if p.is_file()]
    assert not [p for p in everything if b"%PDF-" in p.read_bytes()]
    assert not [p for p in everything if "tháng 10".encode() in p.read_bytes()]
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in [profile, *profile.rglob("*")]}
    assert {p for p, m in modes.items() if m != (0o700 if p.is_dir() else 0o600)} == set()
    # Converted once: opening again finds nothing left to convert.
    workspace = Workspace(profile)
    workspace.close()
    assert json.loads((profile / "profile.json").read_text())["files_sealed"] is True
