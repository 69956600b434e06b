"""PAdES signing through a PKCS#11 token (SoftHSM2) and a PKCS#12 file, and verification.

The token, its key (generated inside it) and a test CA are made fresh for each test process.
Every verdict of ``verify_pdf`` is checked against poppler's ``pdfsig`` where it can be.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support.minutes_sample import sample_minutes
from support.pki import (
    Authority,
    SoftToken,
    make_pkcs12,
    make_root,
)

from ecabinet.minutes import render_minutes
from ecabinet.signing import (
    Change,
    Pkcs11Token,
    Pkcs12File,
    SigningError,
    sign_pdf,
    verify_pdf,
)

SIGNER = "Nguyễn Thị Thư Ký"


# The session's test CA (`root`) and SoftHSM2 token (`token`) are in tests/conftest.py.


def _token_signer(token: SoftToken, **changes: str) -> Pkcs11Token:
    fields = {"token_label": token.label, "key_label": token.key_label, "pin": token.pin}
    fields.update(changes)
    return Pkcs11Token(module=token.module, **fields)


@pytest.fixture(scope="module")
def minutes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minutes as ``ecabinet.minutes`` renders them: what a clerk signs."""
    path = tmp_path_factory.mktemp("doc") / "bien-ban.pdf"
    render_minutes(sample_minutes(secretary_name=SIGNER), path)
    return path


@pytest.fixture(scope="module")
def signed_by_token(
    token: SoftToken, minutes_pdf: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    target = tmp_path_factory.mktemp("signed") / "bien-ban-da-ky.pdf"
    sign_pdf(minutes_pdf, target, _token_signer(token), reason="Ký biên bản phiên họp")
    return target


def _pdfsig(path: Path) -> str:
    assert shutil.which("pdfsig"), (
        "pdfsig (poppler-utils) is needed: packaging/setup-debian.sh --dev"
    )
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def test_token_signature_verifies_and_names_the_signer(
    signed_by_token: Path, root: Authority
) -> None:
    result = verify_pdf(signed_by_token, [root.pem_path])
    assert result.signed and len(result.signatures) == 1, result.describe()
    sig = result.signatures[0]
    assert sig.ok, f"a fresh token signature must verify: {sig.describe()}"
    assert sig.signer_name == SIGNER
    assert (sig.intact, sig.valid, sig.trusted, sig.change) == (True, True, True, Change.NONE)
    assert sig.signed_at is not None
    assert abs(dt.datetime.now(dt.UTC) - sig.signed_at) < dt.timedelta(minutes=10), sig.signed_at
    assert "Chữ ký hợp lệ" in sig.describe() and "không thay đổi" in sig.describe()


def test_pdfsig_agrees_the_token_signature_is_valid(signed_by_token: Path) -> None:
    report = _pdfsig(signed_by_token)
    assert "Signature #1" in report, report
    assert "Signature Validation: Signature is Valid." in report, report
    assert SIGNER in report, f"pdfsig should name the signer's CN: {report}"
    assert "ETSI.CAdES.detached" in report, f"the signature should be PAdES: {report}"


def test_qpdf_finds_the_signed_file_sound(signed_by_token: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(signed_by_token)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_key_on_the_token_cannot_be_read_out(token: SoftToken) -> None:
    done = subprocess.run(
        ["pkcs11-tool", "--module", str(token.module), "--token-label", token.label, "--login",
         "--pin", token.pin, "--read-object", "--type", "privkey", "--label", token.key_label],
        capture_output=True, env=token.env(), timeout=60,
    )  # fmt: skip
    assert done.returncode != 0 or not done.stdout, "the signing key must not be extractable"


def test_an_appended_page_change_is_detected(
    signed_by_token: Path, root: Authority, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.generic import StreamObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    tampered = tmp_path / "sua-sau-khi-ky.pdf"
    with signed_by_token.open("rb") as source:
        writer = IncrementalPdfFileWriter(source)
        # Draw a black box over part of page 1 in an incremental update: the signed
        # bytes stay intact, but what the page shows has changed.
        box = writer.add_object(StreamObject(stream_data=b"0 g 100 600 300 80 re f"))
        writer.add_stream_to_page(0, box)
        with tampered.open("wb") as out:
            writer.write(out)
    result = verify_pdf(tampered, [root.pem_path])
    sig = result.signatures[0]
    assert sig.intact and sig.valid and sig.trusted, sig.describe()
    assert sig.change is Change.CONTENT and not sig.ok and not result.ok, sig.describe()
    assert "bị thay đổi nội dung sau khi ký" in result.describe()
    assert "CHỮ KÝ KHÔNG HỢP LỆ" in result.describe()
    report = _pdfsig(tampered)
    assert "Not total document signed" in report, f"pdfsig should see the appended update: {report}"


def test_flipped_bytes_inside_the_signed_range_are_detected(
    signed_by_token: Path, root: Authority, tmp_path: Path
) -> None:
    data = bytearray(signed_by_token.read_bytes())
    # A key of the Info dictionary, in the signed revision: the file still parses.
    where = data.index(b"/Producer")
    data[where + 2] ^= 0x20  # "/PrOducer": changed, still well-formed
    tampered = tmp_path / "lat-byte.pdf"
    tampered.write_bytes(bytes(data))
    result = verify_pdf(tampered, [root.pem_path])
    sig = result.signatures[0]
    assert not sig.intact and sig.change is Change.BROKEN and not result.ok, sig.describe()
    assert "chữ ký không còn khớp với tài liệu" in result.describe()
    report = _pdfsig(tampered)
    assert "Digest Mismatch" in report, f"pdfsig should refuse it too: {report}"


def test_a_root_not_trusted_is_refused(signed_by_token: Path, tmp_path: Path) -> None:
    stranger = make_root(tmp_path, "Some Other Root")
    result = verify_pdf(signed_by_token, [stranger.pem_path])
    sig = result.signatures[0]
    assert sig.intact and sig.valid and not sig.trusted and not sig.ok, sig.describe()
    assert "không được cấp bởi tổ chức chứng thực tin cậy" in sig.describe()


def test_an_unsigned_pdf_says_so(minutes_pdf: Path, root: Authority) -> None:
    result = verify_pdf(minutes_pdf, [root.pem_path])
    assert not result.signed and not result.ok
    assert result.describe() == "Tài liệu không có chữ ký số."


def test_software_pkcs12_signature_and_a_second_signer(
    signed_by_token: Path, root: Authority, tmp_path: Path
) -> None:
    p12 = make_pkcs12(root, tmp_path, "Trần Văn Chủ Trì", "mat-khau-demo")
    target = tmp_path / "hai-chu-ky.pdf"
    sign_pdf(signed_by_token, target, Pkcs12File(p12, "mat-khau-demo"))
    result = verify_pdf(target, [root.pem_path])
    assert [s.signer_name for s in result.signatures] == [SIGNER, "Trần Văn Chủ Trì"]
    first, second = result.signatures
    assert first.change is Change.SIGNATURES_ONLY and first.ok, first.describe()
    assert second.change is Change.NONE and second.ok, second.describe()
    assert result.ok
    report = _pdfsig(target)
    assert report.count("Signature is Valid") == 2, report


def test_wrong_pkcs12_password_is_a_clear_error(
    root: Authority, tmp_path: Path, minutes_pdf: Path
) -> None:
    p12 = make_pkcs12(root, tmp_path, "Demo", "dung")
    target = tmp_path / "out.pdf"
    with pytest.raises(SigningError) as caught:
        sign_pdf(minutes_pdf, target, Pkcs12File(p12, "sai"))
    assert caught.value.code == "bad_pkcs12" and "sai mật khẩu" in caught.value.message
    assert not target.exists(), "nothing is written when signing fails"


def test_wrong_pin_and_unknown_token_are_clear_errors(
    token: SoftToken, minutes_pdf: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(SigningError) as caught:
        sign_pdf(minutes_pdf, target, _token_signer(token, pin="000000"))
    assert caught.value.code == "wrong_pin" and "khóa thiết bị" in caught.value.message
    with pytest.raises(SigningError) as caught:
        sign_pdf(minutes_pdf, target, _token_signer(token, token_label="KHONG-CO"))
    assert caught.value.code == "no_token", caught.value.message_en
    with pytest.raises(SigningError) as caught:
        sign_pdf(minutes_pdf, target, _token_signer(token, key_label="khong-co"))
    assert caught.value.code == "no_key", caught.value.message_en
    assert not target.exists()
    assert "246810" not in repr(_token_signer(token)), "a signer's repr must not show the PIN"


def test_signing_a_non_pdf_is_refused(tmp_path: Path, root: Authority) -> None:
    bogus = tmp_path / "khong-phai.pdf"
    bogus.write_text("xin chào")
    with pytest.raises(SigningError) as caught:
        sign_pdf(bogus, tmp_path / "out.pdf", Pkcs12File(tmp_path / "x.p12", "x"))
    assert caught.value.code == "not_pdf"


def test_cli_signs_with_the_token_and_verifies(
    token: SoftToken, minutes_pdf: Path, root: Authority, tmp_path: Path
) -> None:
    from support.cli import run_cli

    target = tmp_path / "cli-da-ky.pdf"
    os.environ["ECABINET_TEST_PIN"] = token.pin
    try:
        run_cli("sign-pdf", minutes_pdf, target, "--pkcs11-module", token.module,
                "--token-label", token.label, "--key-label", token.key_label,
                "--pin-env", "ECABINET_TEST_PIN")  # fmt: skip
    finally:
        del os.environ["ECABINET_TEST_PIN"]
    done = run_cli("verify-pdf", target, "--trust-root", root.pem_path, "--json")
    result = json.loads(done.stdout)
    assert result["ok"] and result["signatures"][0]["signer"] == SIGNER, result
    assert result["signatures"][0]["change"] == "none"
    text = run_cli("verify-pdf", target, "--trust-root", root.pem_path).stdout
    assert text.startswith("HỢP LỆ") and f"Người ký: {SIGNER}" in text, text


def test_cli_exit_status_says_what_is_wrong(
    minutes_pdf: Path, signed_by_token: Path, root: Authority, tmp_path: Path
) -> None:
    from support.cli import run_cli

    unsigned = run_cli("verify-pdf", minutes_pdf, "--trust-root", root.pem_path, check=False)
    assert unsigned.returncode == 1 and "không có chữ ký số" in unsigned.stdout
    stranger = make_root(tmp_path, "Stranger Root")
    untrusted = run_cli("verify-pdf", signed_by_token, "--trust-root", stranger.pem_path,
                        check=False)  # fmt: skip
    assert untrusted.returncode == 1 and "KHÔNG HỢP LỆ" in untrusted.stdout, untrusted.stdout
    assert "Traceback" not in untrusted.stderr, f"a verdict, not a traceback: {untrusted.stderr}"
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    bad_root = run_cli("verify-pdf", signed_by_token, "--trust-root", junk, check=False)
    assert bad_root.returncode == 2 and "chứng thư gốc" in bad_root.stderr, bad_root.stderr
    no_signer = run_cli("sign-pdf", minutes_pdf, tmp_path / "x.pdf", check=False)
    assert no_signer.returncode == 2 and "--pkcs12" in no_signer.stderr, no_signer.stderr
    no_pin = run_cli("sign-pdf", minutes_pdf, tmp_path / "x.pdf", "--pkcs11-module", "/x.so",
                     "--token-label", "T", "--key-label", "K", "--pin-env", "ECABINET_NO_SUCH",
                     stdin="", check=False)  # fmt: skip
    assert no_pin.returncode == 2 and "ECABINET_NO_SUCH" in no_pin.stderr, no_pin.stderr


def test_a_signature_whose_data_was_overwritten_is_reported_not_crashed(
    signed_by_token: Path, root: Authority, tmp_path: Path
) -> None:
    data = signed_by_token.read_bytes()
    start = data.index(b"/Contents <") + len(b"/Contents <")
    damaged = tmp_path / "cms-hong.pdf"
    damaged.write_bytes(data[:start] + b"00" * 20 + data[start + 40 :])
    result = verify_pdf(damaged, [root.pem_path])
    assert result.signed and result.damaged and not result.ok, result.describe()
    assert "chữ ký bị hỏng" in result.describe()


@pytest.mark.parametrize("content", [b"", b"xin chao", b"%PDF-1.7\n1 0 obj <<"])
def test_verifying_a_file_that_is_no_pdf_is_a_clear_error(
    content: bytes, root: Authority, tmp_path: Path
) -> None:
    from ecabinet.errors import InputError

    bogus = tmp_path / "hong.pdf"
    bogus.write_bytes(content)
    with pytest.raises(InputError) as caught:
        verify_pdf(bogus, [root.pem_path])
    assert caught.value.code == "broken_pdf", caught.value.message_en


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"non_repudiation": False}, "thiếu mục đích sử dụng “chống chối bỏ”"),
        ({"expired": True}, "hết hạn"),
    ],
)
def test_a_certificate_unfit_for_signing_is_not_trusted(
    options: dict[str, bool], reason: str, root: Authority, minutes_pdf: Path, tmp_path: Path
) -> None:
    p12 = make_pkcs12(root, tmp_path, "Chứng thư lỗi", "pw", **options)
    target = tmp_path / "loi.pdf"
    sign_pdf(minutes_pdf, target, Pkcs12File(p12, "pw"))
    sig = verify_pdf(target, [root.pem_path]).signatures[0]
    assert sig.intact and sig.valid and not sig.trusted and not sig.ok, sig.describe()
    assert reason in sig.describe(), sig.describe()


def test_the_demo_certificate_signs_and_is_trusted_only_against_its_own_root(
    minutes_pdf: Path, root: Authority, tmp_path: Path
) -> None:
    from ecabinet.signing.demo import make_demo_signer

    demo = make_demo_signer(tmp_path / "demo", "Thư ký demo")
    assert demo.password not in repr(demo)
    assert (demo.pkcs12.stat().st_mode & 0o077) == 0, "the demo key file is private"
    target = tmp_path / "demo-da-ky.pdf"
    sign_pdf(minutes_pdf, target, Pkcs12File(demo.pkcs12, demo.password))
    assert verify_pdf(target, [demo.root_pem]).ok
    assert not verify_pdf(target, [root.pem_path]).ok, "a demo signature against a real root"
    assert "Signature is Valid" in _pdfsig(target)
