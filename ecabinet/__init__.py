"""eCabinet core: domain, local store, sync client, server, signing, PDF tools, CLI.

This package never imports Qt or ``ui``; the desktop front end builds on it.
"""

__version__ = "0.1.0"
