"""Where a profile lives: one directory per server and user."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit


def data_home() -> Path:
    """The per-user application data directory (``ECABINET_HOME`` overrides it)."""
    override = os.environ.get("ECABINET_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "eCabinet"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "eCabinet"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "ecabinet"


def normalise_server_url(url: str) -> str:
    """The canonical form of an address as typed: a bare host means https.

    Only tidies; whether the client may talk to it (no plain http except to this
    computer) is decided by ``client.transport.check_server_url``.
    """
    url = url.strip().rstrip("/")
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", url)
    if scheme is None:
        return "https://" + url
    return scheme.group(1).lower() + url[scheme.end(1) :]


def profile_dir_for(server_url: str, username: str, root: Path | None = None) -> Path:
    parts = urlsplit(normalise_server_url(server_url))
    host = re.sub(r"[^A-Za-z0-9.-]", "_", parts.netloc)
    user = re.sub(r"[^A-Za-z0-9._-]", "_", username.strip().lower())
    # The hash keeps http and https, or paths, of one host apart.
    tag = hashlib.sha256(f"{normalise_server_url(server_url)}|{username}".encode()).hexdigest()[:8]
    return (root or data_home()) / "profiles" / f"{host}-{user}-{tag}"


class ProfilePaths:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def database(self) -> Path:
        return self.root / "ecabinet.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"
