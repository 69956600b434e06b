"""A member's push of one signed opinion while 8 clients guess passwords, vs no guessing.

Setup (a fresh SQLite server under --work-dir/login_flood, a real subprocess): one meeting,
one open ballot on one paper, the member logged in (device key registered by the login)
and fully synced. Then, in the same run:

  quiet      the member signs an answer and pushes it (SyncEngine.push: one POST
             /sync/push, the receipt checked and recorded);
  flood      the same while 8 guessing clients (a separate process, 8 threads, each from
             its own loopback address) post wrong passwords as fast as answers come.

Quiet and flooded pushes alternate in blocks of --block (the guessing process is paused
with SIGSTOP and resumed with SIGCONT, after the server's queue of checks has drained), so
both see the same machine: other work on it moves both alike. Two servers: one with the
throttle relaxed so that EVERY guess costs a full argon2 check (the case the limit on
concurrent checks alone must absorb), one with the default throttle.

Reported: p50/p95/max of the push, quiet and flooded (target: p95 under 100 ms flooded),
and how the guesses were answered (401 / 429) while flooding.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_P95_MS = 100.0
GUESSERS = 8
DRAIN_SECONDS = 3.0
RELAXED = ("--login-free-attempts", "1000000", "--source-free-attempts", "1000000")


def flood_child(url: str, seconds: float) -> None:
    """Runs in its own process: 8 threads guessing, then prints their answers' statuses."""
    import requests

    sys.path.insert(0, str(common.SUPPORT))
    from support.auth import http_from  # type: ignore[import-not-found]

    stop = time.monotonic() + seconds
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def guess(n: int) -> None:
        http = http_from(f"127.0.2.{n + 1}")
        attempt = 0
        while time.monotonic() < stop:
            attempt += 1
            try:
                answer = http.post(
                    url + "/api/v1/auth/login",
                    json={"username": f"doan.{n}.{attempt % 7}", "password": f"sai-{attempt}"},
                    timeout=60,
                )
                status = str(answer.status_code)
            except requests.RequestException:
                status = "error"
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(GUESSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(counts), flush=True)


def prepare(work_dir: Path, name: str, extra: tuple[str, ...]) -> tuple[Any, str, str]:
    from support.actors import Secretariat, seed_people
    from support.pdfs import make_pdf
    from support.server import ServerProcess

    root = work_dir / "login_flood" / name
    common._reset(root)
    seed_people(root / "server", None)
    server = ServerProcess(root / "server", extra_args=list(extra)).start()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ (bench)", [common.MEMBER])
    doc = clerk.upload(meeting["id"], make_pdf(root / "duthao.pdf", 2), title="Dự thảo")
    ballot = clerk.create_ballot(meeting["id"], "Đồng ý?", document_ids=[doc["document"]["id"]])
    return server, str(ballot["id"]), str(root / "profile")


def time_pushes(workspace: Any, ballot_id: str, count: int) -> list[float]:
    from ecabinet.client.sync import SyncReport

    choices = ("agree", "disagree", "other")
    seconds = []
    for n in range(count):
        choice = choices[n % 3]
        workspace.sign_opinion(ballot_id, choice, "Ý kiến khác." if choice == "other" else "")
        report = SyncReport()
        started = time.perf_counter()
        workspace.engine.push(report, lambda _p: None)
        seconds.append(time.perf_counter() - started)
        assert report.applied == 1 and not report.errors, report
    return seconds


def summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(common.median(ms), 2),
        "p95_ms": round(common.percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2),
    }


def alternate(workspace: Any, ballot_id: str, url: str, pushes: int, block: int) -> dict[str, Any]:
    child = subprocess.Popen(
        [sys.executable, __file__, "--flood-child", url, "3600"],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    quiet: list[float] = []
    flood: list[float] = []
    try:
        time.sleep(3.0)  # the guessers are at full speed before the first timed push
        while len(flood) < pushes:
            flood += time_pushes(workspace, ballot_id, block)
            child.send_signal(signal.SIGSTOP)
            time.sleep(DRAIN_SECONDS)  # checks already queued at the server finish first
            quiet += time_pushes(workspace, ballot_id, block)
            child.send_signal(signal.SIGCONT)
            time.sleep(1.0)
    finally:
        child.send_signal(signal.SIGCONT)
        child.terminate()
        child.wait()
    return {"quiet": summary(quiet), "flood": summary(flood)}


def run_phase(
    work_dir: Path, name: str, extra: tuple[str, ...], pushes: int, block: int
) -> dict[str, Any]:
    from support.actors import PASSWORD

    from ecabinet.client.workspace import Workspace

    server, ballot_id, profile = prepare(work_dir, name, extra)
    workspace = Workspace(Path(profile), server_url=server.url)
    try:
        workspace.login(common.MEMBER, PASSWORD)
        assert workspace.sync().ok
        time_pushes(workspace, ballot_id, 5)  # warm: connections, caches
        timed = alternate(workspace, ballot_id, server.url, pushes, block)
        return {**timed, "guesses_in_10s_alone": count_guesses(server.url, 10.0)}
    finally:
        workspace.close()
        server.stop()


def count_guesses(url: str, seconds: float) -> dict[str, int]:
    """How the server answers the flood when nothing else runs (guesses per status)."""
    out = subprocess.run(
        [sys.executable, __file__, "--flood-child", url, str(seconds)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    counts: dict[str, int] = json.loads(out.stdout.strip().splitlines()[-1])
    return counts


def main() -> int:
    parser = common.base_parser(__doc__ or "")
    parser.add_argument("--pushes", type=int, default=60, help="timed pushes, quiet and flooded")
    parser.add_argument("--block", type=int, default=10, help="pushes per quiet/flooded block")
    parser.add_argument("--flood-child", nargs=2, metavar=("URL", "SECONDS"), help=argparse_hide())
    args = parser.parse_args()
    if args.flood_child:
        flood_child(args.flood_child[0], float(args.flood_child[1]))
        return 0
    common.bench_env(args.work_dir)
    relaxed = run_phase(args.work_dir, "relaxed", RELAXED, args.pushes, args.block)
    throttled = run_phase(args.work_dir, "throttled", (), args.pushes, args.block)
    result = {
        "target_p95_ms": TARGET_P95_MS,
        "guessers": GUESSERS,
        "every_guess_checked": relaxed,
        "default_throttle": throttled,
        "pass": relaxed["flood"]["p95_ms"] < TARGET_P95_MS
        and throttled["flood"]["p95_ms"] < TARGET_P95_MS,
    }
    path = common.write_result("login_flood", result)
    print(json.dumps(result, indent=2))
    print(f"written to {path}")
    return 0


def argparse_hide() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
