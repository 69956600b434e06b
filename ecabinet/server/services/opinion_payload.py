"""The JSON shape of a member's own opinion in the sync protocol."""

from __future__ import annotations

from typing import Any

from ecabinet.server.models import Opinion
from ecabinet.timeutil import isoformat


def opinion_payload(opinion: Opinion) -> dict[str, Any]:
    """The sync entity: a member's own opinion with its receipt, from any of their devices."""
    return {
        "id": opinion.id,
        "ballot_id": opinion.ballot_id,
        "status": opinion.status,
        "reason": opinion.reason,
        "outdated": opinion.outdated,
        "superseded_by": opinion.superseded_by,
        "choice": opinion.choice,
        "comment": opinion.comment,
        "received_at": isoformat(opinion.received_at),
        "seq": opinion.seq,
        "envelope": opinion.envelope,
        "signature": opinion.signature,
        "receipt": opinion.receipt,
        "receipt_signature": opinion.receipt_signature,
    }
