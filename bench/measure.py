"""CPU accounting and sampling profiles for the benchmarks (no project imports).

On this 2-vCPU VM the client, the server and anybody else's work share two cores, so
each timed run also records who used the CPU meanwhile:

- ``client``: this process (all threads) and its waited-for children (curl, the CLI and
  its worker processes);
- ``server``: the server process, from /proc/<pid>/stat;
- ``other``: every CPU second the machine spent (/proc/stat) minus those two: other
  people's processes, kernel threads (page-cache writeback), py-spy;
- ``steal``: time the hypervisor gave our vCPUs to someone else.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
RESULTS = Path(__file__).resolve().parent / "results"


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process, all its threads (stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def own_cpu() -> float:
    """CPU seconds of this process (all threads) and of its waited-for descendants."""
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def machine_cpu() -> tuple[float, float]:
    """(busy, steal) CPU seconds of the whole machine since boot, all CPUs."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks[:8]
    return (user + nice + system + irq + softirq) / TICK, steal / TICK


class Meter:
    """CPU seconds spent between start() and stop(): client, server, other, steal."""

    def __init__(self, server_pid: int | None = None) -> None:
        self.pid = server_pid
        self.client = self.server = self.other = self.steal = 0.0
        self._at: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    def _now(self) -> tuple[float, float, float, float]:
        server = process_cpu(self.pid) if self.pid else 0.0
        return (own_cpu(), server, *machine_cpu())

    def start(self) -> None:
        self._at = self._now()

    def stop(self) -> None:
        now = self._now()
        self.client, self.server, busy, self.steal = (
            a - b for a, b in zip(now, self._at, strict=True)
        )
        self.other = max(0.0, busy - self.client - self.server)

    def as_dict(self) -> dict[str, float]:
        return {"client": self.client, "server": self.server, "other": self.other,
                "steal": self.steal}  # fmt: skip


def wait_quiet(limit_s: float = 300.0, busy_max: float = 0.15) -> float:
    """Wait (up to limit_s) until the machine is at most busy_max busy over 2 s; return
    the busy fraction last seen. Other engineers' test runs share these two vCPUs."""
    deadline = time.monotonic() + limit_s
    while True:
        before = machine_cpu()[0]
        time.sleep(2.0)
        busy = (machine_cpu()[0] - before) / 2.0 / (os.cpu_count() or 1)
        if busy <= busy_max or time.monotonic() > deadline:
            return busy
        print(f"  (machine {busy:.0%} busy with other work: waiting)", flush=True)
        time.sleep(8.0)


SpyList = list[tuple[subprocess.Popen[bytes], Path]]


def py_spy(targets: dict[str, int]) -> SpyList:
    """Start ``py-spy record`` (raw stacks, 200 Hz, by function) on each pid (name -> pid)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    spies = []
    for name, pid in targets.items():
        raw = RESULTS / f"{name}.raw"
        cmd = [str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(pid)]
        cmd += ["--rate", "200", "--function", "--format", "raw", "-o", str(raw), "--nonblocking"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        spies.append((proc, raw))
    time.sleep(1.0)  # let them attach
    return spies


def stop_py_spy(spies: SpyList) -> None:
    for proc, _raw in spies:
        proc.send_signal(signal.SIGINT)
    for proc, raw in spies:
        proc.wait(timeout=60)
        summarize_raw(raw)


def summarize_raw(raw: Path, top: int = 40) -> None:
    """py-spy's raw collapsed stacks -> a .txt of the top functions by self and total."""
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
        samples += int(count)
        if frames:
            own[frames[-1]] += int(count)
        for frame in set(frames):
            total[frame] += int(count)
    lines = [f"{raw.name}: {samples} samples at 200 Hz (all threads, idle excluded)", ""]
    for title, counts in (("self", own), ("total (inclusive)", total)):
        lines.append(f"-- top {top} by {title} samples")
        lines += [
            f"{n:7d} {100 * n / max(samples, 1):5.1f}%  {f}" for f, n in counts.most_common(top)
        ]
        lines.append("")
    raw.with_suffix(".txt").write_text("\n".join(lines))
