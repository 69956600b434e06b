"""Cold start of the app to the first paint of a catalogue of 1,000 cached documents.

Uses the profile built by noop_sync.py (same --work-dir; built here if missing). Each run
starts `python -m ui --profile-dir P --no-sync --exit-after-first-paint` with a fresh
ECABINET_HOME and times subprocess.Popen -> the app's `first-paint` line; the app reports
its own peak RSS. Baseline, interleaved in the same run: bench/qt_floor.py (PySide6, a
QMainWindow with a QPdfView, first paint). One untimed run of each first, so both start
with the Python, Qt and profile files in the page cache ("cold" means a new process).
The server is not running: the app shows what the local store holds.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_S = 1.5
TARGET_RSS_MB = 400.0
LINE = re.compile(r"first-paint seconds_since_start=([\d.]+) documents=(\d+) peak_rss_mib=([\d.]+)")


def start_xvfb(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A real X server for the whole benchmark (QT_QPA_PLATFORM=xcb), not one per run."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        pass_fds=[write_fd], stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    env.update(DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
    return xvfb


def build_catalogue(work_dir: Path, documents: int, rebuild: bool) -> dict[str, Any]:
    """Build the catalogue (if needed) in a forked child, so this process stays small.

    Linux carries a process's peak RSS across exec, and Popen's children start from this
    process's memory: had this process built the catalogue (about 170 MiB), every app and
    Qt floor run would report that peak instead of its own.
    """
    child = multiprocessing.get_context("fork").Process(
        target=common.build_catalogue, args=(work_dir, documents, rebuild)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"building the catalogue failed (exit {child.exitcode})")
    return common.build_catalogue(work_dir, documents, False)


def run_once(cmd: list[str], env: dict[str, str], home: Path, log: Path) -> dict[str, float]:
    home.mkdir(parents=True, exist_ok=True)
    env = {**env, "ECABINET_HOME": str(home)}
    with log.open("ab") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=common.REPO)
        assert proc.stdout is not None
        for raw in proc.stdout:
            match = LINE.search(raw.decode(errors="replace"))
            if match:
                seconds = time.perf_counter() - started
                break
        else:
            proc.wait()
            raise RuntimeError(
                f"no first-paint line from {cmd} (exit {proc.returncode}); see {log}"
            )
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        exited = time.perf_counter() - started
    return {
        "seconds": seconds,
        "seconds_since_start": float(match.group(1)),
        "documents": int(match.group(2)),
        "peak_rss_mib": float(match.group(3)),
        "seconds_to_exit": exited,
    }


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    return {key: common.spread([r[key] for r in runs]) for key in runs[0] if key != "documents"}


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default 9)")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument(
        "--xvfb", action="store_true",
        help="run under one Xvfb server (QT_QPA_PLATFORM=xcb) instead of offscreen",
    )  # fmt: skip
    args = parser.parse_args()
    env = common.bench_env(args.work_dir)
    info = build_catalogue(args.work_dir, args.documents, args.rebuild)
    launcher_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    xvfb = start_xvfb(env) if args.xvfb else None
    app_cmd = [sys.executable, "-m", "ui", "--profile-dir", info["profile"], "--no-sync"]
    app_cmd.append("--exit-after-first-paint")
    cmds = {
        "app": app_cmd,
        "qt_floor": [sys.executable, str(Path(__file__).with_name("qt_floor.py"))],
    }
    runs: dict[str, list[dict[str, float]]] = {"app": [], "qt_floor": []}
    first: dict[str, dict[str, float]] = {}
    homes = args.work_dir / "cold-homes"
    log = args.work_dir / "cold_start.log"
    log.unlink(missing_ok=True)
    try:
        for rep in range(-1, args.runs):  # -1: the untimed first run of each
            order = ("app", "qt_floor") if rep % 2 == 0 else ("qt_floor", "app")
            for name in order:
                one = run_once(cmds[name], env, homes / f"{name}-{rep}", log)
                if rep < 0:
                    first[name] = one
                    continue
                runs[name].append(one)
                print(f"  run {rep + 1} {name:8s} {one['seconds']:.3f} s "
                      f"{one['peak_rss_mib']:6.1f} MiB", flush=True)  # fmt: skip
    finally:
        if xvfb is not None:
            xvfb.terminate()
            with suppress(subprocess.TimeoutExpired):
                xvfb.wait(timeout=10)
    app, floor = summary(runs["app"]), summary(runs["qt_floor"])
    med_s, floor_s = app["seconds"]["median"], floor["seconds"]["median"]
    rss_mb = app["peak_rss_mib"]["max"] * (1 << 20) / common.MB
    documents = {r["documents"] for r in runs["app"]}
    result: dict[str, Any] = {
        "platform": env["QT_QPA_PLATFORM"],
        "runs": args.runs,
        "documents_painted": sorted(documents),
        "app": app,
        "qt_floor": floor,
        "first_untimed_run": first,
        "all_runs": runs,
        "ratio": med_s / floor_s,
        "app_minus_floor_s": med_s - floor_s,
        "peak_rss_mb_max": rss_mb,
        "launcher_peak_rss_mib": launcher_mib,  # a child never reports less than this
        "target": f"median first paint < {TARGET_S} s, peak RSS < {TARGET_RSS_MB:.0f} MB",
        "target_met": med_s < TARGET_S and rss_mb < TARGET_RSS_MB and documents == {args.documents},
    }
    path = common.write_result("cold_start_xvfb" if args.xvfb else "cold_start", result)
    verdict = "met" if result["target_met"] else "MISSED"
    print(
        f"cold_start ({env['QT_QPA_PLATFORM']}): {sorted(documents)} documents painted, median of "
        f"{args.runs}: app {med_s:.3f} s, peak RSS {app['peak_rss_mib']['median']:.0f} MiB "
        f"(max {rss_mb:.0f} MB); Qt floor {floor_s:.3f} s, "
        f"{floor['peak_rss_mib']['median']:.0f} MiB; ratio {med_s / floor_s:.2f}, "
        f"+{med_s - floor_s:.3f} s\n  target (< {TARGET_S} s, < {TARGET_RSS_MB:.0f} MB): "
        f"{verdict}\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
