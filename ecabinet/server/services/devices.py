"""Device keys: registered only by a password login on the laptop, revoked by administrators.

A login may carry ``device`` (public key, label, proof): the proof is the key's own
signature over the username and the key, so a key is registered by whoever holds it,
for the account that just proved its password. A refresh never registers anything.
Revoking a key ends every session bound to it with the wipe instruction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.device_proof import proof_verifies
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.domain import EntityType
from ecabinet.server.errors import ApiError, invalid, not_found
from ecabinet.server.models import Device, User
from ecabinet.server.services import audit
from ecabinet.server.services.access import require_admin
from ecabinet.server.services.changes import record_change
from ecabinet.server.services.session_ended import EndReason, session_ended
from ecabinet.server.services.sessions import end_device_sessions
from ecabinet.timeutil import utcnow


@dataclass(frozen=True)
class DeviceOffer:
    """A device key a login brings, its proof checked."""

    key_id: str
    public_key: str
    label: str


def check_offer(
    *, usernames: tuple[str, ...], public_key: str, label: str, proof: str
) -> DeviceOffer:
    """Check the key and its proof, which names the account (as normalised, or as typed)."""
    try:
        key = VerifyingKey.from_b64(public_key)
    except ValueError:
        raise invalid(
            "bad_public_key", "Khóa công khai không hợp lệ.", "Not an Ed25519 public key."
        ) from None
    if not any(
        proof_verifies(key, username=name, public_key=public_key, proof=proof) for name in usernames
    ):
        raise invalid(
            "bad_device_proof",
            "Thiết bị không chứng minh được nó giữ khóa ký này.",
            "The device proof does not verify with this key.",
        )
    return DeviceOffer(key.key_id, public_key, label.strip()[:200])


def refuse_if_revoked(session: Session, *, offer: DeviceOffer, username: str) -> None:
    """A revoked key at login: tell the laptop to wipe (its holder proved holding the key)."""
    row = session.execute(
        select(Device.revoked_at, User.username, User.id, User.org_id)
        .join(User, User.id == Device.user_id)
        .where(Device.key_id == offer.key_id)
    ).first()
    if row is None or row.revoked_at is None or row.username != username:
        return
    raise session_ended(EndReason.DEVICE_REVOKED)


def bind_device(session: Session, *, user: User, offer: DeviceOffer) -> Device:
    """Register ``offer`` for ``user`` (inside the login's write). The same key again: kept."""
    existing = session.get(Device, offer.key_id)
    if existing is not None:
        if existing.user_id != user.id:
            raise ApiError(
                409,
                "key_taken",
                "Khóa này đã được đăng ký cho tài khoản khác.",
                "This key belongs to another account.",
            )
        if existing.revoked_at is not None:
            raise session_ended(EndReason.DEVICE_REVOKED)
        return existing
    device = Device(
        key_id=offer.key_id, user_id=user.id, public_key=offer.public_key, label=offer.label
    )
    session.add(device)
    session.flush()
    _device_changed(session, device, user.org_id)
    audit.record(
        session,
        action="device.register",
        actor_user_id=user.id,
        org_id=user.org_id,
        object_type="device",
        object_id=device.key_id,
        details={"label": device.label, "public_key": device.public_key},
    )
    return device


def _device_changed(session: Session, device: Device, org_id: str) -> None:
    # Its owner pulls it: the app lists the member's devices and notices a new one.
    record_change(
        session,
        org_id=org_id,
        entity_type=EntityType.DEVICE,
        entity_id=device.key_id,
        audience_user_id=device.user_id,
    )


def list_devices(session: Session, *, actor: User, user_id: str | None = None) -> Sequence[Device]:
    """An administrator sees every device of the organisation; a user their own."""
    query = select(Device).join(User, User.id == Device.user_id).where(User.org_id == actor.org_id)
    if actor.role != "admin":
        query = query.where(Device.user_id == actor.id)
    elif user_id:
        query = query.where(Device.user_id == user_id)
    return session.scalars(query.order_by(Device.registered_at)).all()


def revoke_device(session: Session, *, actor: User | None, key_id: str) -> Device:
    """Revoke a device key and end its sessions (wipe). ``actor`` None: the server console."""
    query = (
        select(Device, User).join(User, User.id == Device.user_id).where(Device.key_id == key_id)
    )
    if actor is not None:
        require_admin(actor)
        query = query.where(User.org_id == actor.org_id)
    found = session.execute(query).first()
    if found is None:
        raise not_found("Không tìm thấy thiết bị.", "Device not found.")
    device, owner = found.tuple()
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        device.revoked_by = actor.id if actor else None
        ended = end_device_sessions(
            session, key_id, EndReason.DEVICE_REVOKED, actor.id if actor else None
        )
        _device_changed(session, device, owner.org_id)
        audit.record(
            session,
            action="device.revoke",
            actor_user_id=actor.id if actor else None,
            org_id=owner.org_id,
            object_type="device",
            object_id=key_id,
            details={"user_id": device.user_id, "sessions_ended": ended},
        )
    return device
