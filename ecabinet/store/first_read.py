"""What the app's first paint shows, read straight from the encrypted store.

Importing SQLAlchemy with the ORM and the store's models is about half of the app's
start-up CPU (docs/benchmarks.md, "Cold start"). The catalogue needs a few SELECTs, so
the app reads them here, over a connection of its own keyed exactly as ``LocalStore``'s
(``db.connect_encrypted``: the same profile key, SQLCipher, no clear temporary files),
and opens the ``LocalStore`` right after the first paint. The SQL is the store's own
(``queries.catalogue_rows``, ``ballot_queries.ballot_rows``); this module only runs it.

``FirstRead.open`` says None whenever the store must be opened the usual way before
anything reads it: a missing or clear database, a schema that is not this release's
(the upgrade runs before any read), or any failure to read it (``LocalStore`` then
raises the error the person sees, as before).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher_dbapi

from ecabinet.store import ballot_queries, queries
from ecabinet.store.ballot_queries import BallotRow
from ecabinet.store.db import LOCAL_SCHEMA_HEAD, connect_encrypted, is_clear_database
from ecabinet.store.queries import MeetingRow
from ecabinet.store.sql_rows import Fetch, connection_fetch

# The catalogue as the main window shows it: meetings, user names by id, ballots.
Catalogue = tuple[list[MeetingRow], dict[str, str], list[BallotRow]]


class FirstRead:
    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key

    @classmethod
    def open(cls, path: Path, key: bytes) -> FirstRead | None:
        """A reader of this store, or None: open the ``LocalStore`` now instead."""
        try:
            if path.stat().st_size == 0 or is_clear_database(path):
                return None
        except FileNotFoundError:
            return None
        reader = cls(path, key)
        try:
            with reader.reading() as fetch:
                if not fetch(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'",
                    (),
                ):
                    return None
                revision = fetch("SELECT version_num FROM alembic_version", ())
        except sqlcipher_dbapi.Error:  # a wrong key, a damaged file: LocalStore says which
            return None
        if [tuple(row) for row in revision] != [(LOCAL_SCHEMA_HEAD,)]:
            return None  # an upgrade (or a newer release's schema): LocalStore handles it
        return reader

    @contextmanager
    def reading(self) -> Iterator[Fetch]:
        """One connection for a few reads, closed after (any thread may call this)."""
        with closing(connect_encrypted(self.path, self._key)) as connection:
            yield connection_fetch(connection)

    def meta(self) -> dict[str, str]:
        """Every ``meta`` fact (profile, user, access: a few dozen short rows)."""
        with self.reading() as fetch:
            return {str(key): str(value) for key, value in fetch("SELECT key, value FROM meta", ())}

    def catalogue(self) -> Catalogue:
        with self.reading() as fetch:
            return (
                queries.catalogue_rows(fetch),
                queries.user_names_rows(fetch),
                ballot_queries.ballot_rows(fetch),
            )
