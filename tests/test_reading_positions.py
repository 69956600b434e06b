"""The page each document was last read at: kept in the local store, upgraded into old ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ecabinet.client import reading_positions
from ecabinet.errors import InputError
from ecabinet.store.db import LocalStore

DOC = "3f1c2a4e-0000-4000-8000-000000000001"


def test_a_position_is_remembered_replaced_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "p" / "ecabinet.sqlite3"
    store = LocalStore(path)
    with store.read() as session:
        assert reading_positions.position(session, DOC) is None  # never read here
    store.write(lambda s: reading_positions.remember(s, DOC, 41))
    store.write(lambda s: reading_positions.remember(s, DOC, 7))  # one row, the last page
    store.close()
    store = LocalStore(path)
    with store.read() as session:
        assert reading_positions.position(session, DOC) == 7
        assert reading_positions.position(session, "another") is None
    store.close()
    with sqlite3.connect(path) as conn:
        query = "SELECT document_id, page, updated_at FROM reading_positions"
        rows = conn.execute(query).fetchall()
    assert len(rows) == 1 and rows[0][:2] == (DOC, 7) and rows[0][2].endswith("Z")


@pytest.mark.parametrize(("document_id", "page"), [("", 1), ("x" * 37, 1), (DOC, -1)])
def test_a_nonsense_position_is_refused(tmp_path: Path, document_id: str, page: int) -> None:
    store = LocalStore(tmp_path / "ecabinet.sqlite3")
    with pytest.raises(InputError) as info:
        store.write(lambda s: reading_positions.remember(s, document_id, page))
    assert info.value.code == "bad_reading_position"
    store.close()


def test_a_store_from_before_reading_positions_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "ecabinet.sqlite3"
    LocalStore(path).close()
    with sqlite3.connect(path) as conn:  # as the previous release left it
        conn.execute("DROP TABLE reading_positions")
        conn.execute("DROP TABLE notifications")  # and what 0008 added after it
        conn.execute("DROP TABLE consent_marks")  # and 0009
        conn.execute("ALTER TABLE meetings DROP COLUMN guests_json")  # and 0010
        conn.execute("ALTER TABLE document_versions DROP COLUMN change_note")
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    store = LocalStore(path)
    store.write(lambda s: reading_positions.remember(s, DOC, 3))
    with store.read() as session:
        assert reading_positions.position(session, DOC) == 3
    store.close()
