"""Logins that cannot be used against others: throttling per username and address, answers
that reveal nothing, counters right under concurrency, and a flood that stops nobody's work."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import requests
from support.actors import PASSWORD, Secretariat
from support.auth import http_from, login, server_query
from support.pdfs import make_pdf
from support.server import ServerFactory

from ecabinet.client.workspace import Workspace
from ecabinet.server.services.throttle import account_key

WRONG = "doan-mo-mat-khau"


# Long first delays where a test needs an attempt to land inside one, whatever the load.
SLOW = ("--login-delay-base", "60")


def _masked(answer: requests.Response) -> dict[str, str]:
    # The seconds left depend only on when this requester itself last failed.
    return {k: re.sub(r"\d+", "N", str(v)) for k, v in answer.json()["error"].items()}


def _retry_after(answer: requests.Response) -> int:
    assert answer.status_code == 429, answer.text
    assert answer.json()["error"]["code"] == "too_many_attempts"
    return int(answer.headers["Retry-After"])


def test_unknown_and_known_usernames_get_identical_answers(server_factory: ServerFactory) -> None:
    server = server_factory(*SLOW)
    for _ in range(5):
        known = login(server.url, "bt.ytte", WRONG)
        unknown = login(server.url, "khong.ton.tai", WRONG)
        assert known.status_code == unknown.status_code == 401
        assert known.json() == unknown.json()
    # Throttled alike, from the same count on, with the same answer.
    known, unknown = login(server.url, "bt.ytte", WRONG), login(server.url, "khong.ton.tai", WRONG)
    assert abs(_retry_after(known) - _retry_after(unknown)) <= 5
    assert _masked(known) == _masked(unknown)
    assert {k.lower() for k in known.headers} == {k.lower() for k in unknown.headers}


def test_a_stranger_cannot_lock_a_minister_out_from_another_address(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    stranger = http_from("127.0.0.2")
    answers = [login(server.url, "bt.tuphap", WRONG, http=stranger) for _ in range(8)]
    assert [a.status_code for a in answers[:5]] == [401] * 5
    assert all(a.status_code == 429 for a in answers[5:])
    # Even the right password waits out the delay there: throttling is no oracle.
    assert login(server.url, "bt.tuphap", PASSWORD, http=stranger).status_code == 429
    # The minister's own laptop, elsewhere, is not held up at all.
    minister = http_from("127.0.0.1")
    assert login(server.url, "bt.tuphap", PASSWORD, http=minister).status_code == 200


def test_delays_grow_with_each_failure_and_a_good_login_starts_again(
    server_factory: ServerFactory,
) -> None:
    server = server_factory("--login-delay-base", "3")
    for _ in range(5):
        assert login(server.url, "bt.ytte", WRONG).status_code == 401
    delays = [_retry_after(login(server.url, "bt.ytte", WRONG))]
    for _ in range(1):
        time.sleep(delays[-1] + 0.2)
        assert login(server.url, "bt.ytte", WRONG).status_code == 401  # heard, and counted
        delays.append(_retry_after(login(server.url, "bt.ytte", WRONG)))
    assert delays == sorted(delays) and delays[-1] > delays[0]
    time.sleep(delays[-1] + 0.2)
    assert login(server.url, "bt.ytte", PASSWORD).status_code == 200
    assert login(server.url, "bt.ytte", WRONG).status_code == 401  # the count started again


def test_one_address_guessing_many_usernames_is_slowed(server_factory: ServerFactory) -> None:
    server = server_factory("--source-free-attempts", "6", *SLOW)
    sprayer = http_from("127.0.0.3")
    for n in range(6):
        assert login(server.url, f"nguoi.dung.{n}", WRONG, http=sprayer).status_code == 401
    assert login(server.url, "nguoi.dung.moi", WRONG, http=sprayer).status_code == 429
    assert login(server.url, "bt.ytte", PASSWORD, http=http_from("127.0.0.4")).status_code == 200


def _parallel_wrong_passwords(url: str, count: int) -> list[int]:
    start = threading.Barrier(count)
    statuses: list[int] = []

    def guess() -> None:
        start.wait()
        # Forty password checks queue behind each other: a slow, shared machine needs time.
        statuses.append(login(url, "bt.tuphap", WRONG, timeout=300).status_code)

    threads = [threading.Thread(target=guess) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _counters(server: object) -> tuple[int, int]:
    [(user_count,)] = server_query(
        server, "SELECT failed_logins FROM users WHERE username = 'bt.tuphap'"
    )
    [(throttle_count,)] = server_query(
        server,
        "SELECT failures FROM login_throttle WHERE key = :key",
        key=account_key("bt.tuphap", "127.0.0.1"),
    )
    return int(user_count), int(throttle_count)


def test_forty_parallel_wrong_passwords_are_all_counted(server_factory: ServerFactory) -> None:
    # Eight checks at once and no delays: the forty outcomes are written concurrently.
    server = server_factory(
        "--password-checks-at-once", "8",
        "--login-free-attempts", "1000",
        "--source-free-attempts", "1000",
    )  # fmt: skip
    statuses = _parallel_wrong_passwords(server.url, 40)
    assert statuses == [401] * 40
    assert _counters(server) == (40, 40)


def test_parallel_wrong_passwords_are_throttled_consistently(
    server_factory: ServerFactory,
) -> None:
    server = server_factory("--password-checks-at-once", "4", *SLOW)
    statuses = _parallel_wrong_passwords(server.url, 40)
    heard = statuses.count(401)
    assert heard + statuses.count(429) == 40
    assert 5 <= heard < 40  # some were checked, the rest waited out the delay
    assert _counters(server) == (heard, heard)  # every check that happened was counted


def test_a_login_flood_does_not_stop_a_member_pushing_opinions(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    # No delays at all: every guess costs a full password check, the worst case.
    server = server_factory("--login-free-attempts", "100000", "--source-free-attempts", "100000")
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ", ["bt.taichinh"])
    doc = clerk.upload(meeting["id"], make_pdf(tmp_path / "duthao.pdf", 2), title="Dự thảo")
    ballots = [
        clerk.create_ballot(meeting["id"], f"Câu hỏi {n}?", document_ids=[doc["document"]["id"]])
        for n in range(3)
    ]
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    stop = threading.Event()
    guesses: list[int] = []

    def guess(n: int) -> None:
        http = http_from(f"127.0.1.{n + 1}")
        while not stop.is_set():
            answer = login(server.url, f"doan.{n}", WRONG, http=http, timeout=300)
            guesses.append(answer.status_code)

    flood = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        for thread in flood:
            thread.start()
        while len(guesses) < 8:
            time.sleep(0.05)
        for ballot in ballots:
            workspace.sign_opinion(ballot["id"], "agree", "")
            report = workspace.sync()
            assert report.ok, report.errors
            assert report.applied == 1
    finally:
        stop.set()
        for thread in flood:
            if thread.is_alive():
                thread.join()
        workspace.close()
    assert guesses and set(guesses) == {401}  # the flood ran, and was answered throughout
    assert clerk.progress(ballots[-1]["id"])["received"] == 1
