"""The server's secrets live outside the database, in a file only the server can read, and
rotate without logging anyone out; whatever the server writes is its user's only."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import jwt
import pytest
import requests
from alembic import command
from sqlalchemy import text
from support.actors import PASSWORD, Secretariat
from support.auth import database_bytes, me, refresh, tokens
from support.cli import run_cli
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.workspace import Workspace
from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import SigningKey, VerifyingKey
from ecabinet.crypto.server_keys import trusted_keys
from ecabinet.dbengine import make_engine
from ecabinet.server.app import build_context
from ecabinet.server.migrate import alembic_config
from ecabinet.server.security import hash_password
from ecabinet.server.services.keys import KeyFileError
from ecabinet.server.settings import ServerSettings
from ecabinet.store.models import LocalOpinion


def _key_file(data_dir: Path) -> dict:
    return json.loads((data_dir / "keys" / "server-keys.json").read_text())


def _secret_forms(keys: dict) -> list[bytes]:
    """Every way a secret of the key file could be written down."""
    forms: list[bytes] = []
    for entry in keys["token_secrets"]:
        raw = bytes.fromhex(entry["secret"])
        forms += [raw, entry["secret"].encode(), base64.b64encode(raw)]
    for entry in keys["signing_keys"]:
        raw = base64.b64decode(entry["seed"])
        forms += [raw, entry["seed"].encode(), raw.hex().encode()]
    return forms


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_what_the_server_writes_is_readable_by_its_user_only(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Phiên họp", ["bt.taichinh"])
    clerk.upload(meeting["id"], make_pdf(tmp_path / "a.pdf", 2), title="Tờ trình")
    key_file = server.data_dir / "keys" / "server-keys.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    paths = [server.data_dir, *server.data_dir.rglob("*")]
    assert any(p.name.startswith("ecabinet.sqlite3") for p in paths) or server.database_url
    assert any(p.parent.parent.name == "blobs" for p in paths)  # a stored paper among them
    assert [str(p) for p in paths if not _private(p)] == []


def test_no_secret_is_in_the_database(server: ServerProcess) -> None:
    tokens(server.url, "bt.taichinh")  # some activity: sessions, tokens, audit events
    keys = _key_file(server.data_dir)
    stored = database_bytes(server.data_dir, server.database_url)
    assert len(stored) > 10_000
    assert [f for f in _secret_forms(keys) if f in stored] == []


def _database_at_0002(url: str, token_secret: str, seed: str) -> None:
    """A database as release 0002 left it: secrets in server_state, a live login."""
    from datetime import UTC, datetime, timedelta

    engine = make_engine(url)
    config = alembic_config()
    later = (datetime.now(UTC) + timedelta(days=20)).replace(tzinfo=None)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(
            text(
                "INSERT INTO server_state (id, epoch, token_secret, compacted_through, created_at,"
                " signing_seed) VALUES (1, 'e0002', :secret, 0, CURRENT_TIMESTAMP, :seed)"
            ),
            {"secret": token_secret, "seed": seed},
        )
        connection.execute(
            text(
                "INSERT INTO organisations (id, code, name, created_at) "
                "VALUES ('org-1', 'CP', 'Chính phủ', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO users (id, org_id, username, full_name, title, role, password_hash,"
                " is_active, failed_logins, created_at, updated_at) VALUES ('u-1', 'org-1',"
                " 'bt.cu', 'Nguyễn Văn Cũ', '', 'member', :h, true, 0, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)"
            ),
            {"h": hash_password("mat-khau-cu-123")},
        )
        # A login made by release 0002: one family, its live refresh token (hashed).
        connection.execute(
            text(
                "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, client_label,"
                " created_at, expires_at) VALUES ('rt-1', 'u-1', 'fam-1', :hash, 'laptop',"
                " CURRENT_TIMESTAMP, :later)"
            ),
            {"hash": _sha256("refresh-cu-0002-" + "x" * 30), "later": later},
        )
    engine.dispose()


def _sha256(value: str) -> str:
    import hashlib

    return hashlib.sha256(value.encode()).hexdigest()


def test_a_0002_database_gives_its_secrets_to_the_key_file(
    tmp_path: Path,
    databases,  # type: ignore[no-untyped-def]
) -> None:
    url = databases()
    data_dir = tmp_path / "server"
    data_dir.mkdir()
    url_or_sqlite = url or f"sqlite:///{data_dir / 'ecabinet.sqlite3'}"
    old_secret = "ab" * 32  # 0002 kept a hex string and used it as the HMAC key as is
    old_key = SigningKey.generate()
    _database_at_0002(url_or_sqlite, old_secret, old_key.to_b64())
    before = database_bytes(data_dir, url)
    assert old_secret.encode() in before and old_key.to_b64().encode() in before

    ctx = build_context(ServerSettings(data_dir=data_dir, database_url=url))
    try:
        # The receipt key did not change (no silent rotation); the old secret still verifies.
        assert ctx.signing_key.key_id == old_key.key_id
        legacy = ctx.keys.secret_for(None)
        assert legacy is not None and legacy.secret == old_secret.encode()
        with ctx.reader() as session:
            row = session.execute(
                text("SELECT token_secret, signing_seed, signing_key_id FROM server_state")
            ).one()
        assert (row.token_secret, row.signing_seed, row.signing_key_id) == (
            "",
            None,
            old_key.key_id,
        )
    finally:
        ctx.engine.dispose()
    key_file = data_dir / "keys" / "server-keys.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    after = database_bytes(data_dir, url)
    assert old_secret.encode() not in after
    assert [f for f in _secret_forms(_key_file(data_dir)) if f in after] == []

    # The people logged in before the upgrade stay logged in, on the real server.
    server = ServerProcess(data_dir, url).start()
    try:
        old_access = jwt.encode(
            {"sub": "u-1", "org": "org-1", "role": "member", "sid": "fam-1", "typ": "access",
             "iat": 1, "exp": 4_000_000_000},
            old_secret, algorithm="HS256",
        )  # fmt: skip
        assert me(server.url, old_access).json()["username"] == "bt.cu"
        renewed = refresh(server.url, "refresh-cu-0002-" + "x" * 30)
        assert renewed.status_code == 200, renewed.text
        assert me(server.url, renewed.json()["access_token"]).status_code == 200
    finally:
        server.stop()
    verdict = run_cli("admin", "verify-audit", "--data-dir", data_dir,
                      *(["--database-url", url] if url else []))  # fmt: skip
    assert "intact" in verdict.stdout


def test_a_database_is_never_paired_with_another_servers_keys(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for data_dir in (first, second):
        build_context(ServerSettings(data_dir=data_dir)).engine.dispose()
    key_file = first / "keys" / "server-keys.json"
    kept = key_file.read_bytes()
    key_file.unlink()
    with pytest.raises(KeyFileError) as missing:
        build_context(ServerSettings(data_dir=first))
    assert missing.value.code == "key_file_missing"
    assert not key_file.exists()  # no new keys were minted silently
    key_file.write_bytes((second / "keys" / "server-keys.json").read_bytes())
    with pytest.raises(KeyFileError) as mismatch:
        build_context(ServerSettings(data_dir=first))
    assert mismatch.value.code == "key_file_mismatch"
    key_file.write_bytes(kept)
    build_context(ServerSettings(data_dir=first)).engine.dispose()
    refused = run_cli("admin", "verify-audit", "--data-dir", first,
                      "--key-file", second / "keys" / "server-keys.json", check=False)  # fmt: skip
    assert refused.returncode == 2 and "key_file_mismatch" in refused.stderr


def test_keys_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    donor = tmp_path / "donor"
    build_context(ServerSettings(data_dir=donor)).engine.dispose()
    material = (donor / "keys" / "server-keys.json").read_text()
    monkeypatch.setenv("ECABINET_SERVER_KEYS", material)
    server = ServerProcess(tmp_path / "server").start()
    try:
        info = requests.get(server.url + "/api/v1/server-info", timeout=10).json()
        assert info["server_key"]["key_id"] == json.loads(material)["signing_keys"][-1]["key_id"]
        assert not (tmp_path / "server" / "keys").exists()
    finally:
        server.stop()


def test_key_rotation_keeps_sessions_alive_and_old_receipts_verifiable(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến", ["bt.taichinh"])
    doc = clerk.upload(meeting["id"], make_pdf(tmp_path / "d.pdf", 2), title="Dự thảo")
    ballots = [
        clerk.create_ballot(meeting["id"], q, document_ids=[doc["document"]["id"]])
        for q in ("Câu hỏi trước khi xoay khóa?", "Câu hỏi sau khi xoay khóa?")
    ]
    workspace = Workspace(tmp_path / "laptop", server_url=server.url)
    try:
        workspace.login("bt.taichinh", PASSWORD)
        assert workspace.sync().ok
        workspace.sign_opinion(ballots[0]["id"], "agree", "")
        assert workspace.sync().ok
        pair = tokens(server.url, "bt.ytte")
        before = requests.get(server.url + "/api/v1/server-info", timeout=10).json()["server_key"]
        # What a reader holds from before the rotation: a trust file naming the old key.
        trust = tmp_path / "trust-before.json"
        run_cli("trust", "export", "--profile-dir", tmp_path / "laptop", "--output", trust)

        server.stop()
        rotated = run_cli("admin", "rotate-keys", *server.admin_args())
        assert "endorsed by" in rotated.stdout
        server.start()

        # Nobody is logged out: the old access token verifies, its refresh works.
        assert me(server.url, pair["access_token"]).status_code == 200
        renewed = refresh(server.url, pair["refresh_token"]).json()
        kids = [t["kid"] for t in _key_file(server.data_dir)["token_secrets"]]
        assert jwt.get_unverified_header(renewed["access_token"])["kid"] == kids[-1] != kids[0]
        assert workspace.sync().ok  # the laptop's session too

        info = requests.get(server.url + "/api/v1/server-info", timeout=10).json()
        published = info["server_keys"]
        assert published[0]["key_id"] == before["key_id"] and not published[0]["current"]
        assert published[-1]["current"]
        assert published[-1]["key_id"] == info["server_key"]["key_id"] != before["key_id"]
        old = VerifyingKey.from_b64(before["public_key"])
        endorsements = [k["endorsement"] for k in published]
        assert info["server_key"]["key_id"] in trusted_keys([old], endorsements)

        # A ballot issued after the rotation: its definition is signed with the new key,
        # which the laptop learns through the endorsement from the key it pinned.
        late = clerk.create_ballot(
            meeting["id"],
            "Câu hỏi phát hành sau khi xoay khóa?",
            document_ids=[doc["document"]["id"]],
        )
        assert workspace.sync().ok
        workspace.sign_opinion(ballots[1]["id"], "disagree", "")
        workspace.sign_opinion(late["id"], "agree", "")
        # Taken and receipted with the new key, and the laptop verifies those receipts.
        report = workspace.sync()
        assert report.applied == 2 and report.ok, report.errors
        with workspace.store.read() as session:
            receipts = {o.ballot_id: o for o in session.query(LocalOpinion)}
        first, second = receipts[ballots[0]["id"]], receipts[ballots[1]["id"]]
        assert json.loads(first.receipt)["server_key_id"] == before["key_id"]
        assert Signed(first.receipt, first.receipt_signature).verify(old)
        new = VerifyingKey.from_b64(info["server_key"]["public_key"])
        assert json.loads(second.receipt)["server_key_id"] == new.key_id
        assert Signed(second.receipt, second.receipt_signature).verify(new)
        assert first.receipt_verified and second.receipt_verified
        assert receipts[late["id"]].receipt_verified
        # A fresh password login accepts the rotated key too (it is endorsed).
        workspace.login("bt.taichinh", PASSWORD)
        # A bundle mixing both keys is proven against the trust file from before.
        clerk.close_ballot(ballots[1]["id"])
        bundle = tmp_path / "bundle.json"
        bundle.write_text(json.dumps(clerk.bundle(ballots[1]["id"])))
        proven = run_cli("verify", bundle, "--trust-file", trust, check=False)
        assert proven.returncode == 0, proven.stdout + proven.stderr
    finally:
        workspace.close()
    assert "intact" in run_cli("admin", "verify-audit", *server.admin_args()).stdout
