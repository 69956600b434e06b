"""Read an edXML package (QCVN 102:2016) from a file: header, attachments, signature.

Everything is checked before anything is returned: a package is read whole or refused
with an ``EdxmlError`` naming the first thing wrong.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lxml import etree

from ecabinet.edxml import errors, safexml
from ecabinet.edxml.container import Container, decode_base64, normalise_cid, split
from ecabinet.edxml.header import q, read_header
from ecabinet.edxml.model import (
    EDXML_NS,
    SOAP_NS,
    XLINK_NS,
    Attachment,
    AttachmentInfo,
    EdxmlPackage,
    Limits,
)
from ecabinet.edxml.signature import check_signature

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def read_package(path: Path, *, limits: Limits | None = None) -> EdxmlPackage:
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if size > limits.package_bytes:
            raise errors.too_large("Gói tin", "The package", size, limits.package_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise errors.unreadable(str(path), exc.strerror or type(exc).__name__) from None
    return read_bytes(data, limits=limits)


def read_bytes(data: bytes, *, limits: Limits | None = None) -> EdxmlPackage:
    limits = limits or Limits()
    if len(data) > limits.package_bytes:
        raise errors.too_large("Gói tin", "The package", len(data), limits.package_bytes)
    container = split(data)
    root = safexml.parse(container.xml)
    envelope = _envelope(root)
    header_node = _child(envelope, q("edXMLHeader"), f"{{{SOAP_NS}}}Header")
    if header_node is None:
        raise errors.missing_part("edXMLHeader")
    message = header_node.find(q("MessageHeader"))
    if message is None:
        _refuse_foreign(header_node, "MessageHeader")
        raise errors.missing_part("MessageHeader")
    header = read_header(message, header_node.find(q("TraceHeaderList")))
    attachments = _attachments(root, envelope, container, limits)
    return EdxmlPackage(
        form=container.form,
        header=header,
        attachments=attachments,
        signature=check_signature(root, attachments_inside=container.form == "inline"),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _namespace(node: etree._Element) -> str:
    return etree.QName(node).namespace or ""


def _child(parent: etree._Element, *tags: str) -> etree._Element | None:
    for tag in tags:
        found = parent.find(tag)
        if found is not None:
            return found
    return None


def _envelope(root: etree._Element) -> etree._Element:
    if root.tag in (q("edXMLEnvelope"), f"{{{SOAP_NS}}}Envelope"):
        return root
    if root.tag == q("edXML"):
        envelope = root.find(q("edXMLEnvelope"))
        if envelope is None:
            _refuse_foreign(root, "edXMLEnvelope")
            raise errors.missing_part("edXMLEnvelope")
        return envelope
    if _namespace(root) != EDXML_NS:
        raise errors.wrong_namespace(_namespace(root))
    raise errors.missing_part("edXMLEnvelope")


def _refuse_foreign(parent: etree._Element, local: str) -> None:
    """A required element present under another namespace is named as such."""
    for node in parent.iter():
        if isinstance(node.tag, str) and etree.QName(node).localname == local:
            raise errors.wrong_namespace(_namespace(node))


def _attachments(
    root: etree._Element, envelope: etree._Element, container: Container, limits: Limits
) -> tuple[Attachment, ...]:
    body = _child(envelope, q("edXMLBody"), f"{{{SOAP_NS}}}Body")
    manifest = None if body is None else _child(body, q("edXMLManifest"), q("Manifest"))
    if manifest is None:
        return ()
    references = manifest.findall(q("Reference"))
    if len(references) > limits.attachments:
        raise errors.too_many_attachments(len(references), limits.attachments)
    inline = _inline_parts(root)
    result: list[Attachment] = []
    total = 0
    for index, reference in enumerate(references, start=1):
        name = _clean_name(_text(reference, q("AttachmentName")), index)
        content_id = normalise_cid(
            reference.get(f"{{{XLINK_NS}}}href") or _text(reference, q("ContentId")) or ""
        )
        if not content_id:
            raise errors.missing_part(f"Manifest/Reference[{index}]/@xlink:href")
        if container.form == "mime":
            part = container.parts.get(content_id)
            if part is None:
                raise errors.missing_attachment(name, content_id)
            if part[2] != "base64":
                raise errors.bad_base64(name)
            payload = part[1]
        else:
            found = inline.get(content_id)
            if found is None:
                raise errors.missing_attachment(name, content_id)
            payload = found
        data = decode_base64(payload, name, limits)
        total += len(data)
        if total > limits.total_attachment_bytes:
            raise errors.too_large(
                "Tổng các tệp đính kèm",
                "All attachments together",
                total,
                limits.total_attachment_bytes,
            )
        content_type = _text(reference, q("ContentType")) or "application/octet-stream"
        info = AttachmentInfo(
            name=name,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content_id=content_id,
            description=_text(reference, q("Description")),
        )
        result.append(Attachment(info=info, data=data))
    return tuple(result)


def _inline_parts(root: etree._Element) -> dict[str, bytes]:
    """``AttachmentEncoded/Attachment`` children of the ``edXML`` root, by Content-ID
    (the SDKs write the wrapper in the default edXML namespace or in none)."""
    parts: dict[str, bytes] = {}
    for wrapper in (*root.findall(q("AttachmentEncoded")), *root.findall("AttachmentEncoded")):
        for attachment in wrapper:
            if not isinstance(attachment.tag, str):
                continue
            cid = normalise_cid(_any_text(attachment, "ContentId") or "")
            encoded = _any_node(attachment, "ContentTransferEncoded")
            if cid and encoded is not None:
                parts[cid] = "".join(encoded.itertext()).encode("ascii", errors="replace")
    return parts


def _any_node(parent: etree._Element, local: str) -> etree._Element | None:
    return _child(parent, q(local), local)


def _any_text(parent: etree._Element, local: str) -> str | None:
    node = _any_node(parent, local)
    return None if node is None else "".join(node.itertext()).strip() or None


def _text(parent: etree._Element, tag: str) -> str | None:
    node = parent.find(tag)
    return None if node is None else "".join(node.itertext()).strip() or None


def _clean_name(name: str | None, index: int) -> str:
    """Attachment names come from another organisation: no path, no control characters."""
    cleaned = _CONTROL.sub("", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return cleaned[:255] or f"attachment-{index}"
