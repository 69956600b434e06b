"""Which keys a bundle's signatures are checked with, and why they are trusted.

Server keys: a bundle names the key that signed it (``server_key``) and may carry
endorsements from earlier keys (a rotated key). Those keys are trusted only when the
reader reached them from an anchor of their own: a key file, a trust file the app
exported, or a key id matched against the keys the bundle carries (a key id is the
SHA-256 of the key, so a match is that exact key). With no anchor, the bundle is
checked against its own key, which proves it is intact but not who made it: the
result is then *not proven*.

Device keys: the server vouches for each binding of a key to a member in a signed
statement; a key without a verifying statement is not a key of anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ecabinet.ballots.chain import Report
from ecabinet.crypto.ballot_records import parse_device_statement
from ecabinet.crypto.envelopes import Signed
from ecabinet.crypto.keys import VerifyingKey, unb64
from ecabinet.crypto.server_keys import fingerprint, parse_endorsement, trusted_keys
from ecabinet.timeutil import parse_iso


@dataclass(frozen=True)
class ServerKeys:
    signer: VerifyingKey | None  # the key the bundle says signed it
    trusted: dict[str, VerifyingKey]  # keys whose signatures count, by key id
    anchored: bool  # reached from keys the reader named


@dataclass(frozen=True)
class DeviceKey:
    user_id: str
    public: bytes
    registered_at: datetime
    revoked_at: datetime | None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _key(value: Any) -> VerifyingKey | None:
    try:
        return VerifyingKey(unb64(str(value)))
    except ValueError:
        return None


def carried_keys(bundle: dict[str, Any]) -> dict[str, VerifyingKey]:
    """Every server key the bundle carries (its own and the endorsed ones), by key id."""
    out: dict[str, VerifyingKey] = {}
    own = bundle.get("server_key")
    if isinstance(own, dict) and (key := _key(own.get("public_key"))) is not None:
        out[key.key_id] = key
    for item in _list(bundle.get("server_key_endorsements")):
        try:
            statement = parse_endorsement(str(item["text"]), str(item["signature"]))
        except (KeyError, TypeError, ValueError):
            continue
        out[statement.key.key_id] = statement.key
    return out


def server_keys(
    bundle: dict[str, Any], anchors: Iterable[VerifyingKey] | None, report: Report
) -> ServerKeys:
    own = bundle.get("server_key")
    own = own if isinstance(own, dict) else {}
    signer = _key(own.get("public_key"))
    if signer is None:
        report("bad_server_key", None, "the server key is not an Ed25519 key in base64")
    elif own.get("key_id") != signer.key_id:
        report("bad_server_key", None, "the server key id is not the key's SHA-256")
    endorsements = [e for e in _list(bundle.get("server_key_endorsements")) if isinstance(e, dict)]
    if anchors is None:
        return ServerKeys(signer, trusted_keys([signer] if signer else [], endorsements), False)
    named = list(anchors)
    trusted = trusted_keys(named, endorsements)
    if signer is not None and signer.key_id not in trusted:
        yours = ", ".join(fingerprint(k.key_id) for k in named) or "none"
        report(
            "untrusted_server_key",
            None,
            f"the bundle is signed by server key {fingerprint(signer.key_id)}, which is not a "
            f"key you trust (yours: {yours}), nor endorsed by one",
        )
    return ServerKeys(signer, trusted, True)


def device_keys(
    items: list[Any], trusted: dict[str, VerifyingKey], report: Report
) -> dict[str, DeviceKey]:
    """The device keys the server vouched for, by key id; every failure is reported."""
    devices: dict[str, DeviceKey] = {}
    for number, item in enumerate(items, start=1):
        text = item.get("text") if isinstance(item, dict) else None
        signature = item.get("signature") if isinstance(item, dict) else None
        try:
            value = parse_device_statement(text) if isinstance(text, str) else None
            if value is None:
                raise ValueError("no text")
            key = VerifyingKey(unb64(str(value["public_key"])))
            if key.key_id != value["key_id"]:
                raise ValueError("its key id is not the key's SHA-256")
            revoked = value["revoked_at"]
            device = DeviceKey(
                str(value["user_id"]),
                key.public_bytes,
                parse_iso(value["registered_at"]),
                None if revoked is None else parse_iso(revoked),
            )
        except (ValueError, RecursionError) as exc:
            report("bad_device_key", None, f"device key statement #{number}: {exc}")
            continue
        kid = str(value["key_id"])
        server = trusted.get(value["server_key_id"])
        if server is None or not isinstance(signature, str):
            report(
                "bad_device_key",
                None,
                f"device key {kid} of {device.user_id}: vouched for by server key "
                f"{fingerprint(str(value['server_key_id']))}, which is not trusted",
            )
            continue
        if not Signed(text, signature).verify(server):  # type: ignore[arg-type]
            report(
                "bad_device_key",
                None,
                f"device key {kid} of {device.user_id}: the server's statement does not "
                "verify (it was altered or forged)",
            )
            continue
        if devices.get(kid, device) != device:
            report("bad_device_key", None, f"device key {kid}: two different statements")
            continue
        devices[kid] = device
    return devices
