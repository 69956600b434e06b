"""edXML packages (QCVN 102:2016) made in the test, valid or broken on request.

The structure follows the published standard and the interchange SDKs: an ``edXML`` root
holding ``edXMLEnvelope`` (``edXMLHeader`` with ``MessageHeader`` and ``TraceHeaderList``,
``edXMLBody`` with ``edXMLManifest`` / ``Reference``) and the base64 attachments outside
the envelope, inline in ``AttachmentEncoded`` or as MIME ``multipart/related`` parts
found by ``cid:``. ``python -m tests.support.edxml_packages DIR`` writes the samples kept
in tests/data/edxml.
"""

from __future__ import annotations

import base64
import datetime as dt
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from tests.support.pdfs import one_page_objects, write_pdf

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XLINK_NS = "http://www.w3.org/1999/xlink"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"

HEADER: dict[str, str] = {
    "From/OrganId": "000.00.12.G09",
    "From/OrganizationInCharge": "Bộ Kế hoạch và Đầu tư",
    "From/OrganName": "Bộ Kế hoạch và Đầu tư",
    "To/OrganId": "000.00.00.G22",
    "To/OrganName": "Văn phòng Chính phủ",
    "DocumentId": "000.00.12.G09,2026/11/20,1234/TTr-BKHĐT",
    "Code/CodeNumber": "1234",
    "Code/CodeNotation": "TTr-BKHĐT",
    "PromulgationInfo/Place": "Hà Nội",
    "PromulgationInfo/PromulgationDate": "2026/11/20",
    "DocumentType/Type": "1",
    "DocumentType/TypeDetail": "0",
    "DocumentType/TypeName": "Tờ trình",
    "Subject": "Tờ trình về dự thảo Nghị quyết phiên họp Chính phủ thường kỳ tháng 11 năm 2026",
    "Content": "Kính gửi Văn phòng Chính phủ: xin ý kiến các thành viên Chính phủ.",
    "SignerInfo/Competence": "KT. BỘ TRƯỞNG",
    "SignerInfo/Position": "Thứ trưởng",
    "SignerInfo/FullName": "Nguyễn Văn Đức",
    "DueDate": "2026/11/25",
    "OtherInfo/Priority": "0",
    "SteeringType": "0",
}
TRACE = (("000.00.12.G09", "2026/11/20 09:15:00"), ("000.00.00.G22", "2026/11/20 09:16:30"))


@dataclass(frozen=True)
class Part:
    name: str
    content_type: str
    data: bytes
    content_id: str


def small_pdf(text: bytes = b"To trinh") -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        return write_pdf(Path(scratch) / "p.pdf", one_page_objects(text=text)).read_bytes()


def default_parts() -> list[Part]:
    return [
        Part("Tờ trình 1234.pdf", "application/pdf", small_pdf(b"To trinh 1234"), "totrinh@bkhdt"),
        Part("Phụ lục.txt", "text/plain", "Phụ lục kèm theo\n".encode(), "phuluc@bkhdt"),
    ]


def _q(name: str, namespace: str) -> str:
    return f"{{{namespace}}}{name}"


def _header(parent: etree._Element, fields: dict[str, str], ns: str) -> None:
    message = etree.SubElement(parent, _q("MessageHeader", ns))
    groups: dict[str, etree._Element] = {}
    for path, value in fields.items():
        *group, leaf = path.split("/")
        node = message
        if group:
            if group[0] not in groups:
                groups[group[0]] = etree.SubElement(message, _q(group[0], ns))
            node = groups[group[0]]
        etree.SubElement(node, _q(leaf, ns)).text = value
    trace_list = etree.SubElement(parent, _q("TraceHeaderList", ns))
    for organ_id, timestamp in TRACE:
        trace = etree.SubElement(trace_list, _q("TraceHeader", ns))
        etree.SubElement(trace, _q("OrganId", ns)).text = organ_id
        etree.SubElement(trace, _q("Timestamp", ns)).text = timestamp


def envelope(
    parts: Iterable[Part],
    *,
    drop: Iterable[str] = (),
    namespace: str = EDXML_NS,
    header: dict[str, str] | None = None,
) -> tuple[etree._Element, etree._Element]:
    """The ``edXML`` root and its ``edXMLEnvelope``; ``drop`` leaves header fields out."""
    fields = {k: v for k, v in (header or HEADER).items() if k not in set(drop)}
    ns = namespace
    root = etree.Element(_q("edXML", ns), nsmap={None: ns})
    env = etree.SubElement(root, _q("edXMLEnvelope", ns), nsmap={"edXML": ns})
    _header(etree.SubElement(env, _q("edXMLHeader", ns)), fields, ns)
    manifest = etree.SubElement(
        etree.SubElement(env, _q("edXMLBody", ns)), _q("edXMLManifest", ns), version="1.0"
    )
    for part in parts:
        link = {f"{{{XLINK_NS}}}href": f"cid:{part.content_id}", f"{{{XLINK_NS}}}type": "simple"}
        ref = etree.SubElement(manifest, _q("Reference", ns), link, nsmap={"xlink": XLINK_NS})
        etree.SubElement(ref, _q("Description", ns)).text = f"Tệp đính kèm {part.name}"
        etree.SubElement(ref, _q("AttachmentName", ns)).text = part.name
        etree.SubElement(ref, _q("ContentType", ns)).text = part.content_type
    return root, env


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def inline_package(
    parts: list[Part] | None = None,
    *,
    drop: Iterable[str] = (),
    namespace: str = EDXML_NS,
    omit_payload: Iterable[str] = (),
    payload_override: dict[str, str] | None = None,
    signer: tuple[bytes, bytes] | None = None,
) -> bytes:
    """The SDK form: attachments inline in ``AttachmentEncoded`` under the ``edXML`` root."""
    parts = default_parts() if parts is None else parts
    root, _env = envelope(parts, drop=drop, namespace=namespace)
    encoded = etree.SubElement(root, _q("AttachmentEncoded", namespace))
    for part in parts:
        if part.content_id in set(omit_payload):
            continue
        attachment = etree.SubElement(encoded, _q("Attachment", namespace))
        etree.SubElement(attachment, _q("ContentType", namespace)).text = part.content_type
        etree.SubElement(attachment, _q("ContentId", namespace)).text = part.content_id
        etree.SubElement(attachment, _q("AttachmentName", namespace)).text = part.name
        override = (payload_override or {}).get(part.content_id)
        etree.SubElement(attachment, _q("ContentTransferEncoded", namespace)).text = (
            override if override is not None else _b64(part.data)
        )
    if signer is not None:
        root = sign(root, *signer)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def mime_package(
    parts: list[Part] | None = None,
    *,
    drop: Iterable[str] = (),
    omit_payload: Iterable[str] = (),
    payload_override: dict[str, str] | None = None,
    signer: tuple[bytes, bytes] | None = None,
    soap: bool = False,
) -> bytes:
    """The SOAP-with-attachments form: the envelope part, then one base64 part per file.
    ``soap`` writes the envelope as a SOAP ``Envelope`` (``Header``, ``Body``/``Manifest``)."""
    parts = default_parts() if parts is None else parts
    _root, env = envelope(parts, drop=drop)
    env = etree.fromstring(etree.tostring(env))  # the envelope alone is the root part
    if soap:
        env = _as_soap(env)
    if signer is not None:
        env = sign(env, *signer)
    boundary = "edxml-boundary-7f3a"
    lines = [
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; boundary="{boundary}"; type="text/xml"; '
        'start="<envelope@edxml>"',
        "",
        f"--{boundary}",
        "Content-Type: text/xml; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "Content-ID: <envelope@edxml>",
        "",
        etree.tostring(env, xml_declaration=True, encoding="UTF-8").decode("utf-8"),
    ]
    for part in parts:
        if part.content_id in set(omit_payload):
            continue
        override = (payload_override or {}).get(part.content_id)
        lines += [
            f"--{boundary}",
            f"Content-Type: {part.content_type}",
            "Content-Transfer-Encoding: base64",
            f"Content-ID: <{part.content_id}>",
            "",
            (override if override is not None else _b64(part.data)).rstrip("\n"),
        ]
    lines.append(f"--{boundary}--\n")
    return "\r\n".join(lines).encode("utf-8")


def _as_soap(env: etree._Element) -> etree._Element:
    soap = etree.Element(_q("Envelope", SOAP_NS), nsmap={"SOAP-ENV": SOAP_NS, "edXML": EDXML_NS})
    for source, target in (("edXMLHeader", "Header"), ("edXMLBody", "Body")):
        holder = etree.SubElement(soap, _q(target, SOAP_NS))
        found = env.find(_q(source, EDXML_NS))
        assert found is not None
        holder.extend(list(found))
    manifest = soap.find(f"{_q('Body', SOAP_NS)}/{_q('edXMLManifest', EDXML_NS)}")
    if manifest is not None:
        manifest.tag = _q("Manifest", EDXML_NS)
    return soap


def make_signer(common_name: str = "Bộ Kế hoạch và Đầu tư (thử nghiệm)") -> tuple[bytes, bytes]:
    """A throw-away RSA key and self-signed certificate (PEM key, PEM certificate)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def sign(root: etree._Element, key_pem: bytes, cert_pem: bytes) -> etree._Element:
    """An enveloped XML-DSig signature (RSA-SHA256, exclusive c14n) over the whole root."""
    from signxml import XMLSigner

    signer = XMLSigner(c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")
    signed: etree._Element = signer.sign(root, key=key_pem, cert=cert_pem)
    return signed


def write_samples(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "valid-inline.edxml").write_bytes(inline_package())
    (directory / "valid-mime.edxml").write_bytes(mime_package())


if __name__ == "__main__":
    write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/edxml"))
