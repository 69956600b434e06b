"""The server's signed statements about a ballot (docs/ballots.md, "The ballot's chain").

A ballot's **definition** (question, options, papers, deadline, who is asked, the
membership and chair the tally needs) is signed by the server when the ballot opens
and again, as a new version, at every later change (a deadline extension, an early
close, a new list of members asked). The **closing record** seals the chain when the
ballot stops taking opinions. Both are records of the ballot's hash chain, with the
receipts: each names its ``seq`` and ``prev`` (the hex SHA-256 of the previous
record's canonical text), so none can be removed, reordered or edited unnoticed.

A **device-key statement** is the server vouching that a public key belongs to a
user (since when, until when); a result bundle carries one for every key it uses.

Builders return plain dicts (sign them with ``ecabinet.crypto.envelopes.sign``);
parsers check the exact shape and raise ``ValueError``. Neither checks a signature.
"""

from __future__ import annotations

import re
from typing import Any

from ecabinet.crypto.canonical import canonical_bytes, digest, parse_canonical

DEFINITION_TYPE = "ecabinet.ballot-definition.v1"
CLOSING_TYPE = "ecabinet.ballot-closing.v1"
DEVICE_KEY_TYPE = "ecabinet.device-key.v1"
CHAIN_HEAD_V2_TYPE = "ecabinet.chain-head.v2"

# Why a definition version was issued.
ISSUED, DEADLINE_EXTENDED, CLOSED_EARLY, ELIGIBLE_CHANGED, MIGRATED = (
    "issued", "deadline_extended", "closed_early", "eligible_changed", "migrated",
)  # fmt: skip
CHANGES = (ISSUED, DEADLINE_EXTENDED, CLOSED_EARLY, ELIGIBLE_CHANGED, MIGRATED)
# Why the chain was sealed.
BY_DEADLINE, BY_EARLY_CLOSE = "deadline", "closed_early"

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
_DEFINITION_FIELDS = frozenset((
    "type", "ballot_id", "org_id", "meeting_id", "agenda_item_id", "version", "change",
    "question", "options", "comment_required", "documents", "deadline", "closed_at",
    "eligible", "membership_total", "chair_user_id", "issued_at", "seq", "prev",
    "server_key_id",
))  # fmt: skip
_CLOSING_FIELDS = frozenset(
    ("type", "ballot_id", "seq", "prev", "closed_at", "cause", "server_key_id")
)
_DEVICE_FIELDS = frozenset(
    ("type", "key_id", "user_id", "public_key", "registered_at", "revoked_at", "server_key_id")
)


def definition(
    *,
    ballot_id: str,
    org_id: str,
    meeting_id: str,
    agenda_item_id: str | None,
    version: int,
    change: str,
    question: str,
    options: list[str],
    comment_required: list[str],
    documents: list[dict[str, str]],
    deadline: str,
    closed_at: str | None,
    eligible: list[dict[str, str]],
    membership_total: int,
    chair_user_id: str | None,
    issued_at: str,
    seq: int,
    prev: str,
    server_key_id: str,
) -> dict[str, Any]:
    """One version of a ballot's definition, as the server signs it.

    ``documents`` are the attached papers with the version current when this
    definition was issued; ``eligible`` the members asked, with the names and titles
    the printed result shows. Both are sorted, so one ballot state has one text.
    """
    return {
        "type": DEFINITION_TYPE,
        "ballot_id": ballot_id,
        "org_id": org_id,
        "meeting_id": meeting_id,
        "agenda_item_id": agenda_item_id,
        "version": version,
        "change": change,
        "question": question,
        "options": list(options),
        "comment_required": sorted(comment_required),
        "documents": sorted(documents, key=lambda d: d["document_id"]),
        "deadline": deadline,
        "closed_at": closed_at,
        "eligible": sorted(eligible, key=lambda m: m["user_id"]),
        "membership_total": membership_total,
        "chair_user_id": chair_user_id,
        "issued_at": issued_at,
        "seq": seq,
        "prev": prev,
        "server_key_id": server_key_id,
    }


def substance(defn: dict[str, Any]) -> dict[str, Any]:
    """What a member answers: the question, the options and their comment rules, the
    papers. An opinion bound to any definition with the same substance still counts
    (a deadline extended, members added); one bound to another substance does not."""
    return {
        "question": defn["question"],
        "options": defn["options"],
        "comment_required": defn["comment_required"],
        "documents": sorted(d["document_id"] for d in defn["documents"]),
    }


def substance_hash(defn: dict[str, Any]) -> str:
    return digest(canonical_bytes(substance(defn)))


def closing(
    *, ballot_id: str, seq: int, prev: str, closed_at: str, cause: str, server_key_id: str
) -> dict[str, Any]:
    """The seal: the ballot stopped taking opinions at ``closed_at``; ``prev`` is the
    chain's head at that moment. Only refusals may follow it in the chain."""
    return {
        "type": CLOSING_TYPE,
        "ballot_id": ballot_id,
        "seq": seq,
        "prev": prev,
        "closed_at": closed_at,
        "cause": cause,
        "server_key_id": server_key_id,
    }


def device_statement(
    *,
    key_id: str,
    user_id: str,
    public_key: str,
    registered_at: str,
    revoked_at: str | None,
    server_key_id: str,
) -> dict[str, Any]:
    return {
        "type": DEVICE_KEY_TYPE,
        "key_id": key_id,
        "user_id": user_id,
        "public_key": public_key,
        "registered_at": registered_at,
        "revoked_at": revoked_at,
        "server_key_id": server_key_id,
    }


def chain_head_v2(*, ballot_id: str, seq: int, hash_: str, exported_at: str) -> dict[str, Any]:
    """The head of a ballot's chain when a bundle was exported, signed with the export."""
    return {
        "type": CHAIN_HEAD_V2_TYPE,
        "ballot_id": ballot_id,
        "seq": seq,
        "hash": hash_,
        "exported_at": exported_at,
    }


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(what)


def _text(value: Any, *, empty: bool = False) -> bool:
    return isinstance(value, str) and (empty or bool(value))


def _time(value: Any) -> bool:
    return isinstance(value, str) and bool(_TIME.match(value))


def _count(value: Any, least: int) -> bool:
    return type(value) is int and value >= least


def _entry(value: Any, fields: set[str]) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == fields
        and all(_text(v, empty=True) for v in value.values())
    )


def _chained(value: dict[str, Any], what: str) -> None:
    _need(_count(value["seq"], 1), f"bad seq in the {what}")
    _need(isinstance(value["prev"], str) and bool(_HEX64.match(value["prev"])),
          f"bad prev in the {what}")  # fmt: skip
    _need(isinstance(value["server_key_id"], str) and bool(_HEX64.match(value["server_key_id"])),
          f"bad server_key_id in the {what}")  # fmt: skip


def parse_definition(text: str) -> dict[str, Any]:
    value = parse_canonical(text)
    _need(set(value) == _DEFINITION_FIELDS and value["type"] == DEFINITION_TYPE,
          "not a ballot definition")  # fmt: skip
    _chained(value, "definition")
    for name in ("ballot_id", "org_id", "meeting_id", "question"):
        _need(_text(value[name]), f"bad {name}")
    _need(value["agenda_item_id"] is None or _text(value["agenda_item_id"]), "bad agenda_item_id")
    _need(_count(value["version"], 1), "bad version")
    _need(value["change"] in CHANGES, "bad change")
    for name in ("options", "comment_required"):
        items = value[name]
        _need(isinstance(items, list) and all(_text(o) for o in items), f"bad {name}")
    docs = value["documents"]
    _need(isinstance(docs, list), "bad documents")
    for doc in docs:
        _need(_entry(doc, {"document_id", "version_id", "sha256"}), "bad document entry")
    members = value["eligible"]
    _need(isinstance(members, list), "bad eligible")
    for member in members:
        _need(_entry(member, {"user_id", "full_name", "title"}), "bad eligible entry")
    ids = [m["user_id"] for m in members]
    _need(len(set(ids)) == len(ids), "an eligible member is listed twice")
    _need(_time(value["deadline"]) and _time(value["issued_at"]), "bad deadline or issued_at")
    _need(value["closed_at"] is None or _time(value["closed_at"]), "bad closed_at")
    _need(_count(value["membership_total"], 1), "bad membership_total")
    _need(value["chair_user_id"] is None or _text(value["chair_user_id"]), "bad chair_user_id")
    return value


def parse_closing(text: str) -> dict[str, Any]:
    value = parse_canonical(text)
    _need(set(value) == _CLOSING_FIELDS and value["type"] == CLOSING_TYPE,
          "not a closing record")  # fmt: skip
    _chained(value, "closing record")
    _need(_text(value["ballot_id"]), "bad ballot_id")
    _need(_time(value["closed_at"]), "bad closed_at")
    _need(value["cause"] in (BY_DEADLINE, BY_EARLY_CLOSE), "bad cause")
    return value


def parse_device_statement(text: str) -> dict[str, Any]:
    value = parse_canonical(text)
    _need(set(value) == _DEVICE_FIELDS and value["type"] == DEVICE_KEY_TYPE,
          "not a device-key statement")  # fmt: skip
    for name in ("key_id", "server_key_id"):
        _need(isinstance(value[name], str) and bool(_HEX64.match(value[name])), f"bad {name}")
    _need(_text(value["user_id"]) and _text(value["public_key"]), "bad user_id or public_key")
    _need(_time(value["registered_at"]), "bad registered_at")
    _need(value["revoked_at"] is None or _time(value["revoked_at"]), "bad revoked_at")
    return value
