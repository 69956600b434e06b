"""The home view's facts (ecabinet/client/home.py), read from a real local store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from ecabinet.client.home import home_summary
from ecabinet.store.ballot_queries import NOT_ANSWERED
from ecabinet.store.db import LocalStore
from ecabinet.store.models import (
    LocalBallot,
    LocalDocument,
    LocalDocumentVersion,
    LocalMeeting,
    LocalReadMark,
)
from ecabinet.timeutil import isoformat, utcnow

NOW = utcnow().replace(microsecond=0)


def at(hours: float) -> str:
    return isoformat(NOW + timedelta(hours=hours)) or ""


def seed(session: Session) -> None:
    session.add(LocalMeeting(id="m1", title="Phiên họp thường kỳ", kind="regular",
                             starts_at=at(48), status="published"))  # fmt: skip
    session.add(LocalMeeting(id="m0", title="Phiên họp trước", kind="regular",
                             starts_at=at(-240), status="closed"))  # fmt: skip

    def paper(doc_id: str, meeting: str, versions: list[str], read: list[str]) -> None:
        current = versions[-1] if versions else None
        session.add(LocalDocument(id=doc_id, meeting_id=meeting, title=f"Tài liệu {doc_id}",
                                  current_version_id=current))  # fmt: skip
        for n, version in enumerate(versions, start=1):
            session.add(LocalDocumentVersion(
                id=version, document_id=doc_id, version_no=n, sha256="0" * 64, size=1, pages=1,
                filename=f"{version}.pdf", uploaded_at=at(-10 + n),
            ))  # fmt: skip
        for version in read:
            session.add(LocalReadMark(document_version_id=version, read_at=at(-5)))

    paper("never-read", "m1", ["a1"], [])
    paper("new-version", "m1", ["b1", "b2"], ["b1"])
    paper("read", "m1", ["c1"], ["c1"])
    paper("no-file-yet", "m1", [], [])
    paper("two-versions-unread", "m0", ["e1", "e2"], [])
    paper("read-old-and-new", "m1", ["f1", "f2"], ["f1", "f2"])

    def ballot(ballot_id: str, hours: float, status: str = "open") -> None:
        session.add(LocalBallot(
            id=ballot_id, meeting_id="m1", version=1, question=f"Câu hỏi {ballot_id}",
            options_json='["agree","disagree","other"]', comment_required_json="[]",
            deadline=at(hours), status=status,
        ))  # fmt: skip

    ballot("far", 72)
    ballot("overdue", -1)
    ballot("soon", 3)
    ballot("at-the-limit", 24)
    ballot("closed", 5, status="closed")
    ballot("draft", 5, status="draft")


def test_home_lists_unread_updated_papers_and_open_ballots_by_deadline(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "ecabinet.sqlite3")
    try:
        store.write(seed)
        with store.read() as session:
            home = home_summary(session, now=NOW)
    finally:
        store.close()

    unread = [p.document_id for p in home.unread]
    # The coming meeting's papers first; a paper with no version yet is not listed.
    assert unread == ["never-read", "two-versions-unread"], unread
    assert home.unread[0].meeting_title == "Phiên họp thường kỳ"
    assert [(p.document_id, p.version_no, p.read_version_no) for p in home.updated] == [
        ("new-version", 2, 1)
    ], "a paper read in an older version is 'updated', not 'unread'"

    ballots = [(b.ballot_id, b.overdue, b.soon) for b in home.ballots]
    assert ballots == [
        ("overdue", True, False),
        ("soon", False, True),
        ("at-the-limit", False, True),  # due within 24 hours, boundary included
        ("far", False, False),
    ], "only open ballots, soonest deadline first, overdue and due-soon flagged"
    assert all(b.state == NOT_ANSWERED for b in home.ballots)


def test_an_empty_store_has_an_empty_home(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "ecabinet.sqlite3")
    try:
        with store.read() as session:
            home = home_summary(session)
    finally:
        store.close()
    assert home.unread == [] and home.updated == [] and home.ballots == []
