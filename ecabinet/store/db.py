"""Open a profile's database: upgrade its schema, then hand out readers and one writer.

Every write goes through ``LocalStore.write``, which runs it on a single writer
thread in one transaction, so the sync engine, the interface and the outbox
never race each other for SQLite's lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from ecabinet.dbengine import make_engine, make_session_factories
from ecabinet.errors import StoreError

T = TypeVar("T")

# The newest local schema this release knows (tests check it matches Alembic's head).
LOCAL_SCHEMA_HEAD = "0005"
KNOWN_LOCAL_REVISIONS = ("0001", "0002", "0005")


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def upgrade_local_schema(engine: Engine) -> None:
    try:
        current = _current_revision(engine)
    except DatabaseError as exc:
        raise StoreError(
            "Không mở được dữ liệu trên máy (tệp bị hỏng hoặc không phải cơ sở dữ liệu).",
            code="store_corrupt",
            message_en=f"The local database cannot be opened: {exc}",
        ) from exc
    if current == LOCAL_SCHEMA_HEAD:
        return  # the common case costs one query, not an Alembic import
    if current is not None and current not in KNOWN_LOCAL_REVISIONS:
        raise StoreError(
            "Dữ liệu trên máy được tạo bởi phiên bản eCabinet mới hơn; hãy cập nhật ứng dụng.",
            code="store_too_new",
            message_en=f"The local data comes from a newer eCabinet (schema {current}).",
        )
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class LocalStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade_local_schema(self.engine)
        except OperationalError as exc:
            raise StoreError(
                "Không mở được dữ liệu trên máy.",
                code="store_unavailable",
                message_en=f"The local database cannot be opened: {exc}",
            ) from exc
        self._reader, self._writer = make_session_factories(self.engine)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._writer_thread: threading.Thread | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    def _run(self, fn: Callable[[Session], T]) -> T:
        self._writer_thread = threading.current_thread()
        with self._writer() as session:
            result = fn(session)
            session.commit()
            return result

    def write_async(self, fn: Callable[[Session], T]) -> Future[T]:
        """Queue ``fn`` on the writer thread; it runs in one transaction."""
        return self._executor.submit(self._run, fn)

    def write(self, fn: Callable[[Session], T]) -> T:
        if threading.current_thread() is self._writer_thread:
            raise RuntimeError("LocalStore.write called from inside a write")
        return self.write_async(fn).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self.engine.dispose()
