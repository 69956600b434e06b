"""Shared pieces of the benchmarks: environment, cached data sets, statistics, results.

Data sets are built once under ``--work-dir`` and reused while their ``ready.json`` matches:
``pack/server`` (1 meeting, N large PDFs), ``catalogue/server`` and ``catalogue/profile``
(M small PDFs, the member's profile fully synced), ``keyring/`` and ``home/``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from statistics import median as median  # re-exported for the benchmarks
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SUPPORT = TESTS / "support"
RESULTS = REPO / "bench" / "results"
DEFAULT_WORK_DIR = Path(tempfile.gettempdir()) / "ecabinet-bench"
MEMBER = "bt.taichinh"
MB = 1_000_000  # throughput is in decimal megabytes per second

# This checkout's code first, even if another checkout is the venv's editable install.
for _p in (str(SUPPORT), str(TESTS), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)


def bench_env(work_dir: Path) -> dict[str, str]:
    """Point keyring, app home and Qt at throwaway places; return the env for children."""
    (work_dir / "keyring").mkdir(parents=True, exist_ok=True)
    (work_dir / "home").mkdir(parents=True, exist_ok=True)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring_file_backend.FileKeyring"
    os.environ["ECABINET_TEST_KEYRING_DIR"] = str(work_dir / "keyring")
    os.environ["ECABINET_HOME"] = str(work_dir / "home")
    os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    paths = [str(SUPPORT), str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    import keyring
    from keyring_file_backend import FileKeyring  # type: ignore[import-not-found]

    keyring.set_keyring(FileKeyring())
    return dict(os.environ)


def base_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--work-dir", type=Path, default=DEFAULT_WORK_DIR,
        help=f"where data sets are built and cached (default {DEFAULT_WORK_DIR})",
    )  # fmt: skip
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached data set")
    return parser


# -- statistics (and `median`, from the standard library) ----------------------
def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    s = sorted(values)
    rank = max(1, min(len(s), -(-len(s) * q // 100)))
    return s[int(rank) - 1]


def spread(values: Sequence[float]) -> dict[str, float]:
    return {"min": min(values), "median": median(values), "max": max(values)}


# -- machine and results ------------------------------------------------------
def machine() -> dict[str, Any]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    model = re.search(r"^Model name:\s*(.+)$", lscpu, re.M)
    mem = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', Path("/etc/os-release").read_text(), re.M)
    dists = ("PySide6-Essentials", "PySide6-Addons", "PySide6-Pdf", "uvicorn", "requests")
    norm = {d.lower().replace("-", "_"): d for d in dists}
    versions = {
        norm[key]: dist.version
        for dist in importlib.metadata.distributions()
        if (key := dist.metadata["Name"].lower().replace("-", "_")) in norm
    }
    curl = subprocess.run(["curl", "--version"], capture_output=True, text=True, check=False)
    return {
        "cpu": model.group(1).strip() if model else platform.processor(),
        "cores": os.cpu_count(),
        "ram_gib": round(int(mem) / (1 << 20), 1),
        "os": pretty.group(1) if pretty else platform.platform(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "packages": versions,
        "curl": curl.stdout.split("\n", 1)[0],
        "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "loadavg_at_end": os.getloadavg(),  # other work on the machine skews everything
    }


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = {"benchmark": name, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **data}
    data["machine"] = machine()
    git = ["git", "--no-optional-locks", "-C", str(REPO)]  # reads only, never the index
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    snapshot = REPO / ".snapshot-commit"  # a `git archive` export has no .git: say which
    commit = head.stdout.strip() or (snapshot.read_text().strip() if snapshot.is_file() else "")
    data["code"] = {"head": commit, "dirty": dirty.stdout.split("\n")[:-1]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


# -- servers and data sets ----------------------------------------------------
def start_server(data_dir: Path, port: int = 0) -> Any:
    from support.server import ServerProcess

    return ServerProcess(data_dir, port=port).start()


def access_token(url: str, username: str = MEMBER) -> str:
    import requests
    from support.actors import PASSWORD

    answer = requests.post(
        url + "/api/v1/auth/login",
        json={"username": username, "password": PASSWORD, "client_label": "bench"},
        timeout=30,
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def _ready(root: Path, spec: dict[str, Any], rebuild: bool) -> dict[str, Any] | None:
    marker = root / "ready.json"
    if rebuild or not marker.is_file():
        return None
    info: dict[str, Any] = json.loads(marker.read_text())
    return info if info.get("spec") == spec else None


def _reset(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)


def build_pack(work_dir: Path, files: int, total_bytes: int, rebuild: bool) -> dict[str, Any]:
    """A server data dir: one meeting for MEMBER with ``files`` distinct large PDFs."""
    root = work_dir / "pack"
    spec = {"files": files, "total_bytes": total_bytes}
    if info := _ready(root, spec, rebuild):
        return info
    from support.actors import Clerk, seed_people
    from support.pdfs import make_large_pdf

    _reset(root)
    seed_people(root / "server", None)
    server = start_server(root / "server")
    started = time.perf_counter()
    try:
        clerk = Clerk(server.url)
        meeting = clerk.create_meeting("Phiên họp Chính phủ thường kỳ (bench)", [MEMBER])
        item = clerk.add_item(meeting["id"], "Các dự thảo nghị định")
        pdf = root / "upload.pdf"
        sizes = []
        for n in range(files):
            make_large_pdf(pdf, total_bytes // files)
            sizes.append(pdf.stat().st_size)
            clerk.upload(meeting["id"], pdf, title=f"Phụ lục {n + 1:03d}", item_id=item["id"])
        pdf.unlink()
    finally:
        server.stop()
    info = {"spec": spec, "bytes": sum(sizes), "build_seconds": time.perf_counter() - started}
    (root / "ready.json").write_text(json.dumps(info, indent=2))
    return info


def build_catalogue(work_dir: Path, documents: int, rebuild: bool) -> dict[str, Any]:
    """A server and a member profile holding ``documents`` distinct 24-46 KB text PDFs."""
    root = work_dir / "catalogue"
    meetings, items = 4, 5
    spec = {"documents": documents, "meetings": meetings, "items_per_meeting": items}
    if info := _ready(root, spec, rebuild):
        return info
    from support.actors import Clerk, seed_people
    from support.pdfs import make_pdf

    _reset(root)
    seed_people(root / "server", None)
    server = start_server(root / "server")
    started = time.perf_counter()
    try:
        clerk = Clerk(server.url)
        pdf = root / "upload.pdf"
        total = 0
        for m in range(meetings):
            meeting = clerk.create_meeting(
                f"Phiên họp Chính phủ chuyên đề số {m + 1}", [MEMBER],
                starts_at=f"2026-{m + 3:02d}-05T08:30:00+07:00",
            )  # fmt: skip
            item_ids = [
                clerk.add_item(meeting["id"], f"Nội dung {i + 1} của phiên {m + 1}")["id"]
                for i in range(items)
            ]
            for n in range(m * documents // meetings, (m + 1) * documents // meetings):
                title = f"Dự thảo văn bản số {n + 1:04d}/2026 về quản lý ngân sách"
                make_pdf(pdf, pages=1 + n % 40, text=title)
                total += pdf.stat().st_size
                clerk.upload(
                    meeting["id"], pdf, title=title, number=f"{n + 1}/TTr-BTC",
                    item_id=item_ids[n % items],
                )  # fmt: skip
        pdf.unlink()
        sync = full_sync(root / "profile", server.url)
        port = server.port
    finally:
        server.stop()
    info = {"spec": spec, "bytes": total, "port": port, "profile": str(root / "profile"),
            "initial_sync": sync, "build_seconds": time.perf_counter() - started}  # fmt: skip
    (root / "ready.json").write_text(json.dumps(info, indent=2))
    return info


def full_sync(profile: Path, url: str) -> dict[str, Any]:
    from support.actors import PASSWORD

    from ecabinet.client.workspace import Workspace

    ws = Workspace(profile, server_url=url)
    try:
        ws.login(MEMBER, PASSWORD)
        report = ws.sync()
    finally:
        ws.close()
    if not report.ok:
        raise RuntimeError(f"full sync failed: {report.errors}")
    keys = ("files_downloaded", "bytes_downloaded", "seconds", "round_trips")
    return {k: getattr(report, k) for k in keys}


def serve_catalogue(work_dir: Path, info: dict[str, Any]) -> Any:
    """Start the catalogue's server on the port its profile knows (else resync a profile)."""
    root = work_dir / "catalogue"
    try:
        return start_server(root / "server", port=int(info["port"]))
    except RuntimeError:
        server = start_server(root / "server")  # that port is taken now: a new profile
    profile = root / f"profile-{server.port}"
    if not (profile / "ecabinet.sqlite3").is_file():
        info["initial_sync"] = full_sync(profile, server.url)
    info.update(port=server.port, profile=str(profile))
    (root / "ready.json").write_text(json.dumps(info, indent=2))
    return server
