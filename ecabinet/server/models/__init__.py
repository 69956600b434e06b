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
from ecabinet.server.models.secretariat import (
    AttendanceRecord,
    ConsentMark,
    Notification,
    PullMark,
    ReadingProgress,
)
from ecabinet.server.models.sync import AppliedMutation, ChangeLogEntry, ServerState

__all__ = [
    "AgendaItem",
    "Annotation",
    "AppliedMutation",
    "AttendanceRecord",
    "AuditEvent",
    "Ballot",
    "BallotDocument",
    "BallotEligible",
    "BallotRecord",
    "ChangeLogEntry",
    "ConsentMark",
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
    "Notification",
    "Opinion",
    "Organisation",
    "PullMark",
    "ReadingProgress",
    "RefreshToken",
    "ServerState",
    "User",
]
