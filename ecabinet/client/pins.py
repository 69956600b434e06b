"""What a profile pinned of its server at first login, and how it is shown to people.

Two keys: the server's TLS key (``tls_spki_sha256``, checked inside every connection by
``client/transport.py``) and its receipt-signing key (``opinions.pin_server_key``). The
minister or the Government Office can compare the fingerprints over the phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ecabinet.client.opinions import SERVER_KEY
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.crypto.server_keys import fingerprint
from ecabinet.store import meta
from ecabinet.store.db import LocalStore

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TLS_SPKI = "server_tls_spki_sha256"  # hex SHA-256 of the leaf certificate's public key


def tls_pin(store: LocalStore) -> str | None:
    with store.read() as session:
        return meta.get(session, TLS_SPKI)


def pin_tls_key(session: Session, seen: str | None) -> bool:
    """Pin the TLS key the login connection met (inside the writer). True if pinned now.

    ``seen`` is None over plain http to this computer: nothing to pin.
    """
    if seen is None:
        return False
    pinned = meta.get(session, TLS_SPKI)
    if pinned is None:
        meta.put(session, TLS_SPKI, seen)
        return True
    if pinned != seen:  # the connection refuses this first; kept as a second lock
        from ecabinet.client.transport import TlsKeyChanged  # requests: not at start

        raise TlsKeyChanged(pinned, seen)
    return False


@dataclass(frozen=True)
class ServerIdentity:
    tls_spki_sha256: str | None
    receipt_key_id: str | None

    @property
    def tls_fingerprint(self) -> str | None:
        return fingerprint(self.tls_spki_sha256) if self.tls_spki_sha256 else None

    @property
    def receipt_key_fingerprint(self) -> str | None:
        return fingerprint(self.receipt_key_id) if self.receipt_key_id else None

    def as_json(self) -> dict[str, Any]:
        return {
            "tls_spki_sha256": self.tls_spki_sha256,
            "tls_fingerprint": self.tls_fingerprint,
            "receipt_key_id": self.receipt_key_id,
            "receipt_key_fingerprint": self.receipt_key_fingerprint,
        }

    def lines_vi(self) -> list[str]:
        """For people: what to read out to the Government Office to confirm the server."""
        return [
            f"Dấu vân tay khóa TLS của máy chủ: {self.tls_fingerprint or 'không có (http nội bộ)'}",
            f"Dấu vân tay khóa ký biên nhận:    {self.receipt_key_fingerprint or 'chưa ghi nhớ'}",
        ]


def server_identity(session: Session) -> ServerIdentity:
    receipt_key = meta.get(session, SERVER_KEY)
    return ServerIdentity(
        tls_spki_sha256=meta.get(session, TLS_SPKI),
        receipt_key_id=VerifyingKey.from_b64(receipt_key).key_id if receipt_key else None,
    )
