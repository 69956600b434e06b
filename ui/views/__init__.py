"""Widgets that show things: the document viewer, the meeting page, the status bar."""
