"""Initial sync of a large meeting pack vs curl fetching the same files from the same server.

Setup (cached under --work-dir): a SQLite server, one meeting for the member, 100 distinct
~3 MB PDFs. Then, interleaved and alternating which goes first, --runs times each:

  sync  a fresh profile, Workspace.login (not timed), then Workspace.sync() timed:
        pull + every file downloaded (4 at a time), hashed and renamed into place;
  curl  one curl process fetching all files over one connection into a fresh directory;
  curl+sha256sum  the same, then one `sha256sum` process over every file, checked:
        download and verify, which is what the sync client does;
  curl+openssl  the same with `openssl dgst -sha256`: the SHA-256 code Python's hashlib
        uses (coreutils 9.1's sha256sum does not use the CPU's SHA extensions);
  curl+fsync  curl, then every file and the directory fsynced: the old durable floor
        (the client no longer fsyncs: it hashes every file again before use).

For every run the CPU seconds of the client side (this process and its threads, or
curl and sha256sum), of the server process, and of everything else on the machine are
recorded too (bench/measure.py): on 2 shared vCPUs they bound how fast a run can be.

One untimed pass of each comes first, so both read the blobs from the server's warm page
cache. After every run its output is deleted and os.sync() called (not timed), so dirty
pages left by one run (curl does not fsync) are not written back during the next.
"""

from __future__ import annotations

import cProfile
import hashlib
import os
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from measure import Meter

TARGET_RATIO = 1.3
KINDS = ("sync", "curl", "curl+sha256sum", "curl+openssl", "curl+fsync")


def file_list(work_dir: Path) -> list[tuple[str, int]]:
    """(sha256, size) of every blob on the pack's server."""
    blobs = work_dir / "pack" / "server" / "blobs"
    return sorted((p.name, p.stat().st_size) for p in blobs.glob("??/*") if len(p.name) == 64)


def run_sync(
    url: str, profile: Path, files: int, total: int, profile_out: Path | None,
    meter: Meter | None = None,
) -> float:  # fmt: skip
    from support.actors import PASSWORD

    from ecabinet.client.workspace import Workspace

    ws = Workspace(profile, server_url=url)
    try:
        ws.login(common.MEMBER, PASSWORD)
        profiler = cProfile.Profile() if profile_out else None
        meter = meter or Meter()
        meter.start()
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = ws.sync()
        seconds = time.perf_counter() - started
        meter.stop()
        if profiler and profile_out:
            profiler.disable()
            with profile_out.open("w") as out:
                pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    finally:
        ws.close()
    if not report.ok or report.files_downloaded != files or report.bytes_downloaded != total:
        raise RuntimeError(f"sync incomplete: {report}")
    return seconds


def run_curl(
    url: str, out_dir: Path, blobs: list[tuple[str, int]], token: str, then: str = "",
    meter: Meter | None = None,
) -> float:  # fmt: skip
    out_dir.mkdir(parents=True)
    cmd = ["curl", "--no-progress-meter", "--fail", "-H", f"Authorization: Bearer {token}"]
    for sha, _size in blobs:
        cmd += ["-o", str(out_dir / sha), f"{url}/api/v1/files/{sha}"]
    meter = meter or Meter()
    meter.start()
    started = time.perf_counter()
    subprocess.run(cmd, check=True)
    if then in ("sha256sum", "openssl"):
        tool = ["sha256sum"] if then == "sha256sum" else ["openssl", "dgst", "-sha256", "-r"]
        sums = subprocess.run(
            [*tool, *(sha for sha, _ in blobs)], cwd=out_dir, check=True,
            capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        if sums[0::2] != [sha for sha, _ in blobs]:
            raise RuntimeError("curl fetched a file whose SHA-256 is wrong")
    if then == "fsync":
        for sha, _size in blobs:
            fd = os.open(out_dir / sha, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
        fd = os.open(out_dir, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    seconds = time.perf_counter() - started
    meter.stop()
    for sha, size in blobs:
        if (out_dir / sha).stat().st_size != size:
            raise RuntimeError(f"curl fetched a short {sha}")
    return seconds


def verify_one(out_dir: Path, sha: str) -> None:
    if hashlib.sha256((out_dir / sha).read_bytes()).hexdigest() != sha:
        raise RuntimeError(f"curl fetched a wrong {sha}")


def clean(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    os.sync()


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--total-mb", type=int, default=300, help="pack size in MB")
    parser.add_argument(
        "--profile", action="store_true",
        help="cProfile the last sync run into bench/results/sync_initial.prof.txt",
    )  # fmt: skip
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    pack = common.build_pack(args.work_dir, args.files, args.total_mb * common.MB, args.rebuild)
    blobs = file_list(args.work_dir)
    total = sum(size for _, size in blobs)
    assert len(blobs) == args.files, blobs
    runs_dir = args.work_dir / "runs"
    clean(runs_dir)
    server = common.start_server(args.work_dir / "pack" / "server")
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
    try:
        # Warm-up (not timed): server page cache, server code paths, client imports.
        run_curl(server.url, runs_dir / "warm-curl", blobs, common.access_token(server.url))
        verify_one(runs_dir / "warm-curl", blobs[0][0])
        clean(runs_dir / "warm-curl")
        run_sync(server.url, runs_dir / "warm-sync", len(blobs), total, None)
        clean(runs_dir / "warm-sync")
        common.RESULTS.mkdir(parents=True, exist_ok=True)
        for rep in range(args.runs):
            for kind in (
                KINDS[rep % len(KINDS) :] + KINDS[: rep % len(KINDS)]
            ):  # rotate who goes first
                target = runs_dir / f"{kind}-{rep}"
                meter = Meter(server.proc.pid)
                if kind == "sync":
                    prof = common.RESULTS / "sync_initial.prof.txt"
                    last = args.profile and rep == args.runs - 1
                    out = prof if last else None
                    t = run_sync(server.url, target, len(blobs), total, out, meter)
                else:
                    token = common.access_token(server.url)  # lives 10 minutes: one per run
                    t = run_curl(server.url, target, blobs, token, kind[5:], meter)
                times[kind].append(t)
                cpu[kind].append(meter.as_dict())
                mbs = total / t / common.MB
                print(f"  run {rep + 1} {kind:14s} {t:6.2f} s {mbs:6.1f} MB/s  CPU s client "
                      f"{meter.client:.2f} server {meter.server:.2f} other {meter.other:.2f}",
                      flush=True)  # fmt: skip
                clean(target)
    finally:
        server.stop()
        clean(runs_dir)
    med = {kind: common.median(values) for kind, values in times.items()}
    ratio = med["sync"] / med["curl"]
    result: dict[str, Any] = {
        "files": len(blobs),
        "bytes": total,
        "pack_build_seconds": pack.get("build_seconds"),
        "runs": args.runs,
        "seconds": times,
        "cpu_seconds": cpu,
        **{
            kind: {
                **common.spread(times[kind]),
                "mb_per_s": total / med[kind] / common.MB,
                **{
                    f"{who}_cpu_median": common.median([c[who] for c in cpu[kind]])
                    for who in ("client", "server", "other")
                },
            }
            for kind in KINDS
        },
        "ratio": ratio,
        "ratio_vs_verified_curl": med["sync"] / med["curl+sha256sum"],
        "ratio_vs_openssl_curl": med["sync"] / med["curl+openssl"],
        "ratio_vs_durable_curl": med["sync"] / med["curl+fsync"],
        "target": f"median(sync)/median(curl) <= {TARGET_RATIO}",
        "target_met": ratio <= TARGET_RATIO,
    }
    path = common.write_result("sync_initial", result)
    verdict = "met" if result["target_met"] else "MISSED"
    print(
        f"sync_initial: {len(blobs)} files, {total / common.MB:.0f} MB, median of {args.runs}: "
        + ", ".join(f"{k} {med[k]:.2f} s ({total / med[k] / common.MB:.0f} MB/s)" for k in KINDS)
        + f"\n  ratio sync/curl {ratio:.2f} (target <= {TARGET_RATIO}: {verdict}); "
        f"sync/(curl+sha256sum) {result['ratio_vs_verified_curl']:.2f}; "
        f"sync/(curl+openssl) {result['ratio_vs_openssl_curl']:.2f}; "
        f"sync/(curl+fsync) {result['ratio_vs_durable_curl']:.2f}\n  median CPU s client/server: "
        + ", ".join(
            f"{k} {result[k]['client_cpu_median']:.2f}/{result[k]['server_cpu_median']:.2f}"
            for k in KINDS
        )
        + f"\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
