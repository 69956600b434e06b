"""Server settings, declared once and typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

MIB = 1 << 20


@dataclass(frozen=True)
class ServerSettings:
    data_dir: Path
    database_url: str | None = None
    max_upload_bytes: int = 200 * MIB
    # Every request body but a PDF upload's (JSON): a push of 500 opinions is ~1 MiB.
    max_body_bytes: int = 16 * MIB
    access_token_ttl: timedelta = timedelta(minutes=10)
    refresh_token_ttl: timedelta = timedelta(days=30)
    pull_page_size: int = 500
    # After this many wrong passwords in a row an account waits lockout_time.
    max_failed_logins: int = 10
    lockout_time: timedelta = timedelta(minutes=15)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'ecabinet.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"
