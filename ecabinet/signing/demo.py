"""A software certificate for the demo: a throw-away root and a signer in a PKCS#12 file.

Real signers hold a VGCA certificate on a USB token; the demo has neither, so it makes
a root named plainly as a demo (never to be trusted outside it) and a signer
certificate with the key usages a signing certificate has (digital signature,
non-repudiation). ``verify-pdf --trust-root ROOT`` then says the demo's signatures are
valid, and refuses them against any real root.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ecabinet.fsutil import atomic_write_bytes

__all__ = ["DEMO_ROOT_NAME", "DemoSigner", "make_demo_signer"]

DEMO_ROOT_NAME = "eCabinet DEMO root (không dùng thật)"


@dataclass(frozen=True)
class DemoSigner:
    root_pem: Path  # what a verifier passes as --trust-root
    pkcs12: Path  # what the demo signs with (--pkcs12)
    password: str

    def __repr__(self) -> str:
        return f"DemoSigner(root_pem={self.root_pem!s}, pkcs12={self.pkcs12!s})"


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_demo_signer(
    directory: Path, signer_name: str, *, organisation: str = "Văn phòng Chính phủ", days: int = 365
) -> DemoSigner:
    """Write ``demo-root.pem`` and ``demo-signer.p12`` (random password) into ``directory``."""
    now = dt.datetime.now(dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(DEMO_ROOT_NAME, "eCabinet demo")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(signer_name, organisation))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    password = secrets.token_urlsafe(18)
    directory.mkdir(parents=True, exist_ok=True)
    root_pem, p12 = directory / "demo-root.pem", directory / "demo-signer.p12"
    atomic_write_bytes(root_pem, root.public_bytes(serialization.Encoding.PEM))
    atomic_write_bytes(
        p12,
        pkcs12.serialize_key_and_certificates(
            b"demo-signer",
            key,
            cert,
            [root],
            serialization.BestAvailableEncryption(password.encode()),
        ),
    )
    p12.chmod(0o600)
    return DemoSigner(root_pem=root_pem, pkcs12=p12, password=password)
