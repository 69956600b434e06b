"""The pack part of ``Workspace``: a mixin the lead adds to Workspace's bases."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ecabinet.pack.assemble import PackReport


class PackMixin:
    def build_pack(
        self, meeting_id: str, output: Path, watermark_for: str | None = None
    ) -> PackReport:
        """The meeting's pack (ecabinet/pack/from_store.py); run off the GUI thread."""
        from ecabinet.pack.from_store import build_pack

        return build_pack(self, meeting_id, output, watermark_for)  # type: ignore[arg-type]
