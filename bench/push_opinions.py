"""Push 1,000 opinions signed offline: from Workspace.sync()'s start until all are receipted.

Setup (a fresh SQLite server under --work-dir/push, a real subprocess): one meeting with
50 papers, each with 20 versions (1,000 distinct versions), and --runs + 1 bench members.
Each round uses a member who has never answered nor read anything, and 50 new open
ballots (one paper each). In a child process that imports only the client (as the app
does; the parent holds the server modules, which would double the heap the GC walks):

  opinions  fresh profile, login, one full sync (not timed), then offline 20 answers per
            ballot (Workspace.sign_opinion, round robin: each later answer supersedes the
            earlier one, "other" answers carry a comment), then ONE Workspace.sync() timed;
  reads     baseline: another fresh profile of the same member, 1,000 Workspace.mark_read
            (one per version: the same push, store and receipt-less record path, no
            signatures, no crypto on either side), then ONE Workspace.sync() timed.

Timed: the whole sync, and "acknowledged" = from its start until the push phase returned
(every answer recorded in the local store). Checked: report.pushed == applied == 1000,
every opinion 'accepted' with receipt_verified (reads: every read mark confirmed). Also
recorded: client CPU (the child, all threads) and server CPU (/proc/<pid>/stat).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_S = 3.0
KINDS = ("opinions", "reads")
COMMENT = "Đề nghị bổ sung đánh giá tác động đối với ngân sách địa phương."


def child(spec: dict[str, Any]) -> dict[str, Any]:
    """Runs in the child: prepare one profile, then time one sync."""
    from measure import Meter, py_spy, stop_py_spy

    from ecabinet.client.workspace import Workspace
    from ecabinet.store.models import LocalOpinion, LocalReadMark, OutboxEntry

    ws = Workspace(Path(spec["profile"]), server_url=spec["url"])
    try:
        ws.login(spec["member"], spec["password"])
        first = ws.sync()
        assert first.ok, first.errors
        started = time.perf_counter()
        if spec["kind"] == "opinions":
            choices = ("agree", "disagree", "other")
            for n in range(spec["answers"]):
                for ballot_id in spec["ballots"]:
                    choice = choices[n % 3]
                    ws.sign_opinion(ballot_id, choice, COMMENT if choice == "other" else "")
        else:
            for version_id in spec["versions"]:
                assert ws.mark_read(version_id)
        queue_s = time.perf_counter() - started
        marks: dict[str, float] = {}
        engine, api = ws.engine, ws.api
        push, http_push = engine.push, api.push

        def timed_push(*args: Any) -> None:
            push(*args)
            marks["acknowledged"] = time.perf_counter()

        def timed_http(*args: Any) -> Any:
            at = time.perf_counter()
            answer = http_push(*args)
            marks["http"] = marks.get("http", 0.0) + time.perf_counter() - at
            return answer

        engine.push, api.push = timed_push, timed_http  # type: ignore[method-assign]
        gc.collect()
        spies = py_spy(
            {f"push_opinions.{side}.{spec['kind']}": pid
             for side, pid in (("server", spec["server_pid"]), ("client", os.getpid()))}
        ) if spec["py_spy"] else []  # fmt: skip
        meter = Meter(spec["server_pid"])
        meter.start()
        started = time.perf_counter()
        report = ws.sync()
        seconds = time.perf_counter() - started
        meter.stop()
        stop_py_spy(spies)
        with ws.store.read() as session:
            if spec["kind"] == "opinions":
                rows = session.query(LocalOpinion).all()
                done = [o for o in rows if o.state == "accepted" and o.receipt_verified]
            else:
                rows = session.query(LocalReadMark).all()
                done = [m for m in rows if m.confirmed]
            pending = session.query(OutboxEntry).filter(OutboxEntry.state == "pending").count()
    finally:
        ws.close()
    expected = spec["expected"]
    ok = report.ok and report.pushed == report.applied == len(rows) == len(done) == expected
    if not ok or pending:
        raise RuntimeError(f"not all acknowledged: {report}, {len(done)}/{len(rows)} done")
    return {
        "seconds": seconds,
        "acknowledged_s": marks["acknowledged"] - started,
        "push_http_s": marks["http"],
        "queue_s": queue_s,
        "pulled_changes": report.changes,
        "round_trips": report.round_trips,
        "client_cpu_s": meter.client,
        "server_cpu_s": meter.server,
        "other_cpu_s": meter.other,
    }


def setup(root: Path, members: int) -> tuple[Any, Any, dict[str, Any]]:
    """A fresh server: a meeting with 50 papers x 20 versions, bench members as participants."""
    from support.actors import STAFF, Person, Secretariat, seed_people
    from support.pdfs import make_pdf

    from ecabinet.domain import Role

    shutil.rmtree(root, ignore_errors=True)
    people = [Person(f"bench.m{n:02d}", f"Thành viên {n:02d}", Role.MEMBER) for n in range(members)]
    seed_people(root / "server", None, (*STAFF, *people))
    server = common.start_server(root / "server")
    clerk = Secretariat(server.url)
    usernames = [p.username for p in people]
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ (bench)", usernames)
    pdf = root / "paper.pdf"
    documents, versions = [], []
    for d in range(50):
        make_pdf(pdf, 1, f"Dự thảo số {d + 1:02d}/2026, bản 1")
        up = clerk.upload(meeting["id"], pdf, title=f"Dự thảo số {d + 1:02d}/2026")
        documents.append(up["document"]["id"])
        versions.append(up["version"]["id"])
        for v in range(2, 21):
            make_pdf(pdf, 1, f"Dự thảo số {d + 1:02d}/2026, bản {v}")
            versions.append(clerk.upload_version(up["document"]["id"], pdf)["version"]["id"])
    return server, clerk, {"meeting": meeting["id"], "documents": documents,
                           "versions": versions, "members": usernames}  # fmt: skip


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds (default 7)")
    parser.add_argument("--ballots", type=int, default=50)
    parser.add_argument("--answers", type=int, default=20, help="answers per ballot")
    parser.add_argument(
        "--py-spy", action="store_true",
        help="py-spy the server and the client during the last round's timed syncs "
        "-> bench/results/push_opinions.<side>.<kind>.txt (that round's times are skewed)",
    )  # fmt: skip
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    env = common.bench_env(args.work_dir)
    if args.child:
        print(json.dumps(child(json.loads(sys.stdin.read()))))
        return 0
    from support.actors import PASSWORD

    root = args.work_dir / "push"
    started = time.perf_counter()
    server, clerk, world = setup(root, args.runs + 1)
    build_s = time.perf_counter() - started
    samples: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    expected = args.ballots * args.answers
    try:
        for rep in range(-1, args.runs):  # -1: a warm-up round, not recorded
            member = world["members"][rep + 1]
            ballots = [
                clerk.create_ballot(world["meeting"], f"Câu hỏi {n + 1} (vòng {rep + 2})",
                                    document_ids=[world["documents"][n % 50]])["id"]
                for n in range(args.ballots)
            ]  # fmt: skip
            for kind in KINDS if rep % 2 else KINDS[::-1]:
                spec = {"url": server.url, "member": member, "password": PASSWORD,
                        "profile": str(root / f"{kind}-{rep + 1}"), "kind": kind,
                        "ballots": ballots, "answers": args.answers, "expected": expected,
                        "versions": world["versions"][:expected],
                        "server_pid": server.proc.pid,
                        "py_spy": args.py_spy and rep == args.runs - 1}  # fmt: skip
                cmd = [sys.executable, __file__, "--child", "--work-dir", str(args.work_dir)]
                out = subprocess.run(cmd, input=json.dumps(spec), capture_output=True, text=True,
                                     env=env, check=False)  # fmt: skip
                if out.returncode:
                    sys.stderr.write(out.stdout + out.stderr)
                    return out.returncode
                one = json.loads(out.stdout.strip().splitlines()[-1])
                if rep >= 0:
                    samples[kind].append(one)
                print(f"  {'warm-up' if rep < 0 else f'run {rep + 1}'} {kind:8s} sync "
                      f"{one['seconds']:.2f} s, acknowledged {one['acknowledged_s']:.2f} s "
                      f"(push HTTP {one['push_http_s']:.2f} s), CPU client "
                      f"{one['client_cpu_s']:.2f} s server {one['server_cpu_s']:.2f} s other "
                      f"{one['other_cpu_s']:.2f} s; "
                      f"queueing took {one['queue_s']:.2f} s", flush=True)  # fmt: skip
    finally:
        server.stop()

    def med(kind: str, key: str) -> float:
        return float(common.median([s[key] for s in samples[kind]]))

    keys = ("seconds", "acknowledged_s", "push_http_s", "queue_s", "client_cpu_s", "server_cpu_s",
            "other_cpu_s")  # fmt: skip
    summary = {kind: {key: med(kind, key) for key in keys} for kind in KINDS}
    ack, base = summary["opinions"]["acknowledged_s"], summary["reads"]["acknowledged_s"]
    result: dict[str, Any] = {
        "ballots": args.ballots,
        "answers_per_ballot": args.answers,
        "mutations": expected,
        "runs": args.runs,
        "build_seconds": build_s,
        "samples": samples,
        "median": summary,
        "spread_acknowledged": {
            k: common.spread([s["acknowledged_s"] for s in samples[k]]) for k in KINDS
        },
        "ratio": ack / base,
        "ratio_sync": summary["opinions"]["seconds"] / summary["reads"]["seconds"],
        "target": f"median time to all {expected} acknowledged < {TARGET_S} s",
        "target_met": ack < TARGET_S,
    }
    path = common.write_result("push_opinions", result)
    print(
        f"push_opinions: {expected} opinions ({args.ballots} ballots x {args.answers}), median "
        f"of {args.runs}: acknowledged {ack:.2f} s (whole sync "
        f"{summary['opinions']['seconds']:.2f} s); baseline {expected} mark_read: "
        f"{base:.2f} s (sync {summary['reads']['seconds']:.2f} s); ratio {ack / base:.2f}\n"
        f"  signing {expected} offline took {summary['opinions']['queue_s']:.2f} s; target "
        f"(< {TARGET_S} s): {'met' if result['target_met'] else 'MISSED'}\n  -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
