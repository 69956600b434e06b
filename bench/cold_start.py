"""Cold start of the app to the first paint of a catalogue of 1,000 cached documents.

Uses the profile built by noop_sync.py (same --work-dir; built here if missing): an
encrypted store (SQLCipher) and 1,000 sealed papers, the profile key in the (file-backed)
keyring. Each run starts `python -m ui --profile-dir P --no-sync --exit-after-first-paint`
with a fresh ECABINET_HOME and times subprocess.Popen -> the app's `first-paint` line; the
app reports its own peak RSS. Baseline, interleaved in the same run: bench/qt_floor.py
(PySide6, a QMainWindow with a QTreeView, first paint; `--floor-widget pdf` for the
QPdfView floor of the earlier reports). One untimed run of each first, so both start with
the Python, Qt and profile files in the page cache ("cold" means a new process). The
server is not running: the app starts offline from what the profile holds.

Targets: issue 7, median at most 2.5 x the Qt floor of the same run; the earlier absolute
ones (< 1.5 s, < 400 MB) are still reported. The code is compiled to bytecode first.
"""

from __future__ import annotations

import compileall
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
TARGET_RATIO = 2.5
LINE = re.compile(
    r"first-paint seconds_since_start=([\d.]+) documents=(\d+) peak_rss_mib=([\d.]+)"
    r"(?: cpu_s=([\d.]+))?"
)


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


def compile_checkout(checkout: Path) -> None:
    """Bytecode for the app's code, as an installed app has: with PYTHONDONTWRITEBYTECODE
    set (as on the machines these ran on) every run would compile the project again."""
    for folder in ("ecabinet", "ui", "tests/support"):
        compileall.compile_dir(checkout / folder, quiet=1)


def run_once(
    cmd: list[str], env: dict[str, str], home: Path, log: Path, checkout: Path = common.REPO
) -> dict[str, float]:
    home.mkdir(parents=True, exist_ok=True)
    env = {**env, "ECABINET_HOME": str(home)}
    if checkout != common.REPO:  # that checkout's code, not this one's
        paths = [str(checkout / "tests" / "support"), str(checkout), env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    with log.open("ab") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=checkout)
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
        # The process's CPU (user + system) until its first paint: on a machine others
        # load, the ratio of CPU says more than the ratio of wall time.
        "cpu_s": float(match.group(4) or "nan"),
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
    parser.add_argument("--floor-widget", choices=("tree", "pdf"), default="tree")
    parser.add_argument(
        "--before", type=Path, metavar="CHECKOUT",
        help="also time the app of another checkout (e.g. a `git archive` of an earlier "
        "commit), interleaved in the same run, as `app_before`",
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
        "qt_floor": [
            sys.executable,
            str(Path(__file__).with_name("qt_floor.py")),
            *("--widget", args.floor_widget),
        ],
    }
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in cmds}
    checkouts = dict.fromkeys(cmds, common.REPO)
    if args.before is not None:
        cmds["app_before"], checkouts["app_before"] = app_cmd, args.before.resolve()
        runs["app_before"] = []
    first: dict[str, dict[str, float]] = {}
    for checkout in set(checkouts.values()):
        compile_checkout(checkout)
    homes = args.work_dir / "cold-homes"
    log = args.work_dir / "cold_start.log"
    log.unlink(missing_ok=True)
    try:
        for rep in range(-1, args.runs):  # -1: the untimed first run of each
            order = list(cmds) if rep % 2 == 0 else list(cmds)[::-1]
            for name in order:
                one = run_once(cmds[name], env, homes / f"{name}-{rep}", log, checkouts[name])
                if rep < 0:
                    first[name] = one
                    continue
                runs[name].append(one)
                print(f"  run {rep + 1} {name:10s} {one['seconds']:.3f} s "
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
        "floor_widget": args.floor_widget,
        "runs": args.runs,
        "documents_painted": sorted(documents),
        "app": app,
        "qt_floor": floor,
        "first_untimed_run": first,
        "all_runs": runs,
        "ratio": med_s / floor_s,
        "cpu_ratio": app["cpu_s"]["median"] / floor["cpu_s"]["median"],
        "app_minus_floor_s": med_s - floor_s,
        "peak_rss_mb_max": rss_mb,
        "launcher_peak_rss_mib": launcher_mib,  # a child never reports less than this
        "target": f"median first paint < {TARGET_S} s, peak RSS < {TARGET_RSS_MB:.0f} MB",
        "target_met": med_s < TARGET_S and rss_mb < TARGET_RSS_MB and documents == {args.documents},
        "target_issue7": f"median <= {TARGET_RATIO} x the Qt floor ({args.floor_widget})",
        "target_issue7_met": med_s / floor_s <= TARGET_RATIO and documents == {args.documents},
    }
    before = ""
    if args.before is not None:
        result["before"] = {"checkout": str(args.before), **summary(runs["app_before"])}
        before_s = result["before"]["seconds"]["median"]
        result["before_ratio"] = before_s / floor_s
        before = f"\n  before ({args.before}): {before_s:.3f} s, ratio {before_s / floor_s:.2f}"
    path = common.write_result("cold_start_xvfb" if args.xvfb else "cold_start", result)
    verdict = "met" if result["target_met"] else "MISSED"
    verdict7 = "met" if result["target_issue7_met"] else "MISSED"
    print(
        f"cold_start ({env['QT_QPA_PLATFORM']}): {sorted(documents)} documents painted, median of "
        f"{args.runs}: app {med_s:.3f} s, peak RSS {app['peak_rss_mib']['median']:.0f} MiB "
        f"(max {rss_mb:.0f} MB); Qt floor {floor_s:.3f} s, "
        f"{floor['peak_rss_mib']['median']:.0f} MiB; ratio {med_s / floor_s:.2f}, "
        f"+{med_s - floor_s:.3f} s; CPU to first paint {app['cpu_s']['median']:.3f} s against "
        f"{floor['cpu_s']['median']:.3f} s (ratio {result['cpu_ratio']:.2f})\n"
        f"  target (< {TARGET_S} s, < {TARGET_RSS_MB:.0f} MB): "
        f"{verdict}; issue 7 (<= {TARGET_RATIO} x the {args.floor_widget} floor): {verdict7}"
        f"{before}\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
