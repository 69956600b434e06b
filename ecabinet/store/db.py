"""Open a profile's database: upgrade its schema, then hand out readers and one writer.

Every write goes through ``LocalStore.write``, which runs it on a single writer
thread in one transaction, so the sync engine, the interface and the outbox
never race each other for SQLite's lock.

Given the profile key, the database is encrypted with SQLCipher (every page, the WAL
included: AES-256 with an HMAC per page); the key is applied as a raw key on every new
connection before anything else is read. A clear database from the previous release
is converted once (``sqlcipher_export`` into a new file, then an atomic swap).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlcipher3 import dbapi2 as sqlcipher_dbapi

from ecabinet.errors import StoreError
from ecabinet.fsutil import fsync_dir

# SQLAlchemy is imported when a store is opened, not with this module: the app's first
# paint reads the store without it (ecabinet/store/first_read.py, bench/cold_start.py).
if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

T = TypeVar("T")

# The newest local schema this release knows (tests check it matches Alembic's head).
LOCAL_SCHEMA_HEAD = "0010"
KNOWN_LOCAL_REVISIONS = ("0001", "0002", "0004", "0005", "0006", "0007", "0008", "0009")


def _current_revision(engine: Engine) -> str | None:
    from sqlalchemy import text

    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def upgrade_local_schema(engine: Engine) -> None:
    from sqlalchemy.exc import DatabaseError

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


CLEAR_SQLITE_MAGIC = b"SQLite format 3\x00"
FILE_MODE = 0o600


def is_clear_database(path: Path) -> bool:
    """A plain SQLite file (an SQLCipher file starts with random salt, not this magic)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(CLEAR_SQLITE_MAGIC)) == CLEAR_SQLITE_MAGIC
    except FileNotFoundError:
        return False


def _sqlcipher() -> Any:
    # sqlcipher3 bundles SQLCipher 4 with a current SQLite (FTS5 included); no system
    # library is needed, and the clear sqlite3 module stays for the server.
    return sqlcipher_dbapi


def _raw_key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("the profile key is 32 bytes")
    # A raw key (x'…'): SQLCipher uses it as is, no password derivation on every connect.
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_encrypted(path: Path, key: bytes) -> Any:
    """A DB-API connection to an encrypted store, keyed before anything reads the file."""
    conn = _sqlcipher().connect(str(path), check_same_thread=False, timeout=30)
    conn.execute(_raw_key_pragma(key))
    conn.execute("PRAGMA temp_store = MEMORY")  # no clear temporary files
    return conn


def _create_private(path: Path) -> None:
    """Create the database file 0600 first: SQLite gives its -wal and -shm the same mode."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
    os.close(fd)
    if os.name == "posix":
        path.chmod(FILE_MODE)


def encrypt_clear_database(path: Path, key: bytes) -> None:
    """Convert a clear store to SQLCipher, once; a crash midway leaves the clear one whole."""
    dbapi = _sqlcipher()
    target = path.with_name(path.name + ".encrypting")
    for leftover in (target, *_companions(target)):
        leftover.unlink(missing_ok=True)
    _create_private(target)
    conn = dbapi.connect(str(path), isolation_level=None)
    try:
        # Everything into the main file first: the clear WAL must not outlive the swap.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS sealed KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('sealed')")
        conn.execute("DETACH DATABASE sealed")
    finally:
        conn.close()
    with open(target, "rb+") as handle:  # noqa: PTH123 (fsync needs the file object)
        os.fsync(handle.fileno())
    for companion in _companions(path):
        companion.unlink(missing_ok=True)
    os.replace(target, path)
    fsync_dir(path.parent)


def _companions(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _store_unreadable(exc: Exception) -> StoreError:
    return StoreError(
        "Không mở được dữ liệu trên máy: khóa của hồ sơ không khớp hoặc tệp dữ liệu bị hỏng.",
        code="store_unreadable",
        message_en=f"The local database cannot be read with this profile's key: {exc}",
    )


class LocalStore:
    """A profile's database; ``key`` (32 bytes) makes it an encrypted one.

    Without a key the store is a clear SQLite file: only tests of the schema use that.
    """

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        from sqlalchemy.exc import OperationalError

        from ecabinet.dbengine import make_engine, make_session_factories

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        if not path.exists():
            _create_private(path)
        if key is None:
            self.engine = make_engine(f"sqlite:///{path}")
        else:
            if is_clear_database(path):
                encrypt_clear_database(path, key)
            self.engine = self._encrypted_engine(path, key)
        try:
            upgrade_local_schema(self.engine)
        except OperationalError as exc:
            raise StoreError(
                "Không mở được dữ liệu trên máy.",
                code="store_unavailable",
                message_en=f"The local database cannot be opened: {exc}",
            ) from exc
        for companion in _companions(path):
            with suppress(FileNotFoundError):
                if os.name == "posix":
                    companion.chmod(FILE_MODE)
        self._reader, self._writer = make_session_factories(self.engine)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._writer_thread: threading.Thread | None = None

    @staticmethod
    def _encrypted_engine(path: Path, key: bytes) -> Engine:
        from sqlalchemy import text
        from sqlalchemy.exc import DatabaseError

        from ecabinet.dbengine import make_engine

        _raw_key_pragma(key)  # a wrong key length fails here, not in the pool

        def connect() -> Any:
            return connect_encrypted(path, key)

        engine = make_engine(f"sqlite:///{path}", creator=connect, module=_sqlcipher())
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
        except DatabaseError as exc:
            engine.dispose()
            raise _store_unreadable(exc) from exc
        return engine

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
