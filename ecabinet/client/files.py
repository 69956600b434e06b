"""The laptop's file cache: content-addressed, sealed, resumable, verified before use.

Every paper, and every partial download, is sealed on disk with AES-256-GCM in 64 KiB
chunks under the profile key (``ecabinet/crypto/sealed_files.py``): bytes from the
network are hashed and encrypted as they arrive, so no clear byte reaches the disk
and no paper is held whole in memory. A file reaches its final name only after the
SHA-256 of its plaintext matched. An interrupted download stays in ``partial/`` and
resumes from its last complete chunk with an HTTP Range request.

Names come from the server: every SHA-256 is checked to be 64 lowercase hex digits
before it becomes part of a path (a hostile server once made a client delete a file
outside its profile).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ecabinet.client.profile import make_private_dir
from ecabinet.crypto.sealed_files import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG,
    DamageHook,
    SealedReader,
    SealedWriter,
    is_sealed,
    seal_bytes_from,
    sealed_size,
)
from ecabinet.errors import IntegrityError, NetworkError
from ecabinet.fsutil import CHUNK, sha256_file

if TYPE_CHECKING:  # the network stack is imported by the first download, not at start
    import requests

    from ecabinet.client.api import ApiClient

Progress = Callable[[int], None]  # bytes received since the last call
SHA256_RE = re.compile(r"[0-9a-f]{64}")


def is_sha256(value: object) -> bool:
    """64 lowercase hex digits: the only names the cache turns into paths."""
    return isinstance(value, str) and SHA256_RE.fullmatch(value) is not None


def bad_sha256(value: object) -> IntegrityError:
    return IntegrityError(
        "Máy chủ gửi một mã tài liệu không hợp lệ; đã bỏ qua.",
        code="bad_sha256",
        message_en=f"The server sent an invalid SHA-256: {str(value)[:80]!r}",
    )


def check_sha256(sha256: object) -> str:
    """The SHA-256 itself, or IntegrityError when it could be anything but a hash."""
    if not isinstance(sha256, str) or not is_sha256(sha256):
        raise bad_sha256(sha256)
    return sha256


@dataclass(frozen=True)
class FetchResult:
    sha256: str
    size: int
    resumed_from: int  # plaintext bytes that were already on disk before this fetch
    received: int  # bytes that came over the network this time


def _copy_body(response: requests.Response, writer: SealedWriter, progress: Progress | None) -> int:
    """Stream the body into the sealing writer through one reused buffer.

    urllib3's readinto copies each byte once; the writer hashes it and encrypts it
    from that same buffer (bench/sync_breakdown.py: iter_content costs twice the CPU).
    """
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    total = 0
    while n := response.raw.readinto(view):
        writer.write(view[:n])
        total += n
        if progress is not None:
            progress(n)
    return total


class FileCache:
    def __init__(self, root: Path, key: bytes) -> None:
        self.root = root
        self.partial_dir = root / "partial"
        self._key = key

    def path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    def partial(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.partial_dir / f"{sha256}.part"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def looks_intact(self, sha256: str, size: int) -> bool:
        """Present with exactly the size a sealed copy of ``size`` bytes has (one stat)."""
        try:
            return self.path(sha256).stat().st_size == sealed_size(size)
        except FileNotFoundError:
            return False

    def partial_size(self, sha256: str) -> int:
        """Plaintext bytes held in complete chunks of the partial download."""
        try:
            body = self.partial(sha256).stat().st_size - HEADER_SIZE
        except FileNotFoundError:
            return 0
        if body <= 0:
            return 0
        full, rest = divmod(body, CHUNK_SIZE + TAG)
        return full * CHUNK_SIZE + max(0, rest - TAG)

    def open(
        self, sha256: str, size: int | None = None, on_damage: DamageHook | None = None
    ) -> SealedReader:
        """A random-access reader of a cached paper (FileNotFoundError when absent)."""
        return SealedReader(
            self.path(sha256), self._key, sha256, expected_size=size, on_damage=on_damage
        )

    def authenticate(self, sha256: str, size: int | None = None) -> bool:
        """Decrypt the whole file; a file that fails is removed so it is fetched again."""
        try:
            with self.open(sha256, size) as reader:
                reader.authenticate()
        except FileNotFoundError:
            return False
        except IntegrityError:
            self.remove_final(sha256)
            return False
        return True

    def remove_final(self, sha256: str) -> None:
        # Windows refuses while the viewer holds it open; the next download replaces it.
        with contextlib.suppress(OSError):
            self.path(sha256).unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        self.remove_final(sha256)
        self.partial(sha256).unlink(missing_ok=True)

    def fetch(
        self, api: ApiClient, sha256: str, size: int, progress: Progress | None = None
    ) -> FetchResult:
        """Download (or finish downloading) one file and move it into place."""
        part = self.partial(sha256)
        make_private_dir(self.partial_dir)
        with SealedWriter(part, self._key, sha256, size) as writer:
            resumed_from = have = writer.offset
            received = 0
            if not writer.complete:  # else every byte arrived before an interruption
                received, resumed_from = self._download(api, writer, have, progress)
            writer.finish()  # the SHA-256 of the plaintext, or the partial file is gone
        target = self.path(sha256)
        make_private_dir(target.parent)
        # No fsync per file: the rename is atomic, and the first sync of every process
        # authenticates each file (a file a power cut damaged is fetched again), as does
        # every read. Skipping 200 fsyncs is a third of an initial sync.
        os.replace(part, target)
        return FetchResult(sha256, size, resumed_from, received)

    def _download(
        self, api: ApiClient, writer: SealedWriter, have: int, progress: Progress | None
    ) -> tuple[int, int]:
        import requests
        import urllib3

        from ecabinet.client.api import raise_for_answer

        sha256 = writer.sha256
        headers = {}
        if have:
            # If-Range: should the file ever differ, the server sends it whole (200).
            headers = {"Range": f"bytes={have}-", "If-Range": f'"{sha256}"'}
        try:
            response = api.request("GET", f"/api/v1/files/{sha256}", headers=headers, stream=True)
            with response:
                if response.status_code == 416:
                    return 0, have  # we hold every byte already; finish() decides
                raise_for_answer(response)
                if response.status_code == 200 and have:
                    writer.restart()  # a new key too: never two plaintexts under one nonce
                    have = 0
                return _copy_body(response, writer, progress), have
        except (
            urllib3.exceptions.HTTPError,
            requests.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
            requests.Timeout,
        ) as exc:
            raise NetworkError(
                "Mất kết nối khi đang tải tài liệu; phần đã tải được giữ lại và sẽ tải tiếp.",
                code="download_interrupted",
                message_en=f"Connection lost while downloading {sha256[:12]}: {exc}",
            ) from exc

    # -- housekeeping -------------------------------------------------------
    def collect(self, keep: set[str], keep_partial: set[str]) -> None:
        """Remove files nothing refers to, and partial downloads nobody waits for."""
        if not self.root.is_dir():
            return
        for prefix in self.root.iterdir():
            if not prefix.is_dir():
                continue
            if prefix.name == "partial":
                for path in prefix.iterdir():
                    if path.name.removesuffix(".part") not in keep_partial:
                        path.unlink(missing_ok=True)
                continue
            for path in prefix.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)

    def seal_clear_files(self, sizes: dict[str, int]) -> None:
        """Encrypt the clear files of a profile from the previous release, once.

        ``sizes`` maps each known version's SHA-256 to its size. A clear file that does
        not match its name, or that no version refers to, is simply deleted.
        """
        if not self.root.is_dir():
            return
        for path in _files_under(self.root):
            if path.suffix == ".tmp" or is_sealed(path):
                continue
            is_partial = path.parent == self.partial_dir
            sha256 = path.name.removesuffix(".part") if is_partial else path.name
            size = sizes.get(sha256) if SHA256_RE.fullmatch(sha256) else None
            if size is None or (not is_partial and sha256_file(path) != sha256):
                path.unlink()
                continue
            held = path.stat().st_size
            # A partial keeps its complete chunks only; the rest is fetched again.
            limit = min(held // CHUNK_SIZE * CHUNK_SIZE if is_partial else held, size)
            sealed = path.with_name(path.name + ".tmp")
            sealed.unlink(missing_ok=True)
            try:
                seal_bytes_from(path, sealed, self._key, sha256, size, limit)
            except IntegrityError:  # a complete partial whose hash is wrong: start again
                sealed.unlink(missing_ok=True)
                path.unlink()
                continue
            os.replace(sealed, path)


def _files_under(root: Path) -> Iterable[Path]:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            yield Path(folder) / name
