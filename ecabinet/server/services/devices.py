"""Device keys: registered by their user's laptop, listed and revoked by administrators."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.keys import VerifyingKey
from ecabinet.server.errors import ApiError, invalid, not_found
from ecabinet.server.models import Device, User
from ecabinet.server.services import audit
from ecabinet.server.services.access import require_admin
from ecabinet.timeutil import utcnow


def register_device(session: Session, *, user: User, public_key_b64: str, label: str) -> Device:
    """Bind a public key to ``user``. Registering the same key again is harmless."""
    try:
        key = VerifyingKey.from_b64(public_key_b64)
    except ValueError:
        raise invalid(
            "bad_public_key", "Khóa công khai không hợp lệ.", "Not an Ed25519 public key."
        ) from None
    existing = session.get(Device, key.key_id)
    if existing is not None:
        if existing.user_id != user.id:
            raise ApiError(
                409,
                "key_taken",
                "Khóa này đã được đăng ký cho tài khoản khác.",
                "This key belongs to another account.",
            )
        return existing
    device = Device(
        key_id=key.key_id, user_id=user.id, public_key=public_key_b64, label=label.strip()[:200]
    )
    session.add(device)
    session.flush()
    audit.record(
        session,
        action="device.register",
        actor_user_id=user.id,
        org_id=user.org_id,
        object_type="device",
        object_id=device.key_id,
        details={"label": device.label},
    )
    return device


def list_devices(session: Session, *, actor: User, user_id: str | None = None) -> Sequence[Device]:
    """An administrator sees every device of the organisation; a user their own."""
    query = select(Device).join(User, User.id == Device.user_id).where(User.org_id == actor.org_id)
    if actor.role != "admin":
        query = query.where(Device.user_id == actor.id)
    elif user_id:
        query = query.where(Device.user_id == user_id)
    return session.scalars(query.order_by(Device.registered_at)).all()


def revoke_device(session: Session, *, actor: User | None, key_id: str) -> Device:
    """Revoke a device key. ``actor`` None is the server's console (``ecabinet admin``)."""
    query = select(Device).join(User, User.id == Device.user_id).where(Device.key_id == key_id)
    if actor is not None:
        require_admin(actor)
        query = query.where(User.org_id == actor.org_id)
    device = session.scalars(query).first()
    if device is None:
        raise not_found("Không tìm thấy thiết bị.", "Device not found.")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        device.revoked_by = actor.id if actor else None
        audit.record(
            session,
            action="device.revoke",
            actor_user_id=actor.id if actor else None,
            org_id=actor.org_id if actor else None,
            object_type="device",
            object_id=key_id,
            details={"user_id": device.user_id},
        )
    return device
