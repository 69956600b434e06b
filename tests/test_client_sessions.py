"""The client's side of sessions: a lost refresh answer, ended sessions, devices, policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.actors import PASSWORD
from support.auth import LossyProxy, admin_api, offer, server_query
from support.server import ServerProcess

from ecabinet.client.api import ApiClient
from ecabinet.client.credentials import SecretSlot
from ecabinet.client.opinions import DEVICE_KEY_ID, device_slot, load_device_key
from ecabinet.client.workspace import Workspace
from ecabinet.crypto.keys import SigningKey
from ecabinet.errors import AuthError
from ecabinet.store import meta


def test_a_refresh_whose_answer_is_lost_keeps_the_session(server: ServerProcess) -> None:
    proxy = LossyProxy(server.url)
    slot = SecretSlot("refresh-token", f"{proxy.url}|lossy")
    api = ApiClient(proxy.url, refresh_slot=slot)
    try:
        api.login("bt.taichinh", PASSWORD)
        session_id = api.session_id
        api.get_json("/api/v1/auth/me")  # the connection the refresh will travel on
        spent = slot.load()
        proxy.lose_next_answer()
        api.refresh()  # rotated on the server, answer lost, asked again with the same token
        assert proxy.lost == 1
        assert slot.load() != spent
        assert api.get_json("/api/v1/auth/me")["username"] == "bt.taichinh"
        assert api.session_id == session_id
        replays = server_query(
            server,
            "SELECT count(*) FROM refresh_tokens"
            " WHERE session_id = :sid AND replayed_at IS NOT NULL",
            sid=session_id,
        )
        assert replays == [(1,)]  # the server gave the same pair again, once
        api.refresh()  # and the session goes on normally afterwards
        assert api.get_json("/api/v1/auth/me")["username"] == "bt.taichinh"
    finally:
        slot.delete()
        proxy.close()


def test_an_ended_session_reaches_the_client_with_its_reason(server: ServerProcess) -> None:
    slot = SecretSlot("refresh-token", f"{server.url}|ended")
    api = ApiClient(server.url, refresh_slot=slot)
    api.login("bt.tuphap", PASSWORD)
    admin_api(server.url).post_json(f"/api/v1/admin/sessions/{api.session_id}/end", {})
    with pytest.raises(AuthError) as info:
        api.get_json("/api/v1/meetings")
    assert (info.value.code, info.value.reason, info.value.wipe) == (
        "session_ended",
        "ended_by_admin",
        False,
    )
    assert "Quản trị" in info.value.message
    assert slot.load() is None  # the refresh token of an ended session is forgotten


def test_login_registers_this_laptops_key_and_the_member_pulls_their_devices(
    server: ServerProcess, tmp_path: Path
) -> None:
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.ytte", PASSWORD)
        key = load_device_key(device_slot(workspace.server_url, "bt.ytte"))
        assert key is not None
        assert workspace.api.device is not None
        assert workspace.api.device["key_id"] == key.key_id
        assert workspace.sync().ok
        with workspace.store.read() as session:
            assert meta.get(session, DEVICE_KEY_ID) == key.key_id
            assert meta.get(session, meta.OFFLINE_ACCESS_DAYS) == "14"
            devices = meta.devices(session)
        assert list(devices) == [key.key_id]
        assert devices[key.key_id]["revoked_at"] is None
        # A second laptop (its own keyring, its own key): the first hears of it at its next sync.
        tablet = ApiClient(server.url)
        tablet.login("bt.ytte", PASSWORD, device=offer(SigningKey.generate(), "bt.ytte"))
        new_key = str(tablet.device["key_id"]) if tablet.device else ""
        assert new_key and new_key != key.key_id
        assert workspace.sync().ok
        with workspace.store.read() as session:
            assert set(meta.devices(session)) == {key.key_id, new_key}
        # Revoked: a login presenting its key is told to wipe, and the laptop erases itself
        # (tests/test_remote_wipe.py covers the next sync).
        admin_api(server.url).post_json(f"/api/v1/devices/{key.key_id}/revoke", {})
        with pytest.raises(AuthError) as again:
            workspace.login("bt.ytte", PASSWORD)
        assert (again.value.code, again.value.reason, again.value.wipe) == (
            "device_wiped", "device_revoked", True,
        )  # fmt: skip
        assert workspace.wiped and not (tmp_path / "laptop").exists()
        assert load_device_key(device_slot(workspace.server_url, "bt.ytte")) is None
        # The member's other device learns of the revocation through its own pull.
        revoked = [c for c in tablet.pull(None)["changes"] if c["id"] == key.key_id]
        assert revoked[0]["data"]["revoked_at"]
    finally:
        workspace.close()
    # Nobody else receives them.
    colleague = ApiClient(server.url)
    colleague.login("bt.taichinh", PASSWORD)
    assert not [c for c in colleague.pull(None)["changes"] if c["type"] == "device"]


def test_no_token_can_register_a_device_key(server: ServerProcess) -> None:
    api = ApiClient(server.url)
    api.login("bt.taichinh", PASSWORD)
    answer = api.request(
        "POST", "/api/v1/devices", json={"public_key": "A" * 44, "label": "kẻ gian"}
    )
    assert answer.status_code == 410
    assert answer.json()["error"]["code"] == "device_registration_moved"
    token = SecretSlot("refresh-token", f"{server.url}|norefresh")
    try:
        api.refresh_slot = token
        api.login("bt.taichinh", PASSWORD)
        sneaky = api.request(
            "POST",
            "/api/v1/auth/refresh",
            json={"refresh_token": token.load(), "device": {"public_key": "A" * 44}},
        )
        assert sneaky.status_code == 422  # a refresh body carries nothing but the token
    finally:
        token.delete()
