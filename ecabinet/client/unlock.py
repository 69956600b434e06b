"""Open a profile's secrets before its store: metadata, vault, profile key.

Order matters for a crash at any point: ``profile.json`` (the profile id the keyring
entry is named after) is written first, then the vault gets the key, then the store
is created with it. A profile of the previous release (clear store, clear files, no
``profile.json``) gets a vault and a key here; ``Workspace`` then converts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecabinet.client.profile import (
    ProfileInfo,
    ProfilePaths,
    make_private_dir,
    normalise_server_url,
    private_umask,
)
from ecabinet.client.vault import (
    KIND_KEYRING,
    KIND_PASSPHRASE,
    KeyringVault,
    PassphraseNeed,
    PassphraseVault,
    Vault,
    os_keyring_works,
    passphrase_required,
)
from ecabinet.errors import StoreError
from ecabinet.store.db import is_clear_database


@dataclass
class UnlockedProfile:
    paths: ProfilePaths
    info: ProfileInfo
    vault: Vault
    key: bytes
    upgraded: bool  # a clear profile of the previous release: convert its files


def vault_kind_for(paths: ProfilePaths) -> str:
    info = ProfileInfo.load(paths.info)
    if info is not None:
        return info.vault
    return KIND_KEYRING if os_keyring_works() else KIND_PASSPHRASE


def passphrase_need(profile_dir: Path) -> PassphraseNeed:
    """What opening this profile asks of the person: nothing, a new passphrase, or theirs."""
    paths = ProfilePaths(profile_dir)
    if vault_kind_for(paths) != KIND_PASSPHRASE:
        return "none"
    return "unlock" if paths.vault.is_file() else "create"


def open_vault(paths: ProfilePaths, info: ProfileInfo, passphrase: str | None) -> Vault:
    if info.vault == KIND_KEYRING:
        return KeyringVault(info.profile_id, info.account)
    if info.vault != KIND_PASSPHRASE:
        raise StoreError(
            "Hồ sơ dùng một kiểu kho khóa mà phiên bản này không biết.",
            code="profile_unknown_format",
            message_en=f"Unknown vault kind {info.vault!r}.",
        )
    if passphrase is None:
        raise passphrase_required()
    if paths.vault.is_file():
        return PassphraseVault.unlock(paths.vault, info.profile_id, passphrase)
    return PassphraseVault.create(paths.vault, info.profile_id, passphrase)


def unlock_profile(
    profile_dir: Path, *, server_url: str | None = None, passphrase: str | None = None
) -> UnlockedProfile:
    paths = ProfilePaths(profile_dir)
    with private_umask():
        make_private_dir(paths.root)
        info = ProfileInfo.load(paths.info)
        upgraded = info is None and paths.database.is_file()
        if info is None:
            kind = KIND_KEYRING if os_keyring_works() else KIND_PASSPHRASE
            info = ProfileInfo.new(kind, normalise_server_url(server_url) if server_url else None)
            info.files_sealed = not upgraded
            info.save(paths.info)
        vault = open_vault(paths, info, passphrase)
        key = vault.profile_key()
        if key is None:
            if _holds_encrypted_data(paths):
                raise StoreError(
                    "Không tìm thấy khóa của hồ sơ trong kho khóa, nên không mở được dữ liệu "
                    "trên máy. Hãy xóa hồ sơ này và đăng nhập lại để tải lại tài liệu.",
                    code="profile_key_missing",
                    message_en="The profile key is missing from the vault; the local data "
                    "cannot be read. Delete this profile and log in again.",
                )
            key = vault.new_profile_key()
    return UnlockedProfile(paths, info, vault, key, upgraded or not info.files_sealed)


def _holds_encrypted_data(paths: ProfilePaths) -> bool:
    database = paths.database
    return database.is_file() and database.stat().st_size > 0 and not is_clear_database(database)
