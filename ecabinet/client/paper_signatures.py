"""Whether a paper carries digital signatures, and what they are worth, from its bytes.

Papers are sealed on disk, so the app hands the decrypted bytes it holds in memory; no
clear copy is ever written. The roots trusted are the organisation's signing CA
certificates: the files in ``<profile>/trust/signing/`` and those named by the
``signing_trust_roots`` setting (``ecabinet/client/config.py``). Qt-free: the reader's
signature bar (``ui/reader/signature_bar.py``) shows what this returns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from ecabinet.client import config
from ecabinet.errors import InputError
from ecabinet.signing.verify import (
    Change,
    PdfVerification,
    SignatureReport,
    TrustRootError,
    load_trust_roots,
    verify_pdf_bytes,
)

__all__ = [
    "TRUST_FOLDER",
    "SignatureState",
    "check_paper_signatures",
    "overall_state",
    "signing_trust_roots",
    "trust_roots_for_profile",
]

log = logging.getLogger(__name__)

TRUST_FOLDER = Path("trust") / "signing"
_CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


class SignatureState(StrEnum):
    """The verdict on a signed paper as a whole, worst signature first."""

    VALID = "valid"  # every signature valid, trusted, the document unchanged since
    UNTRUSTED = "untrusted"  # intact and unchanged, but a signer is not trusted
    CHANGED = "changed"  # the document was changed after it was signed
    INVALID = "invalid"  # a signature does not match its certificate
    DAMAGED = "damaged"  # a signature cannot even be read


def signing_trust_roots(profile_dir: Path, configured: Iterable[object] = ()) -> list[Path]:
    """The certificate files to trust: the profile's trust folder, then the setting's."""
    folder = profile_dir / TRUST_FOLDER
    found: list[Path] = []
    if folder.is_dir():
        found = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _CERT_SUFFIXES
        )
    for entry in configured:
        if isinstance(entry, str) and entry.strip():
            path = Path(entry).expanduser()
            if path.is_file() and path not in found:
                found.append(path)
    return found


def trust_roots_for_profile(
    profile_dir: Path, app_config: config.AppConfig | None = None
) -> list[Path]:
    chosen = (app_config or config.AppConfig()).get(config.SIGNING_TRUST_ROOTS)
    return signing_trust_roots(profile_dir, chosen)


def _load_roots(paths: Sequence[Path]) -> list[Any]:
    """The readable roots; an unreadable file is skipped (and logged), never fatal:
    a bad certificate file must not stop the minister reading."""
    roots: list[Any] = []
    for path in paths:
        try:
            roots.extend(load_trust_roots([path]))
        except TrustRootError:
            log.warning("signing trust root %s cannot be read; ignored", path)
    return roots


def check_paper_signatures(data: bytes, trust_roots: Sequence[Path]) -> PdfVerification | None:
    """The signatures of the PDF in ``data``; None when it carries none.

    A PDF without a signature dictionary's ``/ByteRange`` has no signature, and is
    answered at once, without loading pyHanko. A paper that cannot be read as a PDF
    is the reader's business (it says so), so it is None here too.
    """
    if b"/ByteRange" not in data:
        return None
    try:
        verification = verify_pdf_bytes(data, _load_roots(trust_roots))
    except InputError:
        return None
    return verification if verification.signed else None


def _state_of(signature: SignatureReport) -> SignatureState:
    if not signature.intact or signature.change is Change.BROKEN:
        return SignatureState.CHANGED
    if not signature.valid:
        return SignatureState.INVALID
    if not signature.change.acceptable:
        return SignatureState.CHANGED
    if not signature.trusted:
        return SignatureState.UNTRUSTED
    return SignatureState.VALID


_SEVERITY = [
    SignatureState.VALID,
    SignatureState.UNTRUSTED,
    SignatureState.INVALID,
    SignatureState.CHANGED,
    SignatureState.DAMAGED,
]


def overall_state(verification: PdfVerification) -> SignatureState:
    if verification.damaged:
        return SignatureState.DAMAGED
    states = [_state_of(s) for s in verification.signatures]
    return max(states, key=_SEVERITY.index, default=SignatureState.DAMAGED)
