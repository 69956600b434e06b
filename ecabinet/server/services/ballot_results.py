"""What the secretariat follows and exports: progress, the tally, the result bundle."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.ballots.tally import CountedOpinion, Tally, tally
from ecabinet.crypto.envelopes import chain_head as chain_head_value
from ecabinet.crypto.envelopes import sign
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.server.models import Ballot, Device, Opinion, User
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.ballot_access import ballot_payload, eligible_ids
from ecabinet.timeutil import isoformat, utcnow

BUNDLE_FORMAT = "ecabinet.ballot-bundle.v1"


def _opinions(session: Session, ballot: Ballot) -> list[Opinion]:
    return list(
        session.scalars(select(Opinion).where(Opinion.ballot_id == ballot.id).order_by(Opinion.seq))
    )


def _counted(opinions: list[Opinion]) -> list[Opinion]:
    return [o for o in opinions if o.status == "accepted" and o.superseded_by is None]


def ballot_tally(session: Session, ballot: Ballot, opinions: list[Opinion] | None = None) -> Tally:
    rows = _counted(opinions if opinions is not None else _opinions(session, ballot))
    return tally(
        (CountedOpinion(o.id, o.user_id, o.choice, o.outdated) for o in rows),
        eligible=eligible_ids(session, ballot),
        membership_total=ballot.membership_total,
        chair_user_id=ballot.chair_user_id,
    )


def progress(session: Session, *, actor: User, ballot: Ballot) -> dict[str, Any]:
    """Who has answered, who has not, who answered an outdated draft; counts; comments."""
    require_secretariat(actor)
    opinions = _opinions(session, ballot)
    counted = {o.user_id: o for o in _counted(opinions)}
    members = session.scalars(
        select(User).where(User.id.in_(eligible_ids(session, ballot))).order_by(User.full_name)
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


def bundle(
    session: Session, *, actor: User, ballot: Ballot, signing_key: SigningKey
) -> dict[str, Any]:
    """Everything needed to recount this ballot offline (docs/ballots.md)."""
    require_secretariat(actor)
    opinions = _opinions(session, ballot)
    definition = ballot_payload(session, ballot)
    people = {
        u.id: u for u in session.scalars(select(User).where(User.id.in_(definition["eligible"])))
    }
    definition["eligible"] = [
        {"user_id": uid, "full_name": people[uid].full_name, "title": people[uid].title}
        for uid in definition["eligible"]
        if uid in people
    ]
    key_ids = {o.device_key_id for o in opinions}
    devices = (
        session.scalars(select(Device).where(Device.key_id.in_(key_ids))).all() if key_ids else []
    )
    head = sign(
        chain_head_value(ballot_id=ballot.id, seq=ballot.chain_seq, hash_=ballot.chain_hash),
        signing_key,
    )
    return {
        "format": BUNDLE_FORMAT,
        "exported_at": isoformat(utcnow()),
        "ballot": definition,
        "server_key": {"key_id": signing_key.key_id, "public_key": b64(signing_key.public_bytes)},
        "device_keys": [
            {
                "key_id": d.key_id,
                "user_id": d.user_id,
                "public_key": d.public_key,
                "registered_at": isoformat(d.registered_at),
                "revoked_at": isoformat(d.revoked_at),
            }
            for d in sorted(devices, key=lambda d: d.key_id)
        ],
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
            "signature": head.signature,
        },
        "tally": ballot_tally(session, ballot, opinions).as_dict(),
    }
