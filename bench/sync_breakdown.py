"""Where the initial sync's time goes: the same 100 downloads, adding one cost at a time.

Uses the pack built by sync_initial.py (same --work-dir) and its server. Stages, each
timed --runs times, interleaved, every output deleted and os.sync()ed between runs, with
the CPU seconds of the client side, the server and everything else (bench/measure.py):

  curl        one curl process, all files, one connection (the sync_initial baseline)
  curl x4     4 curl processes at once, 25 files each (does concurrency pay on 2 vCPUs?)
  get x4      4 threads, the client's HTTP path (requests + urllib3 readinto, 1 MiB
              buffer), body written to a file: no hashing, no rename
  fetch x4    FileCache.fetch on 4 threads: + SHA-256 and AES-256-GCM sealing while
              receiving, rename into place
  files       SyncEngine.fetch_files after an untimed pull (= the file phase of a sync:
              + the store's missing-files query, one batch commit, garbage collection);
              also recorded: its tail, from the end of the last download to the end
  sync        Workspace.sync() on a fresh profile (+ login is untimed; + the pull)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from measure import Meter
from sync_initial import clean, file_list, run_curl, run_sync

STAGES = ("curl", "curl x4", "get x4", "fetch x4", "files", "sync")
THREADS = 4


def curl_x4(url: str, out: Path, blobs: list[tuple[str, int]], meter: Meter) -> float:
    token = common.access_token(url)
    out.mkdir(parents=True)
    cmds = []
    for n in range(THREADS):
        cmd = ["curl", "--no-progress-meter", "--fail", "-H", f"Authorization: Bearer {token}"]
        for sha, _ in blobs[n::THREADS]:
            cmd += ["-o", str(out / sha), f"{url}/api/v1/files/{sha}"]
        cmds.append(cmd)
    meter.start()
    started = time.perf_counter()
    procs = [subprocess.Popen(cmd) for cmd in cmds]
    if any(p.wait() for p in procs):
        raise RuntimeError("curl failed")
    seconds = time.perf_counter() - started
    meter.stop()
    return seconds


def threaded(
    url: str, out: Path, blobs: list[tuple[str, int]], meter: Meter, hashed: bool
) -> float:
    """One ApiClient shared by the threads (its connection pool), as the engine's is."""
    from support.actors import PASSWORD

    from ecabinet.client.api import ApiClient
    from ecabinet.client.files import FileCache

    api = ApiClient(url)
    api.login(common.MEMBER, PASSWORD)
    files = FileCache(out, os.urandom(32))  # sealed at rest, as a profile's are
    out.mkdir(parents=True)

    def one(item: tuple[str, int]) -> None:
        sha, size = item
        if hashed:
            files.fetch(api, sha, size)
            return
        buffer = memoryview(bytearray(1 << 20))
        with (
            api.request("GET", f"/api/v1/files/{sha}", stream=True) as answer,
            (out / sha).open("wb", buffering=0) as handle,
        ):
            answer.raise_for_status()
            while n := answer.raw.readinto(buffer):
                handle.write(buffer[:n])

    with ThreadPoolExecutor(THREADS) as pool:
        meter.start()
        started = time.perf_counter()
        list(pool.map(one, blobs))
        seconds = time.perf_counter() - started
        meter.stop()
    return seconds


TAILS: list[float] = []


def file_phase(url: str, profile: Path, files: int, meter: Meter) -> float:
    from support.actors import PASSWORD

    from ecabinet.client.sync import SyncReport
    from ecabinet.client.workspace import Workspace

    ws = Workspace(profile, server_url=url)
    try:
        ws.login(common.MEMBER, PASSWORD)
        report = SyncReport()
        ws.engine.pull(report, lambda _p: None)
        fetch, last = ws.engine.files.fetch, [0.0]

        def timed_fetch(*args: Any) -> Any:
            result = fetch(*args)
            last[0] = max(last[0], time.perf_counter())
            return result

        ws.engine.files.fetch = timed_fetch  # type: ignore[method-assign]
        meter.start()
        started = time.perf_counter()
        ws.engine.fetch_files(report, lambda _p: None, lambda: False)
        seconds = time.perf_counter() - started
        meter.stop()
        TAILS.append(started + seconds - last[0])
    finally:
        ws.close()
    if report.files_downloaded != files or report.errors:
        raise RuntimeError(f"file phase incomplete: {report}")
    return seconds


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each stage")
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    common.build_pack(args.work_dir, 100, 300 * common.MB, args.rebuild)
    blobs = file_list(args.work_dir)
    total = sum(size for _, size in blobs)
    runs_dir = args.work_dir / "runs"
    clean(runs_dir)
    server = common.start_server(args.work_dir / "pack" / "server")
    url = server.url
    stage: dict[str, Callable[[Path, Meter], float]] = {
        "curl": lambda out, m: run_curl(url, out, blobs, common.access_token(url), meter=m),
        "curl x4": lambda out, m: curl_x4(url, out, blobs, m),
        "get x4": lambda out, m: threaded(url, out, blobs, m, hashed=False),
        "fetch x4": lambda out, m: threaded(url, out, blobs, m, hashed=True),
        "files": lambda out, m: file_phase(url, out, len(blobs), m),
        "sync": lambda out, m: run_sync(url, out, len(blobs), total, None, m),
    }
    times: dict[str, list[float]] = {name: [] for name in STAGES}
    cpu: dict[str, list[dict[str, float]]] = {name: [] for name in STAGES}
    try:
        for rep in range(-1, args.runs):  # rep -1: warm-up, not recorded
            for name in STAGES if rep % 2 else STAGES[::-1]:
                meter = Meter(server.proc.pid)
                seconds = stage[name](runs_dir / f"{name.replace(' ', '')}-{rep}", meter)
                clean(runs_dir / f"{name.replace(' ', '')}-{rep}")
                if rep >= 0:
                    times[name].append(seconds)
                    cpu[name].append(meter.as_dict())
    finally:
        server.stop()
        clean(runs_dir)
    rows: list[dict[str, Any]] = []
    for name in STAGES:
        med = common.median(times[name])
        cpus = {who: common.median([c[who] for c in cpu[name]]) for who in cpu[name][0]}
        rows.append({"stage": name, "median_s": med, "min_s": min(times[name]),
                     "mb_per_s": total / med / common.MB, "cpu_median_s": cpus,
                     "runs": times[name], "cpu": cpu[name]})  # fmt: skip
    tail = common.median(TAILS[-args.runs :])
    path = common.write_result("sync_breakdown", {"bytes": total, "stages": rows,
                                                  "files_tail_s": TAILS[-args.runs :]})  # fmt: skip
    print(f"sync_breakdown: {len(blobs)} files, {total / common.MB:.0f} MB, median of {args.runs}")
    print("| stage | median s | min s | MB/s | CPU s client | server | other |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        c = r["cpu_median_s"]
        print(f"| {r['stage']} | {r['median_s']:.2f} | {r['min_s']:.2f} | {r['mb_per_s']:.0f} | "
              f"{c['client']:.2f} | {c['server']:.2f} | {c['other']:.2f} |")  # fmt: skip
    print(f"files stage: {tail:.3f} s (median) from the last download's end to its own end")
    print(f"-> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
