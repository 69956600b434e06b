"""The desktop app's settings, declared once and typed, stored as JSON (not in Qt).

QSettings keeps only window geometry; everything else lives here so the core
and the tests can read and write it without Qt.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from ecabinet.client.profile import data_home
from ecabinet.fsutil import atomic_write_bytes

T = TypeVar("T")


@dataclass(frozen=True)
class ConfigVar(Generic[T]):
    key: str
    default: T
    type_: type

    def coerce(self, raw: Any) -> T:
        if raw is None or not isinstance(raw, self.type_):
            return self.default
        return cast(T, raw)


LANGUAGE: ConfigVar[str] = ConfigVar("language", "vi", str)
LAST_PROFILE: ConfigVar[str] = ConfigVar("last_profile", "", str)
LAST_SERVER: ConfigVar[str] = ConfigVar("last_server", "", str)
LAST_USERNAME: ConfigVar[str] = ConfigVar("last_username", "", str)
SYNC_INTERVAL_SECONDS: ConfigVar[int] = ConfigVar("sync_interval_seconds", 300, int)
# A CA bundle (PEM) to verify servers with instead of the system's list, e.g. the
# Government CA's; ECABINET_CA_BUNDLE and --ca-bundle take precedence (client/transport.py).
CA_BUNDLE: ConfigVar[str] = ConfigVar("ca_bundle", "", str)
# The organisation's signing CA certificates (PEM or DER files) the app trusts when it
# checks a paper's digital signatures, besides <profile>/trust/signing/ (paper_signatures.py).
SIGNING_TRUST_ROOTS: ConfigVar[list[str]] = ConfigVar("signing_trust_roots", [], list)
LANGUAGES = ("vi", "en")
# "system" follows the OS's light or dark setting; "light" and "dark" force one.
THEME: ConfigVar[str] = ConfigVar("theme", "system", str)
THEMES = ("system", "light", "dark")


class AppConfig:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_home() / "config.json"
        self._lock = threading.Lock()
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            self._values: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
        except (FileNotFoundError, ValueError):
            self._values = {}

    def get(self, var: ConfigVar[T]) -> T:
        return var.coerce(self._values.get(var.key))

    def set(self, var: ConfigVar[T], value: T) -> None:
        self.update((var, value))

    def update(self, *values: tuple[ConfigVar[Any], Any]) -> None:
        """Set several values in one write (the app remembers three at start)."""
        changed = {var.key: value for var, value in values if self._values.get(var.key) != value}
        if not changed:
            return  # unchanged: no write, no fsync
        with self._lock:
            self._values.update(changed)
            data = json.dumps(self._values, ensure_ascii=False, indent=2).encode()
            atomic_write_bytes(self.path, data)
