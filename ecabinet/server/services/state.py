"""The server's identity: an epoch that changes if the database is replaced.

Its secrets live in the key file (services/keys.py); the database keeps only the id of
the current signing key, so that it is never paired with another server's key file.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.server.models import ServerState


def ensure_server_state(session: Session) -> ServerState:
    state = session.scalars(select(ServerState).where(ServerState.id == 1)).first()
    if state is None:
        state = ServerState(id=1, epoch=uuid.uuid4().hex[:16], token_secret="")
        session.add(state)
        session.flush()
    return state


def server_state(session: Session) -> ServerState:
    state = session.scalars(select(ServerState).where(ServerState.id == 1)).first()
    if state is None:
        raise RuntimeError("server state missing: the server was not initialised")
    return state
