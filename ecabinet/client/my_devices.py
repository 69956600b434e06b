"""The minister's own signing devices, as the server last listed them, and new arrivals.

A device key is registered only by a password login on that device (issue 6). If
someone else registered one (a stolen password), the minister should hear of it:
the app tells them when a key they have not been told about appears, and lists every
device of theirs with its state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecabinet.client.opinions import DEVICE_KEY_ID
from ecabinet.store import meta

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DeviceRow:
    key_id: str
    label: str
    registered_at: str | None
    revoked_at: str | None
    this_device: bool


def my_devices(session: Session) -> list[DeviceRow]:
    """Every signing device of this user, oldest first."""
    mine = meta.get(session, DEVICE_KEY_ID)
    rows = [
        DeviceRow(
            key_id=key_id,
            label=str(data.get("label") or ""),
            registered_at=data.get("registered_at"),
            revoked_at=data.get("revoked_at"),
            this_device=key_id == mine,
        )
        for key_id, data in meta.devices(session).items()
    ]
    return sorted(rows, key=lambda d: (d.registered_at or "", d.key_id))


def take_new_devices(session: Session) -> list[DeviceRow]:
    """Devices of this user not announced yet (never this one), marked announced now.

    The first time, every device already known is taken as announced without a word:
    a minister logging in on a new laptop is not warned about their old one.
    """
    devices = my_devices(session)
    raw = meta.get(session, meta.DEVICES_ANNOUNCED)
    known = {d.key_id for d in devices}
    if raw is None:
        meta.put(session, meta.DEVICES_ANNOUNCED, json.dumps(sorted(known)))
        return []
    try:
        announced = set(json.loads(raw))
    except ValueError:
        announced = set()
    fresh = [d for d in devices if d.key_id not in announced and not d.this_device]
    if known - announced:
        meta.put(session, meta.DEVICES_ANNOUNCED, json.dumps(sorted(announced | known)))
    return fresh
