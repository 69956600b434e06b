"""The profile's secrets: OS keyring when one answers, else a passphrase vault; never clear."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
import pytest
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.backends import fail
from keyring_file_backend import FileKeyring, entries, no_os_keyring
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerFactory, ServerProcess

from ecabinet.client.opinions import device_slot, load_device_key
from ecabinet.client.unlock import passphrase_need
from ecabinet.client.vault import PassphraseVault, os_keyring_works
from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError, KeyringUnavailable, StoreError
from ecabinet.store.models import LocalOpinion

PASSPHRASE = "cụm mật khẩu của bộ trưởng"


def _ballot(server: ServerProcess, tmp_path: Path) -> dict:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến thành viên Chính phủ", ["bt.taichinh"])
    doc = clerk.upload(meeting["id"], make_pdf(tmp_path / "duthao.pdf"), title="Dự thảo")
    return clerk.create_ballot(
        meeting["id"], "Đồng ý thông qua dự thảo?", document_ids=[doc["document"]["id"]]
    )


def _every_byte_of(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_keyring_probe_tells_a_working_keyring_from_none() -> None:
    assert os_keyring_works()  # the tests' own keyring
    with no_os_keyring():
        assert not os_keyring_works()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # what a headless Linux session gets
    try:
        assert not os_keyring_works()
    finally:
        keyring.set_keyring(previous)


def test_without_a_keyring_a_passphrase_protects_the_profile_and_signing_works(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory()
    ballot = _ballot(server, tmp_path)
    profile = tmp_path / "laptop"
    with no_os_keyring():
        assert passphrase_need(profile) == "create"
        with pytest.raises(InputError) as asked:
            Workspace(profile, server_url=server.url)
        assert asked.value.code == "passphrase_required"
        assert "không có kho khóa" in asked.value.message  # says why, in Vietnamese
        with pytest.raises(InputError) as weak:
            Workspace(profile, server_url=server.url, passphrase="ngắn")
        assert weak.value.code == "weak_passphrase"

        workspace = Workspace(profile, server_url=server.url, passphrase=PASSPHRASE)
        try:
            workspace.login("bt.taichinh", PASSWORD)
            assert workspace.signing_unavailable is None
            assert workspace.sync().ok
            refresh = workspace.api.refresh_slot.load() if workspace.api.refresh_slot else None
            seed = device_slot(server.url, "bt.taichinh", workspace.vault).load()
            assert refresh and seed
            profile_key = workspace.vault.profile_key()
            assert profile_key is not None
        finally:
            workspace.close()
        assert passphrase_need(profile) == "unlock"
        # Nothing of the three secrets is anywhere in the profile in clear.
        everything = _every_byte_of(profile)
        for secret in (refresh.encode(), seed.encode(), base64.b64decode(seed), profile_key,
                       base64.b64encode(profile_key)):  # fmt: skip
            assert secret not in everything

        with pytest.raises(InputError) as wrong:
            Workspace(profile, passphrase="không phải cụm này")
        assert wrong.value.code == "wrong_passphrase"
        assert "không đúng" in wrong.value.message

        # The passphrase is all it takes: offline, sign; online, delivered once.
        server.stop()
        workspace = Workspace(profile, passphrase=PASSPHRASE)
        try:
            assert workspace.can_resume()  # the refresh token was kept in the vault
            workspace.sign_opinion(ballot["id"], "agree", "")
            server.start()
            report = workspace.sync()
            assert report.ok and report.applied == 1, report.errors
            with workspace.store.read() as session:
                opinion = session.query(LocalOpinion).one()
            assert opinion.state == "accepted" and opinion.receipt_verified
        finally:
            workspace.close()


def test_the_vault_file_is_argon2id_and_aes_gcm_as_recorded(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    vault = PassphraseVault.create(path, "a" * 32, PASSPHRASE)
    vault.put("refresh-token|https://s|u", "bí-mật-123")
    document = json.loads(path.read_text())
    kdf = document["kdf"]
    assert kdf["algorithm"] == "argon2id"
    assert kdf["memory_kib"] >= 64 * 1024 and kdf["iterations"] >= 3
    assert len(base64.b64decode(kdf["salt"])) == 16
    assert "bí-mật" not in path.read_text()
    # An independent implementation (argon2-cffi) opens it from what the file records.
    key = hash_secret_raw(
        PASSPHRASE.encode(), base64.b64decode(kdf["salt"]), time_cost=kdf["iterations"],
        memory_cost=kdf["memory_kib"], parallelism=kdf["lanes"], hash_len=32, type=Type.ID,
    )  # fmt: skip
    plain = AESGCM(key).decrypt(
        base64.b64decode(document["nonce"]),
        base64.b64decode(document["ciphertext"]),
        b"ecabinet.vault.v1|" + b"a" * 32,
    )
    assert json.loads(plain)["refresh-token|https://s|u"] == "bí-mật-123"
    assert path.stat().st_mode & 0o777 == 0o600

    # Bound to its profile: copied next to another profile it does not open.
    with pytest.raises(InputError) as other:
        PassphraseVault.unlock(path, "b" * 32, PASSPHRASE)
    assert other.value.code == "wrong_passphrase"
    # Parameters are data from disk: a file asking for a terabyte is refused at once.
    document["kdf"]["memory_kib"] = 1 << 40
    path.write_text(json.dumps(document))
    with pytest.raises(StoreError) as wild:
        PassphraseVault.unlock(path, "a" * 32, PASSPHRASE)
    assert wild.value.code == "vault_unreadable"


def test_wipe_removes_every_secret_of_the_profile(server: ServerProcess, tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "keyring-laptop", server_url=server.url)
    try:
        workspace.login("bt.tuphap", PASSWORD)
        account = f"{server.url}|bt.tuphap"
        mine = {
            f"eCabinet\0profile-key|{workspace.profile.profile_id}",
            f"eCabinet\0refresh-token|{account}",
            f"eCabinet\0device-key|{account}",
        }
        assert mine <= set(entries())
        workspace.vault.wipe()
        assert not mine & set(entries())
    finally:
        workspace.close()

    with no_os_keyring():
        laptop = tmp_path / "vault-laptop"
        workspace = Workspace(laptop, server_url=server.url, passphrase=PASSPHRASE)
        try:
            workspace.login("bt.tuphap", PASSWORD)
            assert workspace.paths.vault.is_file()
            workspace.vault.wipe()
            assert not workspace.paths.vault.exists()
        finally:
            workspace.close()


def test_a_keyring_profile_whose_keyring_is_gone_says_so_and_makes_no_new_key(
    server: ServerProcess, tmp_path: Path
) -> None:
    profile = tmp_path / "laptop"
    workspace = Workspace(profile, server_url=server.url)
    try:
        workspace.login("bt.ytte", PASSWORD)
        assert workspace.sync().ok
        profile_id = workspace.profile.profile_id
    finally:
        workspace.close()
    with no_os_keyring(), pytest.raises(KeyringUnavailable) as gone:
        Workspace(profile)
    assert gone.value.code == "no_keyring"
    # The keyring answers but lost the key (reset): refused plainly, nothing overwritten.
    FileKeyring().delete_password("eCabinet", f"profile-key|{profile_id}")
    before = (profile / "ecabinet.sqlite3").read_bytes()
    with pytest.raises(StoreError) as lost:
        Workspace(profile)
    assert lost.value.code == "profile_key_missing"
    assert (profile / "ecabinet.sqlite3").read_bytes() == before


def test_the_device_key_seed_lives_in_the_vault(server: ServerProcess, tmp_path: Path) -> None:
    with no_os_keyring():
        workspace = Workspace(tmp_path / "l", server_url=server.url, passphrase=PASSPHRASE)
        try:
            workspace.login("bt.taichinh", PASSWORD)
            slot = device_slot(server.url, "bt.taichinh", workspace.vault)
            assert load_device_key(slot) is not None
            assert slot.unavailable is None
        finally:
            workspace.close()
