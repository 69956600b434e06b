"""`ecabinet verify BUNDLE` on 10,000 opinions: wall time from spawn to exit.

Setup (cached under --work-dir/bundle): tests/support/bundles.py's build_bundle(1000,
revisions=10): 1,000 members, each with 9 earlier opinions superseded by a last one,
10,000 envelopes and 10,000 receipts, real Ed25519 signatures, a signed definition, the
closing record, the server's statements for 1,000 device keys, a valid chain and tally.

Runs, interleaved, alternating order, --runs times each, after one untimed run of each
(so the files are in the page cache; "cold" means a new process):

  verify  the real CLI, `.venv/bin/ecabinet verify BUNDLE --server-key KEY` (exit 0,
          proven, expected), which parses, checks the server's records and device-key
          statements, both signatures of every opinion (on worker processes when there
          are 2,000 or more), the chain, and recounts;
  json    baseline: `python -c "import json; json.load(open(BUNDLE))"`: a process start
          and the parse of the same file;
  ed25519 baseline, in this process on one core: the 20,000 bare Ed25519 verifications
          of the same bytes (signatures decoded and keys built beforehand).

"floor" = json + ed25519 / (CPUs the CLI may use): what any verifier in Python that
loads the file and checks every signature in parallel must at least spend.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from measure import Meter, summarize_raw

TARGET_S = 3.0


def build(root: Path, members: int, revisions: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    path = root / "bundle.json"
    spec = {"members": members, "revisions": revisions, "format": "ecabinet.ballot-bundle.v2"}
    marker = root / "ready.json"
    if not rebuild and marker.is_file() and json.loads(marker.read_text()).get("spec") == spec:
        return path, json.loads(marker.read_text())
    from support.bundles import build_bundle

    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    bundle = build_bundle(members, revisions=revisions)
    path.write_text(json.dumps(bundle, ensure_ascii=False))
    info = {"spec": spec, "opinions": len(bundle["opinions"]), "bytes": path.stat().st_size,
            "build_seconds": time.perf_counter() - started}  # fmt: skip
    marker.write_text(json.dumps(info))
    return path, info


def spawn(cmd: list[str], log: Path, meter: Meter) -> float:
    with log.open("ab") as err:
        meter.start()
        started = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=err, check=False)
        seconds = time.perf_counter() - started
        meter.stop()
    if done.returncode:
        raise RuntimeError(f"{cmd} exited {done.returncode}; see {log}")
    return seconds


def bare_verify(bundle_path: Path) -> tuple[float, int]:
    """Every envelope and receipt signature of the bundle, bare, one core."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from ecabinet.crypto.keys import unb64

    bundle = json.loads(bundle_path.read_text())
    statements = [json.loads(d["text"]) for d in bundle["device_keys"]]
    keys = {d["key_id"]: Ed25519PublicKey.from_public_bytes(unb64(d["public_key"]))
            for d in statements}  # fmt: skip
    server = Ed25519PublicKey.from_public_bytes(unb64(bundle["server_key"]["public_key"]))
    work = []
    for item in bundle["opinions"]:
        device = keys[json.loads(item["envelope"])["device_key_id"]]
        work.append((device, unb64(item["signature"]), item["envelope"].encode()))
        work.append((server, unb64(item["receipt_signature"]), item["receipt"].encode()))
    started = time.perf_counter()
    for key, signature, data in work:
        key.verify(signature, data)
    return time.perf_counter() - started, len(work)


def main() -> int:
    parser = common.base_parser(__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--revisions", type=int, default=10)
    parser.add_argument(
        "--py-spy", action="store_true",
        help="py-spy one more CLI run (and its workers) -> bench/results/verify_bundle.txt",
    )  # fmt: skip
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    path, info = build(args.work_dir / "bundle", args.members, args.revisions, args.rebuild)
    cli = str(Path(sys.executable).with_name("ecabinet"))
    key_file = path.with_name("server-key.txt")  # the key the reader trusts
    key_file.write_text(json.loads(path.read_text())["server_key"]["public_key"] + "\n")
    cmds = {
        "verify": [cli, "verify", str(path), "--server-key", str(key_file)],
        "json": [sys.executable, "-c", f"import json; json.load(open({str(path)!r}))"],
    }
    log = args.work_dir / "verify_bundle.log"
    log.unlink(missing_ok=True)
    times: dict[str, list[float]] = {"verify": [], "json": [], "ed25519": []}
    cpu: dict[str, list[dict[str, float]]] = {"verify": [], "json": []}
    signatures = 0
    for rep in range(-1, args.runs):  # -1: untimed, fills the page cache
        order = ("verify", "json", "ed25519") if rep % 2 == 0 else ("ed25519", "json", "verify")
        for name in order:
            if name == "ed25519":
                seconds, signatures = bare_verify(path)
            else:
                meter = Meter()
                seconds = spawn(cmds[name], log, meter)
                if rep >= 0:
                    cpu[name].append(meter.as_dict())
            if rep >= 0:
                times[name].append(seconds)
        if rep >= 0:
            print(f"  run {rep + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items())
                  + f"; CLI CPU {cpu['verify'][-1]['client']:.2f} s, other work on the machine "
                  f"{cpu['verify'][-1]['other']:.2f} s", flush=True)  # fmt: skip
    if args.py_spy:
        common.RESULTS.mkdir(parents=True, exist_ok=True)
        raw = common.RESULTS / "verify_bundle.raw"
        spy = [str(Path(sys.executable).with_name("py-spy")), "record", "--subprocesses",
               "--function", "--rate", "200", "--format", "raw", "-o", str(raw), "--"]  # fmt: skip
        subprocess.run([*spy, *cmds["verify"]], capture_output=True, check=False)
        summarize_raw(raw)
    med = {name: common.median(values) for name, values in times.items()}
    cpus = min(len(os.sched_getaffinity(0)), 8)  # what verify.py's _check_all uses
    floor = med["json"] + med["ed25519"] / cpus
    result: dict[str, Any] = {
        **info,
        "runs": args.runs,
        "signatures": signatures,
        "seconds": times,
        "cpu_seconds": cpu,
        "verify_cli_cpu_median": common.median([c["client"] for c in cpu["verify"]]),
        **{name: common.spread(values) for name, values in times.items()},
        "cpus_for_workers": cpus,
        "floor_seconds": floor,
        "ratio_vs_json": med["verify"] / med["json"],
        "ratio_vs_floor": med["verify"] / floor,
        "ed25519_per_second": signatures / med["ed25519"],
        "target": f"median wall time < {TARGET_S} s",
        "target_met": med["verify"] < TARGET_S,
    }
    out = common.write_result("verify_bundle", result)
    print(
        f"verify_bundle: {info['opinions']} opinions, {info['bytes'] / common.MB:.1f} MB, "
        f"median of {args.runs}: ecabinet verify {med['verify']:.2f} s; "
        f"json load {med['json']:.2f} s; "
        f"{signatures} bare Ed25519 verifications {med['ed25519']:.2f} s on one core\n"
        f"  floor (json + ed25519/{cpus}) {floor:.2f} s; ratio vs json "
        f"{result['ratio_vs_json']:.1f}, vs floor {result['ratio_vs_floor']:.2f}; target "
        f"(< {TARGET_S} s): {'met' if result['target_met'] else 'MISSED'}\n  -> {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
