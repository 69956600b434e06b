"""Signed opinions the server decides per second on ONE core, in-process (no HTTP).

Setup: a fresh SQLite server under --work-dir/verify (a real subprocess, only for
setting up): one meeting for the member, one paper, --ballots open ballots on it, and a
device key registered for the member over the API. Then 1,000 envelopes (--answers per
ballot, each superseding the previous one) are signed with that key, as a laptop would.

Measured in this process, pinned to CPU 0 (os.sched_setaffinity), each --runs times on a
fresh copy of the database, median:

  crypto+shape  per opinion what submit() does before touching the database:
                parse_opinion (canonical JSON re-encoded and compared, shape checks)
                + VerifyingKey.from_b64 + Signed.verify (Ed25519 over the exact bytes);
  submit        opinions.submit() for all, in ONE transaction, with one Verifier (the
                per-push caches), then commit: parse, verify, ballot checks, supersede,
                receipt signed and chained, change-log row;
  push          services.push.push() with the same envelopes as submit_opinion
                mutations (adds the per-mutation savepoint and the stored answer), then
                commit: the whole of a push request but HTTP, JSON and validation.

Baseline, same run, same CPU: bare Ed25519 verifications of the same bytes with one
public key object (cryptography / OpenSSL), signatures decoded beforehand.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_PER_S = 1000.0
CLIENT = "5b1f0c2e-9d4a-4e6b-8c7d-2f3a4b5c6d7e"


def setup(root: Path, ballots: int) -> dict[str, Any]:
    from support.actors import PASSWORD, Secretariat, seed_people
    from support.pdfs import make_pdf

    from ecabinet.client.api import ApiClient
    from ecabinet.crypto.canonical import digest
    from ecabinet.crypto.device_proof import device_offer
    from ecabinet.crypto.keys import SigningKey

    shutil.rmtree(root, ignore_errors=True)
    seed_people(root / "server", None)
    server = common.start_server(root / "server")
    try:
        clerk = Secretariat(server.url)
        meeting = clerk.create_meeting("Lấy ý kiến (bench)", [common.MEMBER])
        doc = clerk.upload(meeting["id"], make_pdf(root / "d.pdf", 2), title="Dự thảo")
        version = doc["version"]
        paper = {"document_id": doc["document"]["id"], "version_id": version["id"],
                 "sha256": version["sha256"]}  # fmt: skip
        attached = [paper["document_id"]]
        created = [
            clerk.create_ballot(meeting["id"], f"Câu hỏi {n + 1}?", document_ids=attached)
            for n in range(ballots)
        ]
        ids = [b["id"] for b in created]
        # What each envelope binds: the hash of the ballot's signed definition.
        definitions = {b["id"]: digest(b["definition"]["text"].encode()) for b in created}
        api = ApiClient(server.url)
        key = SigningKey.generate()
        api.login(
            common.MEMBER, PASSWORD, device=device_offer(key, username=common.MEMBER, label="bench")
        )
        user_id = str(api.get_json("/api/v1/auth/me")["id"])
    finally:
        server.stop()
    return {"ballots": ids, "definitions": definitions, "paper": paper, "key": key,
            "user_id": user_id}  # fmt: skip


def envelopes(world: dict[str, Any], answers: int) -> list[tuple[int, str, str]]:
    """(mutation id, canonical text, signature), signed the way the laptop signs."""
    from ecabinet.crypto.envelopes import opinion_envelope, sign

    key, last = world["key"], dict.fromkeys(world["ballots"])
    out: list[tuple[int, str, str]] = []
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for n in range(answers):
        for ballot_id in world["ballots"]:
            mutation = len(out) + 1
            choice = ("agree", "disagree", "other")[n % 3]
            signed = sign(
                opinion_envelope(
                    ballot_id=ballot_id, definition_hash=world["definitions"][ballot_id],
                    choice=choice,
                    comment="Đề nghị làm rõ tác động." if choice == "other" else "",
                    documents=[world["paper"]], user_id=world["user_id"],
                    device_key_id=key.key_id, client_id=CLIENT, mutation_id=mutation,
                    signed_at=now, supersedes=last[ballot_id],
                ),
                key,
            )  # fmt: skip
            last[ballot_id] = signed.id
            out.append((mutation, signed.text, signed.signature))
    return out


def time_crypto(items: list[tuple[int, str, str]], public_b64: str) -> float:
    from ecabinet.crypto.envelopes import Signed, parse_opinion
    from ecabinet.crypto.keys import VerifyingKey

    started = time.perf_counter()
    for _, text, signature in items:
        parse_opinion(text)
        if not Signed(text, signature).verify(VerifyingKey.from_b64(public_b64)):
            raise RuntimeError("a signature did not verify")
    return time.perf_counter() - started


def time_bare(items: list[tuple[int, str, str]], public: bytes) -> float:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from ecabinet.crypto.keys import unb64

    key = Ed25519PublicKey.from_public_bytes(public)
    pairs = [(unb64(sig), text.encode("utf-8")) for _, text, sig in items]
    started = time.perf_counter()
    for signature, data in pairs:
        key.verify(signature, data)
    return time.perf_counter() - started


def time_service(
    data_dir: Path, items: list[tuple[int, str, str]], how: str, profile: Path | None
) -> dict[str, float]:
    """submit() or push() for every item in one transaction on this copy of the database."""
    from sqlalchemy import select

    from ecabinet.server.app import build_context
    from ecabinet.server.models import User
    from ecabinet.server.services import opinions, push
    from ecabinet.server.services.locking import lock_ordered_logs
    from ecabinet.server.settings import ServerSettings

    ctx = build_context(ServerSettings(data_dir=data_dir))
    mutations = [
        push.Mutation(m, "submit_opinion", {"envelope": text, "signature": sig})
        for m, text, sig in items
    ]
    profiler = cProfile.Profile() if profile else None
    try:
        with ctx.writer() as session:
            user = session.scalars(select(User).where(User.username == common.MEMBER)).one()
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            if how == "submit":
                lock_ordered_logs(session)  # as push() and submit_direct() do
                verifier = opinions.Verifier(session, user, ctx.signing_key)
                answers = [
                    opinions.submit(verifier, client_id=CLIENT, mutation_id=m, envelope=text,
                                    signature=sig)["status"]
                    for m, text, sig in items
                ]  # fmt: skip
            else:
                answers = [
                    r.status
                    for r in push.push(session, user=user, client_id=CLIENT, mutations=mutations,
                                       signing_key=ctx.signing_key)
                ]  # fmt: skip
            decided = time.perf_counter()
            session.commit()
            ended = time.perf_counter()
            if profiler:
                profiler.disable()
    finally:
        ctx.engine.dispose()
    if set(answers) != {"accepted" if how == "submit" else "applied"}:
        raise RuntimeError(f"not all accepted: {sorted(set(answers))}")
    if profiler and profile:
        with profile.open("w") as out:
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
    return {"seconds": ended - started, "commit": ended - decided}


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--ballots", type=int, default=50)
    parser.add_argument("--answers", type=int, default=20, help="answers per ballot")
    parser.add_argument(
        "--profile", action="store_true",
        help="cProfile the last submit and push runs -> bench/results/verify_rate.<how>.prof.txt",
    )  # fmt: skip
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    root = args.work_dir / "verify"
    world = setup(root, args.ballots)
    items = envelopes(world, args.answers)
    os.sched_setaffinity(0, {0})
    from ecabinet.crypto.keys import b64

    public = world["key"].public_bytes
    times: dict[str, list[float]] = {k: [] for k in ("bare", "crypto+shape", "submit", "push")}
    commits: dict[str, list[float]] = {"submit": [], "push": []}
    for rep in range(-1, args.runs):  # -1: warm-up (imports, caches), not recorded
        run: dict[str, float] = {
            "bare": time_bare(items, public),
            "crypto+shape": time_crypto(items, b64(public)),
        }
        for how in ("submit", "push"):
            copy = root / f"{how}-{rep}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(root / "server", copy)
            last = args.profile and rep == args.runs - 1
            prof = common.RESULTS / f"verify_rate.{how}.prof.txt" if last else None
            one = time_service(copy, items, how, prof)
            run[how] = one["seconds"]
            if rep >= 0:
                commits[how].append(one["commit"])
            shutil.rmtree(copy)
        if rep >= 0:
            for name, seconds in run.items():
                times[name].append(seconds)
        print("  " + ("warm-up" if rep < 0 else f"run {rep + 1}") + ": " + ", ".join(
            f"{name} {len(items) / s:,.0f}/s" for name, s in run.items()), flush=True)  # fmt: skip
    n = len(items)
    rate = {name: n / common.median(values) for name, values in times.items()}
    result: dict[str, Any] = {
        "opinions": n,
        "ballots": args.ballots,
        "runs": args.runs,
        "cpu_affinity": sorted(os.sched_getaffinity(0)),
        "seconds": times,
        "commit_seconds": commits,
        "per_second": rate,
        "us_per_opinion": {name: 1e6 / r for name, r in rate.items()},
        "ratio_bare_to_submit": rate["bare"] / rate["submit"],
        "ratio_bare_to_crypto_shape": rate["bare"] / rate["crypto+shape"],
        "target": f"submit() >= {TARGET_PER_S:.0f} opinions/s on one core",
        "target_met": rate["submit"] >= TARGET_PER_S,
    }
    path = common.write_result("verify_rate", result)
    print(
        f"verify_rate: {n} opinions, one core, median of {args.runs}: "
        + ", ".join(f"{k} {v:,.0f}/s ({1e6 / v:.0f} µs)" for k, v in rate.items())
        + f"\n  bare/submit {result['ratio_bare_to_submit']:.1f}x, bare/crypto+shape "
        f"{result['ratio_bare_to_crypto_shape']:.1f}x; target (submit >= {TARGET_PER_S:.0f}/s): "
        f"{'met' if result['target_met'] else 'MISSED'}\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
