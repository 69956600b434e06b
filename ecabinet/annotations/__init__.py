"""Annotations on document versions: text, selectors, re-anchoring onto a new version."""
