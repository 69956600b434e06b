"""Where a profile lives: one directory per server and user, readable by the user only.

A profile directory holds:

- ``profile.json`` — the little that must be readable before anything is unlocked:
  a random profile id, the server URL, the username, where the secrets are kept
  (``keyring`` or ``passphrase``). Nothing from the papers or meetings.
- ``vault.json`` — only without an OS keyring: the secrets, sealed with a passphrase.
- ``ecabinet.sqlite3`` — the local store, encrypted with SQLCipher under the profile key.
- ``blobs/`` — the papers, each sealed with AES-256-GCM (``ecabinet/crypto/sealed_files``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ecabinet.errors import StoreError
from ecabinet.fsutil import atomic_write_bytes

PROFILE_FORMAT = "ecabinet.profile.v1"
DIR_MODE = 0o700
FILE_MODE = 0o600


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

    @property
    def info(self) -> Path:
        return self.root / "profile.json"

    @property
    def vault(self) -> Path:
        return self.root / "vault.json"

    def exists(self) -> bool:
        return self.info.is_file() or self.database.is_file()


@dataclass
class ProfileInfo:
    """``profile.json``: found before the store can be opened, so nothing private in it."""

    profile_id: str
    vault: str  # "keyring" | "passphrase"
    server_url: str | None = None
    username: str | None = None
    # False while a profile of the previous release (clear files) is being converted.
    files_sealed: bool = True

    @classmethod
    def new(cls, vault: str, server_url: str | None) -> ProfileInfo:
        return cls(profile_id=secrets.token_hex(16), vault=vault, server_url=server_url)

    @classmethod
    def load(cls, path: Path) -> ProfileInfo | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise StoreError(
                "Tệp mô tả hồ sơ (profile.json) không đọc được.",
                code="profile_unreadable",
                message_en=f"The profile's profile.json cannot be read: {exc}",
            ) from exc
        if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT:
            raise StoreError(
                "Hồ sơ được tạo bởi một phiên bản eCabinet khác; hãy cập nhật ứng dụng.",
                code="profile_unknown_format",
                message_en=f"Unknown profile format in {path}.",
            )
        if not re.fullmatch(r"[0-9a-f]{32}", str(data.get("profile_id", ""))):
            raise StoreError(
                "Tệp mô tả hồ sơ (profile.json) không hợp lệ.",
                code="profile_unreadable",
                message_en=f"profile.json in {path.parent} has no valid profile id.",
            )
        return cls(
            profile_id=str(data["profile_id"]),
            vault=str(data.get("vault", "keyring")),
            server_url=data.get("server_url"),
            username=data.get("username"),
            files_sealed=bool(data.get("files_sealed", True)),
        )

    def save(self, path: Path) -> None:
        data = {"format": PROFILE_FORMAT, **asdict(self)}
        # mkstemp creates the temporary file 0600; the rename keeps the mode.
        atomic_write_bytes(path, json.dumps(data, indent=1, ensure_ascii=False).encode())

    def account(self) -> str | None:
        if self.server_url and self.username:
            return f"{self.server_url}|{self.username}"
        return None


def make_private_dir(path: Path) -> None:
    """Create ``path`` and each missing parent readable by the user only.

    (``mkdir(parents=True)`` would give the parents the umask's mode, not ``mode``.)
    """
    missing = []
    folder = path
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        if os.name == "posix":
            folder.chmod(DIR_MODE)


def make_private(root: Path) -> None:
    """Folders 0700 and files 0600 under ``root`` (a profile written by an older release)."""
    if os.name != "posix":
        return  # a profile under the user's own AppData is private by its ACL
    root.chmod(DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            (Path(folder) / name).chmod(DIR_MODE)
        for name in files:
            path = Path(folder) / name
            if stat.S_IMODE(path.lstat().st_mode) != FILE_MODE and not path.is_symlink():
                path.chmod(FILE_MODE)


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files created inside come out readable by the user only.

    The umask is process-wide, so this is used only where the profile is opened (no
    other thread of ours creates files then); every file the profile keeps is also
    created with an explicit mode or chmodded, so nothing depends on it alone.
    """
    if os.name != "posix":
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)
