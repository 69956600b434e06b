"""The demo's keyring, used only when this computer has no OS keyring.

Demo secrets (fictional accounts) are kept in a plain JSON file in the demo's data
directory, so that `ecabinet demo` can show signing on a machine without GNOME
Keyring or KWallet. The app says so in a banner. Never used outside the demo.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "ECABINET_DEMO_KEYRING"


def os_keyring_works() -> bool:
    import keyring
    from keyring.backends import fail

    return not isinstance(keyring.get_keyring(), fail.Keyring)


class DemoKeyring(KeyringBackend):
    priority = 0.5

    @property
    def _path(self) -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, str]) -> None:
        from ecabinet.fsutil import atomic_write_bytes

        atomic_write_bytes(self._path, json.dumps(data).encode())

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}|{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}|{username}", None) is None:
            raise PasswordDeleteError("not found")
        self._save(data)
