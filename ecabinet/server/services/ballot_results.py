"""What the secretariat follows and exports: progress, the tally, the result bundle."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.ballots.tally import CountedOpinion, Tally, tally
from ecabinet.crypto.ballot_records import chain_head_v2, device_statement
from ecabinet.crypto.envelopes import sign
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.server.models import Ballot, Device, Opinion, User
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.ballot_access import ballot_payload, eligible_ids
from ecabinet.server.services.ballot_chain import lock_chain, records, seal_if_ended
from ecabinet.timeutil import isoformat, utcnow

BUNDLE_FORMAT = "ecabinet.ballot-bundle.v2"


def _opinions(session: Session, ballot: Ballot) -> list[Opinion]:
    return list(
        session.scalars(select(Opinion).where(Opinion.ballot_id == ballot.id).order_by(Opinion.seq))
    )


def _counted(opinions: list[Opinion], eligible: set[str]) -> list[Opinion]:
    """Each member's standing answer, for the members the current definition asks."""
    return [
        o
        for o in opinions
        if o.status == "accepted" and o.superseded_by is None and o.user_id in eligible
    ]


def ballot_tally(session: Session, ballot: Ballot, opinions: list[Opinion] | None = None) -> Tally:
    eligible = eligible_ids(session, ballot)
    rows = _counted(opinions if opinions is not None else _opinions(session, ballot), set(eligible))
    return tally(
        (CountedOpinion(o.id, o.user_id, o.choice, o.outdated) for o in rows),
        eligible=eligible,
        membership_total=ballot.membership_total,
        chair_user_id=ballot.chair_user_id,
    )


def progress(session: Session, *, actor: User, ballot: Ballot) -> dict[str, Any]:
    """Who has answered, who has not, who answered an outdated draft; counts; comments."""
    require_secretariat(actor)
    opinions = _opinions(session, ballot)
    eligible = eligible_ids(session, ballot)
    counted = {o.user_id: o for o in _counted(opinions, set(eligible))}
    members = session.scalars(
        select(User).where(User.id.in_(eligible)).order_by(User.full_name)
    ).all()
    rows = []
    for member in members:
        mine = [o for o in opinions if o.user_id == member.id]
        current = counted.get(member.id)
        rejected = [o for o in mine if o.status == "rejected"]
        state = "not_answered"
        if current is not None:
            state = "outdated" if current.outdated else "answered"
        rows.append(
            {
                "user_id": member.id,
                "full_name": member.full_name,
                "title": member.title,
                "state": state,
                "choice": current.choice if current else None,
                "comment": current.comment if current else "",
                "received_at": isoformat(current.received_at) if current else None,
                "opinion_id": current.id if current else None,
                "changes": sum(1 for o in mine if o.status == "accepted") - (1 if current else 0),
                "rejected": len(rejected),
                "last_rejection": rejected[-1].reason if rejected else None,
            }
        )
    return {
        "ballot": ballot_payload(session, ballot),
        "members": rows,
        "tally": ballot_tally(session, ballot, opinions).as_dict(),
        "received": len(opinions),
    }


def _device_statements(
    session: Session, opinions: list[Opinion], key: SigningKey
) -> list[dict[str, str]]:
    """The server vouches for each device key the bundle's opinions were signed with."""
    key_ids = {o.device_key_id for o in opinions}
    devices = (
        session.scalars(select(Device).where(Device.key_id.in_(key_ids))).all() if key_ids else []
    )
    out = []
    for d in sorted(devices, key=lambda d: d.key_id):
        signed = sign(
            device_statement(
                key_id=d.key_id,
                user_id=d.user_id,
                public_key=d.public_key,
                registered_at=isoformat(d.registered_at) or "",
                revoked_at=isoformat(d.revoked_at),
                server_key_id=key.key_id,
            ),
            key,
        )
        out.append({"text": signed.text, "signature": signed.signature})
    return out


def bundle(
    session: Session,
    *,
    actor: User,
    ballot: Ballot,
    signing_key: SigningKey,
    endorsements: Sequence[dict[str, str]] = (),
) -> dict[str, Any]:
    """Everything needed to recount this ballot offline (docs/ballots.md, bundle v2).

    A ballot past its deadline is sealed first (its closing record is deterministic),
    so the caller commits. ``endorsements`` are the server key's rotation statements
    (``ecabinet.crypto.server_keys.endorse``) that lead from older keys to this one.
    """
    require_secretariat(actor)
    lock_chain(session, ballot)
    now = utcnow()
    seal_if_ended(session, ballot, signing_key, now)
    session.flush()
    opinions = _opinions(session, ballot)
    summary = ballot_payload(session, ballot)
    del summary["definition"]  # the signed definitions travel in "records"
    people = {
        u.id: u for u in session.scalars(select(User).where(User.id.in_(summary["eligible"])))
    }
    summary["eligible"] = [
        {"user_id": uid, "full_name": people[uid].full_name, "title": people[uid].title}
        for uid in summary["eligible"]
        if uid in people
    ]
    exported_at = isoformat(now) or ""
    head = sign(
        chain_head_v2(
            ballot_id=ballot.id, seq=ballot.chain_seq, hash_=ballot.chain_hash,
            exported_at=exported_at,
        ),
        signing_key,
    )  # fmt: skip
    return {
        "format": BUNDLE_FORMAT,
        "exported_at": exported_at,
        "ballot": summary,
        "server_key": {"key_id": signing_key.key_id, "public_key": b64(signing_key.public_bytes)},
        "server_key_endorsements": [dict(e) for e in endorsements],
        "records": [{"text": r.text, "signature": r.signature} for r in records(session, ballot)],
        "device_keys": _device_statements(session, opinions, signing_key),
        "opinions": [
            {
                "envelope": o.envelope,
                "signature": o.signature,
                "receipt": o.receipt,
                "receipt_signature": o.receipt_signature,
            }
            for o in opinions
        ],
        "chain_head": {
            "seq": ballot.chain_seq,
            "hash": ballot.chain_hash,
            "exported_at": exported_at,
            "signature": head.signature,
        },
        "tally": ballot_tally(session, ballot, opinions).as_dict(),
    }
