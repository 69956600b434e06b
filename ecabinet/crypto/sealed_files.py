"""Papers sealed at rest: AES-256-GCM in chunks, written as a stream, read at random.

A sealed file is a header followed by chunks of ``chunk_size`` plaintext bytes (the
last one shorter, possibly empty), each encrypted with its own 16-byte tag:

    header (36 bytes)  magic "ECSF" | version u8 = 1 | 3 zero bytes | chunk_size u32 BE
                       | salt (16 random bytes) | nonce prefix (8 random bytes)
    chunk i            AES-256-GCM(ciphertext ‖ tag)

- The file's key is HKDF-SHA256(profile key, salt, "ecabinet sealed file v1"): every
  file (and every restarted download) has a key of its own, so a nonce can never be
  shared between two files, and a torn chunk rewritten on resume can only ever meet
  the same key again in that one partial file.
- nonce(i) = nonce prefix ‖ i (u32 BE).
- The associated data of chunk i binds the header, the file's identity (the SHA-256 of
  its plaintext), i, and whether i is the last chunk: truncating a file, reordering
  its chunks, or putting one paper's bytes under another paper's name all fail
  authentication.

The plaintext size follows from the file size, so a reader can tell a truncated file
by ``stat`` alone (``sealed_size``) and authenticates every chunk it hands out.
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ecabinet.errors import IntegrityError

MAGIC = b"ECSF"
VERSION = 1
CHUNK_SIZE = 64 << 10
TAG = 16
_HEADER = struct.Struct(">4sB3xI16s8s")
HEADER_SIZE = _HEADER.size  # 36
_INFO = b"ecabinet sealed file v1"
# Chunks encrypted into one buffer before a write: one system call per MiB, not per chunk.
_BATCH = 16
FILE_MODE = 0o600

DamageHook = Callable[[], None]


def _make_unfilled_bytes() -> Callable[[int], tuple[bytes | bytearray, memoryview]]:
    """A new ``bytes`` object of n bytes, and a writable view of its storage.

    Why: the paper goes to QtPdf as ``bytes`` (PySide6's QIODevice.readData takes
    nothing else), and QtPdf asks for a 50 MB scan in one read. Decrypting into a
    buffer and copying it into a new ``bytes`` costs a second 50 MB of fresh memory
    (about 100 ms here, bench/open_encrypted.py); so the chunks are decrypted straight
    into the storage of a ``bytes`` object that no one else has seen yet, as C code
    does with PyBytes_FromStringAndSize(NULL, n). CPython only (as PySide6 is); checked
    once here, with a plain bytearray (one copy more) wherever it would not hold.
    """
    import ctypes
    import sys

    def fallback(length: int) -> tuple[bytes | bytearray, memoryview]:
        buffer = bytearray(length)
        return buffer, memoryview(buffer)

    try:
        new = ctypes.pythonapi.PyBytes_FromStringAndSize
        new.restype = ctypes.py_object
        new.argtypes = (ctypes.c_void_p, ctypes.c_ssize_t)
        offset = sys.getsizeof(b"") - 1  # where a bytes object's data begins

        def unfilled(length: int) -> tuple[bytes | bytearray, memoryview]:
            if length < 2:  # 0 and 1 may be shared objects: never write into those
                return fallback(length)
            fresh = new(None, length)
            storage = (ctypes.c_char * length).from_address(id(fresh) + offset)
            return fresh, memoryview(storage).cast("B")

        probe, view = unfilled(4)
        view[:] = b"\x01\x02\x03\x04"
        if not isinstance(probe, bytes) or probe != b"\x01\x02\x03\x04":
            return fallback
    except (AttributeError, OSError, TypeError, ValueError):
        return fallback
    return unfilled


_unfilled_bytes = _make_unfilled_bytes()


def sealed_size(size: int, chunk_size: int = CHUNK_SIZE) -> int:
    """The exact size on disk of a sealed file holding ``size`` plaintext bytes."""
    return HEADER_SIZE + size + TAG * chunk_count(size, chunk_size)


def chunk_count(size: int, chunk_size: int = CHUNK_SIZE) -> int:
    return max(1, -(-size // chunk_size))


def is_sealed(path: Path) -> bool:
    """True when ``path`` starts like a sealed file (not a proof: reading it is)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except FileNotFoundError:
        return False


def _damaged(what: str, sha256: str) -> IntegrityError:
    return IntegrityError(
        "Tệp tài liệu trên máy bị hỏng hoặc bị thay đổi; tệp sẽ được tải lại.",
        code="file_damaged",
        message_en=f"The local copy of {sha256[:12]}… is damaged ({what}); "
        "it will be fetched again.",
    )


class _Header:
    def __init__(self, raw: bytes, profile_key: bytes, sha256: str) -> None:
        magic, version, chunk_size, salt, prefix = _HEADER.unpack(raw)
        if magic != MAGIC or version != VERSION or not 4096 <= chunk_size <= 16 << 20:
            raise _damaged("not a sealed file of a known version", sha256)
        self.raw = raw
        self.chunk_size: int = chunk_size
        self.prefix: bytes = prefix
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(profile_key)
        self.aead = AESGCM(key)
        # The part of every chunk's associated data that does not depend on the chunk.
        self.aad_base = raw + bytes.fromhex(sha256)

    @classmethod
    def fresh(cls, profile_key: bytes, sha256: str, chunk_size: int = CHUNK_SIZE) -> _Header:
        raw = _HEADER.pack(MAGIC, VERSION, chunk_size, os.urandom(16), os.urandom(8))
        return cls(raw, profile_key, sha256)

    def nonce(self, index: int) -> bytes:
        return self.prefix + index.to_bytes(4, "big")

    def aad(self, index: int, final: bool) -> bytes:
        return self.aad_base + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


def _open_private(path: Path, flags: int) -> int:
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), FILE_MODE)
    if os.name == "posix":
        os.fchmod(fd, FILE_MODE)
    return fd


def _pread(fd: int, length: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows: callers hold a lock or own the fd
    return os.read(fd, length)


def _pwrite_all(fd: int, data: memoryview | bytes, offset: int) -> None:
    view = memoryview(data)
    while len(view):
        if hasattr(os, "pwrite"):
            written = os.pwrite(fd, view, offset)
        else:
            os.lseek(fd, offset, os.SEEK_SET)
            written = os.write(fd, view)
        view = view[written:]
        offset += written


class SealedWriter:
    """Seals a stream whose plaintext size and SHA-256 are known in advance.

    ``open`` resumes a partial file: every complete chunk already there is decrypted
    (which both authenticates it and feeds the SHA-256), anything after the last good
    chunk is cut off, and ``offset`` says where the plaintext continues.
    """

    def __init__(self, path: Path, profile_key: bytes, sha256: str, size: int) -> None:
        self.path = path
        self.sha256 = sha256
        self.size = size
        self._profile_key = profile_key
        self.digest = hashlib.sha256()
        self.offset = 0  # plaintext bytes sealed (or held in the pending chunk)
        self._fd = _open_private(path, os.O_RDWR | os.O_CREAT)
        try:
            self._resume()
        except BaseException:
            os.close(self._fd)
            raise

    # -- setup ----------------------------------------------------------------
    def _resume(self) -> None:
        file_size = os.fstat(self._fd).st_size
        header: _Header | None = None
        if file_size >= HEADER_SIZE:
            try:
                header = _Header(_pread(self._fd, HEADER_SIZE, 0), self._profile_key, self.sha256)
            except IntegrityError:
                header = None
        if header is None or header.chunk_size != CHUNK_SIZE:
            self.restart()
            return
        self._set_header(header)
        chunks = chunk_count(self.size, CHUNK_SIZE)
        position = HEADER_SIZE
        index = 0
        while index < chunks:
            final = index == chunks - 1
            plain_len = self.size - index * CHUNK_SIZE if final else CHUNK_SIZE
            stored = _pread(self._fd, plain_len + TAG, position)
            if len(stored) < plain_len + TAG:
                break
            try:
                plain = header.aead.decrypt(header.nonce(index), stored, header.aad(index, final))
            except InvalidTag:
                break
            self.digest.update(plain)
            position += len(stored)
            index += 1
        os.ftruncate(self._fd, position)
        self._position = position
        self._index = index
        self.offset = min(self.size, index * CHUNK_SIZE)

    def _set_header(self, header: _Header) -> None:
        self._header = header
        self._chunks = chunk_count(self.size, header.chunk_size)
        self._pending = bytearray(CHUNK_SIZE)
        self._pending_len = 0
        self._out = bytearray(_BATCH * (CHUNK_SIZE + TAG))
        self._out_view = memoryview(self._out)
        self._out_len = 0

    def restart(self) -> None:
        """Start the file again with a new key (a server that sent the whole file anew)."""
        header = _Header.fresh(self._profile_key, self.sha256)
        os.ftruncate(self._fd, 0)
        _pwrite_all(self._fd, header.raw, 0)
        self._position = HEADER_SIZE
        self._set_header(header)
        self._index = 0
        self.offset = 0
        self.digest = hashlib.sha256()

    @property
    def complete(self) -> bool:
        return self._index == self._chunks

    # -- streaming ------------------------------------------------------------
    def write(self, data: memoryview | bytes) -> None:
        """Seal ``data`` (the next plaintext bytes); whole chunks reach the disk at once."""
        view = memoryview(data)
        if self.offset + len(view) > self.size:
            raise IntegrityError(
                "Máy chủ gửi nhiều dữ liệu hơn kích thước của tài liệu.",
                code="hash_mismatch",
                message_en=f"The server sent more than {self.size} bytes for {self.sha256[:12]}….",
            )
        self.digest.update(view)
        self.offset += len(view)
        while len(view):
            if self._pending_len == 0 and len(view) >= CHUNK_SIZE:
                self._seal(view[:CHUNK_SIZE])  # straight from the network buffer
                view = view[CHUNK_SIZE:]
                continue
            take = min(CHUNK_SIZE - self._pending_len, len(view))
            self._pending[self._pending_len : self._pending_len + take] = view[:take]
            self._pending_len += take
            view = view[take:]
            if self._pending_len == CHUNK_SIZE:
                self._seal(memoryview(self._pending))
                self._pending_len = 0
        self._seal_last()
        self._flush()

    def _seal_last(self) -> None:
        """Once every byte arrived, the pending bytes are the (short or empty) last chunk."""
        if self.offset == self.size and self._index < self._chunks:
            self._seal(memoryview(self._pending)[: self._pending_len])
            self._pending_len = 0

    def _seal(self, plain: memoryview) -> None:
        if self._out_len + len(plain) + TAG > len(self._out):
            self._flush()
        index = self._index
        final = index == self._chunks - 1
        target = self._out_view[self._out_len : self._out_len + len(plain) + TAG]
        header = self._header
        self._out_len += header.aead.encrypt_into(
            header.nonce(index), plain, header.aad(index, final), target
        )
        self._index += 1

    def _flush(self) -> None:
        if self._out_len:
            _pwrite_all(self._fd, self._out_view[: self._out_len], self._position)
            self._position += self._out_len
            self._out_len = 0

    def finish(self) -> None:
        """Check the plaintext's SHA-256; a file that fails is deleted (IntegrityError)."""
        self._seal_last()
        self._flush()
        if not self.complete or self.digest.hexdigest() != self.sha256:
            self.close()
            self.path.unlink(missing_ok=True)
            raise IntegrityError(
                "Tệp tải về không khớp mã băm SHA-256; đã hủy và sẽ tải lại.",
                code="hash_mismatch",
                message_en=f"Downloaded file does not match its SHA-256 {self.sha256[:12]}…; "
                "discarded.",
            )

    def close(self) -> None:
        if self._fd >= 0:
            self._flush()
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> SealedWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class SealedReader:
    """Random-access reads of a sealed file; only the chunks asked for are decrypted.

    Every byte handed out comes from a chunk that authenticated; a chunk that does not
    raises IntegrityError (and calls ``on_damage`` once). ``expected_size`` (the
    plaintext size the store knows) turns a truncated or grown file into an error at
    once, before anything is read.
    """

    def __init__(
        self,
        path: Path,
        profile_key: bytes,
        sha256: str,
        *,
        expected_size: int | None = None,
        on_damage: DamageHook | None = None,
        cache_chunks: int = 8,
    ) -> None:
        self.path = path
        self.sha256 = sha256
        self._on_damage = on_damage
        self._lock = threading.Lock()
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._cache_chunks = cache_chunks
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            file_size = os.fstat(self._fd).st_size
            raw = self._pread(HEADER_SIZE, 0)
            if len(raw) < HEADER_SIZE:
                raise _damaged("shorter than its header", sha256)
            self._header = _Header(raw, profile_key, sha256)
            self.size = self._plain_size(file_size)
            if expected_size is not None and self.size != expected_size:
                raise _damaged(f"holds {self.size} bytes, not {expected_size}", sha256)
        except IntegrityError:
            os.close(self._fd)
            self._fd = -1
            self._report_damage()
            raise
        except BaseException:
            os.close(self._fd)
            self._fd = -1
            raise
        self._chunks = chunk_count(self.size, self._header.chunk_size)
        self._cipher = bytearray(self._header.chunk_size + TAG)

    def _plain_size(self, file_size: int) -> int:
        stride = self._header.chunk_size + TAG
        body = file_size - HEADER_SIZE
        full, rest = divmod(body, stride)
        if body < TAG or 0 < rest < TAG:
            raise _damaged("cut inside a chunk", self.sha256)
        return full * self._header.chunk_size + (rest - TAG if rest else 0)

    def _pread(self, length: int, offset: int) -> bytes:
        return _pread(self._fd, length, offset)

    def _report_damage(self) -> None:
        hook, self._on_damage = self._on_damage, None
        if hook is not None:
            hook()

    def _plain_length(self, index: int) -> int:
        chunk_size = self._header.chunk_size
        return self.size - index * chunk_size if index == self._chunks - 1 else chunk_size

    def _stored(self, index: int) -> memoryview:
        """Chunk ``index`` as stored (ciphertext and tag), read into a reused buffer."""
        header = self._header
        length = self._plain_length(index) + TAG
        offset = HEADER_SIZE + index * (header.chunk_size + TAG)
        view = memoryview(self._cipher)[:length]
        got = os.preadv(self._fd, [view], offset) if hasattr(os, "preadv") else None
        if got is None:
            data = self._pread(length, offset)
            got = len(data)
            view[:got] = data
        if got != length:
            self._report_damage()
            raise _damaged(f"chunk {index} is cut short", self.sha256)
        return view

    def _decrypt_into(self, index: int, target: memoryview) -> None:
        """Decrypt a whole chunk straight into ``target``; on failure nothing is returned
        (``target`` may then hold unauthenticated bytes: the caller discards it)."""
        header = self._header
        final = index == self._chunks - 1
        try:
            header.aead.decrypt_into(
                header.nonce(index), self._stored(index), header.aad(index, final), target
            )
        except InvalidTag:
            self._report_damage()
            raise _damaged(f"chunk {index} does not authenticate", self.sha256) from None

    def _chunk(self, index: int) -> bytes:
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        answer, view = _unfilled_bytes(self._plain_length(index))
        self._decrypt_into(index, view)
        chunk = answer if isinstance(answer, bytes) else bytes(answer)
        self._cache[index] = chunk
        if len(self._cache) > self._cache_chunks:
            self._cache.popitem(last=False)
        return chunk

    def read_at(self, offset: int, length: int) -> bytes:
        """Up to ``length`` plaintext bytes from ``offset`` (fewer only at the end)."""
        if self._fd < 0:
            raise ValueError("reader is closed")
        end = min(self.size, offset + max(0, length))
        if offset >= end:
            return b""
        chunk_size = self._header.chunk_size
        with self._lock:
            first, last = offset // chunk_size, (end - 1) // chunk_size
            if first == last:
                start = offset - first * chunk_size
                return self._chunk(first)[start : start + end - offset]
            # A long read (QtPdf asks for a whole image stream at once): whole chunks are
            # decrypted straight into the answer, no copy of the paper in between.
            answer, out = _unfilled_bytes(end - offset)
            position = 0
            for index in range(first, last + 1):
                lo = max(offset - index * chunk_size, 0)
                hi = min(end - index * chunk_size, chunk_size)
                target = out[position : position + hi - lo]
                if lo == 0 and hi == self._plain_length(index) and index not in self._cache:
                    self._decrypt_into(index, target)
                else:
                    target[:] = self._chunk(index)[lo:hi]
                position += hi - lo
            return answer if isinstance(answer, bytes) else bytes(answer)

    def chunks(self) -> Iterator[bytes]:
        """The plaintext, chunk by chunk, each authenticated (not cached)."""
        for index in range(self._chunks):
            with self._lock:
                plain = self._chunk(index)
                self._cache.pop(index, None)
            yield plain

    def read_all(self) -> bytes:
        return b"".join(self.chunks())

    def read_into(self, target: memoryview) -> None:
        """Decrypt the whole plaintext straight into ``target`` (``size`` writable bytes),
        every chunk authenticated; on IntegrityError ``target`` holds unauthenticated
        bytes and must be discarded. No intermediate copy: a 50 MB paper costs one pass."""
        if target.nbytes != self.size or target.readonly:
            raise ValueError(f"read_into needs {self.size} writable bytes")
        chunk_size = self._header.chunk_size
        with self._lock:
            for index in range(self._chunks):
                start = index * chunk_size
                self._decrypt_into(index, target[start : start + self._plain_length(index)])

    def authenticate(self) -> None:
        """Authenticate every chunk (IntegrityError on the first that fails)."""
        for _ in self.chunks():
            pass

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1
            self._cache.clear()

    def __enter__(self) -> SealedReader:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()


def seal_bytes_from(
    source: Path, target: Path, profile_key: bytes, sha256: str, size: int, limit: int
) -> None:
    """Seal the first ``limit`` bytes of a clear file (an upgrade of an old profile)."""
    with SealedWriter(target, profile_key, sha256, size) as writer:
        with source.open("rb") as handle:
            remaining = limit
            while remaining and (block := handle.read(min(remaining, 1 << 20))):
                writer.write(block)
                remaining -= len(block)
        if writer.offset == size:
            writer.finish()
