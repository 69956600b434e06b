"""A workspace's store, opened at once or, for the app's first paint, just after it.

``Workspace(..., defer_store=True)`` (the desktop app) checks the store with a bare
SQLCipher connection (``store/first_read.py``: same key, schema current) and answers the
first paint's questions from it: the profile's facts, the catalogue and whether the papers
are locked. The ``LocalStore`` (SQLAlchemy, the ORM, the single writer) opens on first use
of ``store``, which the app asks for right after the first paint. Anything the first read
cannot vouch for (a new, clear or older database, a wrong key) opens the ``LocalStore``
at once, so an upgrade still runs before any ORM use and errors still show at start.
"""

from __future__ import annotations

import threading

from ecabinet.client import access
from ecabinet.client.profile import ProfilePaths, private_umask
from ecabinet.store import ballot_queries, meta, queries
from ecabinet.store.db import LocalStore
from ecabinet.store.first_read import Catalogue, FirstRead


class StoreOpeningMixin:
    paths: ProfilePaths

    def _init_store(self, key: bytes, *, defer: bool) -> None:
        self._store: LocalStore | None = None
        self._store_lock = threading.Lock()
        self._store_key: bytes | None = key
        self._first = FirstRead.open(self.paths.database, key) if defer else None
        if self._first is None:
            self._store = self._open_store()

    def _open_store(self) -> LocalStore:
        key, self._store_key = self._store_key, None  # held only until the store opens
        with private_umask():
            return LocalStore(self.paths.database, key=key)

    @property
    def store(self) -> LocalStore:
        """The profile's store, opened on first use (any thread; the others wait)."""
        store = self._store
        if store is None:
            with self._store_lock:
                if self._store is None:
                    self._store = self._open_store()
                    self._first = None
                store = self._store
        return store

    @store.setter
    def store(self, value: LocalStore) -> None:
        self._store = value

    @property
    def store_opened(self) -> bool:
        return self._store is not None

    def _first_read(self) -> FirstRead | None:
        """The first paint's reader while the store is not open yet."""
        return self._first if self._store is None else None

    def _facts(self, *keys: str) -> dict[str, str | None]:
        first = self._first_read()
        if first is not None:
            facts = first.meta()
            return {key: facts.get(key) for key in keys}
        with self.store.read() as session:
            return {key: meta.get(session, key) for key in keys}

    def catalogue_view(self) -> Catalogue:
        """What the main window's catalogue shows: meetings, user names, ballots; no
        meeting and no ballot while the papers are locked (``access_state``), whichever of
        this read and the window's own access check answers first."""
        first = self._first_read()
        if first is not None:
            meetings, names, ballots = first.catalogue()
            locked = self.access_state().locked
        else:
            with self.store.read() as session:
                meetings = queries.catalogue(session)
                names = queries.user_names(session)
                ballots = ballot_queries.ballots(session)
                locked = access.access_state(session).locked
        return ([], names, []) if locked else (meetings, names, ballots)

    def access_state(self) -> access.AccessState:
        """Whether the papers may be shown now (signed in, not away too long)."""
        first = self._first_read()
        if first is not None:
            return access.access_state_from(first.meta().get)
        with self.store.read() as session:
            return access.access_state(session)

    def _close_store(self) -> None:
        """Close the store if it was opened (never opened only to be closed)."""
        with self._store_lock:
            if self._store is not None:
                self._store.close()
            self._first = None
