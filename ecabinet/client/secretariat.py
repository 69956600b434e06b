"""The secretariat's ballot work from the desktop: progress, close, extend, export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.client.api import ApiClient
from ecabinet.errors import IntegrityError
from ecabinet.fsutil import atomic_write_bytes

if TYPE_CHECKING:
    from ecabinet.ballots.verify import Recount


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


def export(api: ApiClient, ballot_id: str, folder: Path) -> Export:
    """Fetch the result bundle, recount it from the signatures, save it and its summary.

    The printable summary is made from the recount, never from the server's claim:
    a bundle that does not verify is saved for inspection but gets no summary.
    """
    # Imported here: reportlab costs 0.1 s, and most people who open the app never export.
    from ecabinet.ballots.verify import verify_bundle
    from ecabinet.pdf.ballot_summary import render_ballot_summary

    bundle = api.get_json(f"/api/v1/ballots/{ballot_id}/bundle")
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"ket-qua-lay-y-kien-{ballot_id[:8]}"
    bundle_path = folder / f"{stem}.json"
    atomic_write_bytes(bundle_path, json.dumps(bundle, ensure_ascii=False, indent=1).encode())
    recount = verify_bundle(bundle)
    if not recount.ok:
        first = recount.problems[0]
        raise IntegrityError(
            f"Kết quả tải về không kiểm lại được từ chữ ký ({first.code}); "
            f"đã lưu tại {bundle_path}.",
            code="bundle_failed",
            message_en=f"The bundle failed verification: {first.message}",
        )
    summary_path = folder / f"{stem}.pdf"
    render_ballot_summary(recount, summary_path)
    return Export(bundle_path, summary_path, recount)
