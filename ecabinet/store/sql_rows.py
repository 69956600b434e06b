"""SQL reads that run alike on an ORM session and on a bare SQLCipher connection.

The catalogue's reads (``queries.catalogue_rows``, ``ballot_queries.ballot_rows``) are plain
SQL over a ``Fetch``: the app's first paint runs them on a connection of its own, before
SQLAlchemy is imported (``first_read.py``); everything else runs them in a store session.
Both use SQLite's ``?`` parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# (sql, parameters) -> every row, as tuples.
Fetch = Callable[[str, Sequence[Any]], list[Sequence[Any]]]


def session_fetch(session: Session) -> Fetch:
    """``Fetch`` inside this session's transaction (it sees the session's own writes)."""
    connection = session.connection()

    def fetch(sql: str, params: Sequence[Any]) -> list[Sequence[Any]]:
        return list(connection.exec_driver_sql(sql, tuple(params)).fetchall())

    return fetch


def connection_fetch(connection: Any) -> Fetch:
    """``Fetch`` on a DB-API connection (sqlcipher3)."""

    def fetch(sql: str, params: Sequence[Any]) -> list[Sequence[Any]]:
        return list(connection.execute(sql, tuple(params)).fetchall())

    return fetch
