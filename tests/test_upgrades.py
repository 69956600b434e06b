"""Databases written by earlier releases open and upgrade, keeping their data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import text

from ecabinet.dbengine import make_engine
from ecabinet.server.app import build_context
from ecabinet.server.migrate import alembic_config
from ecabinet.server.security import hash_password, verify_password
from ecabinet.server.services import accounts
from ecabinet.server.settings import ServerSettings
from ecabinet.store import meta
from ecabinet.store.db import LOCAL_SCHEMA_HEAD, LocalStore


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
            assert version == "0003"
        assert ctx.signing_key.key_id  # the receipt key was made on the first start
    finally:
        ctx.engine.dispose()


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
