"""Read the message header (QCVN 102:2016 MessageHeader and TraceHeaderList)."""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from ecabinet.edxml import errors
from ecabinet.edxml.model import EDXML_NS, Header, Organisation, TraceHeader

_DATE = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T].*)?$")


def q(name: str) -> str:
    return f"{{{EDXML_NS}}}{name}"


def _text(parent: etree._Element | None, *path: str) -> str | None:
    node = parent
    for name in path:
        if node is None:
            return None
        node = node.find(q(name))
    if node is None:
        return None
    value = "".join(node.itertext()).strip()
    return value or None


def _required(parent: etree._Element, *path: str) -> str:
    value = _text(parent, *path)
    if value is None:
        raise errors.missing_part("MessageHeader/" + "/".join(path))
    return value


def _date(value: str, path: str) -> dt.date:
    match = _DATE.match(value)
    if match is None:
        raise errors.bad_field(path, value, "yyyy/MM/dd")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise errors.bad_field(path, value, "a real date yyyy/MM/dd") from None


def _organisation(node: etree._Element, path: str) -> Organisation:
    organ_id = _text(node, "OrganId")
    if organ_id is None:
        raise errors.missing_part(f"MessageHeader/{path}/OrganId")
    return Organisation(
        organ_id=organ_id,
        organ_name=_text(node, "OrganName"),
        organ_in_charge=_text(node, "OrganizationInCharge"),
    )


def read_header(message: etree._Element, trace_list: etree._Element | None) -> Header:
    sender = message.find(q("From"))
    if sender is None:
        raise errors.missing_part("MessageHeader/From")
    recipients = tuple(_organisation(node, "To") for node in message.findall(q("To")))
    if not recipients:
        raise errors.missing_part("MessageHeader/To")
    promulgation_date = _required(message, "PromulgationInfo", "PromulgationDate")
    due = _text(message, "DueDate")
    trace: tuple[TraceHeader, ...] = ()
    if trace_list is not None:
        trace = tuple(
            TraceHeader(organ_id=_text(node, "OrganId") or "", timestamp=_text(node, "Timestamp"))
            for node in trace_list.iter(q("TraceHeader"))
        )
    return Header(
        sender=_organisation(sender, "From"),
        recipients=recipients,
        code_number=_required(message, "Code", "CodeNumber"),
        code_notation=_required(message, "Code", "CodeNotation"),
        promulgation_place=_text(message, "PromulgationInfo", "Place"),
        promulgation_date=_date(promulgation_date, "PromulgationInfo/PromulgationDate"),
        document_type=_required(message, "DocumentType", "Type"),
        document_type_name=_text(message, "DocumentType", "TypeName"),
        subject=_required(message, "Subject"),
        signer_name=_text(message, "SignerInfo", "FullName"),
        signer_position=_text(message, "SignerInfo", "Position"),
        signer_competence=_text(message, "SignerInfo", "Competence"),
        due_date=_date(due, "DueDate") if due else None,
        document_id=_text(message, "DocumentId"),
        trace=trace,
    )
