"""PAdES signatures on the papers eCabinet produces (minutes, resolutions).

``sign_pdf`` signs with a key on a PKCS#11 token (as Government signers do) or in a
PKCS#12 file (demo); ``verify_pdf`` says who signed, when, whether the signature is
valid and trusted, and whether the document changed since. pyHanko is imported lazily:
the app starts without it.
"""

from ecabinet.signing.signer import Pkcs11Token, Pkcs12File, SigningError, sign_pdf
from ecabinet.signing.verify import (
    Change,
    PdfVerification,
    SignatureReport,
    TrustRootError,
    load_trust_roots,
    verify_pdf,
    verify_pdf_bytes,
)

__all__ = [
    "Change",
    "PdfVerification",
    "Pkcs11Token",
    "Pkcs12File",
    "SignatureReport",
    "SigningError",
    "TrustRootError",
    "load_trust_roots",
    "sign_pdf",
    "verify_pdf",
    "verify_pdf_bytes",
]
