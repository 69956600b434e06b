"""``ecabinet admin``: accounts and maintenance, run on the server machine.

Every action is audited (actor: the server console). Sessions, devices, keys and the
audit trail are in ``admin_security.py``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ecabinet.cli import admin_security
from ecabinet.cli.common import add_database_args, read_password_stdin, server_settings
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

    disable = sub.add_parser("disable-user", help="disable an account and end its sessions")
    add_database_args(disable)
    disable.add_argument("--username", required=True)
    disable.set_defaults(handler=disable_user)

    enable = sub.add_parser("enable-user", help="re-enable a disabled account")
    add_database_args(enable)
    enable.add_argument("--username", required=True)
    enable.set_defaults(handler=enable_user)

    reset = sub.add_parser(
        "reset-password", help="set a new password (from stdin) and end every session"
    )
    add_database_args(reset)
    reset.add_argument("--username", required=True)
    reset.add_argument("--password-stdin", action="store_true", required=True)
    reset.set_defaults(handler=reset_password)

    compact = sub.add_parser("compact-changes", help="forget old change-log rows")
    add_database_args(compact)
    compact.add_argument("--keep", type=int, default=100_000, help="rows to keep")
    compact.set_defaults(handler=compact_changes)

    admin_security.register(sub)


def context(args: argparse.Namespace) -> Any:
    from ecabinet.server.app import build_context

    os.umask(0o077)  # whatever this creates (database, key file) is the server user's only
    return build_context(server_settings(args))


@contextmanager
def api_errors() -> Iterator[None]:
    """The service layer's refusals, as the command line's input errors."""
    from ecabinet.server.errors import ApiError

    try:
        yield
    except ApiError as exc:
        raise InputError(exc.message, code=exc.code, message_en=exc.message_en) from None


def find_username(session: Any, username: str) -> Any:
    from sqlalchemy import select

    from ecabinet.server.models import User

    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise InputError(
            f"Không có tài khoản «{username}».",
            code="no_such_user",
            message_en=f"No account {username!r}.",
        )
    return user


def create_user(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ecabinet.server.models import Organisation
    from ecabinet.server.services import accounts

    password = read_password_stdin()
    ctx = context(args)
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
        with api_errors():
            user = accounts.create_user(
                session,
                org=org,
                username=args.username,
                full_name=args.full_name,
                title=args.title,
                role=Role(args.role),
                password=password,
            )
        session.commit()
        print(f"created {user.role} {user.username} ({user.full_name}) id={user.id} org={org.code}")
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from ecabinet.server.services import accounts

    ctx = context(args)
    with ctx.writer() as session:
        user = find_username(session, args.username)
        ended = accounts.set_active(session, actor=None, user=user, active=active)
        session.commit()
    state = "enabled" if active else f"disabled; {ended} session(s) ended"
    print(f"{user.username}: {state}")
    return 0


def disable_user(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def enable_user(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def reset_password(args: argparse.Namespace) -> int:
    from ecabinet.server.security import hash_password
    from ecabinet.server.services import accounts

    password = read_password_stdin()
    with api_errors():
        accounts.check_new_password(password)
    password_hash = hash_password(password)  # before the transaction: no lock held for it
    ctx = context(args)
    with ctx.writer() as session:
        user = find_username(session, args.username)
        ended = accounts.reset_password(session, actor=None, user=user, password_hash=password_hash)
        session.commit()
    print(f"{user.username}: password reset; {ended} session(s) ended")
    return 0


def compact_changes(args: argparse.Namespace) -> int:
    from ecabinet.server.services.changes import compact, max_seq

    ctx = context(args)
    with ctx.writer() as session:
        removed = compact(session, through_seq=max(0, max_seq(session) - args.keep))
        session.commit()
    print(f"removed {removed} change-log rows")
    return 0
