"""What the per-request session check costs (target: under 1 ms a request).

Every authenticated request looks its session up (login_sessions joined to users, by
primary key) so that an ended session is refused at once. Measured, on SQLite and on
PostgreSQL (127.0.0.1:5432, a throwaway database; skipped if unreachable):

  direct   the exact function the request path runs (ecabinet.server.deps._live_user:
           a pooled connection, the lookup, the user from the cache), --calls times, in
           this process against the server's own database while the server runs;
  http     GET /api/v1/auth/me (token decoded, session checked, user answered) against
           GET /healthz (no authentication at all), alternating, --requests each, one
           kept-alive connection: the difference bounds what authentication adds in all,
           the thread-pool hop included.

With --compare-with REV (e.g. the commit before sessions existed), a server running that
revision's code (git archive, same interpreter) is measured too, in the same loop (the
requests to both servers alternate), so "what the session check added" is a difference
measured on the same machine at the same moments (SQLite).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

TARGET_MS = 1.0
POSTGRES_ADMIN = "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres"


def stats(seconds: list[float]) -> dict[str, float]:
    us = [s * 1e6 for s in seconds]
    return {
        "p50_us": round(common.median(us), 1),
        "p95_us": round(common.percentile(us, 95), 1),
        "mean_us": round(sum(us) / len(us), 1),
    }


def direct(data_dir: Path, url: str | None, tokens: dict[str, Any], calls: int) -> dict[str, Any]:
    from ecabinet.server.app import build_context
    from ecabinet.server.deps import _live_user
    from ecabinet.server.settings import ServerSettings

    ctx = build_context(ServerSettings(data_dir=data_dir, database_url=url))
    user = tokens["user"]
    try:
        for _ in range(200):  # warm: pool, statement cache, user cache
            _live_user(ctx, tokens["session_id"], user["id"], user["role"])
        seconds = []
        for _ in range(calls):
            started = time.perf_counter()
            _live_user(ctx, tokens["session_id"], user["id"], user["role"])
            seconds.append(time.perf_counter() - started)
    finally:
        ctx.engine.dispose()
    return stats(seconds)


def http(targets: dict[str, tuple[str, str]], requests_each: int) -> dict[str, Any]:
    """For each target (url, access token): /healthz and /auth/me, all interleaved."""
    import requests

    sessions = {name: requests.Session() for name in targets}
    timings: dict[str, dict[str, list[float]]] = {n: {"healthz": [], "me": []} for n in targets}

    def once(name: str, record: bool) -> None:
        url, token = targets[name]
        for path, key, headers in (
            ("/healthz", "healthz", {}),
            ("/api/v1/auth/me", "me", {"Authorization": f"Bearer {token}"}),
        ):
            started = time.perf_counter()
            sessions[name].get(url + path, headers=headers).raise_for_status()
            if record:
                timings[name][key].append(time.perf_counter() - started)

    for n in range(100 + requests_each):
        for name in targets:
            once(name, record=n >= 100)
    out: dict[str, Any] = {}
    for name, t in timings.items():
        bare, checked = stats(t["healthz"]), stats(t["me"])
        out[name] = {
            "healthz": bare,
            "auth_me": checked,
            "auth_added_p50_us": round(checked["p50_us"] - bare["p50_us"], 1),
        }
    return out


def revision_server(rev: str, root: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """A server running the code of git revision ``rev``, with the bench member; its token."""
    from support.actors import PASSWORD
    from support.auth import tokens  # type: ignore[import-not-found]

    code = root / f"code-{rev}"
    code.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(common.REPO), "archive", rev], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    env = {**os.environ, "PYTHONPATH": str(code)}
    data = root / f"data-{rev}"
    cli = [sys.executable, "-m", "ecabinet"]
    subprocess.run(
        [*cli, "admin", "create-user", "--data-dir", str(data), "--username", common.MEMBER,
         "--full-name", "Bench", "--role", "member", "--password-stdin"],
        input=(PASSWORD + "\n").encode(), cwd=code, env=env, check=True, capture_output=True,
    )  # fmt: skip
    port_file = data / "port"
    proc = subprocess.Popen(
        [*cli, "serve", "--data-dir", str(data), "--port", "0", "--port-file", str(port_file),
         "--log-level", "warning"],
        cwd=code, env=env,
    )  # fmt: skip
    while not port_file.exists():
        time.sleep(0.05)
    url = f"http://127.0.0.1:{int(port_file.read_text())}"
    return proc, url, tokens(url, common.MEMBER)["access_token"]


def one_backend(
    work_dir: Path, url: str | None, calls: int, requests_each: int, compare: str | None = None
) -> dict[str, Any]:
    from support.actors import seed_people
    from support.auth import tokens  # type: ignore[import-not-found]
    from support.server import ServerProcess

    data_dir = work_dir / "session_check" / ("postgres" if url else "sqlite")
    common._reset(data_dir)
    seed_people(data_dir, url)
    server = ServerProcess(data_dir, url).start()
    other = revision_server(compare, data_dir) if compare else None
    try:
        pair = tokens(server.url, common.MEMBER)
        targets = {"this_code": (server.url, pair["access_token"])}
        if other is not None:
            targets[f"revision_{compare}"] = (other[1], other[2])
        return {
            "direct": direct(data_dir, url, pair, calls),
            "http": http(targets, requests_each),
        }
    finally:
        server.stop()
        if other is not None:
            other[0].terminate()
            other[0].wait()


def postgres_database() -> tuple[str | None, Any]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"ecabinet_bench_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        admin.dispose()
        return None, None
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name, (admin, name)


def main() -> int:
    parser = common.base_parser(__doc__ or "")
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--compare-with", default=None, metavar="REV", help="git revision")
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    result: dict[str, Any] = {"target_ms": TARGET_MS}
    result["sqlite"] = one_backend(
        args.work_dir, None, args.calls, args.requests, args.compare_with
    )
    url, cleanup = postgres_database()
    if url is None:
        result["postgres"] = "skipped: no PostgreSQL on 127.0.0.1:5432"
    else:
        from sqlalchemy import text

        try:
            result["postgres"] = one_backend(args.work_dir, url, args.calls, args.requests)
        finally:
            admin, name = cleanup
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    backends = [b for b in (result["sqlite"], result["postgres"]) if isinstance(b, dict)]
    result["pass"] = all(b["direct"]["p95_us"] < TARGET_MS * 1000 for b in backends)
    path = common.write_result("session_check", result)
    print(json.dumps(result, indent=2))
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
