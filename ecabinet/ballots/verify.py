"""The offline recount of a result bundle (docs/ballots.md, "The result bundle").

Nothing in the bundle is trusted but signatures, and signatures only by keys the
reader trusts (``bundle_keys``): the server's records (the signed ballot definitions
and the closing record, ``chain``), its statements vouching for device keys, each
envelope against its author's device key, each receipt against the server key it
names; all records against their one hash chain and its signed head. Then the count
is made again from the signed definitions alone and compared with the one the server
wrote. Every failure is a ``Problem``; nothing stops early, so one run shows
everything wrong with a file.

The recount counts, per member the final definition asks, the accepted *authentic*
opinion (signed by the author's own key, with a matching signed receipt) with the
highest seq. An accepted opinion the server should have refused (bound to no
definition of this ballot, or to one whose substance is not the one in force; an
ineligible member; a key revoked before receipt; received after the ballot ended) is
reported and left out, so a bundle that counted it also gets a tally mismatch.

A recount is *proven* only when it has no problem and its keys were anchored by the
reader (``trusted``); with no anchor it can be intact but not proven.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecabinet.ballots.bundle_keys import DeviceKey, device_keys, server_keys
from ecabinet.ballots.chain import Link, Timeline, check_head, check_links, parse_records
from ecabinet.ballots.plain_summary import compare_summary
from ecabinet.ballots.signatures import Checked, Entry, check_all
from ecabinet.ballots.tally import CountedOpinion, Tally, tally
from ecabinet.crypto.ballot_records import DEFINITION_TYPE
from ecabinet.crypto.canonical import digest
from ecabinet.crypto.envelopes import GENESIS, OPINION_TYPE
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.crypto.server_keys import fingerprint
from ecabinet.timeutil import parse_iso

__all__ = ["BundleError", "MemberResult", "Problem", "Recount", "load_bundle", "verify_bundle"]

BUNDLE_FORMAT = "ecabinet.ballot-bundle.v2"
OLD_FORMAT = "ecabinet.ballot-bundle.v1"
TALLY_FIELDS = ("agree", "disagree", "other", "not_answered", "outdated", "adopted")
MESSAGES = {
    "malformed_envelope": "the envelope is malformed: {error}",
    "unknown_device": "signed by key {key}, which no server statement in the bundle vouches for",
    "device_user_mismatch": "signed with a key of {owner}, not of its author",
    "bad_signature": "the signature does not verify (the envelope was altered after signing)",
    "wrong_ballot": "signed for another ballot, {ballot}",
    "malformed_receipt": "the receipt is malformed: {error}",
    "bad_receipt_signature": "the receipt's signature does not verify with server key {key}",
    "untrusted_receipt": "the receipt is signed by server key {key}, which is not trusted",
    "receipt_mismatch": (
        "the receipt is for opinion {opinion_id} of {user_id} on ballot {ballot_id}, "
        "from server key {server_key_id}"
    ),
    "no_definition": "accepted at seq {seq}, before any signed definition of the ballot",
    "unbound_envelope": "accepted, but it is a {type} envelope, bound to no signed definition",
    "wrong_definition": (
        "accepted, but it is bound to definition {hash}, which is not a definition of this "
        "ballot placed before it with the substance of the one in force"
    ),
    "not_eligible": "accepted, but its author is not among the members the definition asks",
    "revoked_key_accepted": "accepted at {at} from a key revoked at {revoked}",
    "key_registered_late": "accepted at {at} from a key registered only at {registered}",
    "accepted_late": "accepted at {at}, after the ballot's {limit} {when}",
    "missing": "supersedes opinion {id}, which is not in the bundle",
}


class BundleError(ValueError):
    """The file is not a bundle at all: unreadable, not JSON, no opinions."""

    def __init__(self, message: str, *, message_vi: str) -> None:
        super().__init__(message)
        self.message_vi = message_vi


@dataclass(frozen=True)
class Problem:
    code: str
    opinion_id: str | None
    message: str


@dataclass
class MemberResult:
    user_id: str
    full_name: str
    title: str
    choice: str | None = None
    comment: str = ""
    outdated: bool = False
    received_at: str | None = None
    opinion_id: str | None = None
    superseded: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (opinion id, reason)


@dataclass
class Recount:
    ballot: dict[str, Any]  # the signed final definition ({} when none verifies)
    members: list[MemberResult]
    tally: Tally
    problems: list[Problem]
    opinions_checked: int
    chain_head: str = GENESIS  # as the bundle states it; trust it only when ``ok``
    exported_at: str | None = None
    server_key_id: str | None = None  # the key the bundle says signed it
    anchored: bool = False  # checked against keys the reader named
    bundle_sha256: str | None = None  # of the file's bytes, when read from a file
    closed_at: str | None = None  # from the closing record; None: open at export
    # Worker processes that checked signatures (0: all in this process); says nothing
    # about the result, which is the same either way.
    workers_used: int = field(default=0, compare=False)

    @property
    def ok(self) -> bool:
        """Intact: no problem with any signature, link or count."""
        return not self.problems

    @property
    def proven(self) -> bool:
        """Intact, and signed by a server key the reader trusts."""
        return self.ok and self.anchored

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.server_key_id) if self.server_key_id else "?"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(c: Checked) -> str:
    seq = f"seq {c.receipt['seq']}, " if c.receipt else ""
    return f"opinion {c.opinion_id} ({seq}{c.envelope['user_id'] if c.envelope else '?'})"


def _stamp(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


class _Verifier:
    def __init__(self, bundle: dict[str, Any]) -> None:
        self.bundle = bundle
        self.problems: list[Problem] = []
        self.ballot_id = str(_dict(bundle.get("ballot")).get("id", ""))
        self.devices: dict[str, DeviceKey] = {}
        self.trusted: dict[str, VerifyingKey] = {}
        self.present: set[str] = set()
        self.timeline = Timeline("")

    def report(self, code: str, opinion_id: str | None, message: str) -> None:
        self.problems.append(Problem(code, opinion_id, message))

    def flag(self, c: Checked, code: str, **values: Any) -> None:
        self.report(code, c.opinion_id, f"{_name(c)}: {MESSAGES[code].format(**values)}")

    def entries(self) -> list[Entry]:
        out: list[Entry] = []
        for number, item in enumerate(map(_dict, _list(self.bundle.get("opinions"))), start=1):
            parts = [item.get(k) for k in ("envelope", "signature", "receipt", "receipt_signature")]
            if not all(isinstance(p, str) for p in parts):
                self.report("malformed_opinion", None, f"opinion entry #{number} lacks a text")
            texts = [p if isinstance(p, str) else "" for p in parts]
            out.append((texts[0], texts[1], texts[2], texts[3]))
        return out

    def each(self, checked: list[Checked]) -> list[bool]:
        """Checks of one opinion at a time; returns which opinions are authentic."""
        authentic: list[bool] = []
        for c in checked:
            env, rec = c.envelope, c.receipt
            if c.envelope_error:
                self.flag(c, "malformed_envelope", error=c.envelope_error)
            if c.receipt_error:
                self.flag(c, "malformed_receipt", error=c.receipt_error)
            own = False
            if env is not None:
                device = self.devices.get(env["device_key_id"])
                own = device is not None and device.user_id == env["user_id"]
                if device is None:
                    self.flag(c, "unknown_device", key=env["device_key_id"])
                elif not own:
                    self.flag(c, "device_user_mismatch", owner=device.user_id)
                elif not c.signature_ok:
                    self.flag(c, "bad_signature")
                if env["ballot_id"] != self.ballot_id:
                    self.flag(c, "wrong_ballot", ballot=env["ballot_id"])
                    own = False
            if rec is not None and not c.receipt_ok:
                key = fingerprint(rec["server_key_id"])
                trusted = rec["server_key_id"] in self.trusted
                self.flag(c, "bad_receipt_signature" if trusted else "untrusted_receipt", key=key)
            fits = rec is not None and (
                rec["opinion_id"] == c.opinion_id
                and rec["ballot_id"] == self.ballot_id
                and (env is None or rec["user_id"] == env["user_id"])
            )
            if rec is not None and not fits:
                named = {k: rec[k] for k in ("opinion_id", "user_id", "ballot_id", "server_key_id")}
                self.flag(c, "receipt_mismatch", **named)
            authentic.append(bool(own and c.signature_ok and fits and c.receipt_ok))
        return authentic

    def duplicates(self, checked: list[Checked]) -> None:
        for oid, times in Counter(c.opinion_id for c in checked).items():
            if times > 1:
                self.report("duplicate", oid, f"opinion {oid} appears {times} times in the bundle")

    def receipt_links(self, checked: list[Checked]) -> list[Link]:
        return [
            Link(c.receipt["seq"], c.receipt_hash, c.receipt["prev"], who, c.opinion_id)
            for c in checked
            if c.receipt is not None
            for who in (c.envelope["user_id"] if c.envelope else "?",)
        ]

    def acceptance(self, checked: list[Checked], authentic: list[bool]) -> set[int]:
        """Accepted opinions the server should have refused; returns their positions."""
        line = self.timeline
        closing = line.closing
        refused: set[int] = set()
        eligible_of: dict[str, set[str]] = {}
        for index, c in enumerate(checked):
            env, rec = c.envelope, c.receipt
            if not (authentic[index] and env and rec and rec["status"] == "accepted"):
                continue
            seq, received = rec["seq"], parse_iso(rec["received_at"])
            in_force = line.in_force(seq)
            if in_force is None:
                self.flag(c, "no_definition", seq=seq)
                refused.add(index)
                continue
            if env["type"] != OPINION_TYPE:
                self.flag(c, "unbound_envelope", type=env["type"])
                refused.add(index)
            elif not line.binds(env["definition_hash"], seq, in_force):
                self.flag(c, "wrong_definition", hash=env["definition_hash"])
                refused.add(index)
            if in_force.hash not in eligible_of:
                eligible_of[in_force.hash] = {m["user_id"] for m in in_force.value["eligible"]}
            if env["user_id"] not in eligible_of[in_force.hash]:
                self.flag(c, "not_eligible")
                refused.add(index)
            device = self.devices[env["device_key_id"]]
            # The server refuses at revoked_at <= its clock; the same boundary here.
            if device.revoked_at is not None and device.revoked_at <= received:
                self.flag(
                    c,
                    "revoked_key_accepted",
                    at=rec["received_at"],
                    revoked=_stamp(device.revoked_at),
                )
                refused.add(index)
            if device.registered_at > received:
                self.flag(
                    c,
                    "key_registered_late",
                    at=rec["received_at"],
                    registered=_stamp(device.registered_at),
                )
                refused.add(index)
            # It accepts while its clock <= the deadline, and nothing once sealed.
            if closing is not None and closing.seq < seq:
                when = f"(seq {closing.seq}, closed at {closing.value['closed_at']})"
                self.flag(
                    c, "accepted_late", at=rec["received_at"], limit="closing record", when=when
                )
                refused.add(index)
                continue
            moment, limit, when = line.end(in_force)
            if received > moment:
                self.flag(c, "accepted_late", at=rec["received_at"], limit=limit, when=when)
                refused.add(index)
        return refused

    def supersedes(self, checked: list[Checked]) -> None:
        self.present = {c.opinion_id for c in checked}
        for c in checked:
            previous = c.envelope["supersedes"] if c.envelope else None
            if previous is not None and previous not in self.present:
                self.flag(c, "missing", id=previous)

    def recount(self, checked: list[Checked], counts: list[bool]) -> list[MemberResult]:
        final = self.timeline.final
        listed = final.value["eligible"] if final else []
        members = [MemberResult(m["user_id"], m["full_name"], m["title"]) for m in listed]
        by_user = {m.user_id: m for m in members}
        done: set[str] = set()
        for c, counted in sorted(zip(checked, counts, strict=True), key=_seq):
            env, rec = c.envelope or {}, c.receipt or {}
            member = by_user.get(env.get("user_id", ""))
            if not counted or member is None or c.opinion_id in done:
                continue
            done.add(c.opinion_id)
            if rec["status"] != "accepted":
                member.rejected.append((c.opinion_id, str(rec["reason"])))
                continue
            if member.opinion_id is not None:
                member.superseded.append(member.opinion_id)
            member.opinion_id, member.received_at = c.opinion_id, rec["received_at"]
            member.choice, member.comment = env["choice"], env["comment"]
            member.outdated = rec["outdated"]
        return members

    def tally(self, members: list[MemberResult]) -> Tally:
        final = self.timeline.final
        if final is None:
            return Tally(membership_total=0)
        counted = [
            CountedOpinion(m.opinion_id, m.user_id, m.choice, m.outdated)
            for m in members
            if m.opinion_id and m.choice
        ]
        return tally(
            counted,
            eligible=[m.user_id for m in members],
            membership_total=final.value["membership_total"],
            chair_user_id=final.value["chair_user_id"],
        )

    def compare(self, ours: Tally, members: list[MemberResult]) -> None:
        claimed = _dict(self.bundle.get("tally"))
        counted = [x for x in _list(claimed.get("counted")) if isinstance(x, str)]
        for oid, times in Counter(counted).items():
            if times > 1:
                self.report("tally_mismatch", oid, f"the bundle counts opinion {oid} {times} times")
        superseded = {old: m.opinion_id for m in members for old in m.superseded}
        mine, theirs, excused = set(ours.counted), set(counted), set()
        for oid in sorted(theirs - mine):
            if oid in superseded:
                excused.add(superseded[oid])
                why = f"the same member's opinion {superseded[oid]} supersedes it"
                self.report("superseded_counted", oid, f"the bundle counts opinion {oid}; {why}")
            else:
                absent = oid not in self.present
                why = "it is not in the bundle" if absent else "the recount does not count it"
                self.report("tally_mismatch", oid, f"the bundle counts opinion {oid}; {why}")
        for oid in sorted(mine - theirs - excused):
            why = "the bundle does not"
            self.report("tally_mismatch", oid, f"the recount counts opinion {oid}; {why}")
        # A v2 server writes these too; compared when present.
        fields = TALLY_FIELDS + tuple(
            k for k in ("membership_total", "chair_choice") if k in claimed
        )
        diff = [
            f"{k} {claimed.get(k)!r} in the bundle, {getattr(ours, k)!r} recounted"
            for k in fields
            if claimed.get(k) != getattr(ours, k)
        ]
        if diff:
            self.report("tally_mismatch", None, "the bundle's tally differs: " + "; ".join(diff))


def _seq(pair: tuple[Checked, bool]) -> int:
    rec = pair[0].receipt
    return int(rec["seq"]) if rec else 0


def _old_format(v: _Verifier, fmt: Any, bundle_sha256: str | None) -> Recount:
    if fmt == OLD_FORMAT:
        v.report(
            "unsigned_definition",
            None,
            "a ballot-bundle.v1 carries no signed ballot definition: its question, "
            "membership, members asked, chair and deadline could have been edited, so its "
            "result cannot be proven; export it again from an upgraded server",
        )
    else:
        v.report("bad_format", None, f"the format is {fmt!r}, not {BUNDLE_FORMAT!r}")
    return Recount(
        {},
        [],
        Tally(0),
        v.problems,
        len(_list(v.bundle.get("opinions"))),
        "",
        None,
        bundle_sha256=bundle_sha256,
    )


def verify_bundle(
    bundle: dict[str, Any],
    *,
    trusted: Iterable[VerifyingKey] | None = None,
    bundle_sha256: str | None = None,
    workers: int | None = None,
) -> Recount:
    """Check every signature and link of the chain, then recount from the signed records.

    ``trusted``: the server keys the reader trusts (None: none named, so at best the
    result is intact, not proven). ``bundle_sha256`` is recorded in the result.
    ``workers`` processes check the signatures (default: decided by the bundle's size
    and the machine's CPUs); the result is the same whatever the number.
    """
    v = _Verifier(bundle)
    if (fmt := bundle.get("format")) != BUNDLE_FORMAT:
        return _old_format(v, fmt, bundle_sha256)
    keys = server_keys(bundle, trusted, v.report)
    v.trusted = keys.trusted
    records = parse_records(_list(bundle.get("records")), keys.trusted, v.report)
    definitions = [r for r in records if r.verified and r.kind == DEFINITION_TYPE]
    if definitions:  # the ballot is the one the server signed, not the summary's
        v.ballot_id = str(min(definitions, key=lambda r: r.seq).value["ballot_id"])
    v.timeline = Timeline.of(records, v.ballot_id, v.report)
    if v.timeline.final is None:
        v.report("no_definition", None, "no signed definition of the ballot verifies")
    v.devices = device_keys(_list(bundle.get("device_keys")), keys.trusted, v.report)
    entries = v.entries()
    publics = {kid: device.public for kid, device in v.devices.items()}
    servers = {kid: key.public_bytes for kid, key in keys.trusted.items()}
    used: list[int] = []
    checked = check_all(entries, publics, servers, workers=workers, used=used)
    authentic = v.each(checked)
    v.duplicates(checked)
    end = check_links([r.link() for r in records] + v.receipt_links(checked), v.report)
    head = _dict(bundle.get("chain_head"))
    signer = keys.trusted.get(keys.signer.key_id) if keys.signer else None
    exported = check_head(head, ballot_id=v.ballot_id, end=end, signer=signer, report=v.report)
    v.timeline.check_closing(exported, v.report)
    if bundle.get("exported_at") != head.get("exported_at"):
        says, signed_at = bundle.get("exported_at"), head.get("exported_at")
        v.report(
            "summary_altered",
            None,
            f"exported_at altered: bundle says {says!r}, the signed chain head says {signed_at!r}",
        )
    if (final := v.timeline.final) is not None:
        compare_summary(_dict(bundle.get("ballot")), final, v.timeline.closing, v.report)
    refused = v.acceptance(checked, authentic)
    v.supersedes(checked)
    members = v.recount(checked, [ok and i not in refused for i, ok in enumerate(authentic)])
    result = v.tally(members)
    v.compare(result, members)
    closing = v.timeline.closing
    return Recount(
        dict(final.value) if final else {},
        members,
        result,
        v.problems,
        len(entries),
        str(head.get("hash")) if isinstance(head.get("hash"), str) else "",
        str(head.get("exported_at")) if isinstance(head.get("exported_at"), str) else None,
        server_key_id=keys.signer.key_id if keys.signer else None,
        anchored=keys.anchored,
        bundle_sha256=bundle_sha256,
        closed_at=str(closing.value["closed_at"]) if closing else None,
        workers_used=used[0] if used else 0,
    )


def parse_bundle(data: bytes, *, source: str = "the bundle") -> dict[str, Any]:
    """Bytes to a bundle; BundleError when they cannot be one (a damaged one is for verify)."""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:
        vi = f"Tệp {source} không phải JSON."
        raise BundleError(f"{source} is not JSON: {exc}", message_vi=vi) from exc
    if not isinstance(value, dict) or not {"ballot", "opinions"} <= value.keys():
        vi = f"Tệp {source} không phải gói kết quả lấy ý kiến."
        raise BundleError(f"{source} is not an eCabinet ballot bundle", message_vi=vi)
    return value


def read_bundle(path: Path) -> tuple[dict[str, Any], str]:
    """A bundle file and the SHA-256 of its bytes (what the printed summary names)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        vi = f"Không đọc được tệp {path}."
        raise BundleError(f"cannot read {path}: {exc.strerror or exc}", message_vi=vi) from exc
    return parse_bundle(data, source=str(path)), digest(data)


def load_bundle(path: Path) -> dict[str, Any]:
    """Read a bundle file; BundleError when it cannot be one (a damaged one is for verify)."""
    return read_bundle(path)[0]
