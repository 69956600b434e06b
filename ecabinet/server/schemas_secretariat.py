"""Request bodies of the secretariat's preparation routes (docs/secretariat.md)."""

from __future__ import annotations

from pydantic import Field

from ecabinet.server.fields import Uuid
from ecabinet.server.schemas import Strict


class AgendaOrderIn(Strict):
    """Every live item of the meeting, each once, in the new order."""

    item_ids: list[Uuid] = Field(min_length=1, max_length=1000)
