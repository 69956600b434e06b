"""The app's first paint reads the encrypted store without SQLAlchemy (store/first_read.py),
and opens the store (ORM, schema check, the writer) only after it.

What the first read shows must be what the store shows, it must never read a store it cannot
vouch for (wrong key, clear file, another schema), and a locked profile shows no paper.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from test_home import NOW, at, seed

from ecabinet.client import access
from ecabinet.client.unlock import unlock_profile
from ecabinet.client.workspace import Workspace
from ecabinet.errors import StoreError
from ecabinet.store import ballot_queries, meta, queries
from ecabinet.store.db import LocalStore, connect_encrypted
from ecabinet.store.first_read import FirstRead
from ecabinet.store.models import LocalAgendaItem, LocalBallot, LocalFile, LocalOpinion, LocalUser
from ecabinet.timeutil import isoformat, utcnow

SERVER = "https://ecabinet.example.invalid"


def seed_more(session: Session) -> None:
    """test_home's papers and ballots, plus an agenda, a user, a file and two answers."""
    seed(session)
    session.add(LocalAgendaItem(id="i1", meeting_id="m1", position=1, title="Dự thảo luật"))
    session.add(LocalUser(id="u1", username="bt", full_name="Bộ trưởng", role="member"))
    session.add(LocalFile(sha256="0" * 64, size=1, verified_at=at(-1)))
    ballot = session.get(LocalBallot, "soon")
    assert ballot is not None
    ballot.agenda_item_id = "i1"
    ballot.documents_json = json.dumps(["read", "never-read", "gone"])
    envelope = json.dumps({"documents": [{"document_id": "read", "version_id": "c1"}]})
    for opinion_id, state, seq, outdated in (
        ("o1", "accepted", 1, True),
        ("o2", "waiting", 0, False),
    ):
        session.add(LocalOpinion(
            id=opinion_id, ballot_id="soon", envelope=envelope, signature="s", choice="agree",
            signed_at=at(-2), state=state, seq=seq or None, mutation_id=7, outdated=outdated,
            receipt_verified=state == "accepted",
        ))  # fmt: skip


def encrypted_store(tmp_path: Path) -> tuple[Path, bytes]:
    path, key = tmp_path / "ecabinet.sqlite3", os.urandom(32)
    store = LocalStore(path, key=key)
    try:
        store.write(seed_more)
    finally:
        store.close()
    return path, key


def test_the_first_read_shows_what_the_store_shows(tmp_path: Path) -> None:
    path, key = encrypted_store(tmp_path)
    reader = FirstRead.open(path, key)
    assert reader is not None, "a current encrypted store must be readable directly"
    meetings, names, ballots = reader.catalogue()
    store = LocalStore(path, key=key)
    try:
        with store.read() as session:
            now = isoformat(utcnow()) or ""
            assert meetings == queries.catalogue(session, now)
            assert names == queries.user_names(session) == {"u1": "Bộ trưởng"}
            assert ballots == ballot_queries.ballots(session)
            assert reader.meta() == {}, "no fact written yet"
    finally:
        store.close()
    assert [m.id for m in meetings] == ["m1", "m0"], "the coming meeting first"
    docs = {d.id: d for m in meetings for d in m.documents}
    assert docs["read"].read and not docs["never-read"].read
    assert docs["read"].file_verified and not docs["no-file-yet"].file_verified
    assert docs["no-file-yet"].version_id is None and docs["no-file-yet"].sha256 is None
    assert docs["new-version"].version_no == 2
    soon = next(b for b in ballots if b.id == "soon")
    assert soon.agenda_item_id == "i1"
    # In the agenda's order; a paper this laptop does not hold comes last, untitled.
    assert [d.document_id for d in soon.documents] == ["never-read", "read", "gone"]
    assert soon.documents[2].title == "" and soon.documents[2].current_version_id is None
    assert soon.documents[0].title == "Tài liệu never-read"
    # The waiting answer is the newest one; the server's flags are booleans, not 0/1.
    assert [o.id for o in soon.history] == ["o2", "o1"]
    assert soon.state == ballot_queries.WAITING
    assert soon.history[1].outdated is True and soon.history[1].receipt_verified is True
    assert soon.history[0].bound_versions == {"read": "c1"}
    assert [b.id for b in ballots][:2] == ["overdue", "soon"], "deadline order"


def test_the_first_read_refuses_what_it_cannot_vouch_for(tmp_path: Path) -> None:
    path, key = encrypted_store(tmp_path)
    assert FirstRead.open(path, os.urandom(32)) is None, "a wrong key"
    assert FirstRead.open(tmp_path / "missing.sqlite3", key) is None
    clear = tmp_path / "clear" / "ecabinet.sqlite3"
    LocalStore(clear).close()
    assert FirstRead.open(clear, key) is None, "a clear store is converted by LocalStore first"
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(os.urandom(8192))
    assert FirstRead.open(damaged, key) is None
    conn = connect_encrypted(path, key)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '0007'")
        conn.commit()
    finally:
        conn.close()
    assert FirstRead.open(path, key) is None, "an older schema is upgraded before any read"


def _profile(tmp_path: Path, contact: str) -> Path:
    profile = tmp_path / "profile"
    workspace = Workspace(profile, server_url=SERVER)
    try:

        def facts(session: Session) -> None:
            seed_more(session)
            meta.put(session, meta.SERVER_URL, SERVER)
            meta.put(session, meta.USERNAME, "bt.taichinh")
            meta.put(session, meta.USER_ROLE, "member")
            meta.put(session, meta.LAST_CONTACT_AT, contact)

        workspace.store.write(facts)
    finally:
        workspace.close()
    return profile


def test_a_deferred_workspace_reads_directly_then_opens_its_store(tmp_path: Path) -> None:
    profile = _profile(tmp_path, isoformat(utcnow()) or "")
    workspace = Workspace(profile, defer_store=True)
    try:
        assert not workspace.store_opened
        assert workspace.username == "bt.taichinh" and workspace.server_url == SERVER
        before = workspace.catalogue_view()
        assert not workspace.access_state().locked
        assert not workspace.store_opened, "the first paint's reads opened the store"
        assert sum(len(m.documents) for m in before[0]) == 6
        opened = workspace.store  # after the first paint
        assert workspace.store_opened and workspace.store is opened
        assert workspace.catalogue_view() == before
    finally:
        workspace.close()


def test_a_locked_profile_shows_no_paper_even_before_its_store_opens(tmp_path: Path) -> None:
    long_ago = isoformat(NOW - timedelta(days=access.DEFAULT_OFFLINE_DAYS + 1)) or ""
    workspace = Workspace(_profile(tmp_path, long_ago), defer_store=True)
    try:
        assert workspace.access_state().locked
        meetings, names, ballots = workspace.catalogue_view()
        assert (meetings, ballots) == ([], []), "a locked profile showed its papers"
        assert names == {"u1": "Bộ trưởng"}
        assert not workspace.store_opened
        workspace.store  # noqa: B018  (opens it)
        assert workspace.catalogue_view()[0] == [], "still locked once the store is open"
    finally:
        workspace.close()


def test_closing_a_deferred_workspace_never_opens_its_store(tmp_path: Path) -> None:
    profile = _profile(tmp_path, isoformat(utcnow()) or "")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ecabinet.client.workspace import Workspace\n"
        f"w = Workspace(Path({str(profile)!r}), defer_store=True)\n"
        "meetings, _names, _ballots = w.catalogue_view()\n"
        "locked = w.access_state().locked\n"
        "w.close()\n"
        "print(len(meetings), locked, 'sqlalchemy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["2", "False", "False"], done.stdout + done.stderr


def test_a_store_the_first_read_cannot_vouch_for_opens_at_once(tmp_path: Path) -> None:
    """A store of another schema opens the usual way at start: an upgrade runs before any
    read, and an error (here, a newer release's store) is raised at start as before."""
    profile = _profile(tmp_path, isoformat(utcnow()) or "")
    key = unlock_profile(profile).key
    conn = connect_encrypted(profile / "ecabinet.sqlite3", key)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(StoreError) as info:
        Workspace(profile, defer_store=True)
    assert info.value.code == "store_too_new"
