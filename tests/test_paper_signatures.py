"""The Qt-free half of the reader's signature bar: which roots, and the verdict from bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pdfs import make_pdf
from support.pki import Authority, make_pkcs12, make_root

from ecabinet.client.config import SIGNING_TRUST_ROOTS, AppConfig
from ecabinet.client.paper_signatures import (
    TRUST_FOLDER,
    SignatureState,
    check_paper_signatures,
    overall_state,
    signing_trust_roots,
    trust_roots_for_profile,
)
from ecabinet.signing import Pkcs12File, sign_pdf

SIGNER = "Trần Văn Ký"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    return make_root(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def signed(root: Authority, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("signed")
    p12 = make_pkcs12(root, folder, SIGNER, "pw")
    target = folder / "signed.pdf"
    sign_pdf(make_pdf(folder / "plain.pdf", 1), target, Pkcs12File(p12, "pw"))
    return target.read_bytes()


def test_roots_come_from_the_profile_folder_and_the_setting(
    root: Authority, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    assert signing_trust_roots(profile) == [], "no folder, no setting: nothing trusted"
    folder = profile / TRUST_FOLDER
    folder.mkdir(parents=True)
    (folder / "vgca.pem").write_bytes(root.pem_path.read_bytes())
    (folder / "readme.txt").write_text("not a certificate")
    config = AppConfig(tmp_path / "config.json")
    config.set(SIGNING_TRUST_ROOTS, [str(root.pem_path), str(tmp_path / "missing.pem"), 7])
    found = trust_roots_for_profile(profile, config)
    assert found == [folder / "vgca.pem", root.pem_path], found


def test_unsigned_and_unreadable_papers_have_no_verdict(root: Authority, tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", 1).read_bytes()
    assert check_paper_signatures(plain, [root.pem_path]) is None
    assert check_paper_signatures(b"/ByteRange but not a PDF", [root.pem_path]) is None


def test_a_signed_paper_is_valid_only_against_its_root(
    root: Authority, signed: bytes, tmp_path: Path
) -> None:
    verdict = check_paper_signatures(signed, [root.pem_path])
    assert verdict is not None and overall_state(verdict) is SignatureState.VALID, verdict
    assert verdict.signatures[0].signer_name == SIGNER
    other = make_root(tmp_path / "other", "Other Root")
    untrusted = check_paper_signatures(signed, [other.pem_path])
    assert untrusted is not None and overall_state(untrusted) is SignatureState.UNTRUSTED


def test_a_broken_root_file_is_skipped_not_fatal(
    root: Authority, signed: bytes, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nnot base64\n")
    verdict = check_paper_signatures(signed, [broken, root.pem_path])
    assert verdict is not None and overall_state(verdict) is SignatureState.VALID


def test_flipped_signed_bytes_count_as_changed(root: Authority, signed: bytes) -> None:
    data = bytearray(signed)
    at = data.index(b"stream") + 12  # the first page's content: inside the signed range
    assert at < data.index(b"/ByteRange"), "the byte flipped must be one the signature covers"
    data[at] ^= 0x01
    verdict = check_paper_signatures(bytes(data), [root.pem_path])
    assert verdict is not None, "a signed paper with a flipped byte must still get a verdict"
    assert overall_state(verdict) in (SignatureState.CHANGED, SignatureState.DAMAGED), verdict
