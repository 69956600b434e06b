"""The server's identity: an epoch that changes if the database is replaced, and secrets."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.keys import SigningKey
from ecabinet.server.models import ServerState


def ensure_server_state(session: Session) -> ServerState:
    state = session.scalars(select(ServerState).where(ServerState.id == 1)).first()
    if state is None:
        state = ServerState(id=1, epoch=uuid.uuid4().hex[:16], token_secret=secrets.token_hex(32))
        session.add(state)
        session.flush()
    if state.signing_seed is None:
        # Databases from before ballots get their receipt key on the first start.
        state.signing_seed = SigningKey.generate().to_b64()
        session.flush()
    return state


def server_signing_key(session: Session) -> SigningKey:
    seed = server_state(session).signing_seed
    if seed is None:
        raise RuntimeError("server signing key missing: the server was not initialised")
    return SigningKey.from_b64(seed)


def server_state(session: Session) -> ServerState:
    state = session.scalars(select(ServerState).where(ServerState.id == 1)).first()
    if state is None:
        raise RuntimeError("server state missing: the server was not initialised")
    return state
