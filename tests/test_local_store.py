"""The laptop's store: versioned schema, refusal of newer files, durability when killed."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from ecabinet.errors import StoreError
from ecabinet.store import meta
from ecabinet.store.db import LOCAL_SCHEMA_HEAD, LocalStore


def test_schema_head_constant_matches_the_migrations() -> None:
    config = Config()
    config.set_main_option(
        "script_location", str(Path(__file__).parents[1] / "ecabinet" / "store" / "migrations")
    )
    assert ScriptDirectory.from_config(config).get_current_head() == LOCAL_SCHEMA_HEAD


def test_a_new_profile_is_at_the_head_revision(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "p" / "ecabinet.sqlite3")
    store.close()
    with sqlite3.connect(tmp_path / "p" / "ecabinet.sqlite3") as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == LOCAL_SCHEMA_HEAD
        )
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_profile_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ecabinet.sqlite3"
    LocalStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError) as info:
        LocalStore(path)
    assert info.value.code == "store_too_new"
    assert "mới hơn" in info.value.message


def test_a_corrupt_profile_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "ecabinet.sqlite3"
    path.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError) as info:
        LocalStore(path)
    assert info.value.code in {"store_corrupt", "store_unavailable"}


def test_writes_run_on_one_thread_in_one_transaction(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "ecabinet.sqlite3")
    try:

        def fail_half_way(session) -> None:  # type: ignore[no-untyped-def]
            meta.put(session, "x", "1")
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            store.write(fail_half_way)
        with store.read() as session:
            assert meta.get(session, "x") is None  # rolled back as a whole
        ids = [store.write(meta.next_mutation_id) for _ in range(5)]
        assert ids == [1, 2, 3, 4, 5]
    finally:
        store.close()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ecabinet.store.db import LocalStore
    from ecabinet.store import meta
    from ecabinet.store.models import OutboxEntry, LocalReadMark

    store = LocalStore(Path(sys.argv[1]))
    n = 0
    while True:
        def queue(session):
            mid = meta.next_mutation_id(session)
            session.add(LocalReadMark(document_version_id=f"v{mid}", read_at="t", confirmed=False))
            session.add(OutboxEntry(mutation_id=mid, type="mark_read",
                                    payload_json="{}", created_at="t"))
            return mid
        n = store.write(queue)
        if n == 20:
            print("ready", flush=True)
    """
)


def test_a_laptop_killed_mid_write_keeps_every_committed_change_whole(tmp_path: Path) -> None:
    path = tmp_path / "ecabinet.sqlite3"
    LocalStore(path).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    store = LocalStore(path)
    try:
        with store.read() as session:
            from sqlalchemy import func, select

            from ecabinet.store.models import LocalReadMark, OutboxEntry

            outbox = list(
                session.scalars(select(OutboxEntry.mutation_id).order_by(OutboxEntry.mutation_id))
            )
            marks = session.scalar(select(func.count()).select_from(LocalReadMark))
            next_id = int(meta.get(session, meta.NEXT_MUTATION_ID) or 0)
        assert len(outbox) >= 20
        assert outbox == list(range(1, len(outbox) + 1))  # no gap, no half transaction
        assert marks == len(outbox)
        assert next_id == len(outbox) + 1
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
