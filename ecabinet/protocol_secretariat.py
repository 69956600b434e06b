"""Vocabulary of the secretariat's preparation API, shared by the server and the client
(docs/secretariat.md)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ecabinet.wire_types import EntityId, IsoTime, Text, Wire, Word


class Classification(StrEnum):
    """An agenda item's marking. The three state-secret levels (Luật Bảo vệ bí mật nhà nước)."""

    NONE = ""
    MAT = "mat"  # Mật
    TOI_MAT = "toi-mat"  # Tối mật
    TUYET_MAT = "tuyet-mat"  # Tuyệt mật


CLASSIFICATION_LABELS = {
    Classification.NONE: "",
    Classification.MAT: "Mật",
    Classification.TOI_MAT: "Tối mật",
    Classification.TUYET_MAT: "Tuyệt mật",
}


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
