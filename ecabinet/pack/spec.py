"""What a pack is made of, independent of where the papers come from (the local store,
or plain files in tests and the benchmark)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ecabinet.errors import InputError

# A short name longer than this is cut with "…" so that the stamp fits beside the
# page number on the narrowest page (A5 portrait) at the stamp's size.
SHORT_NAME_LIMIT = 48


class PackError(InputError):
    """A pack could not be built (a paper missing or damaged); nothing was written."""


@dataclass(frozen=True, eq=False)
class PackDocument:
    title: str
    # A PDF in clear: a file (read only) or its bytes, for a sealed paper decrypted in
    # memory so that nothing of it reaches the disk in clear but the pack itself.
    source: Path | bytes
    number: str = ""  # "125/TTr-BTC"


@dataclass(frozen=True)
class PackItem:
    position: int  # 1-based, as numbered on the agenda
    title: str
    presenter: str = ""
    classification: str = ""  # "Mật", "Tối mật", ... or "" (not classified)
    documents: tuple[PackDocument, ...] = ()

    @property
    def short_name(self) -> str:
        """What every page of the item is stamped with: "Mục 2. Dự án Luật Đất đai"."""
        return f"Mục {self.position}. {shorten(self.title)}"

    @property
    def short_name_full(self) -> str:
        """The item in the contents and the bookmarks: number and whole title."""
        return f"Mục {self.position}. {' '.join(self.title.split())}"


@dataclass(frozen=True)
class PackMeeting:
    title: str
    kind: str  # as printed: "Phiên họp thường kỳ"
    starts_at: datetime.datetime  # local time of the meeting place
    location: str
    participants: tuple[str, ...]  # in protocol order, as printed ("Ông ..., Bộ trưởng ...")
    classification: str = ""  # the highest marking of the pack ("" = none)
    items: tuple[PackItem, ...] = field(default=())
    guests: tuple[str, ...] = ()  # invited guests, in order ("Ông ..., Viện trưởng ...")


def shorten(text: str, limit: int = SHORT_NAME_LIMIT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-–") + "…"
