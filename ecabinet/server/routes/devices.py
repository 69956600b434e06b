"""Device keys: registered by a password login only; listed by their owner; revoked by admins."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ecabinet.server.deps import ContextDep, CurrentUser, WriteSession
from ecabinet.server.errors import ApiError
from ecabinet.server.fields import KeyIdPath, OptionalUuidQuery
from ecabinet.server.services import audit, devices, entities

router = APIRouter(prefix="/api/v1", tags=["devices"])


@router.post("/devices")
def register_device(user: CurrentUser) -> dict[str, Any]:
    """Gone: a device key is registered only by a password login that carries it
    (``POST /auth/login`` with ``device``), so no token alone can add a signing key."""
    raise ApiError(
        410,
        "device_registration_moved",
        "Khóa ký của thiết bị chỉ được đăng ký khi đăng nhập bằng mật khẩu trên chính "
        "thiết bị đó. Hãy cập nhật ứng dụng eCabinet rồi đăng nhập lại.",
        "Device keys are registered only by a password login on the device: update the app "
        "and log in again.",
    )


@router.get("/devices")
def list_devices(
    ctx: ContextDep, user: CurrentUser, user_id: OptionalUuidQuery = None
) -> list[dict[str, Any]]:
    """A member's own devices; an administrator's whole organisation (audited)."""
    if user.role != "admin":
        with ctx.reader() as session:  # a member's look at their own: no write, no lock
            return [entities.device_payload(d) for d in devices.list_devices(session, actor=user)]
    with ctx.writer() as session:
        found = devices.list_devices(session, actor=user, user_id=user_id)
        audit.record(
            session,
            action="device.list",
            actor_user_id=user.id,
            org_id=user.org_id,
            object_type="user" if user_id else "",
            object_id=user_id or "",
            details={"count": len(found)},
        )
        session.commit()
        return [entities.device_payload(d) for d in found]


@router.post("/devices/{key_id}/revoke")
def revoke_device(key_id: KeyIdPath, session: WriteSession, user: CurrentUser) -> dict[str, Any]:
    """Revoke a key: the sessions bound to it end with the wipe instruction."""
    device = devices.revoke_device(session, actor=user, key_id=key_id)
    session.commit()
    return entities.device_payload(device)
