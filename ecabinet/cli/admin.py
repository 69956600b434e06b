"""``ecabinet admin``: accounts and maintenance, run on the server machine."""

from __future__ import annotations

import argparse
from typing import Any

from ecabinet.cli.common import add_database_args, read_password_stdin
from ecabinet.domain import Role
from ecabinet.errors import InputError


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser("admin", help="administer a server")
    sub = parser.add_subparsers(dest="admin_command", required=True, metavar="ACTION")

    create = sub.add_parser("create-user", help="create an account")
    add_database_args(create)
    create.add_argument("--username", required=True)
    create.add_argument("--full-name", required=True)
    create.add_argument("--title", default="", help="e.g. Bộ trưởng Bộ Tài chính")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--org", default=None, help="organisation code (default: the only one)")
    create.add_argument("--org-name", default=None, help="name, when the organisation is new")
    create.add_argument("--password-stdin", action="store_true", required=True)
    create.set_defaults(handler=create_user)

    audit = sub.add_parser("verify-audit", help="check the audit trail's hash chain")
    add_database_args(audit)
    audit.set_defaults(handler=verify_audit)

    devices = sub.add_parser("list-devices", help="list signing devices and their keys")
    add_database_args(devices)
    devices.add_argument("--username", default=None, help="only this user's devices")
    devices.set_defaults(handler=list_devices)

    revoke = sub.add_parser("revoke-device", help="revoke a device's signing key")
    add_database_args(revoke)
    revoke.add_argument("--key-id", required=True)
    revoke.set_defaults(handler=revoke_device)

    compact = sub.add_parser("compact-changes", help="forget old change-log rows")
    add_database_args(compact)
    compact.add_argument("--keep", type=int, default=100_000, help="rows to keep")
    compact.set_defaults(handler=compact_changes)


def _context(args: argparse.Namespace) -> Any:
    from ecabinet.server.app import build_context
    from ecabinet.server.settings import ServerSettings

    return build_context(ServerSettings(data_dir=args.data_dir, database_url=args.database_url))


def create_user(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ecabinet.server.models import Organisation
    from ecabinet.server.services import accounts

    password = read_password_stdin()
    ctx = _context(args)
    with ctx.writer() as session:
        if args.org:
            org = accounts.ensure_organisation(
                session, code=args.org, name=args.org_name or args.org
            )
        else:
            orgs = session.scalars(select(Organisation)).all()
            if len(orgs) > 1:
                raise InputError(
                    "Máy chủ có nhiều tổ chức: hãy chỉ rõ --org.",
                    code="org_required",
                    message_en="Several organisations exist: give --org.",
                )
            org = (
                orgs[0]
                if orgs
                else accounts.ensure_organisation(
                    session, code="default", name=args.org_name or "Tổ chức mặc định"
                )
            )
        try:
            user = accounts.create_user(
                session,
                org=org,
                username=args.username,
                full_name=args.full_name,
                title=args.title,
                role=Role(args.role),
                password=password,
            )
        except Exception as exc:
            from ecabinet.server.errors import ApiError

            if isinstance(exc, ApiError):
                raise InputError(exc.message, code=exc.code, message_en=exc.message_en) from None
            raise
        session.commit()
        print(f"created {user.role} {user.username} ({user.full_name}) id={user.id} org={org.code}")
    return 0


def verify_audit(args: argparse.Namespace) -> int:
    from ecabinet.server.services.audit import verify_chain

    ctx = _context(args)
    with ctx.reader() as session:
        check = verify_chain(session)
    if check.ok:
        print(f"audit trail intact: {check.events} events")
        return 0
    print(f"audit trail BROKEN at event {check.first_bad_seq} (checked {check.events} events)")
    return 1


def list_devices(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ecabinet.server.models import Device, User

    ctx = _context(args)
    with ctx.reader() as session:
        query = select(Device, User).join(User, User.id == Device.user_id)
        if args.username:
            query = query.where(User.username == args.username.strip().lower())
        for device, user in session.execute(query.order_by(User.username, Device.registered_at)):
            state = f"revoked {device.revoked_at:%Y-%m-%d %H:%M}" if device.revoked_at else "active"
            print(f"{user.username:<18} {device.key_id}  {state:<22} {device.label}")
    return 0


def revoke_device(args: argparse.Namespace) -> int:
    from ecabinet.server.errors import ApiError
    from ecabinet.server.services import devices

    ctx = _context(args)
    with ctx.writer() as session:
        try:
            device = devices.revoke_device(session, actor=None, key_id=args.key_id)
        except ApiError as exc:
            raise InputError(exc.message, code=exc.code, message_en=exc.message_en) from None
        session.commit()
    print(f"revoked {device.key_id} (user {device.user_id}) at {device.revoked_at}")
    return 0


def compact_changes(args: argparse.Namespace) -> int:
    from ecabinet.server.services.changes import compact, max_seq

    ctx = _context(args)
    with ctx.writer() as session:
        removed = compact(session, through_seq=max(0, max_seq(session) - args.keep))
        session.commit()
    print(f"removed {removed} change-log rows")
    return 0
