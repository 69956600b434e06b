"""What every ``ecabinet meeting`` action shares: signing in through a profile, reading
the command line's words (usernames, times, titles) and refusing bad ones before a
single request is sent, and printing the answer as text or JSON.

Everything is checked first so that a refused command changes nothing on the server.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.cli.common import add_passphrase_args, read_passphrase, read_password_stdin
from ecabinet.errors import AuthError, InputError
from ecabinet.timeutil import VIETNAM_TZ, isoformat, utcnow, vietnam_time_text

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient

# What the server refuses in one line of text (ecabinet/server/fields.py LINE_PATTERN),
# plus lone surrogates: a command line's undecodable bytes arrive as those.
_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# In a multi-line text (a conclusion): tab, line feed and carriage return are allowed.
_NOT_IN_A_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def session_args() -> argparse.ArgumentParser:
    """The options of every action: the clerk's profile and, the first time, a login."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("profile and login")
    group.add_argument("--profile-dir", type=Path, required=True,
                       help="the clerk's eCabinet profile")  # fmt: skip
    group.add_argument("--server", default=None,
                       help="server URL (needed the first time a profile is used)")  # fmt: skip
    group.add_argument("--username", default=None, help="log in as this account")
    group.add_argument("--password-stdin", action="store_true",
                       help="log in with the password on stdin (otherwise the profile's "
                       "session is used)")  # fmt: skip
    group.add_argument("--ca-bundle", type=Path, default=None,
                       help="verify the server with this CA bundle (PEM)")  # fmt: skip
    add_passphrase_args(parent)
    parent.add_argument("--json", action="store_true", help="print the answer as JSON")
    return parent


@contextmanager
def signed_in(args: argparse.Namespace) -> Iterator[ApiClient]:
    """The server's client for the clerk's profile; logs in first with --password-stdin."""
    from ecabinet.client.workspace import Workspace

    fresh = not (args.profile_dir / "ecabinet.sqlite3").is_file()
    if fresh and not (args.server and args.password_stdin):
        raise InputError(
            "Thư mục này chưa có hồ sơ eCabinet. Lần đầu, hãy đăng nhập bằng --server, "
            "--username và --password-stdin.",
            code="no_profile",
            message_en=f"No eCabinet profile in {args.profile_dir}: the first time, log in "
            "with --server, --username and --password-stdin.",
        )
    password = read_password_stdin() if args.password_stdin else None
    workspace = Workspace(
        args.profile_dir,
        server_url=args.server,
        passphrase=read_passphrase(args),
        ca_bundle=args.ca_bundle,
    )
    try:
        if password is not None:
            username = args.username or workspace.username
            if not username:
                raise InputError(
                    "Hãy cho biết tài khoản đăng nhập (--username).",
                    code="no_username",
                    message_en="Give the account to log in with (--username).",
                )
            workspace.login(username, password, client_label="ecabinet meeting")
        yield workspace.api
    except AuthError as exc:
        if password is not None:
            raise
        raise AuthError(
            f"{exc.message} Hãy chạy lại lệnh với --username và --password-stdin.",
            code=exc.code,
            message_en=f"{exc.message_en} Run the command again with --username and "
            "--password-stdin.",
            reason=exc.reason,
            wipe=exc.wipe,
        ) from None
    finally:
        workspace.close()


# -- checking the command line's words --------------------------------------------
_ENTITY_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


def entity_id(value: str) -> str:
    """An argparse type for a server's id (it goes into a URL: never a path)."""
    if not _ENTITY_ID.match(value):
        raise argparse.ArgumentTypeError(
            f"«{value}» không phải là một mã hợp lệ / {value!r} is not a valid id"
        )
    return value


def check_line(
    value: str, what: str, what_en: str, *, required: bool = True, limit: int = 300
) -> str:
    """One line of text (a title, a name), spaces tidied; refused if it holds a control
    character (a NUL byte, an escape sequence), is longer than the server keeps, or is
    empty when required."""
    if _NOT_IN_A_LINE.search(value):
        raise InputError(
            f"{what} chứa ký tự điều khiển hoặc ký tự không hợp lệ; hãy nhập lại.",
            code="control_character",
            message_en=f"The {what_en} holds a control or invalid character.",
        )
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise InputError(
            f"{what} đang trống.", code="empty_text", message_en=f"The {what_en} is empty."
        )
    return _within(cleaned, limit, what, what_en)


def _within(text: str, limit: int, what: str, what_en: str) -> str:
    if len(text) > limit:
        raise InputError(
            f"{what} dài {len(text)} ký tự, quá giới hạn {limit} ký tự.",
            code="text_too_long",
            message_en=f"The {what_en} has {len(text)} characters; at most {limit} are kept.",
        )
    return text


def check_text(value: str, what: str, what_en: str, *, limit: int) -> str:
    """Text of several lines (a conclusion); tabs and line breaks allowed."""
    if _NOT_IN_A_TEXT.search(value):
        raise InputError(
            f"{what} chứa ký tự điều khiển hoặc ký tự không hợp lệ; hãy nhập lại.",
            code="control_character",
            message_en=f"The {what_en} holds a control or invalid character.",
        )
    if not value.strip():
        raise InputError(
            f"{what} đang trống.", code="empty_text", message_en=f"The {what_en} is empty."
        )
    return _within(value.strip(), limit, what, what_en)


def future_time(value: str, what: str, what_en: str) -> datetime:
    """``2026-12-03T08:30`` (Hà Nội's time) or with a zone; it must be in the future."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"{what} «{value}» không đúng dạng; hãy viết như 2026-12-03T08:30 (giờ Hà Nội).",
            code="bad_time",
            message_en=f"The {what_en} {value!r} is not a time like 2026-12-03T08:30.",
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VIETNAM_TZ)
    if parsed <= utcnow():
        raise InputError(
            f"{what} ({vietnam_time_text(isoformat(parsed))}) đã qua. Hãy chọn một thời "
            "điểm trong tương lai.",
            code="time_past",
            message_en=f"The {what_en} {value} is in the past.",
        )
    return parsed


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    full_name: str
    role: str


class Directory:
    """The organisation's accounts by username, read once per command."""

    def __init__(self, api: ApiClient) -> None:
        self.by_username = {
            str(u["username"]): Account(u["id"], u["username"], u["full_name"], u["role"])
            for u in api.get_json("/api/v1/users")
            if u.get("active", True)
        }
        self.by_id = {a.id: a for a in self.by_username.values()}

    def members(self, usernames: Iterable[str]) -> list[Account]:
        """Each username as an active member's account; every unknown one named at once."""
        names = [u.strip().lower() for u in usernames]
        unknown = [n for n in names if self.by_username.get(n, _NOBODY).role != "member"]
        if unknown:
            listed = ", ".join(unknown)
            raise InputError(
                f"Không có thành viên Chính phủ nào có tên đăng nhập: {listed}. Hãy kiểm tra "
                "lại; chưa có gì thay đổi.",
                code="unknown_user",
                message_en=f"No active member has the username: {listed}. Nothing changed.",
            )
        return [self.by_username[n] for n in dict.fromkeys(names)]

    def name_of(self, user_id: str) -> str:
        account = self.by_id.get(user_id)
        return account.username if account else user_id


_NOBODY = Account("", "", "", "")


def pairs(values: Iterable[str], what: str, what_en: str) -> list[tuple[str, str]]:
    """``USERNAME=VALUE`` words, split (``--deputy``, attendance)."""
    result = []
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name.strip() or not rest.strip():
            raise InputError(
                f"«{value}» không đúng dạng {what}.",
                code="bad_pair",
                message_en=f"{value!r} is not of the form {what_en}.",
            )
        result.append((name.strip(), rest.strip()))
    return result


# -- answers --------------------------------------------------------------------
def answer(args: argparse.Namespace, data: Any, lines: Iterable[str]) -> int:
    """Print ``data`` as JSON with --json, else the lines for people; exit status 0."""
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in lines:
            print(line)
    return 0
