"""When this laptop may show its papers: signed in, and not away from its server too long.

A lost laptop that never reconnects must not keep its papers readable forever. The
organisation sets how many days a profile may go without reaching its server
(``offline_access_days``, sent with every login and refresh; 14 by default). Past
that, or after the minister logged out, the papers lock until a password login;
signed opinions still queued stay in the outbox and go out after that login.

The lock is enforced by the core (``Workspace.open_paper`` and ``Workspace.sync``
refuse), not only by the screens. It is a policy lock: someone holding both the
laptop and the minister's OS session could read the store with the keyring's key;
what defends against that is the remote wipe at the next contact and the OS account
(docs/security.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from ecabinet.errors import AuthError
from ecabinet.store import meta
from ecabinet.timeutil import isoformat, parse_iso, utcnow

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_OFFLINE_DAYS = 14
# A ``meta`` fact by its key (None: not set).
MetaGet = Callable[[str], str | None]
# A last contact this far in the future means the clock was wound back: locked too.
CLOCK_SLACK = timedelta(days=1)

SIGNED_OUT, OFFLINE_EXPIRED, CLOCK_MOVED = "signed_out", "offline_expired", "clock_moved"


@dataclass(frozen=True)
class AccessState:
    locked: bool
    reason: str | None  # signed_out | offline_expired | clock_moved
    last_contact_at: str | None
    offline_days: int  # the policy in force

    def error(self) -> AuthError:
        if self.reason == SIGNED_OUT:
            return AuthError(
                "Bạn đã đăng xuất khỏi eCabinet trên máy này. Hãy đăng nhập lại để mở tài liệu.",
                code="signed_out",
                message_en="You logged out of eCabinet on this computer. Log in to open papers.",
            )
        return AuthError(
            f"Máy này đã không kết nối với máy chủ quá {self.offline_days} ngày (quy định của "
            "cơ quan), nên tài liệu tạm khóa. Hãy kết nối mạng và đăng nhập lại bằng mật khẩu; "
            "các ý kiến đã ký vẫn được giữ và sẽ được gửi sau khi đăng nhập.",
            code="offline_expired",
            message_en=(
                f"This computer has not reached the server for more than {self.offline_days} "
                "days (your organisation's policy), so the papers are locked. Connect and log "
                "in with your password; signed answers waiting to be sent are kept."
            ),
        )


def offline_days(session: Session) -> int:
    return _offline_days(partial(meta.get, session))


def _offline_days(get: MetaGet) -> int:
    raw = get(meta.OFFLINE_ACCESS_DAYS)
    try:
        days = int(raw) if raw is not None else DEFAULT_OFFLINE_DAYS
    except ValueError:
        days = DEFAULT_OFFLINE_DAYS
    return max(1, days)


def access_state(session: Session, now: datetime | None = None) -> AccessState:
    return access_state_from(partial(meta.get, session), now)


def access_state_from(get: MetaGet, now: datetime | None = None) -> AccessState:
    """``access_state`` over any reader of the ``meta`` facts (the app's first paint reads
    them without SQLAlchemy: ecabinet/store/first_read.py)."""
    now = now or utcnow()
    days = _offline_days(get)
    last = get(meta.LAST_CONTACT_AT)
    if get(meta.SIGNED_OUT_AT) is not None:
        return AccessState(True, SIGNED_OUT, last, days)
    if last is None:
        # Never reached the server as this profile (a profile from before this rule): the
        # count starts at its last sync, or now.
        return AccessState(False, None, None, days)
    try:
        contact = parse_iso(last)
    except ValueError:
        return AccessState(True, CLOCK_MOVED, last, days)
    if contact > now + CLOCK_SLACK:
        return AccessState(True, CLOCK_MOVED, last, days)
    if now - contact > timedelta(days=days):
        return AccessState(True, OFFLINE_EXPIRED, last, days)
    return AccessState(False, None, last, days)


def record_contact(session: Session) -> None:
    """The server answered this profile's session: the offline count starts again."""
    meta.put(session, meta.LAST_CONTACT_AT, isoformat(utcnow()))


def record_login(session: Session) -> None:
    record_contact(session)
    meta.put(session, meta.SIGNED_OUT_AT, None)


def record_logout(session: Session) -> None:
    meta.put(session, meta.SIGNED_OUT_AT, isoformat(utcnow()))
