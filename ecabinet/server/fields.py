"""Constrained values of the wire format, declared once for the schemas and the routes.

Whatever reaches the database went through one of these: PostgreSQL refuses a NUL in
text (``DataError``), an integer past its column, a date it cannot convert; SQLite and
Python refuse lone surrogates. Each type carries its rule into ``/openapi.json`` too
(``pattern``, ``maximum``), so a client or a fuzzer sees the same rule the server
applies. Validation errors name the rule in Vietnamese and English (``error_handlers.py``).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, AwareDatetime, Field
from pydantic_core import PydanticCustomError

# Patterns are written with \xNN escapes only: pydantic (Rust regex), Python's re and
# the ECMAScript dialect of JSON Schema read them alike. A constrained str also makes
# pydantic refuse lone surrogates ("string_unicode"), which no database can store.
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
"""One line of text: no control character at all (C0, DEL, C1)."""
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
"""Multi-line text: tab, line feed and carriage return allowed, no other control."""
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
KEY_ID_PATTERN = SHA256_PATTERN
CLIENT_ID_PATTERN = r"^[0-9A-Za-z-]+$"
MUTATION_TYPE_PATTERN = r"^[a-z_]+$"
BASE64_PATTERN = r"^[A-Za-z0-9+/]*={0,2}$"

# The same rules for text found outside a declared field (raw URLs, parsed JSON).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# What each pattern means, for the messages of a refused request.
PATTERN_MEANING: dict[str, tuple[str, str]] = {
    LINE_PATTERN: (
        "chứa ký tự điều khiển (như NUL hoặc xuống dòng), không được phép ở đây",
        "contains a control character (such as NUL or a line break), not allowed here",
    ),
    TEXT_PATTERN: (
        "chứa ký tự điều khiển (như NUL), không được phép",
        "contains a control character (such as NUL), not allowed",
    ),
    UUID_PATTERN: ("không phải là mã định danh (UUID) hợp lệ", "is not a valid identifier (UUID)"),
    SHA256_PATTERN: (  # also KEY_ID_PATTERN: a key id is the SHA-256 of the key
        "phải gồm đúng 64 ký tự hex thường (mã SHA-256)",
        "must be 64 lowercase hex characters (a SHA-256)",
    ),
    CLIENT_ID_PATTERN: (
        "chỉ được gồm chữ, số và dấu gạch ngang",
        "may hold only letters, digits and hyphens",
    ),
    BASE64_PATTERN: ("không phải là chuỗi base64", "is not base64 text"),
    MUTATION_TYPE_PATTERN: (
        "chỉ được gồm chữ thường và dấu gạch dưới",
        "may hold only lowercase letters and underscores",
    ),
}

# -- text ---------------------------------------------------------------------
Line = Annotated[str, Field(pattern=LINE_PATTERN)]
"""One line of text (a title, a name, a label)."""
Text = Annotated[str, Field(pattern=TEXT_PATTERN)]
"""Text that may hold several lines (a ballot question, a comment)."""


def _no_escaped_controls(value: str) -> str:
    """Signed JSON text (an opinion envelope) may hide a NUL as the escape \\u0000.

    The parsed strings are stored in their own columns, so they obey the rule of
    ``Text``. Text that is not JSON passes here: the opinion checks refuse it with
    their own reason (``malformed_envelope``).
    """
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    if _holds_control(parsed):
        raise PydanticCustomError(
            "escaped_control_characters",
            "The signed text holds a control character (such as NUL) in one of its strings",
        )
    return value


def _holds_control(value: object) -> bool:
    if isinstance(value, str):
        return _TEXT_CONTROL.search(value) is not None
    if isinstance(value, dict):
        return any(_holds_control(k) or _holds_control(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_control(v) for v in value)
    return False


SignedText = Annotated[str, Field(pattern=TEXT_PATTERN), AfterValidator(_no_escaped_controls)]
"""JSON that a device signed: no control character, raw or hidden in an escape. (Whether
it is canonical is the opinion checks' to say, with their own reason.)"""
Base64 = Annotated[str, Field(pattern=BASE64_PATTERN)]

# -- identifiers ---------------------------------------------------------------
Uuid = Annotated[str, Field(pattern=UUID_PATTERN, min_length=36, max_length=36)]
"""Every entity id the server makes is a UUID (``db.new_id``)."""
ClientId = Annotated[str, Field(pattern=CLIENT_ID_PATTERN, min_length=8, max_length=36)]

# -- numbers -------------------------------------------------------------------
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
MAX_AGENDA_POSITION = 10_000
MutationId = Annotated[int, Field(ge=1, le=INT64_MAX)]
"""A client's mutation counter: a BIGINT on the server."""
Position = Annotated[int, Field(ge=0, le=MAX_AGENDA_POSITION)]

# -- times ---------------------------------------------------------------------
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)
TIME_WINDOW_VI = "từ năm 2000 đến hết năm 2100"
TIME_WINDOW_EN = "from 2000 to the end of 2100"


def check_time_window(value: datetime) -> datetime:
    """Refuse a time outside 2000–2100: a meeting, a deadline or a read lies there.

    Year 1 or 9999 with a zone offset cannot even be converted to UTC (OverflowError);
    the year is checked first so nothing overflows.
    """
    if not EARLIEST.year <= value.year <= LATEST.year or not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "time_out_of_range",
            "Time must lie " + TIME_WINDOW_EN,
            {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )
    return value.astimezone(UTC)


WireTime = Annotated[
    AwareDatetime,
    AfterValidator(check_time_window),
    Field(description="An ISO 8601 time with its zone, " + TIME_WINDOW_EN + "."),
]

# -- path and query parameters --------------------------------------------------
MeetingIdPath = Annotated[str, Path(pattern=UUID_PATTERN, description="A meeting id (UUID).")]
AgendaItemIdPath = Annotated[
    str, Path(pattern=UUID_PATTERN, description="An agenda item id (UUID).")
]
DocumentIdPath = Annotated[str, Path(pattern=UUID_PATTERN, description="A document id (UUID).")]
BallotIdPath = Annotated[str, Path(pattern=UUID_PATTERN, description="A ballot id (UUID).")]
Sha256Path = Annotated[
    str, Path(pattern=SHA256_PATTERN, description="A file's SHA-256 (64 lowercase hex).")
]
KeyIdPath = Annotated[
    str, Path(pattern=KEY_ID_PATTERN, description="A device key id (64 lowercase hex).")
]
OptionalUuidQuery = Annotated[str | None, Query(pattern=UUID_PATTERN)]
UserIdPath = Annotated[str, Path(pattern=UUID_PATTERN, description="A user id (UUID).")]
SessionIdPath = Annotated[str, Path(pattern=UUID_PATTERN, description="A login session id.")]


def has_control_characters(text: str) -> bool:
    """True if ``text`` holds a control character or a lone surrogate (for raw URL text)."""
    return _CONTROL.search(text) is not None
