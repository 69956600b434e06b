"""Serialise the writers of ordered logs (change log, audit chain).

A reader that has seen change N must be able to trust that no change below N is
still uncommitted; otherwise it would skip it forever. Taking one lock before a
transaction's first log write makes sequence numbers follow commit order.
SQLite needs nothing: its writing transactions begin IMMEDIATE and run one at a time.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import Session, SessionTransaction

_LOCK_KEY = 0x0ECAB1  # an arbitrary constant, shared by every server process
_FLAG = "ecabinet_log_lock"


def lock_ordered_logs(session: Session) -> None:
    if session.info.get(_FLAG):
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    session.info[_FLAG] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_lock(session: Session, transaction: SessionTransaction) -> None:
    # The advisory lock is transaction-scoped: it ends with the outermost transaction.
    if transaction.parent is None:
        session.info.pop(_FLAG, None)
