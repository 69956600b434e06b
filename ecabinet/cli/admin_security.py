"""``ecabinet admin``: sessions, devices, the server's keys and the audit trail."""

from __future__ import annotations

import argparse
from typing import Any

from ecabinet.cli.common import add_database_args
from ecabinet.errors import InputError


def register(sub: Any) -> None:
    audit = sub.add_parser(
        "verify-audit", help="check the audit trail's hash chain and signed heads"
    )
    add_database_args(audit)
    audit.set_defaults(handler=verify_audit)

    sessions = sub.add_parser("list-sessions", help="list login sessions (live ones by default)")
    add_database_args(sessions)
    sessions.add_argument("--username", default=None, help="only this user's sessions")
    sessions.add_argument("--all", action="store_true", help="include ended sessions")
    sessions.set_defaults(handler=list_sessions)

    end = sub.add_parser("end-session", help="end a login session at once")
    add_database_args(end)
    end.add_argument("--session-id", required=True)
    end.set_defaults(handler=end_session)

    devices = sub.add_parser("list-devices", help="list signing devices and their keys")
    add_database_args(devices)
    devices.add_argument("--username", default=None, help="only this user's devices")
    devices.set_defaults(handler=list_devices)

    revoke = sub.add_parser(
        "revoke-device", help="revoke a device's signing key; its sessions end and it is wiped"
    )
    add_database_args(revoke)
    revoke.add_argument("--key-id", required=True)
    revoke.set_defaults(handler=revoke_device)

    rotate = sub.add_parser(
        "rotate-keys",
        help="add a new current token secret and signing key (old ones keep verifying)",
    )
    add_database_args(rotate)
    rotate.set_defaults(handler=rotate_keys)


def _console_audit(session: Any, action: str, **details: Any) -> None:
    from ecabinet.server.services import audit

    audit.record(session, action=action, actor_user_id=None, org_id=None, details=details)


def verify_audit(args: argparse.Namespace) -> int:
    from ecabinet.cli.admin import context
    from ecabinet.server.models import AuditEvent
    from ecabinet.server.services.audit import verify_chain

    ctx = context(args)
    with ctx.reader() as session:
        check = verify_chain(session, ctx.keys.verifying_key)
        bad = session.get(AuditEvent, check.first_bad_seq) if check.first_bad_seq else None
    if check.ok:
        print(f"audit trail intact: {check.events} events, hashes and signatures verified")
        return 0
    what = f" ({bad.action} at {bad.at:%Y-%m-%d %H:%M:%S})" if bad is not None else ""
    print(f"audit trail BROKEN at event {check.first_bad_seq}{what}: {check.problem}")
    return 1


def list_sessions(args: argparse.Namespace) -> int:
    from ecabinet.cli.admin import context, find_username
    from ecabinet.server.services import session_queries

    ctx = context(args)
    with ctx.writer() as session:
        user_id = find_username(session, args.username).id if args.username else None
        rows = session_queries.list_sessions(
            session, org_id=None, user_id=user_id, live_only=not args.all
        )
        _console_audit(
            session, "session.list", username=args.username, include_ended=args.all, count=len(rows)
        )
        session.commit()
    for login, user in rows:
        state = (
            f"ended {login.ended_at:%Y-%m-%d %H:%M} {login.end_reason}"
            if login.ended_at
            else "live"
        )
        device = (login.device_key_id or "-")[:16]
        print(
            f"{login.id}  {user.username:<18} {state:<32} device={device:<16} "
            f"last={login.last_used_at:%Y-%m-%d %H:%M} {login.client_label}"
        )
    return 0


def end_session(args: argparse.Namespace) -> int:
    from ecabinet.cli.admin import api_errors, context
    from ecabinet.server.services import accounts

    ctx = context(args)
    with ctx.writer() as session, api_errors():
        login = accounts.end_session(session, actor=None, session_id=args.session_id)
        session.commit()
    print(f"session {login.id} ended ({login.end_reason})")
    return 0


def list_devices(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ecabinet.cli.admin import context
    from ecabinet.server.models import Device, User

    ctx = context(args)
    with ctx.writer() as session:
        query = select(Device, User).join(User, User.id == Device.user_id)
        if args.username:
            query = query.where(User.username == args.username.strip().lower())
        rows = session.execute(query.order_by(User.username, Device.registered_at)).all()
        _console_audit(session, "device.list", username=args.username, count=len(rows))
        session.commit()
    for device, user in rows:
        state = f"revoked {device.revoked_at:%Y-%m-%d %H:%M}" if device.revoked_at else "active"
        print(f"{user.username:<18} {device.key_id}  {state:<22} {device.label}")
    return 0


def revoke_device(args: argparse.Namespace) -> int:
    from ecabinet.cli.admin import api_errors, context
    from ecabinet.server.services import devices

    ctx = context(args)
    with ctx.writer() as session, api_errors():
        device = devices.revoke_device(session, actor=None, key_id=args.key_id)
        session.commit()
    print(f"revoked {device.key_id} (user {device.user_id}) at {device.revoked_at}")
    return 0


def rotate_keys(args: argparse.Namespace) -> int:
    from ecabinet.cli.admin import context
    from ecabinet.crypto.server_keys import fingerprint
    from ecabinet.server.services import audit
    from ecabinet.server.services.keys import write_key_file
    from ecabinet.server.services.state import server_state

    ctx = context(args)
    if ctx.settings.key_material:
        raise InputError(
            "Khóa của máy chủ đang lấy từ biến môi trường: không thể ghi khóa mới vào đó. "
            "Hãy xoay khóa trên một tệp khóa (--key-file) rồi cập nhật kho bí mật.",
            code="keys_from_environment",
            message_en="The keys come from the environment: rotate a key file (--key-file) "
            "and update the secret store with it.",
        )
    previous = ctx.keys
    rotated = previous.rotated()
    # The file first: a crash before the database notes it leaves a usable server.
    write_key_file(ctx.settings.resolved_key_file, rotated)
    with ctx.writer() as session:
        session.info[audit.SIGNER] = rotated.signing_key
        server_state(session).signing_key_id = rotated.signing_key.key_id
        _console_audit(
            session,
            "server.keys_rotated",
            previous_signing_key_id=previous.signing_key.key_id,
            signing_key_id=rotated.signing_key.key_id,
            token_kid=rotated.token_secret.kid,
        )
        session.commit()
    print(f"new signing key {fingerprint(rotated.signing_key.key_id)}")
    print(f"  endorsed by   {fingerprint(previous.signing_key.key_id)}")
    print(f"new token secret id {rotated.token_secret.kid}; older secrets and keys still verify")
    print("restart every server process to start signing with the new keys")
    return 0
