"""Vocabulary of the secretariat's preparation API, shared by the server and the client
(docs/secretariat.md).

An item's marking (``Classification``) lives in ``ecabinet.domain``: the app uses it at
start, without pydantic."""

from __future__ import annotations

from pydantic import Field

from ecabinet.domain import (  # re-exported: the server's modules name them from here
    CLASSIFICATION_LABELS as CLASSIFICATION_LABELS,
)
from ecabinet.domain import Classification as Classification
from ecabinet.wire_types import EntityId, IsoTime, Text, Wire, Word


class NotificationData(Wire):
    """A notice for this member (docs/secretariat.md, "Notifications")."""

    id: EntityId
    kind: Word
    meeting_id: EntityId | None = None
    subject_id: EntityId | None = None
    text: Text = Field(max_length=2000)
    created_at: IsoTime


class ConsentMarkData(Wire):
    """One of this member's own consent-agenda marks (docs/secretariat.md, "Consent
    agenda"), so their other devices show it too. ``id`` is the agenda item's id."""

    id: EntityId
    agenda_item_id: EntityId
    meeting_id: EntityId
    mark: Word
    reason: Text = Field(default="", max_length=2000)
    marked_at: IsoTime
