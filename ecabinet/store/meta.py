"""Typed access to the profile's key/value facts (cursor, client id, server...)."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


CURSOR = "cursor"
CLIENT_ID = "client_id"
NEXT_MUTATION_ID = "next_mutation_id"
SERVER_URL = "server_url"
USERNAME = "username"
USER_ID = "user_id"
USER_FULL_NAME = "user_full_name"
USER_ROLE = "user_role"
SERVER_EPOCH = "server_epoch"
LAST_SYNC_AT = "last_sync_at"
LAST_SYNC_ATTEMPT_AT = "last_sync_attempt_at"
GENERATION = "generation"
RESYNC_GENERATION = "resync_generation"  # set while a resync from zero is under way
# Days this profile may stay away from its server before its papers lock (the server's
# policy, from the last login or refresh; the app enforces it).
OFFLINE_ACCESS_DAYS = "offline_access_days"
# This user's device keys as the server last sent them (pull entity ``device``): a JSON
# object by key id, each entry the server's payload plus the generation that wrote it.
DEVICES = "devices"
# When the server last answered this profile's session (ecabinet/client/access.py), and
# when the minister logged out on this laptop (papers locked until a password login).
LAST_CONTACT_AT = "last_contact_at"
SIGNED_OUT_AT = "signed_out_at"
# Device keys of this user the minister has been told about (JSON list of key ids).
DEVICES_ANNOUNCED = "devices_announced"


def get(session: Session, key: str, default: str | None = None) -> str | None:
    from sqlalchemy import select

    from ecabinet.store.models import Meta

    value = session.scalar(select(Meta.value).where(Meta.key == key))
    return default if value is None else value


def put(session: Session, key: str, value: str | None) -> None:
    from ecabinet.store.models import Meta

    row = session.get(Meta, key)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def devices(session: Session) -> dict[str, dict[str, Any]]:
    """This user's devices by key id: key_id, label, public_key, registered_at, revoked_at."""
    raw = get(session, DEVICES)
    value = json.loads(raw) if raw else {}
    return value if isinstance(value, dict) else {}


def put_devices(session: Session, value: dict[str, dict[str, Any]]) -> None:
    put(session, DEVICES, json.dumps(value, sort_keys=True, ensure_ascii=False))


def client_id(session: Session) -> str:
    """This device's id for push idempotency; created once, never changed."""
    value = get(session, CLIENT_ID)
    if value is None:
        value = str(uuid.uuid4())
        put(session, CLIENT_ID, value)
    return value


def next_mutation_id(session: Session) -> int:
    """Allocate the next mutation id (call inside the write that queues the mutation)."""
    current = int(get(session, NEXT_MUTATION_ID, "1") or "1")
    put(session, NEXT_MUTATION_ID, str(current + 1))
    return current
