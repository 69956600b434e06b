"""The minutes (biên bản) and the session resolution of a meeting, as official PDFs."""

from ecabinet.minutes.model import (
    AgendaConclusion,
    AttendanceEntry,
    BallotOutcome,
    MeetingInfo,
    MinutesInput,
    ballot_outcome,
    minutes_number,
    resolution_number,
)
from ecabinet.minutes.render import render_minutes
from ecabinet.minutes.resolution import render_resolution

__all__ = [
    "AgendaConclusion",
    "AttendanceEntry",
    "BallotOutcome",
    "MeetingInfo",
    "MinutesInput",
    "ballot_outcome",
    "minutes_number",
    "render_minutes",
    "render_resolution",
    "resolution_number",
]
