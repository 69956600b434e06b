"""The meeting pack: one PDF with a cover, a table of contents, every agenda item's
papers in order with bookmarks, page stamps, and a per-member watermark (docs/pack.md)."""

# The parts are imported from their modules (assemble, spec, watermark): importing the
# package loads neither pikepdf nor pypdf, so the app's start-up does not pay for them.
