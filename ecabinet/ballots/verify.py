"""The offline recount of a result bundle (docs/ballots.md, "The result bundle").

Nothing in the bundle is trusted but signatures: each envelope is checked against the
device key bound to its author, each receipt against the server key, the receipts
against their hash chain and its signed head; then the count is made again and
compared with the one the server wrote. Every failure is a ``Problem`` naming the
opinion; nothing stops early, so one run shows everything wrong with a file.

The recount counts, per eligible member, the accepted *authentic* opinion (signed by
the author's own key, with a matching signed receipt) with the highest receipt seq.
An accepted opinion the server should have refused (an ineligible member, a key
revoked before receipt, a receipt time after the ballot's deadline or closing) is
reported and left out, so a bundle that counted it also gets a tally mismatch.

Each opinion's own parsing and signature checks live in ``ecabinet.ballots.signatures``,
because for a large bundle they run in worker processes, which need nothing of the rest;
this module makes the checks across opinions (the chain, duplicates, eligibility,
supersession), the recount and the comparison with the bundle's tally.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ecabinet.ballots.signatures import Checked, Entry, check_all
from ecabinet.ballots.tally import CountedOpinion, Tally, tally
from ecabinet.crypto.canonical import canonical_text
from ecabinet.crypto.envelopes import GENESIS, Signed, chain_head
from ecabinet.crypto.keys import VerifyingKey, unb64
from ecabinet.timeutil import parse_iso

__all__ = ["BundleError", "MemberResult", "Problem", "Recount", "load_bundle", "verify_bundle"]

BUNDLE_FORMAT = "ecabinet.ballot-bundle.v1"
TALLY_FIELDS = ("agree", "disagree", "other", "not_answered", "outdated", "adopted")
MESSAGES = {
    "malformed_envelope": "the envelope is malformed: {error}",
    "unknown_device": "signed by key {key}, which the bundle does not list",
    "device_user_mismatch": "signed with a key of {owner}, not of its author",
    "bad_signature": "the signature does not verify (the envelope was altered after signing)",
    "wrong_ballot": "signed for another ballot, {ballot}",
    "malformed_receipt": "the receipt is malformed: {error}",
    "bad_receipt_signature": "the receipt's signature does not verify with the server key",
    "receipt_mismatch": (
        "the receipt is for opinion {opinion_id} of {user_id} on ballot {ballot_id}, "
        "from server key {server_key_id}"
    ),
    "chain_gap": "receipt seq {seq} before it is missing from the chain",
    "chain_broken": "the receipt chain breaks here: {why}",
    "not_eligible": "accepted, but its author is not among the eligible members",
    "revoked_key_accepted": "accepted at {at} from a key revoked at {revoked}",
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
    ballot: dict[str, Any]
    members: list[MemberResult]
    tally: Tally
    problems: list[Problem]
    opinions_checked: int
    chain_head: str = GENESIS  # as the bundle states it; trust it only when ``ok``
    exported_at: str | None = None
    # Worker processes that checked signatures (0: all in this process); says nothing
    # about the result, which is the same either way.
    workers_used: int = field(default=0, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Device:
    user_id: str
    public: bytes
    revoked_at: datetime | None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _moment(value: Any) -> datetime | None:
    try:
        return parse_iso(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _name(c: Checked) -> str:
    seq = f"seq {c.receipt['seq']}, " if c.receipt else ""
    return f"opinion {c.opinion_id} ({seq}{c.envelope['user_id'] if c.envelope else '?'})"


def _members(ballot: dict[str, Any]) -> list[MemberResult]:
    out: list[MemberResult] = []
    for item in _list(ballot.get("eligible")):
        # The sync payload lists bare ids; the bundle adds names and titles.
        data = item if isinstance(item, dict) else {"user_id": item}
        name, title = str(data.get("full_name") or ""), str(data.get("title") or "")
        out.append(MemberResult(str(data.get("user_id")), name, title))
    return out


class _Verifier:
    def __init__(self, bundle: dict[str, Any]) -> None:
        self.bundle = bundle
        self.problems: list[Problem] = []
        self.ballot = _dict(bundle.get("ballot"))
        self.ballot_id = str(self.ballot.get("id", ""))
        self.server: VerifyingKey | None = None
        self.devices: dict[str, _Device] = {}
        self.present: set[str] = set()

    def report(self, code: str, opinion_id: str | None, message: str) -> None:
        self.problems.append(Problem(code, opinion_id, message))

    def flag(self, c: Checked, code: str, **values: Any) -> None:
        self.report(code, c.opinion_id, f"{_name(c)}: {MESSAGES[code].format(**values)}")

    def keys(self) -> None:
        if (fmt := self.bundle.get("format")) != BUNDLE_FORMAT:
            self.report("bad_format", None, f"the format is {fmt!r}, not {BUNDLE_FORMAT!r}")
        server = _dict(self.bundle.get("server_key"))
        try:
            self.server = VerifyingKey(unb64(str(server.get("public_key"))))
        except ValueError:
            self.report("bad_server_key", None, "the server key is not an Ed25519 key in base64")
        if self.server and server.get("key_id") != self.server.key_id:
            self.report("bad_server_key", None, "the server key id is not the key's SHA-256")
        for item in map(_dict, _list(self.bundle.get("device_keys"))):
            kid, revoked = item.get("key_id"), item.get("revoked_at")
            try:
                key = VerifyingKey(unb64(str(item.get("public_key"))))
                when = None if revoked is None else parse_iso(str(revoked))
                device = _Device(str(item["user_id"]), key.public_bytes, when)
                if kid != key.key_id or self.devices.get(kid, device) != device:
                    raise ValueError("its id is not the key's SHA-256, or it is listed twice")
            except (KeyError, ValueError) as exc:
                self.report("bad_device_key", None, f"device key {kid}: {exc}")
                continue
            self.devices[kid] = device

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
        server_kid = self.server.key_id if self.server else None
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
                self.flag(c, "bad_receipt_signature")
            fits = rec is not None and (
                rec["opinion_id"] == c.opinion_id
                and rec["ballot_id"] == self.ballot_id
                and rec["server_key_id"] == server_kid
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

    def chain(self, checked: list[Checked]) -> None:
        by_seq: dict[int, list[tuple[Checked, dict[str, Any]]]] = defaultdict(list)
        seen: set[str] = set()
        for c in checked:
            # An exact copy of an entry is the duplicate reported above, not a fork.
            if c.receipt is not None and c.receipt_hash not in seen:
                seen.add(c.receipt_hash)
                by_seq[c.receipt["seq"]].append((c, c.receipt))
        last, previous = 0, GENESIS
        for seq in sorted(by_seq):
            group = by_seq[seq]
            if seq != last + 1:
                gap = f"{last + 1}" if seq == last + 2 else f"{last + 1}-{seq - 1}"
                self.flag(group[0][0], "chain_gap", seq=gap)
            for c, rec in group:
                if len(group) > 1:
                    self.flag(c, "chain_broken", why=f"{len(group)} receipts carry seq {seq}")
                # After a gap the link cannot be checked: it points into what is missing.
                elif seq == last + 1 and rec["prev"] != previous:
                    why = f"prev is not the hash of receipt seq {seq - 1}"
                    self.flag(c, "chain_broken", why=why)
            last, previous = seq, group[0][0].receipt_hash
        self.head(by_seq[last][0][0] if last else None)

    def head(self, end: Checked | None) -> None:
        head = _dict(self.bundle.get("chain_head"))
        seq, hash_, signature = head.get("seq"), head.get("hash"), head.get("signature")
        try:
            value = chain_head(ballot_id=self.ballot_id, seq=seq, hash_=hash_)  # type: ignore[arg-type]
            signed = (
                Signed(canonical_text(value), signature) if isinstance(signature, str) else None
            )
        except ValueError:
            signed = None
        if not (signed and self.server and signed.verify(self.server)):
            self.report("bad_chain_head", None, "the chain head's signature does not verify")
        end_seq = end.receipt["seq"] if end and end.receipt else 0
        end_hash = end.receipt_hash if end else GENESIS
        if seq != end_seq or hash_ != end_hash:
            self.report(
                "chain_head_mismatch",
                end.opinion_id if end else None,
                f"the chain head names seq {seq}, hash {hash_}; "
                f"the receipts end at seq {end_seq}, hash {end_hash}",
            )

    def closing(self) -> tuple[datetime, str, str] | None:
        """When the ballot stopped taking opinions: the deadline, or closed_at if earlier."""
        ends: list[tuple[datetime, str, str]] = []
        for key in ("deadline", "closed_at"):
            value = self.ballot.get(key)
            if (moment := _moment(value)) is not None:
                ends.append((moment, key, str(value)))
            elif value is not None or key == "deadline":  # closed_at is null until closed
                self.report("malformed_bundle", None, f"the ballot's {key} is {value!r}")
        return min(ends) if ends else None

    def acceptance(self, checked: list[Checked], authentic: list[bool]) -> set[int]:
        """Accepted opinions the server should have refused; returns their positions."""
        eligible = {m.user_id for m in _members(self.ballot)}
        end = self.closing()
        refused: set[int] = set()
        for index, c in enumerate(checked):
            env, rec = c.envelope, c.receipt
            if not (authentic[index] and env and rec and rec["status"] == "accepted"):
                continue
            if env["user_id"] not in eligible:
                self.flag(c, "not_eligible")
                refused.add(index)
            received = parse_iso(rec["received_at"])
            revoked = self.devices[env["device_key_id"]].revoked_at
            # The server refuses at revoked_at <= its clock; the same boundary here.
            if revoked is not None and revoked <= received:
                stamp = revoked.strftime("%Y-%m-%dT%H:%M:%SZ")
                self.flag(c, "revoked_key_accepted", at=rec["received_at"], revoked=stamp)
                refused.add(index)
            # It accepts while its clock <= the deadline, and nothing once closed.
            if end is not None and received > end[0]:
                self.flag(c, "accepted_late", at=rec["received_at"], limit=end[1], when=end[2])
                refused.add(index)
        return refused

    def supersedes(self, checked: list[Checked]) -> None:
        self.present = {c.opinion_id for c in checked}
        for c in checked:
            previous = c.envelope["supersedes"] if c.envelope else None
            if previous is not None and previous not in self.present:
                self.flag(c, "missing", id=previous)

    def recount(self, checked: list[Checked], counts: list[bool]) -> list[MemberResult]:
        members = _members(self.ballot)
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
        total, chair = self.ballot.get("membership_total"), self.ballot.get("chair_user_id")
        if type(total) is not int or total < 1:
            self.report("malformed_bundle", None, f"the ballot's membership_total is {total!r}")
            total = len(members)
        counted = [
            CountedOpinion(m.opinion_id, m.user_id, m.choice, m.outdated)
            for m in members
            if m.opinion_id and m.choice
        ]
        eligible = [m.user_id for m in members]
        chair_id = chair if isinstance(chair, str) else None
        return tally(counted, eligible=eligible, membership_total=total, chair_user_id=chair_id)

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
        diff = [
            f"{k} {claimed.get(k)!r} in the bundle, {getattr(ours, k)!r} recounted"
            for k in TALLY_FIELDS
            if claimed.get(k) != getattr(ours, k)
        ]
        if diff:
            self.report("tally_mismatch", None, "the bundle's tally differs: " + "; ".join(diff))


def _seq(pair: tuple[Checked, bool]) -> int:
    rec = pair[0].receipt
    return int(rec["seq"]) if rec else 0


def verify_bundle(bundle: dict[str, Any], *, workers: int | None = None) -> Recount:
    """Check every signature, receipt and link of the chain, then recount.

    ``workers`` processes check the signatures (default: decided by the bundle's size
    and the machine's CPUs); the result is the same whatever the number.
    """
    v = _Verifier(bundle)
    v.keys()
    entries = v.entries()
    publics = {kid: device.public for kid, device in v.devices.items()}
    used: list[int] = []
    checked = check_all(
        entries, publics, v.server.public_bytes if v.server else None, workers=workers, used=used
    )
    authentic = v.each(checked)
    v.duplicates(checked)
    v.chain(checked)
    refused = v.acceptance(checked, authentic)
    v.supersedes(checked)
    members = v.recount(checked, [ok and i not in refused for i, ok in enumerate(authentic)])
    result = v.tally(members)
    v.compare(result, members)
    head, exported = _dict(bundle.get("chain_head")).get("hash"), bundle.get("exported_at")
    return Recount(
        v.ballot,
        members,
        result,
        v.problems,
        len(entries),
        head if isinstance(head, str) else "",
        exported if isinstance(exported, str) else None,
        workers_used=used[0] if used else 0,
    )


def load_bundle(path: Path) -> dict[str, Any]:
    """Read a bundle file; BundleError when it cannot be one (a damaged one is for verify)."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        vi = f"Không đọc được tệp {path}."
        raise BundleError(f"cannot read {path}: {exc.strerror or exc}", message_vi=vi) from exc
    except (ValueError, RecursionError) as exc:
        vi = f"Tệp {path} không phải JSON."
        raise BundleError(f"{path} is not JSON: {exc}", message_vi=vi) from exc
    if not isinstance(data, dict) or not {"ballot", "opinions"} <= data.keys():
        vi = f"Tệp {path} không phải gói kết quả lấy ý kiến."
        raise BundleError(f"{path} is not an eCabinet ballot bundle", message_vi=vi)
    return data
