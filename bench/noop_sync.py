"""No-op sync of a profile holding 1,000 documents: one round trip, under 100 ms?

Setup (cached under --work-dir, shared with cold_start.py): a SQLite server, 4 meetings
for the member with 5 agenda items each, 1,000 distinct 24-46 KB text PDFs, and the
member's profile synced once fully. Here: the server restarted on the same data; in a
child process that imports only the client (like the app; the server modules the setup
needs would double the heap the GC walks), one Workspace logged in (not timed), one
untimed warm-up sync, then --calls timed no-op Workspace.sync() calls (access token in
memory), each checked for round_trips == 1. Baseline, same child, same run: GET /healthz
over one kept-alive requests.Session (like the sync client's), and a new Session each time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_MS = 100.0


def healthz_ms(url: str, calls: int, fresh: bool) -> list[float]:
    import requests

    kept = requests.Session()
    kept.get(url + "/healthz", timeout=10).raise_for_status()  # warm-up, opens the connection
    times = []
    for _ in range(calls):
        session = requests.Session() if fresh else kept
        started = time.perf_counter()
        session.get(url + "/healthz", timeout=10).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
        if fresh:
            session.close()
    kept.close()
    return times


def measure(url: str, profile_dir: Path, calls: int, profile: bool) -> dict[str, Any]:
    """Runs in a child process that imports only the client (as the app does), because
    the cyclic GC's full collections, which make the tail, grow with the heap."""
    from ecabinet.client.workspace import Workspace

    sync_ms: list[float] = []
    trips: list[int] = []
    gen2_before = gc.get_stats()[2]["collections"]
    ws = Workspace(profile_dir, server_url=url)
    try:
        ws.login(common.MEMBER, sys.stdin.readline().strip())
        warm = ws.sync()
        held = len(ws.status()["documents"])
        profiler = cProfile.Profile() if profile else None
        gen2_before = gc.get_stats()[2]["collections"]
        for _ in range(calls):
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            report = ws.sync()
            sync_ms.append((time.perf_counter() - started) * 1000)
            if profiler:
                profiler.disable()
            trips.append(report.round_trips)
            if not report.ok or report.changes or report.files_downloaded:
                raise RuntimeError(f"not a no-op sync: {report}")
        gen2 = gc.get_stats()[2]["collections"] - gen2_before
    finally:
        ws.close()
    if profiler:
        common.RESULTS.mkdir(parents=True, exist_ok=True)
        with (common.RESULTS / "noop_sync.prof.txt").open("w") as out:
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
    return {
        "documents_in_profile": held,
        "warmup": {"round_trips": warm.round_trips, "seconds": warm.seconds},
        "sync_ms": sync_ms,
        "round_trips": trips,
        "gc_full_collections": gen2,
        "gc_tracked_objects": len(gc.get_objects()),
        "healthz_ms": healthz_ms(url, calls, fresh=False),
        "healthz_new_session_ms": healthz_ms(url, calls, fresh=True),
    }


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=50, help="timed no-op syncs (default 50)")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument(
        "--profile", action="store_true",
        help="cProfile the timed syncs into bench/results/noop_sync.prof.txt",
    )  # fmt: skip
    parser.add_argument("--child", nargs=2, metavar=("URL", "PROFILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    env = common.bench_env(args.work_dir)
    if args.child:
        data = measure(args.child[0], Path(args.child[1]), args.calls, args.profile)
        print(json.dumps(data))
        return 0
    info = common.build_catalogue(args.work_dir, args.documents, args.rebuild)
    server = common.serve_catalogue(args.work_dir, info)
    from support.actors import PASSWORD

    cmd = [sys.executable, __file__, "--work-dir", str(args.work_dir), "--calls", str(args.calls)]
    cmd += ["--child", server.url, info["profile"], *(["--profile"] if args.profile else [])]
    try:
        child = subprocess.run(
            cmd, input=PASSWORD + "\n", capture_output=True, text=True, env=env, check=False
        )
    finally:
        server.stop()
    if child.returncode:
        sys.stderr.write(child.stdout + child.stderr)
        return child.returncode
    data = json.loads(child.stdout.strip().splitlines()[-1])
    sync_ms, trips, kept_ms = data["sync_ms"], data["round_trips"], data["healthz_ms"]
    med, p95 = common.median(sync_ms), common.percentile(sync_ms, 95)
    base = common.median(kept_ms)
    one_trip = all(t == 1 for t in trips)
    result: dict[str, Any] = {
        **data,
        "calls": args.calls,
        "sync": {**common.spread(sync_ms), "p95": p95},
        "all_one_round_trip": one_trip,
        "healthz": {**common.spread(kept_ms), "p95": common.percentile(kept_ms, 95)},
        "healthz_new_session": common.spread(data["healthz_new_session_ms"]),
        "ratio": med / base,
        "target": f"round_trips == 1 and median < {TARGET_MS:.0f} ms",
        "target_met": one_trip and med < TARGET_MS,
    }
    path = common.write_result("noop_sync", result)
    verdict = "met" if result["target_met"] else "MISSED"
    fresh = common.median(data["healthz_new_session_ms"])
    print(
        f"noop_sync: {data['documents_in_profile']} documents, {args.calls} calls: "
        f"median {med:.1f} ms, p95 {p95:.1f} ms, max {max(sync_ms):.1f} ms, "
        f"round trips {sorted(set(trips))}, {data['gc_full_collections']} full GCs\n"
        f"  /healthz median {base:.2f} ms (new session {fresh:.2f} ms); ratio {med / base:.0f}x; "
        f"target (1 trip, median < {TARGET_MS:.0f} ms): {verdict}\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
