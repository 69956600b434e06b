"""Wrapped copies of each user's private-notes key (docs/security.md, "Private notes").

The server never sees the notes key. It keeps, per device, the device's X25519 public
key (signed by that device's Ed25519 key, so the user's other devices can check it
belongs to a device they list) and the notes key wrapped for it; and, per user, the
key wrapped under the recovery code. Only the user's own sessions read or write these.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.crypto.notes_keys import notes_device_verifies
from ecabinet.protocol_annotations import NotesDeviceIn, RecoveryBlob, WrappedKeyIn
from ecabinet.server.errors import ApiError, forbidden, not_found
from ecabinet.server.models import Device, LoginSession, NotesDevice, NotesRecovery, User
from ecabinet.timeutil import utcnow


def _bad_key(detail: str) -> ApiError:
    return ApiError(422, "bad_notes_key", "Khóa ghi chú riêng của thiết bị không hợp lệ.", detail)


def session_device(session: Session, user: User, session_id: str | None) -> Device:
    """The live device key the caller's login session was made with."""
    login = session.get(LoginSession, session_id) if session_id else None
    key_id = login.device_key_id if login is not None else None
    device = session.get(Device, key_id) if key_id else None
    if device is None or device.user_id != user.id or device.revoked_at is not None:
        raise ApiError(
            403,
            "no_device_key",
            "Phiên đăng nhập này không gắn với khóa thiết bị; hãy đăng nhập lại bằng mật khẩu.",
            "This session is not bound to a device key: log in with the password again.",
        )
    return device


def _raw(value: str, size: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _bad_key("not base64") from None
    if size is not None and len(raw) != size:
        raise _bad_key(f"expected {size} bytes")
    return raw


def register_device(
    session: Session, *, user: User, device: Device, key_id: str, offer: NotesDeviceIn
) -> NotesDevice:
    if key_id != device.key_id:
        raise forbidden()
    _raw(offer.x25519_public, 32)
    if not notes_device_verifies(
        device.public_key, user_id=user.id, key_id=key_id,
        x25519_public=offer.x25519_public, signature=offer.signature,
    ):  # fmt: skip
        raise _bad_key("the signature does not verify with the device's key")
    row = session.get(NotesDevice, key_id)
    if row is None:
        row = NotesDevice(key_id=key_id, user_id=user.id)
        session.add(row)
    elif row.x25519_public != offer.x25519_public:
        row.wrapped, row.wrapped_by = None, None  # a new key pair: the old wrap is useless
    row.x25519_public, row.signature = offer.x25519_public, offer.signature
    row.registered_at = utcnow()
    return row


def _devices(session: Session, user: User) -> list[NotesDevice]:
    return list(
        session.scalars(
            select(NotesDevice)
            .join(Device, Device.key_id == NotesDevice.key_id)
            .where(NotesDevice.user_id == user.id, Device.revoked_at.is_(None))
            .order_by(NotesDevice.registered_at)
        )
    )


def state(session: Session, *, user: User, device: Device) -> dict[str, Any]:
    devices = _devices(session, user)
    mine = next((d for d in devices if d.key_id == device.key_id), None)
    recovery = session.get(NotesRecovery, user.id)
    return {
        "devices": [
            {
                "key_id": d.key_id,
                "x25519_public": d.x25519_public,
                "signature": d.signature,
                "has_key": d.wrapped is not None,
            }
            for d in devices
        ],
        "wrapped": {"wrapped": mine.wrapped, "from_key_id": mine.wrapped_by}
        if mine is not None and mine.wrapped and mine.wrapped_by
        else None,
        "recovery": json.loads(recovery.blob_json) if recovery is not None else None,
    }


def store_wrapped(
    session: Session, *, user: User, device: Device, key_id: str, body: WrappedKeyIn
) -> NotesDevice:
    """The caller's device hands the notes key, wrapped, to one of the user's devices.

    The caller must hold the key already, unless the user has none anywhere yet (the
    first device makes it and wraps it for itself).
    """
    if body.from_key_id != device.key_id:
        raise forbidden()
    target = session.get(NotesDevice, key_id)
    owner = session.get(Device, key_id)
    if target is None or owner is None or owner.user_id != user.id or owner.revoked_at:
        raise not_found("Không tìm thấy thiết bị.", "Device not found.")
    _raw(body.wrapped)
    devices = _devices(session, user)
    anyone = any(d.wrapped for d in devices) or session.get(NotesRecovery, user.id) is not None
    holds = any(d.key_id == device.key_id and d.wrapped for d in devices)
    if anyone and not holds and key_id != device.key_id:
        # Only a device holding the key hands it on; one that recovered it through the
        # recovery code (or made it first) keeps a copy for itself.
        raise forbidden()
    if target.wrapped is not None and key_id != device.key_id:
        raise ApiError(
            409,
            "already_wrapped",
            "Thiết bị này đã có khóa ghi chú riêng.",
            "This device already holds the notes key.",
        )
    target.wrapped, target.wrapped_by = body.wrapped, device.key_id
    return target


def store_recovery(session: Session, *, user: User, blob: RecoveryBlob) -> None:
    _raw(blob.salt)
    _raw(blob.wrapped)
    row = session.get(NotesRecovery, user.id)
    if row is None:
        row = NotesRecovery(user_id=user.id, blob_json="{}")
        session.add(row)
    row.blob_json = json.dumps(blob.model_dump(), sort_keys=True)
    row.updated_at = utcnow()
