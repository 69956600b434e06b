"""Device keys: a laptop registers its public key; administrators list and revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ecabinet.server.deps import CurrentUser, ReadSession, WriteSession
from ecabinet.server.models import Device
from ecabinet.server.schemas import DeviceIn
from ecabinet.server.services import devices
from ecabinet.timeutil import isoformat

router = APIRouter(prefix="/api/v1", tags=["devices"])


def _public(device: Device) -> dict[str, Any]:
    return {
        "key_id": device.key_id,
        "user_id": device.user_id,
        "public_key": device.public_key,
        "label": device.label,
        "registered_at": isoformat(device.registered_at),
        "revoked_at": isoformat(device.revoked_at),
    }


@router.post("/devices", status_code=201)
def register_device(body: DeviceIn, session: WriteSession, user: CurrentUser) -> dict[str, Any]:
    device = devices.register_device(
        session, user=user, public_key_b64=body.public_key, label=body.label
    )
    session.commit()
    return _public(device)


@router.get("/devices")
def list_devices(
    session: ReadSession, user: CurrentUser, user_id: str | None = Query(default=None)
) -> list[dict[str, Any]]:
    return [_public(d) for d in devices.list_devices(session, actor=user, user_id=user_id)]


@router.post("/devices/{key_id}/revoke")
def revoke_device(key_id: str, session: WriteSession, user: CurrentUser) -> dict[str, Any]:
    device = devices.revoke_device(session, actor=user, key_id=key_id)
    session.commit()
    return _public(device)
