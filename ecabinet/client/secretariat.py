"""The secretariat's ballot work from the desktop: progress, close, extend, export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.crypto.canonical import digest
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.errors import IntegrityError
from ecabinet.fsutil import atomic_write_bytes

if TYPE_CHECKING:  # the app imports this module at start; requests loads with the first call
    from ecabinet.ballots.verify import Recount
    from ecabinet.client.api import ApiClient


def progress(api: ApiClient, ballot_id: str) -> dict[str, Any]:
    result: dict[str, Any] = api.get_json(f"/api/v1/ballots/{ballot_id}/progress")
    return result


def close(api: ApiClient, ballot_id: str) -> dict[str, Any]:
    result: dict[str, Any] = api.post_json(f"/api/v1/ballots/{ballot_id}/close", {})
    return result


def extend(api: ApiClient, ballot_id: str, deadline: datetime) -> dict[str, Any]:
    result: dict[str, Any] = api.post_json(
        f"/api/v1/ballots/{ballot_id}/extend", {"deadline": deadline.isoformat()}
    )
    return result


@dataclass(frozen=True)
class Export:
    bundle_path: Path
    summary_path: Path
    recount: Recount


def export(api: ApiClient, ballot_id: str, folder: Path, *, trusted: list[VerifyingKey]) -> Export:
    """Fetch the result bundle, prove it against the pinned server key, then save it
    (byte for byte as the server sent it) and its printable summary.

    The summary is made from the recount, never from the server's claim. A bundle that
    is not proven against ``trusted`` (the keys this profile pinned) is not saved: the
    clerk is told why, in Vietnamese, with the key it was signed by.
    """
    # Imported here: reportlab costs 0.1 s, and most people who open the app never export.
    from ecabinet.pdf.ballot_summary import render_ballot_summary

    data, recount = fetch_proven_bundle(api, ballot_id, trusted=trusted)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"ket-qua-lay-y-kien-{ballot_id[:8]}"
    bundle_path = folder / f"{stem}.json"
    atomic_write_bytes(bundle_path, data)
    summary_path = folder / f"{stem}.pdf"
    render_ballot_summary(recount, summary_path)
    return Export(bundle_path, summary_path, recount)


def fetch_proven_bundle(
    api: ApiClient, ballot_id: str, *, trusted: list[VerifyingKey]
) -> tuple[bytes, Recount]:
    """A closed ballot's result bundle, byte for byte as the server sent it, and its
    recount proven against ``trusted`` (the keys this profile pinned); a bundle that
    does not verify raises IntegrityError, in Vietnamese, naming the key it was signed by.
    """
    from ecabinet.ballots.verify import BundleError, parse_bundle, verify_bundle
    from ecabinet.client.api import raise_for_answer

    response = api.request("GET", f"/api/v1/ballots/{ballot_id}/bundle")
    raise_for_answer(response)
    data = response.content
    try:
        bundle = parse_bundle(data, source="tải về")
    except BundleError as exc:
        raise IntegrityError(exc.message_vi, code="bundle_unreadable", message_en=str(exc)) from exc
    recount = verify_bundle(bundle, trusted=trusted, bundle_sha256=digest(data))
    if not recount.proven:
        first = recount.problems[0] if recount.problems else None
        why_vi = f"lỗi đầu tiên: {first.code}" if first else "máy này chưa ghim khóa máy chủ nào"
        raise IntegrityError(
            "Gói kết quả tải về không kiểm chứng được bằng khóa máy chủ đã ghim trên máy này "
            f"({why_vi}; gói được ký bằng khóa {recount.fingerprint}). Gói không được lưu; "
            "hãy báo cho quản trị hệ thống.",
            code="bundle_failed",
            message_en=(
                "The downloaded bundle does not verify against the pinned server key: "
                + (first.message if first else "no key is pinned")
            ),
        )
    return data, recount
