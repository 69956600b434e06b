"""The server's secrets, kept outside the database: token secrets and receipt-signing keys.

One JSON key file (default ``DATA_DIR/keys/server-keys.json``, mode 0600, folder 0700),
or the same JSON given through the environment (``ECABINET_SERVER_KEYS``) when a secret
store provides it. Each secret has an id: access tokens carry the ``kid`` of the token
secret that signed them, receipts and audit heads the ``key_id`` of the signing key.
The last entry of each list is the current one; older ones stay so that what they
signed keeps verifying. ``rotated()`` adds a new current pair; the new signing key is
endorsed by the one it replaces (``ecabinet.crypto.server_keys.endorse``).

A database must never be paired with the wrong key file: the database records the id
of its current signing key (public), and a start with a key file that does not hold it
is refused instead of minting new keys silently.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import SigningKey, VerifyingKey, b64
from ecabinet.crypto.server_keys import endorse, parse_endorsement
from ecabinet.errors import InputError
from ecabinet.fsutil import atomic_write_bytes
from ecabinet.server.services.state import ensure_server_state
from ecabinet.server.settings import KEY_FILE_ENV, ServerSettings
from ecabinet.timeutil import isoformat, utcnow

KEY_FILE_TYPE = "ecabinet.server-keys.v1"
# The id given to the token secret moved out of a database from before key files.
LEGACY_TOKEN_KID = "legacy"  # noqa: S105  (an id, not a secret)
# Session.info flag: secrets were blanked in this transaction.
_SCRUB = "ecabinet_scrub_secrets"


class KeyFileError(InputError):
    pass


@dataclass(frozen=True)
class TokenSecret:
    kid: str
    secret: bytes
    created_at: str


@dataclass(frozen=True)
class ServerSigningKey:
    key: SigningKey
    created_at: str
    endorsement: Signed  # names this key; signed by the key before it (or itself, first)

    def public(self, *, current: bool) -> dict[str, Any]:
        return {
            "key_id": self.key.key_id,
            "public_key": b64(self.key.public_bytes),
            "created_at": self.created_at,
            "current": current,
            "endorsement": {
                "text": self.endorsement.text,
                "signature": self.endorsement.signature,
            },
        }


@dataclass(frozen=True)
class ServerKeys:
    token_secrets: tuple[TokenSecret, ...]
    signing_keys: tuple[ServerSigningKey, ...]

    @property
    def token_secret(self) -> TokenSecret:
        return self.token_secrets[-1]

    @property
    def signing_key(self) -> SigningKey:
        return self.signing_keys[-1].key

    def secret_for(self, kid: str | None) -> TokenSecret | None:
        wanted = kid or LEGACY_TOKEN_KID  # tokens from before key ids carry none
        return next((t for t in self.token_secrets if t.kid == wanted), None)

    def verifying_key(self, key_id: str) -> VerifyingKey | None:
        for entry in self.signing_keys:
            if entry.key.key_id == key_id:
                return VerifyingKey(entry.key.public_bytes)
        return None

    def published(self) -> list[dict[str, Any]]:
        """Every signing key, oldest first, with its endorsement: for server-info."""
        last = len(self.signing_keys) - 1
        return [k.public(current=i == last) for i, k in enumerate(self.signing_keys)]

    def rotated(self) -> ServerKeys:
        """A new current token secret and signing key; the old ones stay to verify."""
        now = isoformat(utcnow()) or ""
        new_key = SigningKey.generate()
        return ServerKeys(
            token_secrets=(*self.token_secrets, new_token_secret(now)),
            signing_keys=(
                *self.signing_keys,
                ServerSigningKey(new_key, now, endorse(new_key, self.signing_key, created_at=now)),
            ),
        )

    def to_json(self) -> str:
        body = {
            "type": KEY_FILE_TYPE,
            "token_secrets": [
                {"kid": t.kid, "secret": t.secret.hex(), "created_at": t.created_at}
                for t in self.token_secrets
            ],
            "signing_keys": [
                {
                    "key_id": k.key.key_id,
                    "seed": k.key.to_b64(),
                    "created_at": k.created_at,
                    "endorsement": {
                        "text": k.endorsement.text,
                        "signature": k.endorsement.signature,
                    },
                }
                for k in self.signing_keys
            ],
        }
        return json.dumps(body, indent=2) + "\n"


def new_token_secret(created_at: str, kid: str | None = None) -> TokenSecret:
    return TokenSecret(kid or secrets.token_hex(6), secrets.token_bytes(32), created_at)


def first_signing_key(key: SigningKey, created_at: str) -> ServerSigningKey:
    return ServerSigningKey(key, created_at, endorse(key, None, created_at=created_at))


def new_keys() -> ServerKeys:
    now = isoformat(utcnow()) or ""
    return ServerKeys((new_token_secret(now),), (first_signing_key(SigningKey.generate(), now),))


def parse_keys(text: str, where: str) -> ServerKeys:
    def bad(why: str) -> KeyFileError:
        return KeyFileError(
            f"Tệp khóa của máy chủ không dùng được ({where}): {why}.",
            code="bad_key_file",
            message_en=f"The server key file is unusable ({where}): {why}.",
        )

    try:
        data = json.loads(text)
    except ValueError as exc:
        raise bad(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("type") != KEY_FILE_TYPE:
        raise bad(f"not an {KEY_FILE_TYPE} document")
    try:
        tokens = tuple(
            TokenSecret(str(t["kid"]), bytes.fromhex(t["secret"]), str(t["created_at"]))
            for t in data["token_secrets"]
        )
        signing = []
        for k in data["signing_keys"]:
            key = SigningKey.from_b64(k["seed"])
            endorsement = Signed(k["endorsement"]["text"], k["endorsement"]["signature"])
            statement = parse_endorsement(endorsement.text, endorsement.signature)
            if key.key_id != k["key_id"] or statement.key.key_id != key.key_id:
                raise ValueError(f"key {k['key_id']} does not match its seed or endorsement")
            signing.append(ServerSigningKey(key, str(k["created_at"]), endorsement))
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(str(exc)) from None
    if not tokens or not signing or any(len(t.secret) < 32 for t in tokens):
        raise bad("it needs at least one token secret (32+ bytes) and one signing key")
    return ServerKeys(tokens, tuple(signing))


def write_key_file(path: Path, keys: ServerKeys) -> None:
    """Write atomically, readable by the server's user only (folder 0700, file 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.chmod(0o700)
    atomic_write_bytes(path, keys.to_json().encode())  # mkstemp creates it 0600
    path.chmod(0o600)


def read_configured_keys(settings: ServerSettings) -> ServerKeys | None:
    if settings.key_material:
        return parse_keys(settings.key_material, "environment")
    path = settings.resolved_key_file
    if not path.is_file():
        return None
    return parse_keys(path.read_text(encoding="utf-8"), str(path))


def _with_legacy(keys: ServerKeys | None, token_secret: str, seed: str | None) -> ServerKeys:
    """Add the secrets a database held before key files existed, unless present.

    With no key file yet, the old signing key stays the current one (no silent
    rotation); the old token secret keeps verifying the tokens it signed.
    """
    now = isoformat(utcnow()) or ""
    tokens = keys.token_secrets if keys else (new_token_secret(now),)
    if token_secret and not any(t.kid == LEGACY_TOKEN_KID for t in tokens):
        # The old secret was a hex string used as the HMAC key as such.
        tokens = (TokenSecret(LEGACY_TOKEN_KID, token_secret.encode(), now), *tokens)
    signing = keys.signing_keys if keys else ()
    if seed:
        key = SigningKey.from_b64(seed)
        if not any(k.key.key_id == key.key_id for k in signing):
            # It signed every receipt so far: the first key, ahead of any newer one.
            signing = (first_signing_key(key, now), *signing)
    if not signing:
        signing = (first_signing_key(SigningKey.generate(), now),)
    return ServerKeys(tokens, signing)


def ensure_keys(session: Session, settings: ServerSettings) -> ServerKeys:
    """Load the key file (making it on a first start), moving secrets out of the database.

    The caller commits, then calls ``scrub_old_pages``. A database from before key
    files gives its token secret and signing seed to the key file, which is written
    first; only then are the columns blanked, so a crash in between loses nothing.
    """
    state = ensure_server_state(session)
    legacy_token, legacy_seed = state.token_secret or "", state.signing_seed
    has_legacy = bool(legacy_token or legacy_seed)
    keys = read_configured_keys(settings)
    if keys is None:
        if state.signing_key_id and not legacy_seed:
            raise KeyFileError(
                f"Cơ sở dữ liệu này dùng khóa của máy chủ nằm trong một tệp khóa khác; hãy "
                f"chép tệp khóa đó vào {settings.resolved_key_file} (hoặc dùng --key-file, "
                f"biến môi trường {KEY_FILE_ENV}).",
                code="key_file_missing",
                message_en=(
                    f"This database's server keys are in another key file: copy it to "
                    f"{settings.resolved_key_file} (or use --key-file / {KEY_FILE_ENV})."
                ),
            )
        keys = _with_legacy(None, legacy_token, legacy_seed)
        write_key_file(settings.resolved_key_file, keys)
    elif has_legacy:
        merged = _with_legacy(keys, legacy_token, legacy_seed)
        added = (len(merged.token_secrets), len(merged.signing_keys)) != (
            len(keys.token_secrets),
            len(keys.signing_keys),
        )
        if added:
            if settings.key_material:
                raise KeyFileError(
                    "Cơ sở dữ liệu còn giữ khóa cũ mà khóa trong biến môi trường không có.",
                    code="key_file_incomplete",
                    message_en="The database holds secrets the environment's keys lack.",
                )
            write_key_file(settings.resolved_key_file, merged)
            keys = merged
    if state.signing_key_id and keys.verifying_key(state.signing_key_id) is None:
        raise KeyFileError(
            "Tệp khóa của máy chủ không chứa khóa ký mà cơ sở dữ liệu này đang dùng.",
            code="key_file_mismatch",
            message_en=(
                f"The key file lacks this database's signing key {state.signing_key_id}: "
                "it belongs to another server."
            ),
        )
    if has_legacy:
        _scrub_after_commit(session)
        state.token_secret = ""
        state.signing_seed = None
    state.signing_key_id = keys.signing_key.key_id
    session.flush()
    return keys


def _scrub_after_commit(session: Session) -> None:
    # Blanked values may linger in free pages: SQLite zeroes them with secure_delete.
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    session.info[_SCRUB] = True


def secrets_moved(session: Session) -> bool:
    """Did ``ensure_keys`` move secrets out of the database in this transaction?"""
    return bool(session.info.get(_SCRUB))


def scrub_old_pages(session: Session, engine: Engine) -> None:
    """After the commit that blanked the secrets: rewrite what still holds old copies."""
    if not session.info.pop(_SCRUB, False):
        return
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        elif conn.dialect.name == "postgresql":
            # The old row version stays in the table's file until it is rewritten.
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM FULL server_state")
