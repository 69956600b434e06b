"""The bundle's plain ``ballot`` summary against what the server signed.

The summary is there for people and programs that read the file without verifying
it; nothing in the recount comes from it. Where it differs from the signed final
definition (or the closing record), each difference is reported by field name, so
an edited file says what was edited: "membership_total altered: bundle says 5,
signed definition says 9".
"""

from __future__ import annotations

import json
from typing import Any

from ecabinet.ballots.chain import Report, ServerRecord

# summary field -> signed definition field
SAME_FIELDS = {
    "id": "ballot_id",
    "meeting_id": "meeting_id",
    "agenda_item_id": "agenda_item_id",
    "question": "question",
    "options": "options",
    "comment_required": "comment_required",
    "deadline": "deadline",
    "membership_total": "membership_total",
    "chair_user_id": "chair_user_id",
}


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _eligible(plain: Any) -> tuple[list[str], dict[str, tuple[str, str]]] | None:
    if not isinstance(plain, list):
        return None
    ids: list[str] = []
    names: dict[str, tuple[str, str]] = {}
    for item in plain:
        data = item if isinstance(item, dict) else {"user_id": item}
        uid = str(data.get("user_id"))
        ids.append(uid)
        if isinstance(item, dict):
            names[uid] = (str(data.get("full_name") or ""), str(data.get("title") or ""))
    return sorted(ids), names


def compare_summary(
    plain: dict[str, Any],
    final: ServerRecord,
    closing: ServerRecord | None,
    report: Report,
) -> None:
    signed = final.value

    def altered(name: str, says: Any, truth: Any, what: str = "signed definition") -> None:
        report(
            "summary_altered",
            None,
            f"{name} altered: bundle says {_shown(says)}, {what} says {_shown(truth)}",
        )

    for field, source in SAME_FIELDS.items():
        if plain.get(field) != signed[source]:
            altered(field, plain.get(field), signed[source])
    documents = sorted(d["document_id"] for d in signed["documents"])
    if plain.get("documents") != documents:
        altered("documents", plain.get("documents"), documents)
    truth_ids = sorted(m["user_id"] for m in signed["eligible"])
    listed = _eligible(plain.get("eligible"))
    if listed is None or listed[0] != truth_ids:
        says = None if listed is None else listed[0]
        altered("eligible", says, truth_ids)
    else:
        for member in signed["eligible"]:
            shown = listed[1].get(member["user_id"])
            truth = (member["full_name"], member["title"])
            if shown is not None and shown != truth:
                altered(f"eligible member {member['user_id']}", list(shown), list(truth))
    closed_at = closing.value["closed_at"] if closing else None
    if plain.get("closed_at") != closed_at:
        altered("closed_at", plain.get("closed_at"), closed_at, "the signed closing record")
    status = "closed" if closing else "open"
    if plain.get("status") != status:
        altered("status", plain.get("status"), status, "the signed chain")
