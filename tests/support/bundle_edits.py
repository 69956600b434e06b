"""Reading a finished result bundle, and changing it the way someone editing the file would.

Each helper returns a changed copy. ``swap_server_key`` and ``forge_with`` play an
attacker who holds a key of their own: the first re-signs the receipts and the head
(what fooled verify before definitions were signed), the second rewrites the whole
bundle, with device keys of its own, so that it is consistent with itself.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from ecabinet.crypto.ballot_records import DEFINITION_TYPE, chain_head_v2
from ecabinet.crypto.canonical import canonical_text, digest
from ecabinet.crypto.envelopes import GENESIS, RECEIPT_TYPE
from ecabinet.crypto.keys import b64, unb64
from support.bundles import Key


def envelope_of(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(bundle["opinions"][index]["envelope"])
    return value


def receipt_of(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(bundle["opinions"][index]["receipt"])
    return value


def opinion_id_of(bundle: dict[str, Any], index: int) -> str:
    return digest(bundle["opinions"][index]["envelope"].encode("utf-8"))


def index_of(bundle: dict[str, Any], user_id: str, nth: int = -1) -> int:
    """The position of the member's ``nth`` opinion in the bundle."""
    found = [
        i for i in range(len(bundle["opinions"])) if envelope_of(bundle, i)["user_id"] == user_id
    ]
    return found[nth]


def tamper_envelope(bundle: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    """Edit an envelope after signing; its signature and receipt stay as they were."""
    out = copy.deepcopy(bundle)
    out["opinions"][index]["envelope"] = canonical_text({**envelope_of(bundle, index), **changes})
    return out


def tamper_signature(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    raw = bytearray(unb64(out["opinions"][index]["signature"]))
    raw[5] ^= 0x01
    out["opinions"][index]["signature"] = b64(bytes(raw))
    return out


def tamper_receipt(bundle: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    """Edit a receipt after the server signed it (e.g. turn "rejected" into "accepted")."""
    out = copy.deepcopy(bundle)
    out["opinions"][index]["receipt"] = canonical_text({**receipt_of(bundle, index), **changes})
    return out


def remove_opinion(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    del out["opinions"][index]
    return out


def duplicate_opinion(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    out["opinions"].append(copy.deepcopy(out["opinions"][index]))
    return out


def tamper_summary(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Edit the plain ``ballot`` summary, which no signature covers."""
    out = copy.deepcopy(bundle)
    out["ballot"].update(changes)
    return out


def record_of(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(bundle["records"][index]["text"])
    return value


def tamper_record(bundle: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    """Edit a signed definition (or the closing record); its signature stays as it was."""
    out = copy.deepcopy(bundle)
    out["records"][index]["text"] = canonical_text({**record_of(bundle, index), **changes})
    return out


def remove_record(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    del out["records"][index]
    return out


def tamper_chain_head(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    out["chain_head"].update(changes)
    return out


def tamper_tally(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    out["tally"].update(changes)
    return out


def _chain_items(bundle: dict[str, Any]) -> list[tuple[int, str, int]]:
    """(seq, "record"|"receipt", index) of every chain item, in chain order."""
    items = [(json.loads(r["text"])["seq"], "record", i) for i, r in enumerate(bundle["records"])]
    items += [
        (json.loads(o["receipt"])["seq"], "receipt", i) for i, o in enumerate(bundle["opinions"])
    ]
    return sorted(items)


def _resign_head(out: dict[str, Any], key: Key, last: str) -> None:
    head = out["chain_head"]
    value = chain_head_v2(
        ballot_id=out["ballot"]["id"], seq=head["seq"], hash_=last, exported_at=head["exported_at"]
    )
    head.update(hash=last, signature=key.sign_text(canonical_text(value)))


def swap_server_key(bundle: dict[str, Any], key: Key) -> dict[str, Any]:
    """Put another server key in, re-sign every receipt (relinking the chain) and the head.

    The signed definitions and device statements are left as the server signed them:
    the attacker cannot re-sign those without breaking every envelope's binding.
    """
    out = copy.deepcopy(bundle)
    out["server_key"] = {"key_id": key.key_id, "public_key": key.public_b64}
    previous = GENESIS
    for _seq, kind, index in _chain_items(out):
        if kind == "record":
            text = out["records"][index]["text"]
        else:
            rec = {
                **json.loads(out["opinions"][index]["receipt"]),
                "prev": previous,
                "server_key_id": key.key_id,
            }
            text = canonical_text(rec)
            out["opinions"][index].update(receipt=text, receipt_signature=key.sign_text(text))
        previous = digest(text.encode("utf-8"))
    _resign_head(out, key, previous)
    return out


def forge_with(bundle: dict[str, Any], key: Key, *, seed: str = "forger") -> dict[str, Any]:
    """Rewrite the whole bundle under ``key``: every definition, receipt and device
    statement, and every envelope re-signed by a device key of the forger's, bound to
    the re-signed definitions. Consistent with itself; only a trusted key tells."""
    out = copy.deepcopy(bundle)
    out["server_key"] = {"key_id": key.key_id, "public_key": key.public_b64}
    out["server_key_endorsements"] = []
    devices: dict[str, Key] = {}
    renamed: dict[str, str] = {}  # old definition or opinion hash -> new
    previous = GENESIS
    for _seq, kind, index in _chain_items(out):
        if kind == "record":
            value = {
                **json.loads(out["records"][index]["text"]),
                "prev": previous,
                "server_key_id": key.key_id,
            }
            signed = key.signed(value)
            old = digest(out["records"][index]["text"].encode("utf-8"))
            out["records"][index] = signed
            text = signed["text"]
            if value["type"] == DEFINITION_TYPE:
                renamed[old] = digest(text.encode("utf-8"))
        else:
            item = out["opinions"][index]
            env = json.loads(item["envelope"])
            device = devices.setdefault(env["user_id"], Key.derive(seed, env["user_id"]))
            env["device_key_id"] = device.key_id
            if "definition_hash" in env:
                env["definition_hash"] = renamed.get(env["definition_hash"], env["definition_hash"])
            if env["supersedes"] is not None:
                env["supersedes"] = renamed.get(env["supersedes"], env["supersedes"])
            envelope = canonical_text(env)
            old_id, new_id = digest(item["envelope"].encode()), digest(envelope.encode())
            renamed[old_id] = new_id
            rec = {
                **json.loads(item["receipt"]),
                "opinion_id": new_id,
                "prev": previous,
                "server_key_id": key.key_id,
            }
            assert rec["type"] == RECEIPT_TYPE
            text = canonical_text(rec)
            item.update(
                envelope=envelope,
                signature=device.sign_text(envelope),
                receipt=text,
                receipt_signature=key.sign_text(text),
            )
        previous = digest(text.encode("utf-8"))
    out["device_keys"] = [
        key.signed(
            {
                "type": "ecabinet.device-key.v1",
                "key_id": d.key_id,
                "user_id": uid,
                "public_key": d.public_b64,
                "registered_at": "2026-01-01T00:00:00Z",
                "revoked_at": None,
                "server_key_id": key.key_id,
            }
        )
        for uid, d in sorted(devices.items())
    ]
    out["tally"]["counted"] = sorted(renamed.get(o, o) for o in out["tally"]["counted"])
    _resign_head(out, key, previous)
    return out
