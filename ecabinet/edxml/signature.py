"""Does the envelope carry an XML-DSig signature, and does it hold?

The check is signxml's (Apache-2.0): every ``Reference`` digest is recomputed over the
canonicalised content and the ``SignatureValue`` is checked with the key of the
certificate the signature carries in ``KeyInfo``. So "verifies" means: nothing signed has
changed since the holder of that certificate's key signed it. Whether the certificate
was issued to the organisation it names (the Government CA chain, revocation) is not
decided here; the signer's subject is reported for a person to judge. Weak algorithms
(SHA-1) are refused by signxml's defaults and reported as not verifying.
"""

from __future__ import annotations

import base64
import copy
import logging

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from ecabinet.edxml.model import DSIG_NS, SignatureReport, SignatureStatus

log = logging.getLogger(__name__)


def _certificate(signature: etree._Element) -> x509.Certificate | None:
    node = signature.find(f".//{{{DSIG_NS}}}X509Certificate")
    if node is None or not (node.text or "").strip():
        return None
    try:
        der = base64.b64decode("".join((node.text or "").split()), validate=True)
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None


def _covers_whole_document(signature: etree._Element) -> bool:
    return any(ref.get("URI") == "" for ref in signature.iter(f"{{{DSIG_NS}}}Reference"))


def check_signature(root: etree._Element, *, attachments_inside: bool) -> SignatureReport:
    """Never raises: a malformed signature is reported as one that does not verify.

    ``attachments_inside`` says whether the attachments are part of this XML document
    (the inline form); only then can a whole-document signature cover them."""
    signatures = list(root.iter(f"{{{DSIG_NS}}}Signature"))
    if not signatures:
        return SignatureReport(SignatureStatus.NOT_PRESENT)
    if len(signatures) > 1:
        return SignatureReport(
            SignatureStatus.DOES_NOT_VERIFY,
            reason=f"{len(signatures)} signatures; only a package with one is checked",
        )
    certificate = _certificate(signatures[0])
    if certificate is None:
        return SignatureReport(
            SignatureStatus.DOES_NOT_VERIFY,
            reason="the signature carries no readable X509Certificate in KeyInfo",
        )
    signer = certificate.subject.rfc4514_string()
    try:
        from signxml.exceptions import InvalidInput, InvalidSignature
        from signxml.verifier import XMLVerifier

        XMLVerifier().verify(
            copy.deepcopy(root),
            x509_cert=certificate.public_bytes(Encoding.PEM).decode("ascii"),
        )
    except (InvalidSignature, InvalidInput) as exc:
        return SignatureReport(
            SignatureStatus.DOES_NOT_VERIFY, reason=str(exc)[:300], signer=signer
        )
    except Exception as exc:  # a hostile signature must not crash the reader
        log.info("edXML signature check failed unexpectedly", exc_info=True)
        reason = f"{type(exc).__name__}: {str(exc)[:280]}"
        return SignatureReport(SignatureStatus.DOES_NOT_VERIFY, reason=reason, signer=signer)
    covers = attachments_inside and _covers_whole_document(signatures[0])
    return SignatureReport(SignatureStatus.VERIFIES, signer=signer, covers_attachments=covers)
