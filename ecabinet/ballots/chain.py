"""A bundle's chain as one sequence: signed definitions, receipts, the closing record.

The server gives every record of a ballot the next ``seq`` and the hash of the record
before it as ``prev`` (docs/ballots.md, "The ballot's chain"). This module parses and
checks the server's own records (definitions and the closing record), links them with
the receipts into that one sequence, checks every link and the signed head, and then
answers the question every receipt asks: which definition was in force when it was
made, and had the ballot closed?

Only records whose signature verifies with a trusted server key are *in force*; a
record that does not verify still takes its place in the sequence (so its link is
checked), but nothing is counted on its word.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ecabinet.crypto.ballot_records import (
    CLOSING_TYPE,
    DEFINITION_TYPE,
    chain_head_v2,
    parse_closing,
    parse_definition,
    substance,
)
from ecabinet.crypto.canonical import canonical_text, digest
from ecabinet.crypto.envelopes import GENESIS, Signed
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.crypto.server_keys import fingerprint
from ecabinet.timeutil import parse_iso

Report = Callable[[str, str | None, str], None]  # code, opinion id, message


@dataclass(frozen=True, slots=True)
class Link:
    """One record's place in the chain, whatever its kind."""

    seq: int
    hash: str
    prev: str
    label: str  # a record's name, or a receipt's author (its name is made when needed)
    opinion_id: str | None = None

    @property
    def name(self) -> str:
        """How a problem names it (built only then: a bundle has 10,000 receipts)."""
        if self.opinion_id is None:
            return self.label
        return f"opinion {self.opinion_id} (seq {self.seq}, {self.label})"


@dataclass(frozen=True)
class ServerRecord:
    """A definition or the closing record, parsed; ``verified``: its signature holds."""

    kind: str  # DEFINITION_TYPE | CLOSING_TYPE
    seq: int
    hash: str
    value: dict[str, Any]
    verified: bool

    @property
    def name(self) -> str:
        if self.kind == DEFINITION_TYPE:
            return f"definition version {self.value['version']} (seq {self.seq})"
        return f"closing record (seq {self.seq})"

    def link(self) -> Link:
        return Link(self.seq, self.hash, str(self.value["prev"]), self.name)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def parse_records(
    items: list[Any], trusted: dict[str, VerifyingKey], report: Report
) -> list[ServerRecord]:
    """Parse and verify the bundle's ``records``; every failure is reported."""
    out: list[ServerRecord] = []
    for number, item in enumerate(items, start=1):
        text = item.get("text") if isinstance(item, dict) else None
        signature = item.get("signature") if isinstance(item, dict) else None
        value: dict[str, Any] | None = None
        errors: list[str] = []
        for parse in (parse_definition, parse_closing):
            try:
                value = parse(text) if isinstance(text, str) else None
                break
            except (ValueError, RecursionError) as exc:
                errors.append(str(exc) or "nested too deeply")
        if value is None or not isinstance(text, str):
            why = "; ".join(errors) or "no text"
            report("malformed_record", None, f"chain record #{number} is malformed: {why}")
            continue
        kind = str(value["type"])
        key = trusted.get(value["server_key_id"])
        verified = bool(
            key is not None and isinstance(signature, str) and Signed(text, signature).verify(key)
        )
        record = ServerRecord(kind, int(value["seq"]), digest(_utf8(text)), value, verified)
        if key is None:
            signer = fingerprint(str(value["server_key_id"]))
            report(
                "untrusted_record",
                None,
                f"{record.name}: signed by server key {signer}, which is not trusted",
            )
        elif not verified:
            report(
                "bad_record_signature",
                None,
                f"{record.name}: the signature does not verify (the record was altered)",
            )
        out.append(record)
    return out


def check_links(links: list[Link], report: Report) -> Link | None:
    """Check ``seq`` continuity and every ``prev``; returns the last link (None: empty)."""
    by_seq: dict[int, list[Link]] = defaultdict(list)
    seen: set[str] = set()
    for link in links:
        # An exact copy of an entry is reported as a duplicate elsewhere, not as a fork.
        if link.hash not in seen:
            seen.add(link.hash)
            by_seq[link.seq].append(link)
    last, previous = 0, GENESIS
    for seq in sorted(by_seq):
        group = by_seq[seq]
        if seq != last + 1:
            gap = f"{last + 1}" if seq == last + 2 else f"{last + 1}-{seq - 1}"
            report(
                "chain_gap",
                group[0].opinion_id,
                f"{group[0].name}: record seq {gap} before it is missing from the chain",
            )
        for link in group:
            if len(group) > 1:
                why = f"{len(group)} records carry seq {seq}"
                report(
                    "chain_broken", link.opinion_id, f"{link.name}: the chain breaks here: {why}"
                )
            # After a gap the link cannot be checked: it points into what is missing.
            elif seq == last + 1 and link.prev != previous:
                why = f"prev is not the hash of record seq {seq - 1}"
                report(
                    "chain_broken", link.opinion_id, f"{link.name}: the chain breaks here: {why}"
                )
        last, previous = seq, group[0].hash
    return by_seq[last][0] if last else None


def check_head(
    head: dict[str, Any],
    *,
    ballot_id: str,
    end: Link | None,
    signer: VerifyingKey | None,
    report: Report,
) -> datetime | None:
    """The signed head must name the chain's end; returns the signed export time."""
    seq, hash_ = head.get("seq"), head.get("hash")
    exported, signature = head.get("exported_at"), head.get("signature")
    signed = None
    if isinstance(signature, str) and isinstance(exported, str):
        try:
            value = chain_head_v2(ballot_id=ballot_id, seq=seq, hash_=hash_, exported_at=exported)  # type: ignore[arg-type]
            signed = Signed(canonical_text(value), signature)
        except (ValueError, TypeError):
            signed = None
    if not (signed and signer and signed.verify(signer)):
        report("bad_chain_head", None, "the chain head's signature does not verify")
    end_seq, end_hash = (end.seq, end.hash) if end else (0, GENESIS)
    if seq != end_seq or hash_ != end_hash:
        report(
            "chain_head_mismatch",
            end.opinion_id if end else None,
            f"the chain head names seq {seq}, hash {hash_}; "
            f"the chain ends at seq {end_seq}, hash {end_hash}",
        )
    try:
        return parse_iso(exported) if isinstance(exported, str) else None
    except ValueError:
        return None


@dataclass
class Timeline:
    """The verified definitions and closing record, in chain order."""

    ballot_id: str
    definitions: list[ServerRecord] = field(default_factory=list)
    closing: ServerRecord | None = None
    _seqs: list[int] = field(default_factory=list)
    _by_hash: dict[str, ServerRecord] = field(default_factory=dict)
    _substance: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ends: dict[str, tuple[datetime, str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, records: list[ServerRecord], ballot_id: str, report: Report) -> Timeline:
        line = cls(ballot_id)
        for record in sorted(records, key=lambda r: r.seq):
            if not record.verified:
                continue
            if record.value["ballot_id"] != ballot_id:
                report(
                    "wrong_ballot",
                    None,
                    f"{record.name}: it is for another ballot, {record.value['ballot_id']}",
                )
                continue
            if line.closing is not None:
                report("after_closing", None, f"{record.name}: it follows the {line.closing.name}")
                continue
            if record.kind == CLOSING_TYPE:
                line.closing = record
                continue
            expected = len(line.definitions) + 1
            if record.value["version"] != expected:
                report(
                    "definition_order", None, f"{record.name}: version {expected} was expected here"
                )
            line.definitions.append(record)
            line._seqs.append(record.seq)
            line._by_hash[record.hash] = record
            line._substance[record.hash] = substance(record.value)
            line._ends[record.hash] = line._end(record)
        return line

    @property
    def final(self) -> ServerRecord | None:
        return self.definitions[-1] if self.definitions else None

    def in_force(self, seq: int) -> ServerRecord | None:
        """The newest definition placed before ``seq``."""
        index = bisect.bisect_left(self._seqs, seq)
        return self.definitions[index - 1] if index else None

    def definition(self, hash_: str) -> ServerRecord | None:
        return self._by_hash.get(hash_)

    def end(self, record: ServerRecord) -> tuple[datetime, str, str]:
        """When a definition stops taking opinions: its deadline, or closed_at if earlier."""
        return self._ends[record.hash]

    @staticmethod
    def _end(record: ServerRecord) -> tuple[datetime, str, str]:
        value = record.value
        ends = [(parse_iso(value["deadline"]), "deadline", str(value["deadline"]))]
        if value["closed_at"] is not None:
            ends.append((parse_iso(value["closed_at"]), "closed_at", str(value["closed_at"])))
        return min(ends)

    def binds(self, definition_hash: str, receipt_seq: int, in_force: ServerRecord) -> bool:
        """An envelope bound to ``definition_hash`` may count under ``in_force``."""
        bound = self._by_hash.get(definition_hash)
        return (
            bound is not None
            and bound.seq < receipt_seq
            and self._substance[bound.hash] == self._substance[in_force.hash]
        )

    def check_closing(self, exported_at: datetime | None, report: Report) -> None:
        """The closing record must say when the ballot ended; an ended ballot must have one."""
        if self.closing is not None:
            in_force = self.in_force(self.closing.seq)
            if in_force is None:
                return  # reported with the records that precede every definition
            moment, limit, when = self.end(in_force)
            closed_at = self.closing.value["closed_at"]
            if parse_iso(closed_at) != moment:
                report(
                    "closing_mismatch",
                    None,
                    f"{self.closing.name}: it says the ballot closed at {closed_at}; "
                    f"the definition in force ends it at its {limit} {when}",
                )
            return
        final = self.final
        if final is not None and exported_at is not None and exported_at > self.end(final)[0]:
            moment, limit, when = self.end(final)
            report(
                "not_closed",
                None,
                f"the ballot ended at its {limit} {when}, before the export, "
                "but the chain has no closing record",
            )
