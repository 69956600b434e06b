"""The sealed file format: what it promises, each promise attacked on real files."""

from __future__ import annotations

import hashlib
import os
import random
import struct
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ecabinet.crypto.sealed_files import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG,
    SealedReader,
    SealedWriter,
    sealed_size,
)
from ecabinet.errors import IntegrityError

KEY = bytes(range(32))
SIZES = [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 1_000_003]


def seal(path: Path, data: bytes, key: bytes = KEY, pieces: int = 9973) -> str:
    sha = hashlib.sha256(data).hexdigest()
    with SealedWriter(path, key, sha, len(data)) as writer:
        for start in range(0, len(data), pieces):
            writer.write(data[start : start + pieces])
        writer.finish()
    return sha


def independent_open(path: Path, key: bytes, sha256: str) -> bytes:
    """The format as docs describe it, decrypted with nothing but `cryptography`."""
    raw = path.read_bytes()
    header = raw[:36]
    magic, version, chunk_size, salt, prefix = struct.unpack(">4sB3xI16s8s", header)
    assert (magic, version) == (b"ECSF", 1)
    file_key = HKDF(hashes.SHA256(), 32, salt, b"ecabinet sealed file v1").derive(key)
    body = raw[36:]
    stride = chunk_size + 16
    chunks = [body[i : i + stride] for i in range(0, len(body), stride)] or [b""]
    out = []
    for index, chunk in enumerate(chunks):
        final = index == len(chunks) - 1
        aad = header + bytes.fromhex(sha256) + index.to_bytes(8, "big") + bytes([final])
        out.append(AESGCM(file_key).decrypt(prefix + index.to_bytes(4, "big"), chunk, aad))
    return b"".join(out)


@pytest.mark.parametrize("size", SIZES)
def test_a_sealed_file_holds_exactly_its_plaintext_in_the_documented_format(
    tmp_path: Path, size: int
) -> None:
    data = os.urandom(size)
    path = tmp_path / "f"
    sha = seal(path, data)
    assert path.stat().st_size == sealed_size(size)
    assert independent_open(path, KEY, sha) == data
    with SealedReader(path, KEY, sha, expected_size=size) as reader:
        assert reader.size == size
        assert reader.read_all() == data
        rng = random.Random(size)
        for _ in range(200):  # random access, across chunk boundaries
            offset, length = rng.randrange(size + 2), rng.randrange(3 * CHUNK_SIZE)
            assert reader.read_at(offset, length) == data[offset : offset + length]
    if size >= 16:  # a shorter random string can occur in any ciphertext by chance
        assert data[: min(size, 64)] not in path.read_bytes()


def test_the_same_paper_sealed_twice_shares_no_ciphertext(tmp_path: Path) -> None:
    data = b"%PDF-1.7 " * 20_000
    seal(tmp_path / "a", data)
    seal(tmp_path / "b", data)
    a, b = (tmp_path / "a").read_bytes(), (tmp_path / "b").read_bytes()
    assert a[8:36] != b[8:36]  # fresh salt and nonce prefix
    assert a[HEADER_SIZE : HEADER_SIZE + 4096] != b[HEADER_SIZE : HEADER_SIZE + 4096]


def _fails(path: Path, sha: str, size: int | None = None) -> None:
    with (
        pytest.raises(IntegrityError) as caught,
        SealedReader(path, KEY, sha, expected_size=size) as reader,
    ):
        reader.authenticate()
    assert caught.value.code == "file_damaged"
    assert "hỏng" in caught.value.message


def test_flipped_bytes_anywhere_fail_authentication(tmp_path: Path) -> None:
    data = os.urandom(3 * CHUNK_SIZE + 500)
    path = tmp_path / "f"
    sha = seal(path, data)
    original = path.read_bytes()
    for position in (
        4,
        5,
        10,
        20,
        35,
        HEADER_SIZE,
        HEADER_SIZE + CHUNK_SIZE + 3,
        len(original) - 1,
    ):
        damaged = bytearray(original)
        damaged[position] ^= 0x01
        path.write_bytes(damaged)
        _fails(path, sha)


def test_truncation_at_a_chunk_boundary_or_inside_one_fails(tmp_path: Path) -> None:
    data = os.urandom(3 * CHUNK_SIZE + 500)
    path = tmp_path / "f"
    sha = seal(path, data)
    original = path.read_bytes()
    stride = CHUNK_SIZE + TAG
    for cut in (HEADER_SIZE + stride, HEADER_SIZE + 2 * stride, len(original) - 7, 20):
        path.write_bytes(original[:cut])
        _fails(path, sha)
        _fails(path, sha, size=len(data))
    path.write_bytes(original + b"\0" * TAG)  # grown by one empty "chunk"
    _fails(path, sha)


def test_reordered_chunks_fail(tmp_path: Path) -> None:
    data = os.urandom(3 * CHUNK_SIZE)
    path = tmp_path / "f"
    sha = seal(path, data)
    raw = path.read_bytes()
    stride = CHUNK_SIZE + TAG
    header, body = raw[:HEADER_SIZE], raw[HEADER_SIZE:]
    chunks = [body[i : i + stride] for i in range(0, len(body), stride)]
    path.write_bytes(header + chunks[1] + chunks[0] + chunks[2])
    _fails(path, sha)


def test_one_papers_bytes_under_another_papers_name_fail(tmp_path: Path) -> None:
    a, b = os.urandom(5000), os.urandom(5000)
    sha_a = seal(tmp_path / "a", a)
    sha_b = seal(tmp_path / "b", b)
    (tmp_path / "b").write_bytes((tmp_path / "a").read_bytes())  # same size: stat cannot tell
    _fails(tmp_path / "b", sha_b, size=5000)
    with SealedReader(tmp_path / "b", KEY, sha_a) as reader:
        assert reader.read_all() == a  # the bytes themselves are fine: only the name lies


def test_another_profiles_key_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "f"
    sha = seal(path, "Dự thảo Nghị định".encode() * 100)
    with pytest.raises(IntegrityError), SealedReader(path, os.urandom(32), sha) as reader:
        reader.read_at(0, 10)


def test_a_download_resumes_from_its_last_complete_chunk(tmp_path: Path) -> None:
    data = os.urandom(5 * CHUNK_SIZE + 1234)
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / "part"
    with SealedWriter(path, KEY, sha, len(data)) as writer:
        writer.write(data[: 2 * CHUNK_SIZE + 700])  # interrupted mid-chunk
    raw = path.read_bytes()
    assert len(raw) == HEADER_SIZE + 2 * (CHUNK_SIZE + TAG)  # only whole chunks on disk
    with path.open("ab") as handle:  # a torn write after a crash
        handle.write(os.urandom(3000))
    with SealedWriter(path, KEY, sha, len(data)) as writer:
        assert writer.offset == 2 * CHUNK_SIZE
        writer.write(data[writer.offset :])
        writer.finish()
    assert independent_open(path, KEY, sha) == data


def test_a_damaged_partial_chunk_is_fetched_again_not_trusted(tmp_path: Path) -> None:
    data = os.urandom(4 * CHUNK_SIZE)
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / "part"
    with SealedWriter(path, KEY, sha, len(data)) as writer:
        writer.write(data[: 3 * CHUNK_SIZE])
    damaged = bytearray(path.read_bytes())
    damaged[HEADER_SIZE + (CHUNK_SIZE + TAG) + 5] ^= 0xFF  # inside chunk 1
    path.write_bytes(damaged)
    with SealedWriter(path, KEY, sha, len(data)) as writer:
        assert writer.offset == CHUNK_SIZE  # chunk 0 only
        writer.write(data[writer.offset :])
        writer.finish()
    assert independent_open(path, KEY, sha) == data


def test_bytes_that_do_not_hash_to_the_name_are_discarded(tmp_path: Path) -> None:
    data = os.urandom(70_000)
    path = tmp_path / "part"
    wrong = hashlib.sha256(b"something else").hexdigest()
    writer = SealedWriter(path, KEY, wrong, len(data))
    writer.write(data)
    with pytest.raises(IntegrityError) as caught:
        writer.finish()
    assert caught.value.code == "hash_mismatch"
    assert not path.exists()
    with SealedWriter(path, KEY, wrong, 10) as writer, pytest.raises(IntegrityError):
        writer.write(b"x" * 11)  # more than the size the store knows


def test_a_restart_takes_a_new_key(tmp_path: Path) -> None:
    """A server that answers 200 to a Range request sends the file anew: never two
    plaintexts under one key and nonce."""
    data = os.urandom(3 * CHUNK_SIZE)
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / "part"
    with SealedWriter(path, KEY, sha, len(data)) as writer:
        writer.write(data[:CHUNK_SIZE])
    before = path.read_bytes()[:HEADER_SIZE]
    with SealedWriter(path, KEY, sha, len(data)) as writer:
        writer.restart()
        writer.write(data)
        writer.finish()
    assert path.read_bytes()[:HEADER_SIZE] != before
    assert independent_open(path, KEY, sha) == data
    with pytest.raises(InvalidTag):  # and the old header no longer opens it
        independent_open_with_header(path, before, sha)


def independent_open_with_header(path: Path, header: bytes, sha256: str) -> bytes:
    raw = path.read_bytes()
    path.write_bytes(header + raw[HEADER_SIZE:])
    try:
        return independent_open(path, KEY, sha256)
    finally:
        path.write_bytes(raw)


def test_sealed_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        seal(tmp_path / "f", b"abc")
    finally:
        os.umask(old)
    assert (tmp_path / "f").stat().st_mode & 0o777 == 0o600


def test_read_into_fills_a_buffer_with_the_authenticated_plaintext_or_raises(
    tmp_path: Path,
) -> None:
    data = os.urandom(3 * CHUNK_SIZE + 123)
    path = tmp_path / "paper"
    sha = seal(path, data)
    target = bytearray(len(data))
    with SealedReader(path, KEY, sha) as reader:
        reader.read_into(memoryview(target))
        with pytest.raises(ValueError):
            reader.read_into(memoryview(bytearray(len(data) - 1)))
    assert bytes(target) == data
    raw = bytearray(path.read_bytes())
    raw[-CHUNK_SIZE] ^= 1  # inside the last full chunk
    path.write_bytes(bytes(raw))
    with SealedReader(path, KEY, sha) as reader, pytest.raises(IntegrityError):
        reader.read_into(memoryview(bytearray(len(data))))
