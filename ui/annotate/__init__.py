"""Annotation tools over the reader: painting, tools, undo, the side list."""
