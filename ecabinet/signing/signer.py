"""Sign a PDF with a PAdES signature, from a PKCS#11 token or a PKCS#12 file.

Government signers hold their key on a USB token (SafeNet, Bit4ID with a VGCA
certificate) reached through the vendor's PKCS#11 module; the key never leaves the
token, which signs the document's digest. A PKCS#12 file is for the demo and for
tests without a token. Either way the signature is an incremental update appended to
the input, so an earlier signature on the same file stays valid.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ecabinet.errors import ErrorKind, InputError
from ecabinet.fsutil import atomic_write_bytes

__all__ = ["Pkcs11Token", "Pkcs12File", "SigningError", "sign_pdf"]


class SigningError(InputError):
    """The document could not be signed; the message says why and what to do."""

    kind = ErrorKind.INPUT


@dataclass(frozen=True)
class Pkcs11Token:
    """A key on a token: the vendor's module, the token's label, its PIN and the key."""

    module: Path
    token_label: str
    key_label: str
    pin: str
    cert_label: str | None = None  # default: the key's label, as token tools store them

    def __repr__(self) -> str:  # never print the PIN
        return (
            f"Pkcs11Token(module={self.module!s}, token={self.token_label!r}, "
            f"key={self.key_label!r})"
        )


@dataclass(frozen=True)
class Pkcs12File:
    """A software certificate and key (demo, tests): a .p12/.pfx file and its password."""

    path: Path
    password: str | None = None

    def __repr__(self) -> str:
        return f"Pkcs12File(path={self.path!s})"


Signer = Pkcs11Token | Pkcs12File


def sign_pdf(
    source: Path,
    target: Path,
    signer: Signer,
    *,
    reason: str | None = None,
    location: str = "Hà Nội",
) -> None:
    """Append a PAdES signature by ``signer`` to ``source`` and write ``target`` atomically.

    ``target`` may be ``source`` itself. Nothing is written if signing fails.
    """
    data = _read_pdf(source)
    output = io.BytesIO()
    if isinstance(signer, Pkcs12File):
        _sign_with(data, output, _load_pkcs12(signer), reason, location)
    else:
        try:
            _sign_with_token(data, output, signer, reason, location)
        finally:
            _clear_openssl_errors()
    atomic_write_bytes(target, output.getvalue())


def _clear_openssl_errors() -> None:
    """Empty this thread's OpenSSL error queue after a token was used.

    A PKCS#11 module built on the same libcrypto as Python's ``ssl`` (SoftHSM2 asks for
    an engine it lacks) can leave an error in the queue; Python then reports that stale
    error at the next TLS handshake in this thread ("no such engine"), so the upload that
    follows signing failed. Where the symbol cannot be reached there is nothing to clear.
    """
    import contextlib
    import ctypes
    import ssl

    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(ssl._ssl.__file__).ERR_clear_error()  # type: ignore[attr-defined]


def _read_pdf(source: Path) -> bytes:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise SigningError(
            "Không đọc được tệp cần ký.",
            code="unreadable_pdf",
            message_en=f"Cannot read {source}: {exc.strerror or exc}",
        ) from exc
    if not data.startswith(b"%PDF-"):
        raise SigningError(
            "Tệp cần ký không phải là tệp PDF.",
            code="not_pdf",
            message_en=f"{source} is not a PDF file.",
        )
    return data


def _field_name(reader: object) -> str:
    existing = {sig.field_name for sig in getattr(reader, "embedded_signatures", [])}
    number = len(existing) + 1
    while f"Signature{number}" in existing:
        number += 1
    return f"Signature{number}"


def _sign_with(
    data: bytes, output: io.BytesIO, signer: object, reason: str | None, location: str
) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name=_field_name(writer.prev),
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=location,
        )
        signers.sign_pdf(writer, meta, signer=signer, output=output)  # type: ignore[arg-type]
    except PdfError as exc:
        raise SigningError(
            "Tệp PDF bị hỏng nên không ký được. Hãy tạo lại tệp rồi ký.",
            code="broken_pdf",
            message_en=f"The PDF cannot be read for signing: {exc}",
        ) from exc


def _load_pkcs12(file: Pkcs12File) -> object:
    from pyhanko.sign import signers

    if not file.path.is_file():
        raise SigningError(
            "Không tìm thấy tệp chứng thư số (PKCS#12).",
            code="no_pkcs12",
            message_en=f"No PKCS#12 file at {file.path}.",
        )
    password = file.password.encode() if file.password is not None else None
    signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
        str(file.path), passphrase=password
    )
    if signer is None:
        raise SigningError(
            "Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không đúng định dạng PKCS#12.",
            code="bad_pkcs12",
            message_en=f"Cannot open {file.path}: wrong password or not a PKCS#12 file.",
        )
    return signer


def _sign_with_token(
    data: bytes, output: io.BytesIO, token: Pkcs11Token, reason: str | None, location: str
) -> None:
    import pkcs11
    from pkcs11 import exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.general import SigningError as HankoSigningError
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not token.module.is_file():
        raise SigningError(
            "Không tìm thấy thư viện PKCS#11 của thiết bị ký số. Hãy cài trình điều khiển "
            "của USB token rồi thử lại.",
            code="no_pkcs11_module",
            message_en=f"No PKCS#11 module at {token.module}.",
        )
    try:
        session = open_pkcs11_session(
            str(token.module),
            token_criteria=TokenCriteria(label=token.token_label),
            user_pin=token.pin,
        )
    except p11.PinIncorrect as exc:
        raise SigningError(
            "Sai mã PIN của thiết bị ký số. Lưu ý: nhập sai nhiều lần (thường là 3) sẽ khóa "
            "thiết bị.",
            code="wrong_pin",
            message_en="Wrong token PIN (a token locks after a few wrong PINs, often 3).",
        ) from exc
    except p11.PinLocked as exc:
        raise SigningError(
            "Thiết bị ký số đã bị khóa do nhập sai mã PIN. Hãy liên hệ đơn vị cấp chứng thư số.",
            code="pin_locked",
            message_en="The token is locked (too many wrong PINs).",
        ) from exc
    except (pkcs11.PKCS11Error, HankoSigningError, OSError) as exc:
        raise SigningError(
            f"Không mở được thiết bị ký số “{token.token_label}”. Hãy cắm USB token và kiểm tra "
            "tên thiết bị.",
            code="no_token",
            message_en=f"Cannot open token {token.token_label!r}: {exc!r}",
        ) from exc
    try:
        signer = PKCS11Signer(
            session, key_label=token.key_label, cert_label=token.cert_label or token.key_label
        )
        _sign_with(data, output, signer, reason, location)
    except (pkcs11.PKCS11Error, HankoSigningError) as exc:
        raise SigningError(
            f"Thiết bị ký số không có khóa hoặc chứng thư “{token.key_label}”, hoặc từ chối ký.",
            code="no_key",
            message_en=f"The token has no usable key/certificate {token.key_label!r}: {exc!r}",
        ) from exc
    finally:
        session.close()
