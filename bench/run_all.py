"""Run every benchmark with one work dir, then print a markdown table of the results.

    python bench/run_all.py [--work-dir DIR] [--rebuild] [--xvfb] [--breakdown]

Order: sync_initial (builds the 300 MB pack), noop_sync (builds the 1,000-document
catalogue and profile), cold_start (reuses that profile), push_opinions, verify_rate,
verify_bundle. Each writes bench/results/<name>.json; this script reads them back.
Before each one it waits (up to 5 minutes) for the machine to be quiet: other people's
work on these 2 vCPUs changes every number here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from measure import wait_quiet

BENCH = Path(__file__).resolve().parent


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((common.RESULTS / f"{name}.json").read_text())
    return data


def yes(flag: bool) -> str:
    return "yes" if flag else "**no**"


def table() -> str:
    cold = "cold_start_xvfb" if "--xvfb" in sys.argv else "cold_start"
    s, n, c = load("sync_initial"), load("noop_sync"), load(cold)
    p, r, b = load("push_opinions"), load("verify_rate"), load("verify_bundle")
    po, pr = p["median"]["opinions"], p["median"]["reads"]
    rate = r["per_second"]
    mb = s["bytes"] / common.MB
    curl, sync, durable = s["curl"], s["sync"], s["curl+fsync"]
    app, floor = c["app"], c["qt_floor"]
    rows = [
        "| benchmark | result (median) | baseline, same run (median) | ratio | target | met |",
        "|---|---|---|---:|---|---|",
        f"| sync_initial: {s['files']} PDFs, {mb:.0f} MB, {s['runs']} runs | "
        f"{sync['median']:.2f} s ({sync['mb_per_s']:.0f} MB/s) | "
        f"curl {curl['median']:.2f} s ({curl['mb_per_s']:.0f} MB/s); "
        f"curl+sha256sum {s['curl+sha256sum']['median']:.2f} s; "
        f"curl+openssl {s['curl+openssl']['median']:.2f} s; "
        f"curl+fsync {durable['median']:.2f} s | {s['ratio']:.2f} "
        f"(vs curl+sha256sum {s['ratio_vs_verified_curl']:.2f}, vs curl+openssl "
        f"{s['ratio_vs_openssl_curl']:.2f}, vs curl+fsync {s['ratio_vs_durable_curl']:.2f}) "
        f"| ≤ 1.3 × curl | {yes(s['target_met'])} |",
        f"| noop_sync: {n['documents_in_profile']} documents, {n['calls']} calls | "
        f"{n['sync']['median']:.1f} ms (p95 {n['sync']['p95']:.1f} ms), "
        f"round trips {sorted(set(n['round_trips']))} | "
        f"GET /healthz {n['healthz']['median']:.2f} ms | {n['ratio']:.0f} | "
        f"1 round trip, < 100 ms | {yes(n['target_met'])} |",
        f"| cold_start: {c['documents_painted']} documents, {c['runs']} runs, "
        f"{c['platform']} | {app['seconds']['median']:.3f} s, "
        f"peak RSS {app['peak_rss_mib']['median']:.0f} MiB | "
        f"Qt floor {floor['seconds']['median']:.3f} s, "
        f"{floor['peak_rss_mib']['median']:.0f} MiB | {c['ratio']:.1f} | "
        f"< 1.5 s, < 400 MB | {yes(c['target_met'])} |",
        f"| push_opinions: {p['mutations']} opinions, {p['runs']} runs | "
        f"{po['acknowledged_s']:.2f} s to all acknowledged (whole sync {po['seconds']:.2f} s) | "
        f"{p['mutations']} mark_read {pr['acknowledged_s']:.2f} s (sync {pr['seconds']:.2f} s) | "
        f"{p['ratio']:.2f} | < 3 s | {yes(p['target_met'])} |",
        f"| verify_rate: {r['opinions']} opinions, 1 core, {r['runs']} runs | "
        f"submit {rate['submit']:,.0f}/s; push {rate['push']:,.0f}/s; "
        f"crypto+shape {rate['crypto+shape']:,.0f}/s | bare Ed25519 {rate['bare']:,.0f}/s | "
        f"{r['ratio_bare_to_submit']:.1f} | ≥ 1,000/s | {yes(r['target_met'])} |",
        f"| verify_bundle: {b['opinions']:,} opinions, {b['runs']} runs | "
        f"{b['verify']['median']:.2f} s | json load {b['json']['median']:.2f} s; "
        f"{b['signatures']:,} Ed25519 {b['ed25519']['median']:.2f} s (1 core); floor "
        f"{b['floor_seconds']:.2f} s | {b['ratio_vs_floor']:.2f} (vs floor) | < 3 s | "
        f"{yes(b['target_met'])} |",
    ]
    if "--breakdown" in sys.argv:
        rows += ["", "| sync_initial stage | median s | MB/s | CPU s client | server | other |",
                 "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        rows += [
            f"| {x['stage']} | {x['median_s']:.2f} | {x['mb_per_s']:.0f} | "
            f"{x['cpu_median_s']['client']:.2f} | {x['cpu_median_s']['server']:.2f} | "
            f"{x['cpu_median_s']['other']:.2f} |"
            for x in load("sync_breakdown")["stages"]
        ]
    return "\n".join(rows)


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--xvfb", action="store_true", help="cold_start under Xvfb (xcb)")
    parser.add_argument(
        "--breakdown", action="store_true", help="also run sync_breakdown.py (about 1 minute)"
    )
    parser.add_argument("--table-only", action="store_true", help="print the last results")
    args = parser.parse_args()
    if not args.table_only:
        common_args = ["--work-dir", str(args.work_dir), *(["--rebuild"] if args.rebuild else [])]
        plan = [
            ("sync_initial", common_args),
            ("noop_sync", common_args),
            ("cold_start", [*common_args, *(["--xvfb"] if args.xvfb else [])]),
            ("push_opinions", ["--work-dir", str(args.work_dir)]),
            ("verify_rate", ["--work-dir", str(args.work_dir)]),
            ("verify_bundle", common_args),
        ]
        if args.breakdown:
            plan.append(("sync_breakdown", ["--work-dir", str(args.work_dir)]))
        for name, extra in plan:
            busy = wait_quiet()
            print(f"## {name} (machine {busy:.0%} busy before it)", flush=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, str(BENCH / f"{name}.py"), *extra], check=True)
            print(f"({name} took {time.perf_counter() - started:.0f} s)\n", flush=True)
    print(table())
    machine = load("cold_start")["machine"]
    print(
        f"\n{machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB, "
        f"{machine['os']}, Python {machine['python']}, "
        f"PySide6 {machine['packages'].get('PySide6-Essentials', '?')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
