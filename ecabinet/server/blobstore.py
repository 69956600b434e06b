"""Document files, stored once each under their SHA-256, written atomically."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ecabinet.fsutil import move_into_place

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class UploadTooLarge(Exception):
    pass


@dataclass
class StagedBlob:
    path: Path
    sha256: str
    size: int


class BlobStore:
    # Uploads of the same content wait for each other (see ``placed``). Striped, so
    # the table stays small; each upload holds one stripe at a time.
    STRIPES = 64

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self._stripes = [threading.Lock() for _ in range(self.STRIPES)]

    def path_for(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    @contextmanager
    def staging(self) -> Iterator[tuple[BinaryIO, StagedBlob]]:
        """A temp file to stream an upload into; removed unless committed."""
        staged = StagedBlob(self.tmp / f"{uuid.uuid4().hex}.part", "", 0)
        try:
            with staged.path.open("wb") as handle:
                yield handle, staged
        finally:
            staged.path.unlink(missing_ok=True)

    @contextmanager
    def exclusive(self, sha256: str) -> Iterator[None]:
        """Hold while storing a blob and the rows that refer to it.

        Take it before the database transaction starts: a second upload of the same
        bytes then waits without holding a database lock, so the two cannot deadlock,
        and it never sees a blob that the first one is about to remove.
        """
        with self._stripes[int(self.path_for(sha256).name[:8], 16) % self.STRIPES]:
            yield

    @contextmanager
    def placed(self, staged: StagedBlob, *, still_referenced: Callable[[], bool]) -> Iterator[Path]:
        """Move the staged file to its content address for the block's duration.

        The block commits the rows that refer to the blob. Should it fail, the blob
        is removed again if this upload created it and no committed row refers to it
        (``still_referenced``), so a failed upload leaves the store as it was.
        Call inside ``exclusive(staged.sha256)``.
        """
        target, created = self._move_into_place(staged)
        try:
            yield target
        except BaseException:
            if created and not still_referenced():
                target.unlink(missing_ok=True)
            raise

    def _move_into_place(self, staged: StagedBlob) -> tuple[Path, bool]:
        target = self.path_for(staged.sha256)
        if target.exists():
            staged.path.unlink(missing_ok=True)
            return target, False
        with staged.path.open("rb+") as handle:
            os.fsync(handle.fileno())
        move_into_place(staged.path, target)
        return target, True


class HashingWriter:
    """Counts and hashes what is written; refuses more than ``limit`` bytes."""

    def __init__(self, handle: BinaryIO, staged: StagedBlob, limit: int) -> None:
        self._handle = handle
        self._staged = staged
        self._limit = limit
        self._digest = hashlib.sha256()

    def write(self, chunk: bytes) -> None:
        self._staged.size += len(chunk)
        if self._staged.size > self._limit:
            raise UploadTooLarge
        self._digest.update(chunk)
        self._handle.write(chunk)

    def finish(self) -> None:
        self._handle.flush()
        self._staged.sha256 = self._digest.hexdigest()
