"""Sessions that can be cut off: every way a session ends, against the real server.

Each test holds real tokens, ends the session the way an administrator, a thief or the
clock would, and checks that BOTH tokens are refused at once with the reason.
"""

from __future__ import annotations

import threading
import time

import pytest
import requests
from support.actors import PASSWORD
from support.auth import (
    admin_api,
    ended,
    login,
    me,
    offer,
    refresh,
    server_query,
    tokens,
)
from support.server import ServerFactory, ServerProcess

from ecabinet.crypto.keys import SigningKey


def _both_refused(url: str, pair: dict[str, object], reason: str, *, wipe: bool = False) -> None:
    assert ended(me(url, str(pair["access_token"]))) == (reason, wipe)
    assert ended(refresh(url, str(pair["refresh_token"]))) == (reason, wipe)


def test_logout_ends_both_tokens_at_once(server: ServerProcess) -> None:
    pair = tokens(server.url, "bt.taichinh")
    assert me(server.url, pair["access_token"]).status_code == 200
    answer = requests.post(
        server.url + "/api/v1/auth/logout",
        json={"refresh_token": pair["refresh_token"]},
        timeout=10,
    )
    assert answer.status_code == 204
    _both_refused(server.url, pair, "logged_out")


def test_a_replay_within_the_grace_window_gets_the_same_pair_once(server: ServerProcess) -> None:
    first = tokens(server.url, "bt.taichinh")
    rotated = refresh(server.url, first["refresh_token"])
    assert rotated.status_code == 200
    # The answer was lost on the way: the same token again gets the very same pair.
    again = refresh(server.url, first["refresh_token"])
    assert again.status_code == 200
    for field in ("access_token", "refresh_token", "access_expires_at", "refresh_expires_at"):
        assert again.json()[field] == rotated.json()[field]
    assert me(server.url, again.json()["access_token"]).status_code == 200
    # Only once: a second replay is a copy, and the whole session ends.
    assert ended(refresh(server.url, first["refresh_token"])) == ("refresh_reuse", False)
    _both_refused(server.url, rotated.json(), "refresh_reuse")


def test_a_replay_after_the_successor_was_used_ends_the_session(server: ServerProcess) -> None:
    first = tokens(server.url, "bt.taichinh")
    second = refresh(server.url, first["refresh_token"]).json()
    third = refresh(server.url, second["refresh_token"])
    assert third.status_code == 200
    # Within the window, but the pair it would give back was already used: a thief's copy.
    assert ended(refresh(server.url, first["refresh_token"])) == ("refresh_reuse", False)
    _both_refused(server.url, third.json(), "refresh_reuse")


def test_a_refresh_replayed_after_the_grace_window_ends_the_session(
    server_factory: ServerFactory,
) -> None:
    server = server_factory("--refresh-grace", "1")
    first = tokens(server.url, "bt.taichinh")
    rotated = refresh(server.url, first["refresh_token"]).json()
    time.sleep(1.5)
    assert ended(refresh(server.url, first["refresh_token"])) == ("refresh_reuse", False)
    _both_refused(server.url, rotated, "refresh_reuse")


@pytest.mark.parametrize("parallel", [2, 8])
def test_parallel_refreshes_of_one_token_never_make_two_live_pairs(
    server: ServerProcess, parallel: int
) -> None:
    first = tokens(server.url, "bt.tuphap")
    start = threading.Barrier(parallel)
    answers: list[requests.Response] = []

    def attempt() -> None:
        start.wait()
        answers.append(refresh(server.url, first["refresh_token"]))

    threads = [threading.Thread(target=attempt) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    granted = [a.json() for a in answers if a.status_code == 200]
    refused = [a for a in answers if a.status_code != 200]
    # One rotation; at most one replay of it: every caller that got a pair got THE pair.
    assert 1 <= len(granted) <= 2
    assert len({g["refresh_token"] for g in granted}) == 1
    assert len({g["access_token"] for g in granted}) == 1
    for answer in refused:
        assert ended(answer) == ("refresh_reuse", False)
    pair = granted[0]
    if refused:  # a third caller is a copy: the session ended for everyone
        _both_refused(server.url, pair, "refresh_reuse")
    else:
        assert me(server.url, pair["access_token"]).status_code == 200
    [(rows,)] = server_query(
        server,
        "SELECT count(*) FROM refresh_tokens WHERE session_id = :sid",
        sid=first["session_id"],
    )
    assert rows == 2  # the login's token and exactly one successor


def test_a_session_ends_at_its_absolute_lifetime_however_used(
    server_factory: ServerFactory,
) -> None:
    server = server_factory("--session-absolute-ttl", "3")
    pair = tokens(server.url, "bt.taichinh")
    started = time.monotonic()
    while time.monotonic() - started < 2:
        fresh = refresh(server.url, pair["refresh_token"])  # kept busy: never idle
        assert fresh.status_code == 200
        pair = fresh.json()
        time.sleep(0.3)
    time.sleep(max(0.0, 3.2 - (time.monotonic() - started)))
    # The access token has not expired on its own (10 minutes), the session has.
    assert ended(me(server.url, pair["access_token"])) == ("expired", False)
    assert ended(refresh(server.url, pair["refresh_token"])) == ("expired", False)
    assert login(server.url, "bt.taichinh").status_code == 200  # a password login starts anew


def test_an_idle_session_ends(server_factory: ServerFactory) -> None:
    server = server_factory("--session-idle-ttl", "1")
    pair = tokens(server.url, "bt.taichinh")
    time.sleep(1.5)
    assert ended(refresh(server.url, pair["refresh_token"])) == ("idle", False)
    assert ended(me(server.url, pair["access_token"])) == ("idle", False)


def test_a_password_reset_ends_every_session_of_the_account(server_factory: ServerFactory) -> None:
    server = server_factory()
    laptop, tablet = tokens(server.url, "bt.ytte"), tokens(server.url, "bt.ytte")
    other = tokens(server.url, "bt.taichinh")
    admin = admin_api(server.url)
    target = {u["username"]: u["id"] for u in admin.get_json("/api/v1/admin/users")}["bt.ytte"]
    result = admin.post_json(
        f"/api/v1/admin/users/{target}/password", {"password": "mat-khau-moi-2026"}
    )
    assert result["sessions_ended"] == 2
    _both_refused(server.url, laptop, "password_reset")
    _both_refused(server.url, tablet, "password_reset")
    assert me(server.url, other["access_token"]).status_code == 200  # nobody else's
    assert login(server.url, "bt.ytte").status_code == 401
    assert login(server.url, "bt.ytte", "mat-khau-moi-2026").status_code == 200


def test_disabling_an_account_ends_its_sessions_and_refuses_its_logins(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    pair = tokens(server.url, "bt.tuphap")
    admin = admin_api(server.url)
    target = {u["username"]: u["id"] for u in admin.get_json("/api/v1/admin/users")}["bt.tuphap"]
    assert admin.post_json(f"/api/v1/admin/users/{target}/disable", {})["sessions_ended"] == 1
    _both_refused(server.url, pair, "account_disabled")
    refused, wrong = login(server.url, "bt.tuphap"), login(server.url, "bt.tuphap", "sai-mat-khau")
    assert refused.status_code == wrong.status_code == 401
    assert refused.json() == wrong.json()  # a disabled account looks like a wrong password
    admin.post_json(f"/api/v1/admin/users/{target}/enable", {})
    assert login(server.url, "bt.tuphap").status_code == 200
    _both_refused(server.url, pair, "account_disabled")  # re-enabling revives nothing
    # An administrator cannot lock themselves out by mistake.
    own_id = admin.get_json("/api/v1/auth/me")["id"]
    own = admin.request("POST", f"/api/v1/admin/users/{own_id}/disable")
    assert own.status_code == 409


def test_an_administrator_ends_one_session(server: ServerProcess) -> None:
    laptop, phone = tokens(server.url, "bt.taichinh"), tokens(server.url, "bt.taichinh")
    admin = admin_api(server.url)
    user_id = laptop["user"]["id"]
    listed = admin.get_json("/api/v1/admin/sessions", params={"user_id": user_id})
    assert {laptop["session_id"], phone["session_id"]} <= {s["id"] for s in listed}
    answer = admin.post_json(f"/api/v1/admin/sessions/{laptop['session_id']}/end", {})
    assert answer["end_reason"] == "ended_by_admin"
    _both_refused(server.url, laptop, "ended_by_admin")
    assert me(server.url, phone["access_token"]).status_code == 200
    live = admin.get_json("/api/v1/admin/sessions", params={"user_id": user_id})
    assert laptop["session_id"] not in {s["id"] for s in live}
    # A member may not do it.
    member = requests.post(
        f"{server.url}/api/v1/admin/sessions/{phone['session_id']}/end",
        headers={"Authorization": f"Bearer {phone['access_token']}"},
        timeout=10,
    )
    assert member.status_code == 403


def test_a_revoked_device_is_told_to_wipe_at_its_next_contact(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    key = SigningKey.generate()
    laptop = tokens(server.url, "bt.taichinh", device=offer(key, "bt.taichinh"))
    assert laptop["device"]["key_id"] == key.key_id
    spare = tokens(server.url, "bt.taichinh")  # another session, bound to no device
    admin = admin_api(server.url)
    admin.post_json(f"/api/v1/devices/{key.key_id}/revoke", {})
    # Any request, any refresh: refused with the wipe order.
    assert ended(me(server.url, laptop["access_token"])) == ("device_revoked", True)
    pulled = requests.get(
        server.url + "/api/v1/sync/pull",
        headers={"Authorization": f"Bearer {laptop['access_token']}"},
        timeout=10,
    )
    assert ended(pulled) == ("device_revoked", True)
    assert ended(refresh(server.url, laptop["refresh_token"])) == ("device_revoked", True)
    # A login presenting that key, even with a wrong password: told to wipe too.
    for password in (PASSWORD, "sai-mat-khau"):
        again = login(server.url, "bt.taichinh", password, device=offer(key, "bt.taichinh"))
        assert ended(again) == ("device_revoked", True)
    assert me(server.url, spare["access_token"]).status_code == 200  # only that laptop
    fresh = login(server.url, "bt.taichinh", device=offer(SigningKey.generate(), "bt.taichinh"))
    assert fresh.status_code == 200


def test_a_device_key_is_registered_only_with_a_proof_and_only_once(server: ServerProcess) -> None:
    key, stranger = SigningKey.generate(), SigningKey.generate()
    forged = {**offer(key, "bt.tuphap"), "proof": offer(stranger, "bt.tuphap")["proof"]}
    for username in ("bt.tuphap", "khong.ton.tai"):  # the same answer either way
        answer = login(server.url, username, device=forged)
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "bad_device_proof"
    # A proof made for another account does not register the key for this one.
    elsewhere = login(server.url, "bt.tuphap", device=offer(key, "bt.ytte"))
    assert elsewhere.status_code == 422
    mine = tokens(server.url, "bt.tuphap", device=offer(key, "bt.tuphap"))
    assert mine["device"]["key_id"] == key.key_id
    again = tokens(server.url, "bt.tuphap", device=offer(key, "bt.tuphap"))
    assert again["device"] == mine["device"]  # the same key again: kept, not doubled
    taken = login(server.url, "bt.ytte", device=offer(key, "bt.ytte"))
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "key_taken"
    # The typed username may differ in case and spaces from the account's.
    shouting = login(server.url, " BT.TUPHAP ", device=offer(key, " BT.TUPHAP "))
    assert shouting.status_code == 200
