"""SQLAlchemy engines for the server and the local store, with SQLite made safe.

SQLite runs in WAL mode with full fsync; writing transactions begin IMMEDIATE.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str, **sqlite_args: Any) -> Engine:
    """``sqlite_args`` go to create_engine (the local store passes SQLCipher's ``creator``)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **sqlite_args
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; take it over.
        event.listen(engine, "connect", _sqlite_autocommit_off)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def _sqlite_autocommit_off(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None


def _sqlite_begin_immediate(connection: Any) -> None:
    # A writing transaction takes the write lock at BEGIN (IMMEDIATE): a reader that
    # later writes cannot fail on a stale snapshot, and change-log sequence numbers
    # follow commit order. Reading transactions stay DEFERRED so they never wait.
    if connection.get_execution_options().get("ecabinet_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_session_factories(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Return (reader, writer) session factories over one engine."""
    reader = sessionmaker(engine, expire_on_commit=False)
    writer = sessionmaker(engine.execution_options(ecabinet_write=True), expire_on_commit=False)
    return reader, writer
