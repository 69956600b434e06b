"""Server settings, declared once and typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

MIB = 1 << 20
KEY_FILE_ENV = "ECABINET_SERVER_KEYS"  # the key file's JSON itself, for secret stores


@dataclass(frozen=True)
class ServerSettings:
    data_dir: Path
    database_url: str | None = None
    max_upload_bytes: int = 200 * MIB
    # Every request body but a PDF upload's (JSON): a push of 500 opinions is ~1 MiB.
    max_body_bytes: int = 16 * MIB
    access_token_ttl: timedelta = timedelta(minutes=10)
    # A session ends when it has not refreshed for session_idle_ttl, and in any case
    # session_absolute_ttl after the password login that made it.
    session_idle_ttl: timedelta = timedelta(days=30)
    session_absolute_ttl: timedelta = timedelta(days=90)
    # A refresh token presented again this soon after its rotation, while its successor
    # is unused, gets the same new pair once: the first answer was lost on the way.
    refresh_grace: timedelta = timedelta(seconds=60)
    # How long a laptop may stay away from the server before its papers lock (the
    # organisation's policy, published to the clients; the app enforces it).
    offline_access_days: int = 14
    pull_page_size: int = 500
    # The organisation's policy on state secrets: may an agenda item marked Mật, Tối mật
    # or Tuyệt mật be published and carry papers to members through the system? No by
    # default: such papers go on paper (docs/secretariat.md).
    allow_classified_distribution: bool = False
    # Password checks (argon2id, 64 MiB) running at once in this process: more wait.
    password_checks_at_once: int = 1
    # Wrong passwords for one username from one address before delays start; each
    # further one doubles the delay, from login_delay_base up to login_delay_max.
    login_free_attempts: int = 5
    # Wrong passwords from one address, whatever the username, before delays start.
    source_free_attempts: int = 50
    login_delay_base: timedelta = timedelta(seconds=1)
    login_delay_max: timedelta = timedelta(minutes=15)
    # Failures older than this are forgotten.
    login_failure_window: timedelta = timedelta(hours=1)
    # The server's secrets: a key file (default DATA_DIR/keys/server-keys.json), or its
    # JSON content given through the environment (KEY_FILE_ENV).
    key_file: Path | None = None
    key_material: str | None = None

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.sqlite_path}"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "ecabinet.sqlite3"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def resolved_key_file(self) -> Path:
        return self.key_file or self.data_dir / "keys" / "server-keys.json"
