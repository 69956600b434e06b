"""A real keyring backend for tests: secrets in a JSON file under ECABINET_TEST_KEYRING_DIR.

It is selected with PYTHON_KEYRING_BACKEND=keyring_file_backend.FileKeyring (the
tests/support directory on PYTHONPATH), so subprocesses started by tests use it too.
Not for production: the file is plain text, which is fine for throwaway test secrets.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        root = os.environ.get("ECABINET_TEST_KEYRING_DIR")
        if not root:
            raise RuntimeError("ECABINET_TEST_KEYRING_DIR is not set")
        return Path(root) / "keyring.json"

    def _update(self, change) -> dict[str, str]:  # type: ignore[no-untyped-def]
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = json.loads(self._path.read_text()) if self._path.exists() else {}
            result = change(data)
            tmp = self._path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data))
            os.replace(tmp, self._path)
            return result

    def get_password(self, service: str, username: str) -> str | None:
        if not self._path.exists():
            return None
        return json.loads(self._path.read_text()).get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._update(lambda d: d.__setitem__(f"{service}\0{username}", password))

    def delete_password(self, service: str, username: str) -> None:
        def remove(d: dict[str, str]) -> None:
            if d.pop(f"{service}\0{username}", None) is None:
                raise PasswordDeleteError("not found")

        self._update(remove)


class NoKeyring(KeyringBackend):
    """Behaves like keyring's fail backend: for tests of the no-keyring path."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        from keyring.errors import NoKeyringError

        raise NoKeyringError("no keyring in this test")

    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import NoKeyringError

        raise NoKeyringError("no keyring in this test")

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import NoKeyringError

        raise NoKeyringError("no keyring in this test")


@contextlib.contextmanager
def no_os_keyring() -> Iterator[None]:
    """A computer without an OS keyring, for this process and the processes it starts."""
    import keyring

    previous_backend = keyring.get_keyring()
    previous_env = os.environ.get("PYTHON_KEYRING_BACKEND")
    keyring.set_keyring(NoKeyring())
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring_file_backend.NoKeyring"
    try:
        yield
    finally:
        keyring.set_keyring(previous_backend)
        if previous_env is None:
            os.environ.pop("PYTHON_KEYRING_BACKEND", None)
        else:
            os.environ["PYTHON_KEYRING_BACKEND"] = previous_env


def entries() -> dict[str, str]:
    """Everything the test keyring holds (to check what a wipe leaves behind)."""
    path = FileKeyring()._path
    return json.loads(path.read_text()) if path.exists() else {}
