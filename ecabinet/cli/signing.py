"""``ecabinet sign-pdf`` and ``ecabinet verify-pdf``: PAdES signatures on minutes and resolutions.

A clerk signs with the key on their USB token (PKCS#11), or, for the demo, with a
PKCS#12 file; anyone verifies against the root certificate they trust and is told who
signed, when, and whether the document changed since.

verify-pdf exit status: 0 every signature valid, trusted and the document unchanged
since (later signatures aside); 1 not signed, or a signature invalid, untrusted or the
document changed; 2 the file or a certificate cannot be read.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from ecabinet.errors import InputError

PIN_ENV = "ECABINET_TOKEN_PIN"
PKCS12_PASSWORD_ENV = "ECABINET_PKCS12_PASSWORD"  # noqa: S105 (a variable name)
EXIT_VALID, EXIT_INVALID = 0, 1


def register(commands: Any) -> None:
    sign: argparse.ArgumentParser = commands.add_parser(
        "sign-pdf",
        help="sign a PDF (minutes, resolution) with a PAdES signature from a token or a "
        "PKCS#12 file",
    )
    sign.add_argument("input", type=Path, metavar="INPUT")
    sign.add_argument("output", type=Path, metavar="OUTPUT", help="may be INPUT itself")
    token = sign.add_argument_group("a key on a PKCS#11 token (USB token)")
    token.add_argument("--pkcs11-module", type=Path, metavar="M", help="the vendor's .so/.dll")
    token.add_argument("--token-label", metavar="L", help="the token's label")
    token.add_argument("--key-label", metavar="K", help="the key's (and certificate's) label")
    token.add_argument(
        "--pin-env",
        default=PIN_ENV,
        metavar="VAR",
        help=f"environment variable holding the PIN (default {PIN_ENV}); "
        "asked for on the terminal when unset",
    )
    soft = sign.add_argument_group("a software certificate (demo)")
    soft.add_argument("--pkcs12", type=Path, metavar="FILE", help="a .p12/.pfx file")
    soft.add_argument(
        "--password-env",
        default=PKCS12_PASSWORD_ENV,
        metavar="VAR",
        help=f"environment variable holding the file's password (default {PKCS12_PASSWORD_ENV})",
    )
    sign.add_argument("--reason", default=None, help="the reason shown with the signature")
    sign.set_defaults(handler=run_sign)

    verify: argparse.ArgumentParser = commands.add_parser(
        "verify-pdf",
        help="say who signed a PDF and whether it changed since",
        epilog="exit status: 0 valid and unchanged; 1 not signed, invalid, untrusted or "
        "changed; 2 unreadable file or certificate",
    )
    verify.add_argument("file", type=Path, metavar="FILE")
    verify.add_argument(
        "--trust-root",
        type=Path,
        action="append",
        required=True,
        metavar="CERT.pem",
        help="a root certificate you trust (PEM or DER); may be repeated",
    )
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument(
        "--save-attachments",
        type=Path,
        default=None,
        metavar="DIR",
        help="also save the files embedded in the PDF (the minutes carry each ballot's "
        "result bundle, for `ecabinet verify`) into DIR",
    )
    verify.set_defaults(handler=run_verify)


def _usage(message: str, english: str) -> InputError:
    return InputError(message, code="signer_arguments", message_en=english)


def _signer(args: argparse.Namespace) -> Any:
    from ecabinet.signing import Pkcs11Token, Pkcs12File

    token_args = (args.pkcs11_module, args.token_label, args.key_label)
    if args.pkcs12 is not None:
        if any(token_args):
            raise _usage(
                "Chỉ chọn một cách ký: thiết bị ký số (PKCS#11) hoặc tệp PKCS#12.",
                "Give either --pkcs12 or the --pkcs11-* options, not both.",
            )
        return Pkcs12File(args.pkcs12, os.environ.get(args.password_env))
    if not all(token_args):
        raise _usage(
            "Cần --pkcs11-module, --token-label và --key-label (hoặc --pkcs12 FILE).",
            "Give --pkcs11-module, --token-label and --key-label, or --pkcs12 FILE.",
        )
    pin = os.environ.get(args.pin_env)
    if pin is None:
        if not sys.stdin.isatty():
            raise _usage(
                f"Không có mã PIN: đặt biến môi trường {args.pin_env}.",
                f"No PIN: set the environment variable {args.pin_env}.",
            )
        pin = getpass.getpass("Mã PIN của thiết bị ký số (token PIN): ")
    return Pkcs11Token(
        module=args.pkcs11_module, token_label=args.token_label, key_label=args.key_label, pin=pin
    )


def run_sign(args: argparse.Namespace) -> int:
    from ecabinet.signing import sign_pdf

    sign_pdf(args.input, args.output, _signer(args), reason=args.reason)
    print(f"Đã ký: {args.output} (signed)")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from ecabinet.signing import verify_pdf

    if not args.verbose:
        # pyHanko logs a traceback for every certificate it cannot chain; the verdict
        # below says it in one sentence.
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    result = verify_pdf(args.file, list(args.trust_root))
    saved = _save_attachments(args.file, args.save_attachments) if args.save_attachments else []
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        headline = "HỢP LỆ — VALID" if result.ok else "KHÔNG HỢP LỆ — NOT VALID"
        print(f"{headline}: {args.file}")
        print(result.describe())
    for path in saved:
        print(f"Tệp đính kèm đã lưu (attachment saved): {path}")
    return EXIT_VALID if result.ok else EXIT_INVALID


def _save_attachments(pdf: Path, folder: Path) -> list[Path]:
    """Write the PDF's embedded files into ``folder``. Their names come from the file,
    so only a plain name is used (no folder part, no hidden or reserved name)."""
    import pikepdf

    from ecabinet.fsutil import atomic_write_bytes
    from ecabinet.minutes.attachments import embedded_files

    try:
        files = embedded_files(pdf.read_bytes())
    except (pikepdf.PdfError, OSError) as exc:
        raise InputError(
            "Không đọc được tệp đính kèm trong tệp PDF.",
            code="attachments_unreadable",
            message_en=f"Cannot read the attachments of {pdf}: {exc}",
        ) from exc
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for number, (name, data) in enumerate(sorted(files.items()), start=1):
        plain = Path(name.replace("\\", "/")).name
        taken = {p.name for p in saved}
        if not plain or plain.startswith(".") or len(plain) > 200 or plain in taken:
            plain = f"tep-dinh-kem-{number}.bin"
        target = folder / plain
        atomic_write_bytes(target, data)
        saved.append(target)
    return saved
