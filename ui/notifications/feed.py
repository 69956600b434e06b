"""What the notifications list and the catalogue's "updated" mark show, read from the
local store in one background read (ecabinet/client/notifications.py and
secretariat_updates.py do the work; no Qt here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecabinet.client.secretariat_updates import UpdatedPaper

if TYPE_CHECKING:
    from ecabinet.client.notifications import Notice
    from ecabinet.client.workspace import Workspace


@dataclass(frozen=True)
class Feed:
    notices: list[Notice] = field(default_factory=list)  # newest first
    unseen: int = 0  # stored notices not seen yet ("deadline near" is a state, not counted)
    updated: dict[str, UpdatedPaper] = field(default_factory=dict)  # by document id


def read_feed(workspace: Workspace) -> Feed:
    """Blocks on the store: call it off the GUI thread. Nothing while the papers are
    locked: the notices name meetings and papers."""
    # SQLAlchemy loads here, after the first paint (tests/test_start_imports.py).
    from ecabinet.client import notifications
    from ecabinet.client.secretariat_updates import updated_papers

    if workspace.access_state().locked:
        return Feed()
    with workspace.store.read() as session:
        return Feed(
            notifications.listing(session),
            notifications.unseen_count(session),
            updated_papers(session),
        )


def mark_seen(workspace: Workspace, ids: Iterable[str]) -> None:
    """Blocks on the store's writer: call it off the GUI thread."""
    from ecabinet.client import notifications

    chosen = list(ids)
    if chosen:
        workspace.store.write(lambda session: notifications.mark_seen(session, chosen))
