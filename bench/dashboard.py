"""The dashboard of a meeting with 30 participants and 50 papers (budget: under 200 ms).

A server data set is built once (SQLite, rows written through the ORM: 30 members, one
published meeting, 50 papers with one version each, ~60 % of them opened by each member
with a furthest page, 3 ballots with most members answered, pull marks), then the
server runs and GET /api/v1/meetings/{id}/dashboard and GET /healthz are requested
alternately, --requests each, on one kept-alive connection. Prints median and p95 of
both in milliseconds; the difference is what the dashboard itself costs.

    .venv/bin/python bench/dashboard.py [--requests 200] [--participants 30] [--papers 50]
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

BUDGET_MS = 200.0


def build(root: Path, participants: int, papers: int) -> str:
    from support.actors import STAFF, Person, seed_people

    from ecabinet.domain import Role
    from ecabinet.server.app import build_context
    from ecabinet.server.models import (
        Ballot,
        BallotEligible,
        Document,
        DocumentRead,
        DocumentVersion,
        Meeting,
        MeetingParticipant,
        Opinion,
        PullMark,
        ReadingProgress,
        User,
    )  # fmt: skip
    from ecabinet.server.settings import ServerSettings
    from ecabinet.timeutil import utcnow

    members = tuple(
        Person(f"bt.bench{i:02d}", f"Bộ trưởng Thử {i:02d}", Role.MEMBER)
        for i in range(participants)
    )
    ids = seed_people(root, None, STAFF + members)
    rng = random.Random(8)
    now = utcnow()
    ctx = build_context(ServerSettings(data_dir=root))
    with ctx.writer() as s:
        clerk = ids["vpcp.clerk"]
        meeting = Meeting(
            org_id=s.get(User, clerk).org_id,  # type: ignore[union-attr]
            title="Phiên họp đo bảng theo dõi", kind="regular", starts_at=now + timedelta(days=1),
            location="", status="published", created_by=clerk,
        )  # fmt: skip
        s.add(meeting)
        s.flush()
        people = [ids[m.username] for m in members]
        s.add_all(MeetingParticipant(meeting_id=meeting.id, user_id=u) for u in people)
        for n in range(papers):
            doc = Document(
                meeting_id=meeting.id, title=f"Tài liệu {n}", position=n, created_by=clerk
            )
            s.add(doc)
            s.flush()
            sha = hashlib.sha256(f"paper-{n}".encode()).hexdigest()
            version = DocumentVersion(
                document_id=doc.id, version_no=1, sha256=sha, size=1000, pages=20,
                filename=f"{n}.pdf", uploaded_by=clerk,
            )  # fmt: skip
            s.add(version)
            s.flush()
            doc.current_version_id = version.id
            for u in people:
                if rng.random() < 0.6:
                    s.add(DocumentRead(user_id=u, document_version_id=version.id, read_at=now))
                    s.add(
                        ReadingProgress(user_id=u, document_id=doc.id, max_page=rng.randrange(20))
                    )
        for b in range(3):
            ballot = Ballot(
                org_id=meeting.org_id, meeting_id=meeting.id, question=f"Câu hỏi {b}",
                options_json="[]", comment_required_json="[]", deadline=now + timedelta(hours=30),
                status="open", membership_total=participants, created_by=clerk,
            )  # fmt: skip
            s.add(ballot)
            s.flush()
            for seq, u in enumerate(people):
                s.add(BallotEligible(ballot_id=ballot.id, user_id=u))
                if rng.random() < 0.7:
                    s.add(
                        Opinion(
                            id=hashlib.sha256(f"{b}-{u}".encode()).hexdigest(), ballot_id=ballot.id,
                            user_id=u, device_key_id="0" * 64, envelope="{}", signature="AA==",
                            choice="agree", status="accepted", seq=seq + 1, received_at=now,
                            receipt="{}", receipt_signature="AA==",
                        )
                    )  # fmt: skip
        s.add_all(PullMark(user_id=u, seq=10**6, pulled_at=now) for u in people[::2])
        s.commit()
        meeting_id = meeting.id
    ctx.engine.dispose()
    return meeting_id


def measure(url: str, token: str, meeting_id: str, requests_each: int) -> dict[str, Any]:
    import requests

    http = requests.Session()
    auth = {"Authorization": f"Bearer {token}"}
    times: dict[str, list[float]] = {"dashboard": [], "healthz": []}
    path = f"/api/v1/meetings/{meeting_id}/dashboard"
    size = 0
    for i in range(requests_each + 20):  # the first 20 of each warm up
        for name, target, headers in (("healthz", "/healthz", {}), ("dashboard", path, auth)):
            started = time.perf_counter()
            answer = http.get(url + target, headers=headers, timeout=30)
            elapsed = time.perf_counter() - started
            answer.raise_for_status()
            if name == "dashboard":
                size = len(answer.content)
            if i >= 20:
                times[name].append(elapsed * 1000)
    out: dict[str, Any] = {"dashboard_bytes": size}
    for name, values in times.items():
        out[name] = {
            "median_ms": round(common.median(values), 2),
            "p95_ms": round(common.percentile(values, 95), 2),
        }
    return out


def main() -> int:
    parser = common.base_parser(__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--papers", type=int, default=50)
    args = parser.parse_args()
    common.bench_env(args.work_dir)
    root = args.work_dir / f"dashboard-{args.participants}x{args.papers}"
    ready = root / "ready.json"
    if args.rebuild or not ready.is_file():
        common._reset(root)
        meeting_id = build(root / "server", args.participants, args.papers)
        ready.write_text(json.dumps({"meeting_id": meeting_id}))
    meeting_id = json.loads(ready.read_text())["meeting_id"]
    server = common.start_server(root / "server")
    try:
        token = common.access_token(server.url, "vpcp.clerk")
        result = measure(server.url, token, meeting_id, args.requests)
    finally:
        server.stop()
    result.update(
        participants=args.participants, papers=args.papers, requests=args.requests,
        budget_ms=BUDGET_MS, within_budget=result["dashboard"]["p95_ms"] < BUDGET_MS,
    )  # fmt: skip
    path = common.write_result("dashboard", result)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"written to {path}")
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
