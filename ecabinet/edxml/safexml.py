"""Parse untrusted XML without letting it reach outside itself or grow without bound.

A package may not carry a DTD at all: its prolog is scanned before lxml sees it, so an
external entity (``<!ENTITY x SYSTEM "file:///etc/passwd">``) or an expansion bomb
(the "billion laughs") is refused by name and never parsed. lxml then runs with entity
resolution, DTD loading and network access off; ``huge_tree`` is on only because an
inline base64 attachment is one text node that may pass libxml2's 10 MB node limit —
the package size limit bounds it instead.
"""

from __future__ import annotations

import re

from lxml import etree

from ecabinet.edxml import errors

_PROLOG_SKIP = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?(\S+)\s+(SYSTEM|PUBLIC)?\s*([\"'][^\"']*[\"'])?")


def _ascii_view(data: bytes) -> bytes:
    """The prolog in a byte form the scanner reads; UTF-16 (with its BOM) is re-encoded."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = data[: 2 * 1024 * 1024]
        return head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    return data


def refuse_dtd(data: bytes) -> None:
    """Raise when the document's prolog declares a DOCTYPE, naming the worst thing in it."""
    view = _ascii_view(data)
    position = 3 if view.startswith(b"\xef\xbb\xbf") else 0
    while True:
        match = _PROLOG_SKIP.match(view, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    if not view.startswith(b"<!DOCTYPE", position):
        return
    declaration = view[position:]
    for entity in _ENTITY.finditer(declaration):
        if entity.group(3):
            target = (entity.group(4) or b"").decode("utf-8", errors="replace").strip("\"'")
            raise errors.external_entity(target or entity.group(2).decode(errors="replace"))
    if _ENTITY.search(declaration):
        raise errors.entity_declaration()
    raise errors.doctype()


def parse(data: bytes) -> etree._Element:
    refuse_dtd(data)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise errors.not_xml(str(exc).splitlines()[0][:200]) from None
    if root is None:
        raise errors.not_xml("empty document")
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise errors.doctype()  # a prolog the scanner did not read (another encoding)
    return root
