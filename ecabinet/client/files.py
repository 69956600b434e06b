"""The laptop's file cache: content-addressed, resumable, verified before use.

A file reaches its final name only after its SHA-256 matched, and is hashed again
before it is opened, so nothing ever shows half a file or a damaged one. An
interrupted download stays in ``partial/`` and resumes with an HTTP Range request;
bytes already received are never fetched again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import requests
import urllib3

from ecabinet.client.api import ApiClient, raise_for_answer
from ecabinet.errors import IntegrityError, NetworkError
from ecabinet.fsutil import CHUNK, sha256_file

Progress = Callable[[int], None]  # bytes received since the last call


@dataclass(frozen=True)
class FetchResult:
    sha256: str
    size: int
    resumed_from: int  # bytes that were already on disk before this fetch
    received: int  # bytes that came over the network this time


def _copy_body(
    response: requests.Response, out: IO[bytes], digest: Any, progress: Progress | None
) -> int:
    """Stream the body to ``out`` and the hash through one reused buffer.

    urllib3's readinto copies each byte once; iter_content costs about twice the CPU
    (bench/sync_breakdown.py), which on a two-core laptop is the difference.
    """
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    total = 0
    while n := response.raw.readinto(view):
        chunk = view[:n]
        out.write(chunk)
        digest.update(chunk)
        total += n
        if progress is not None:
            progress(n)
    return total


class FileCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.partial_dir = root / "partial"

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def partial(self, sha256: str) -> Path:
        return self.partial_dir / f"{sha256}.part"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def partial_size(self, sha256: str) -> int:
        try:
            return self.partial(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def verify(self, sha256: str) -> bool:
        """Re-hash a cached file; a file that fails is removed so it is fetched again."""
        path = self.path(sha256)
        if not path.is_file():
            return False
        if sha256_file(path) == sha256:
            return True
        path.unlink(missing_ok=True)
        return False

    def remove(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)
        self.partial(sha256).unlink(missing_ok=True)

    def fetch(
        self, api: ApiClient, sha256: str, size: int, progress: Progress | None = None
    ) -> FetchResult:
        """Download (or finish downloading) one file and move it into place."""
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        part = self.partial(sha256)
        have = self.partial_size(sha256)
        if have > size:  # cannot be ours: start over
            part.unlink()
            have = 0
        digest = hashlib.sha256()
        if have:
            with part.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        headers = {}
        if have:
            # If-Range: should the file ever differ, the server sends it whole (200).
            headers = {"Range": f"bytes={have}-", "If-Range": f'"{sha256}"'}
        received = 0
        resumed_from = have
        if have == size:  # every byte arrived before an interruption: only verify
            return self._finish(part, sha256, size, digest, resumed_from, received)
        try:
            response = api.request("GET", f"/api/v1/files/{sha256}", headers=headers, stream=True)
            with response:
                if response.status_code == 416:
                    # We hold every byte already; verification below decides.
                    pass
                else:
                    raise_for_answer(response)
                    mode = "ab"
                    if response.status_code == 200 and have:
                        mode, resumed_from, digest = "wb", 0, hashlib.sha256()
                    with part.open(mode, buffering=0) as out:
                        received = _copy_body(response, out, digest, progress)
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
        return self._finish(part, sha256, size, digest, resumed_from, received)

    def _finish(
        self,
        part: Path,
        sha256: str,
        size: int,
        digest: hashlib._Hash,
        resumed_from: int,
        received: int,
    ) -> FetchResult:
        if digest.hexdigest() != sha256:
            part.unlink(missing_ok=True)
            raise IntegrityError(
                "Tệp tải về không khớp mã băm SHA-256; đã hủy và sẽ tải lại.",
                code="hash_mismatch",
                message_en=f"Downloaded file does not match its SHA-256 {sha256[:12]}…; discarded.",
            )
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        # No fsync per file: the rename is atomic, and every file is hashed again before
        # it is opened (Workspace.verified_file), so a file a power cut damaged is
        # caught and fetched again. Skipping 200 fsyncs is a third of an initial sync.
        os.replace(part, target)
        return FetchResult(sha256, size, resumed_from, received)
