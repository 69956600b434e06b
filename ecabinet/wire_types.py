"""Field types of the wire protocol, shared by ``ecabinet/protocol.py`` and the
annotation models (``ecabinet/protocol_annotations.py``).

Every text is checked for control characters and lone surrogates, every number and
list is bounded: a value that passes here can be stored in SQLite and PostgreSQL and
shown by Qt.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
)

# -- field types ---------------------------------------------------------------
INT32_MAX = 2**31 - 1
MAX_FILE_BYTES = 2**40  # 1 TiB: far beyond any paper, far below SQLite's integer limit
MAX_PAGES = 1_000_000
# C0 controls other than tab, newline and carriage return, DEL, and lone surrogates
# (JSON can carry "\ud800"; SQLite cannot store it and Qt would show garbage).
_FORBIDDEN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean_text(value: str) -> str:
    if _FORBIDDEN_TEXT.search(value):
        raise ValueError("control character or lone surrogate in text")
    return value


def _time(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise ValueError("time without a zone")
    if not 1900 <= parsed.year <= 2999:
        raise ValueError("time outside the years 1900–2999")
    return value  # kept as the server wrote it


def _filename(value: str) -> str:
    if "/" in value or "\\" in value or value in {".", ".."}:
        raise ValueError("a file name may not contain a path")
    return value


Text = Annotated[StrictStr, AfterValidator(_clean_text)]
# A server's id: UUIDs today; the alphabet leaves room for other schemes, never a path.
EntityId = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9A-Za-z-]{1,64}$")]
Sha256Hex = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# Enumerated values (roles, statuses, choices, reason codes): forward compatible, inert.
Word = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,59}$")]
Cursor = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9A-Za-z._:-]{1,200}$")]
Base64 = Annotated[StrictStr, StringConstraints(pattern=r"^[A-Za-z0-9+/]{0,400}={0,2}$")]
IsoTime = Annotated[StrictStr, StringConstraints(max_length=40), AfterValidator(_time)]
Filename = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=300),
    AfterValidator(_clean_text),
    AfterValidator(_filename),
]
Position = Annotated[StrictInt, Field(ge=0, le=INT32_MAX)]
FileSize = Annotated[StrictInt, Field(ge=0, le=MAX_FILE_BYTES)]
PageCount = Annotated[StrictInt, Field(ge=0, le=MAX_PAGES)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
