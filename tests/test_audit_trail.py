"""The audit trail: signed heads that a rewrite cannot recompute, administration audited."""

from __future__ import annotations

import json

from sqlalchemy import select
from support.actors import Clerk
from support.auth import admin_api, me, offer, server_session, tokens
from support.cli import run_cli
from support.server import ServerFactory, ServerProcess

from ecabinet.crypto.keys import SigningKey
from ecabinet.server.models import AuditEvent
from ecabinet.server.services.audit import _event_hash


def _events(server: ServerProcess) -> list[AuditEvent]:
    with server_session(server) as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        session.expunge_all()
    session.get_bind().dispose()
    return events


def _verify(server: ServerProcess) -> tuple[int, str]:
    result = run_cli("admin", "verify-audit", *server.admin_args(), check=False)
    return result.returncode, result.stdout


def _agenda_work(server: ServerProcess) -> str:
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thường kỳ tháng 12", ["bt.taichinh"])
    item = clerk.add_item(meeting["id"], "Báo cáo tình hình kinh tế - xã hội")
    change = {"title": "Báo cáo KT-XH", "position": 3}
    clerk.api.request("PATCH", f"/api/v1/agenda-items/{item['id']}", json=change).raise_for_status()
    return str(item["id"])


def _rewrite(server: ServerProcess, seq: int, *, keep_signatures: bool) -> None:
    """What someone with write access to the database (but not the key file) can do."""
    with server_session(server) as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        prev = "0" * 64
        for event in events:
            if event.seq == seq:
                details = json.loads(event.details_json)
                details["after"]["title"] = "Nội dung đã bị sửa"
                event.details_json = json.dumps(details, ensure_ascii=False, sort_keys=True)
            if event.seq >= seq:
                event.prev_hash = prev
                event.hash = _event_hash(prev, event)
                if not keep_signatures:
                    event.head_signature = None
            prev = event.hash
        session.commit()
    session.get_bind().dispose()


def test_every_event_is_signed_by_the_server_key(server: ServerProcess) -> None:
    _agenda_work(server)
    info = Clerk(server.url).api.server_info()
    events = _events(server)
    assert events and all(e.head_signature for e in events)
    assert {e.head_key_id for e in events} == {info["server_key"]["key_id"]}
    assert _verify(server)[0] == 0


def test_an_event_rewritten_with_the_chain_recomputed_is_named(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    item_id = _agenda_work(server)
    tokens(server.url, "bt.taichinh")  # more events after the one to be rewritten
    target = next(
        e for e in _events(server) if e.action == "agenda.update" and e.object_id == item_id
    )
    assert json.loads(target.details_json)["before"]["title"].startswith("Báo cáo tình hình")
    _rewrite(server, target.seq, keep_signatures=True)
    code, out = _verify(server)
    assert code == 1
    assert f"BROKEN at event {target.seq} (agenda.update" in out
    assert "signature" in out


def test_stripping_the_signatures_of_a_rewrite_is_noticed(server_factory: ServerFactory) -> None:
    server = server_factory()
    item_id = _agenda_work(server)
    target = next(
        e for e in _events(server) if e.action == "agenda.update" and e.object_id == item_id
    )
    _rewrite(server, target.seq, keep_signatures=False)
    code, out = _verify(server)
    assert code == 1 and f"BROKEN at event {target.seq}" in out


def test_agenda_changes_are_audited_in_full(server: ServerProcess) -> None:
    item_id = _agenda_work(server)
    clerk = Clerk(server.url)
    clerk.api.request("DELETE", f"/api/v1/agenda-items/{item_id}").raise_for_status()
    mine = {e.action: json.loads(e.details_json) for e in _events(server) if e.object_id == item_id}
    assert mine["agenda.create"]["title"] == "Báo cáo tình hình kinh tế - xã hội"
    assert mine["agenda.update"]["before"]["title"] == "Báo cáo tình hình kinh tế - xã hội"
    assert mine["agenda.update"]["after"] == {
        "title": "Báo cáo KT-XH",
        "presenter": "Bộ Tài chính",
        "position": 3,
        "classification": "",
        "revision": 2,
    }
    assert mine["agenda.delete"]["title"] == "Báo cáo KT-XH"


def test_administration_is_audited_through_the_api_and_the_console(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    admin = admin_api(server.url)
    key = SigningKey.generate()
    laptop = tokens(server.url, "bt.ytte", device=offer(key, "bt.ytte"))
    users = {u["username"]: u["id"] for u in admin.get_json("/api/v1/admin/users")}
    admin.get_json("/api/v1/admin/sessions")
    admin.get_json("/api/v1/devices")
    admin.post_json(f"/api/v1/admin/sessions/{laptop['session_id']}/end", {})
    admin.post_json(f"/api/v1/admin/users/{users['bt.tuphap']}/disable", {})
    admin.post_json(f"/api/v1/admin/users/{users['bt.tuphap']}/enable", {})
    admin.post_json(f"/api/v1/admin/users/{users['bt.tuphap']}/password", {"password": "x" * 12})
    admin.post_json(f"/api/v1/devices/{key.key_id}/revoke", {})
    through_api = [e.action for e in _events(server) if e.actor_user_id == users["quantri"]]
    for action in ("session.list", "device.list", "session.end", "user.disable", "user.enable",
                   "user.password_reset", "device.revoke"):  # fmt: skip
        assert action in through_api

    # The same from the server's console, each one audited with no actor but the console.
    args = server.admin_args()
    phone = tokens(server.url, "bt.taichinh")
    listing = run_cli("admin", "list-sessions", *args, "--username", "bt.taichinh").stdout
    assert phone["session_id"] in listing
    run_cli("admin", "end-session", *args, "--session-id", phone["session_id"])
    assert me(server.url, phone["access_token"]).json()["error"]["reason"] == "ended_by_admin"
    run_cli("admin", "disable-user", *args, "--username", "bt.taichinh")
    run_cli("admin", "enable-user", *args, "--username", "bt.taichinh")
    run_cli("admin", "reset-password", *args, "--username", "bt.taichinh",
            "--password-stdin", stdin="mat-khau-moi-2027\n")  # fmt: skip
    assert tokens(server.url, "bt.taichinh", password="mat-khau-moi-2027")["session_id"]
    run_cli("admin", "list-devices", *args)
    console = [e.action for e in _events(server) if e.actor_user_id is None]
    for action in ("session.list", "session.end", "user.disable", "user.enable",
                   "user.password_reset", "device.list"):  # fmt: skip
        assert action in console
    assert _verify(server)[0] == 0
