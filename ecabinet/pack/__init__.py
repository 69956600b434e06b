"""The meeting pack: one PDF with a cover, a table of contents, every agenda item's
papers in order with bookmarks, page stamps, and a per-member watermark (docs/pack.md)."""

from ecabinet.pack.assemble import PackReport, assemble_pack
from ecabinet.pack.spec import PackDocument, PackError, PackItem, PackMeeting
from ecabinet.pack.watermark import watermark

__all__ = [
    "PackDocument",
    "PackError",
    "PackItem",
    "PackMeeting",
    "PackReport",
    "assemble_pack",
    "watermark",
]
