"""Each opinion of a result bundle checked on its own: parse, then verify two signatures.

This is the first step of ``ecabinet verify`` (``ecabinet.ballots.verify``). It is a
module of its own because it is the part that may run in worker processes: for a
large bundle the Ed25519 checks are spread over a ``ProcessPoolExecutor``, and each
worker (spawned ones import it afresh) needs only this module, the crypto helpers and
plain data: the opinion texts, the public keys as bytes. Nothing here knows about
other opinions, the receipt chain, eligibility or the tally; ``verify.py`` judges
those from the ``Checked`` records ``check_all`` returns, in the bundle's order.

Only keys the reader trusts are handed in: device keys the server vouched for (and
whose statements verified), server keys reached from the reader's own anchors. A
receipt is checked with the trusted server key its ``server_key_id`` names.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, NamedTuple

from ecabinet.crypto.canonical import digest, parse_canonical
from ecabinet.crypto.envelopes import RECEIPT_TYPE, MalformedEnvelope, Signed, parse_opinion
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.timeutil import parse_iso

__all__ = ["PARALLEL_FROM", "Checked", "Entry", "check_all", "default_workers"]

# Below this the plain loop takes under 0.7 s, about what starting spawned workers costs.
PARALLEL_FROM = 2000
_RECEIPT_FIELDS = frozenset(("type", "opinion_id", "ballot_id", "user_id", "status",
                             "reason", "outdated", "seq", "prev", "received_at",
                             "server_key_id"))  # fmt: skip


class Checked(NamedTuple):
    """What one opinion's own bytes say, before the rest of the bundle is looked at."""

    opinion_id: str
    envelope: dict[str, Any] | None
    receipt: dict[str, Any] | None
    envelope_error: str
    receipt_error: str
    signature_ok: bool | None  # None: no device key with the envelope's key id
    receipt_ok: bool
    receipt_hash: str


Entry = tuple[str, str, str, str]  # envelope, signature, receipt, receipt signature
_Job = tuple[list[Entry], dict[str, bytes], dict[str, bytes]]
# envelope error, receipt error, signature verifies (None: no such key), receipt verifies
_Verdict = tuple[str, str, bool | None, bool]


def _utf8(text: str) -> bytes:
    # A JSON file can smuggle lone surrogates into a string; hash them rather than crash.
    return text.encode("utf-8", "surrogatepass")


def _parse_receipt(text: str) -> dict[str, Any]:
    rec = parse_canonical(text)
    seq = rec.get("seq")
    if set(rec) != _RECEIPT_FIELDS or rec["type"] != RECEIPT_TYPE or type(seq) is not int:
        raise ValueError("not a receipt")
    texts = [rec[k] for k in ("opinion_id", "ballot_id", "user_id", "prev", "received_at",
                              "server_key_id")]  # fmt: skip
    if seq < 1 or not all(isinstance(t, str) for t in texts) or type(rec["outdated"]) is not bool:
        raise ValueError("bad field values")
    if rec["status"] not in ("accepted", "rejected"):
        raise ValueError("bad status")
    parse_iso(rec["received_at"])
    return rec


def _check_chunk(job: _Job) -> list[_Verdict]:
    entries, device_keys, server_keys = job
    servers = {kid: VerifyingKey(public) for kid, public in server_keys.items()}
    keys: dict[str, VerifyingKey] = {}
    out: list[_Verdict] = []
    for envelope, signature, receipt_text, receipt_signature in entries:
        env = rec = None
        env_error = rec_error = ""
        signature_ok = None
        try:
            env = parse_opinion(envelope)
        except (MalformedEnvelope, RecursionError) as exc:
            env_error = str(exc) or "nested too deeply"
        if env is not None and env["device_key_id"] in device_keys:
            kid = env["device_key_id"]
            if kid not in keys:
                keys[kid] = VerifyingKey(device_keys[kid])
            signature_ok = Signed(envelope, signature).verify(keys[kid])
        try:
            rec = _parse_receipt(receipt_text)
        except (ValueError, RecursionError) as exc:
            rec_error = str(exc) or "nested too deeply"
        server = servers.get(rec["server_key_id"]) if rec else None
        receipt_ok = bool(server and Signed(receipt_text, receipt_signature).verify(server))
        out.append((env_error, rec_error, signature_ok, receipt_ok))
    return out


def _checked(entry: Entry, verdict: _Verdict) -> Checked:
    envelope, _, receipt_text, _ = entry
    env_error, rec_error = verdict[:2]
    # The worker found these texts canonical and well formed, so loading them again
    # gives its values; sending the values back would cost more than this.
    env = None if env_error else json.loads(envelope)
    rec = None if rec_error else json.loads(receipt_text)
    opinion_id, receipt_hash = digest(_utf8(envelope)), digest(_utf8(receipt_text))
    return Checked(opinion_id, env, rec, *verdict, receipt_hash)


def _start_method() -> str | None:
    """How to start workers here, or None to check in this process."""
    if getattr(sys, "frozen", False):
        return None  # a frozen app's child would start the app again
    # fork starts in milliseconds and re-imports nothing, but a forked child of a process
    # running threads (a GUI, a test server) can deadlock on a lock one of them held; and
    # only Linux tells how many threads there are (/proc counts those Python did not start).
    tasks = Path("/proc/self/task")
    alone = tasks.is_dir() and sum(1 for _ in tasks.iterdir()) == 1
    return "fork" if alone and "fork" in get_all_start_methods() else "spawn"


def default_workers(count: int) -> int:
    """Worker processes worth starting for ``count`` opinions on this machine (1: none)."""
    if count < PARALLEL_FROM:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, 8)


def check_all(
    entries: list[Entry],
    keys: dict[str, bytes],
    servers: dict[str, bytes],
    *,
    workers: int | None = None,
    used: list[int] | None = None,
) -> list[Checked]:
    """Check every opinion, in ``workers`` processes (default: by size and CPUs).

    ``keys`` are the trusted device keys, ``servers`` the trusted server keys, by key id.

    ``used`` receives the number of worker processes that actually ran (0: none).
    """
    workers = default_workers(len(entries)) if workers is None else workers
    method = _start_method() if workers > 1 and entries else None
    verdicts: list[_Verdict] | None = None
    if method is not None:
        size = -(-len(entries) // (workers * 2))
        jobs = [(entries[i : i + size], keys, servers) for i in range(0, len(entries), size)]
        try:
            # map() keeps the chunks' order: the same result as the plain loop's.
            with ProcessPoolExecutor(workers, mp_context=get_context(method)) as pool:
                verdicts = [v for part in pool.map(_check_chunk, jobs) for v in part]
            if used is not None:
                used.append(workers)
        except (OSError, BrokenProcessPool):
            verdicts = None
    if verdicts is None:
        verdicts = _check_chunk((entries, keys, servers))
    return [_checked(entry, verdict) for entry, verdict in zip(entries, verdicts, strict=True)]
