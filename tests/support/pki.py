"""A test CA and a SoftHSM2 token holding a signer's key, made fresh for a test run.

The key pair is generated inside the token (as on a real USB token, it cannot be
read out); the CA, made with ``cryptography``, certifies the token's public key and
the certificate is written back onto the token under the key's label and id.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_MODULES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/local/lib/softhsm/libsofthsm2.so"),
)
MISSING_TOOLS = (
    "SoftHSM2 and OpenSC are needed for the token tests: run packaging/setup-debian.sh --dev "
    "(apt-get install softhsm2 opensc)"
)
TOKEN_LABEL = "ECABINET-TEST"
KEY_LABEL = "chu-ky-thu-ky"
USER_PIN = "246810"
SO_PIN = "13579111"


@dataclass(frozen=True)
class Authority:
    name: str
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    pem_path: Path


def _name(common: str, org: str = "Văn phòng Chính phủ") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_root(directory: Path, common: str = "Test VGCA Root") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = _name(common, "Ban Cơ yếu Chính phủ (thử nghiệm)")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    pem_path = directory / f"{common.replace(' ', '-').lower()}.pem"
    pem_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Authority(common, key, cert, pem_path)


def issue_signer(
    root: Authority,
    public_key: object,
    common: str,
    *,
    non_repudiation: bool = True,
    expired: bool = False,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC) - (dt.timedelta(days=400) if expired else dt.timedelta())
    return (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(root.cert.subject)
        .public_key(public_key)  # type: ignore[arg-type]
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=90))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            # digitalSignature and nonRepudiation (contentCommitment), as on a VGCA signer.
            x509.KeyUsage(True, non_repudiation, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), False
        )
        .sign(root.key, hashes.SHA256())
    )


def make_pkcs12(
    root: Authority, directory: Path, common: str, password: str, **cert_options: bool
) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = issue_signer(root, key.public_key(), common, **cert_options)
    path = directory / f"signer-{len(list(directory.glob('*.p12')))}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            key,
            cert,
            [root.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    return path


@dataclass(frozen=True)
class SoftToken:
    module: Path
    conf: Path
    label: str
    key_label: str
    pin: str
    cert: x509.Certificate

    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf)}


def softhsm_module() -> Path | None:
    if not (shutil.which("softhsm2-util") and shutil.which("pkcs11-tool")):
        return None
    return next((m for m in SOFTHSM_MODULES if m.is_file()), None)


def make_token(directory: Path, root: Authority, common: str) -> SoftToken:
    """A fresh SoftHSM2 token in ``directory``; set SOFTHSM2_CONF to ``conf`` to use it."""
    module = softhsm_module()
    assert module is not None, MISSING_TOOLS
    tokens = directory / "tokens"
    tokens.mkdir(parents=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}

    def run(*args: str) -> None:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{args[0]} failed: {done.stderr or done.stdout}"

    run("softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
        "--pin", USER_PIN, "--so-pin", SO_PIN)  # fmt: skip
    tool = ["pkcs11-tool", "--module", str(module), "--token-label", TOKEN_LABEL]
    run(*tool, "--login", "--pin", USER_PIN, "--keypairgen", "--key-type", "rsa:2048",
        "--label", KEY_LABEL, "--id", "01", "--usage-sign")  # fmt: skip
    public_der = directory / "public.der"
    run(*tool, "--read-object", "--type", "pubkey", "--label", KEY_LABEL, "-o", str(public_der))
    public_key = serialization.load_der_public_key(public_der.read_bytes())
    cert = issue_signer(root, public_key, common)
    cert_der = directory / "signer.der"
    cert_der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    run(*tool, "--login", "--pin", USER_PIN, "--write-object", str(cert_der), "--type", "cert",
        "--label", KEY_LABEL, "--id", "01")  # fmt: skip
    return SoftToken(module, conf, TOKEN_LABEL, KEY_LABEL, USER_PIN, cert)
