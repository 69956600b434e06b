"""The two shapes a package arrives in, and strict base64 for its attachments.

QCVN 102:2016 carries attachments outside the envelope. Exchange software writes them
either as MIME ``multipart/related`` parts after the SOAP/edXML envelope part, found by
``Content-ID`` (the manifest's ``xlink:href="cid:…"``), or inline, in an
``AttachmentEncoded`` element next to ``edXMLEnvelope`` under the ``edXML`` root (the
form the interchange SDKs write). Both are read.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import unquote

from ecabinet.edxml import errors
from ecabinet.edxml.model import Limits

_MIME_START = re.compile(rb"\A(?:\r?\n)*[A-Za-z][A-Za-z0-9-]*[ \t]*:")  # a header line
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/=]")
_SPACE = re.compile(rb"\s+")
XML_TYPES = {"text/xml", "application/xml", "application/soap+xml", "application/xop+xml"}


@dataclass
class Container:
    form: str
    xml: bytes
    parts: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    # content-id -> (content type, raw payload, transfer encoding)


def normalise_cid(value: str) -> str:
    """``<abc@x>``, ``cid:abc%40x`` and ``abc@x`` all name the same part (RFC 2392)."""
    value = value.strip()
    if value[:4].lower() == "cid:":
        value = unquote(value[4:])
    return value.strip().strip("<>").strip()


def split(data: bytes) -> Container:
    if not _MIME_START.match(data):
        return Container("inline", data)
    message = message_from_bytes(data, policy=policy.default)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise errors.bad_mime("không phải multipart/related", "not multipart/related")
    if message.get_content_type() != "multipart/related":
        raise errors.bad_mime(
            f"kiểu {message.get_content_type()}, cần multipart/related",
            f"type {message.get_content_type()}, expected multipart/related",
        )
    if message.defects:
        raise errors.bad_mime("cấu trúc hỏng", f"broken structure ({message.defects[0]!r})")
    start = normalise_cid(str(message.get_param("start") or ""))
    parts: dict[str, tuple[str, bytes, str]] = {}
    root: EmailMessage | None = None
    for index, part in enumerate(message.iter_parts()):
        assert isinstance(part, EmailMessage)
        cid = normalise_cid(str(part.get("Content-ID", "")))
        is_root = cid == start if start else index == 0
        if is_root:
            root = part
            continue
        if not cid:
            continue
        raw = part.get_payload(decode=False)
        payload = raw.encode("ascii", errors="replace") if isinstance(raw, str) else b""
        encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
        if cid in parts:
            raise errors.bad_mime(f"Content-ID {cid} lặp lại", f"duplicate Content-ID {cid}")
        parts[cid] = (part.get_content_type(), payload, encoding)
    if root is None:
        raise errors.bad_mime("không có phần phong bì XML", "no XML envelope part")
    if root.get_content_type() not in XML_TYPES:
        raise errors.not_xml(f"MIME root part is {root.get_content_type()}")
    xml = root.get_payload(decode=True)
    if not isinstance(xml, bytes):
        raise errors.bad_mime("phần phong bì rỗng", "empty envelope part")
    return Container("mime", xml, parts)


def decode_base64(text: bytes, name: str, limits: Limits) -> bytes:
    """Strict base64 (no stray characters, right padding), refused before decoding when
    the decoded size would pass the per-attachment limit."""
    compact = _SPACE.sub(b"", text)
    decoded_size = len(compact) // 4 * 3
    if decoded_size > limits.attachment_bytes:
        raise errors.too_large(
            f"Tệp đính kèm «{name}»",
            f"The attachment '{name}'",
            decoded_size,
            limits.attachment_bytes,
        )
    if _NOT_BASE64.search(compact) or len(compact) % 4:
        raise errors.bad_base64(name)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise errors.bad_base64(name) from None
