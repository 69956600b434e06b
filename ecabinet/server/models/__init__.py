"""Server tables. Import every module here so Alembic and create_all see them all."""

from ecabinet.server.models.accounts import (
    LoginSession,
    LoginThrottle,
    Organisation,
    RefreshToken,
    User,
)
from ecabinet.server.models.annotations import Annotation, NotesDevice, NotesRecovery
from ecabinet.server.models.audit import AuditEvent
from ecabinet.server.models.ballots import (
    Ballot,
    BallotDocument,
    BallotEligible,
    BallotRecord,
    Device,
    Opinion,
)
from ecabinet.server.models.meetings import (
    AgendaItem,
    Document,
    DocumentRead,
    DocumentVersion,
    Meeting,
    MeetingParticipant,
)
from ecabinet.server.models.sync import AppliedMutation, ChangeLogEntry, ServerState

__all__ = [
    "AgendaItem",
    "Annotation",
    "AppliedMutation",
    "AuditEvent",
    "Ballot",
    "BallotDocument",
    "BallotEligible",
    "BallotRecord",
    "ChangeLogEntry",
    "Device",
    "Document",
    "DocumentRead",
    "DocumentVersion",
    "LoginSession",
    "LoginThrottle",
    "Meeting",
    "MeetingParticipant",
    "NotesDevice",
    "NotesRecovery",
    "Opinion",
    "Organisation",
    "RefreshToken",
    "ServerState",
    "User",
]
