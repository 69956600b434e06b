"""After the meeting: the minutes and the session resolution, from the server's data,
signed and published to the participants ("Lập biên bản").

Qt-free. ``gather`` reads the meeting, its agenda and conclusions, the attendance and
the organisation's members (protocol order), and each closed ballot's result bundle,
proven against the server key this profile pinned; ``produce`` renders both PDFs with
``ecabinet.minutes``, embeds the bundles in the minutes and signs the minutes with
``ecabinet.signing`` (PAdES, a PKCS#12 file or a PKCS#11 token); ``publish`` uploads
both as papers of the meeting (not of an agenda item), so members get them at their
next sync and the reader's signature bar says who signed.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecabinet.client import preparation as prep
from ecabinet.client.meeting_day import attendance
from ecabinet.client.secretariat import fetch_proven_bundle
from ecabinet.crypto.keys import VerifyingKey
from ecabinet.domain import MeetingKind
from ecabinet.errors import InputError
from ecabinet.fsutil import atomic_write_bytes
from ecabinet.quorum import Attendance

if TYPE_CHECKING:
    from ecabinet.client.api import ApiClient
    from ecabinet.client.workspace import Workspace
    from ecabinet.minutes import BallotOutcome, MinutesInput
    from ecabinet.signing.signer import Signer

__all__ = [
    "MINUTES_TITLE",
    "RESOLUTION_TITLE",
    "ClosedBallot",
    "MinutesOptions",
    "Produced",
    "Published",
    "bundle_file_name",
    "gather",
    "make_and_publish",
    "produce",
    "publish",
]

MINUTES_TITLE = "Biên bản phiên họp"
RESOLUTION_TITLE = "Nghị quyết phiên họp"


@dataclass(frozen=True)
class MinutesOptions:
    """What the clerk decides in the "Lập biên bản" form."""

    minutes_sequence: int  # 12 -> "12/BB-CP"
    resolution_sequence: int  # 45 -> "45/NQ-CP"
    chair_name: str
    chair_title: str
    secretary_name: str
    secretary_title: str = "Thư ký phiên họp"
    issued_on: dt.date = field(default_factory=dt.date.today)
    body: str = "CP"  # the issuing body's notation
    place: str = "Hà Nội"


@dataclass(frozen=True)
class ClosedBallot:
    ballot_id: str
    bundle: bytes  # as the server sent it; its SHA-256 is printed in the minutes
    outcome: BallotOutcome


@dataclass(frozen=True)
class Gathered:
    minutes: MinutesInput
    ballots: tuple[ClosedBallot, ...]
    documents: tuple[dict[str, Any], ...]  # the meeting's papers now (to replace ours)
    status: str = "published"


@dataclass(frozen=True)
class Produced:
    minutes: Path  # signed
    resolution: Path
    minutes_number: str
    resolution_number: str


@dataclass(frozen=True)
class Published:
    minutes_document_id: str
    resolution_document_id: str
    bundles: int


def bundle_file_name(ballot_id: str) -> str:
    """The name a bundle carries inside the minutes, as ``export`` names the saved file."""
    return f"ket-qua-lay-y-kien-{ballot_id[:8]}.json"


def _required(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"Hãy nhập {what}.", code="empty_field", message_en=f"No {what}.")
    return cleaned


def _attendance_entries(api: ApiClient, meeting: dict[str, Any]) -> tuple[Any, ...]:
    from ecabinet.minutes import AttendanceEntry

    report = attendance(api, str(meeting["id"]))
    invited = set(meeting.get("participants") or [])
    entries, missing = [], []
    for person in prep.members_in_protocol_order(api):
        row = report.rows.get(person.id)
        if row is None and person.id in invited:
            missing.append(person.full_name)
            continue
        # A member not invited cannot be recorded: absent, as the server's quorum counts.
        state = row.state if row is not None else Attendance.ABSENT_EXCUSED
        deputy = row.deputy_name if row is not None and row.deputy_name else None
        entries.append(AttendanceEntry(person.full_name, person.title, state, deputy))
    if missing:
        raise InputError(
            "Chưa điểm danh: " + ", ".join(missing) + ". Hãy ghi điểm danh rồi lập biên bản.",
            code="attendance_incomplete",
            message_en=f"No attendance recorded for {len(missing)} participant(s).",
        )
    if not entries:
        raise InputError(
            "Tổ chức chưa có thành viên nào.", code="no_members", message_en="No members."
        )
    return tuple(entries)


def adopted_without_debate(api: ApiClient, meeting_id: str) -> frozenset[str]:
    """The agenda items adopted from the consent list: at least one member marked "no
    objection" and nobody objected, asked to speak or pulled it out. An item no one
    marked was not adopted without debate."""
    from ecabinet.client.secretariat_consent import consent_list

    listed = consent_list(api, meeting_id)
    return frozenset(
        entry.agenda_item_id for entry in listed.consent if entry.no_objection and not entry.raised
    )


def _guests(meeting: dict[str, Any]) -> tuple[str, ...]:
    """The invited guests as the minutes print them: "Name, position", in order."""
    return tuple(
        f"{name}, {position}" if position else name for name, position in prep.guests_of(meeting)
    )


def _conclusions(items: list[dict[str, Any]], without_debate: frozenset[str]) -> tuple[Any, ...]:
    from ecabinet.minutes import AgendaConclusion

    missing = [str(i["title"]) for i in items if not str(i.get("conclusion") or "").strip()]
    if missing:
        raise InputError(
            "Chưa có kết luận cho: " + "; ".join(missing) + ".",
            code="conclusion_missing",
            message_en=f"{len(missing)} agenda item(s) have no conclusion.",
        )
    return tuple(
        AgendaConclusion(
            number,
            str(i["title"]),
            str(i.get("presenter") or ""),
            str(i["conclusion"]).strip(),
            without_debate=str(i["id"]) in without_debate,
        )
        for number, i in enumerate(items, start=1)
    )


def _closed_ballots(
    api: ApiClient, meeting_id: str, trusted: list[VerifyingKey]
) -> tuple[ClosedBallot, ...]:
    from ecabinet.minutes import ballot_outcome

    closed = [b for b in prep.list_ballots(api, meeting_id) if b.get("status") == "closed"]
    found = []
    for ballot in sorted(closed, key=lambda b: str(b.get("closed_at") or "")):
        data, recount = fetch_proven_bundle(api, str(ballot["id"]), trusted=trusted)
        found.append(ClosedBallot(str(ballot["id"]), data, ballot_outcome(recount)))
    return tuple(found)


def gather(
    api: ApiClient, meeting_id: str, options: MinutesOptions, *, trusted: list[VerifyingKey]
) -> Gathered:
    """Everything the minutes say, read from the server now; refuses (InputError, in
    Vietnamese) while a participant has no attendance or an item no conclusion."""
    from ecabinet.minutes import MeetingInfo, MinutesInput, minutes_number, resolution_number

    contents = prep.meeting_contents(api, meeting_id)
    meeting = contents.meeting
    info = MeetingInfo(
        title=str(meeting["title"]),
        kind=MeetingKind(meeting["kind"]),
        starts_at=dt.datetime.fromisoformat(str(meeting["starts_at"])),
        ends_at=None,
        place=str(meeting.get("location") or "").strip() or options.place,
        chair_name=_required(options.chair_name, "họ tên chủ tọa"),
        chair_title=_required(options.chair_title, "chức vụ chủ tọa"),
    )
    try:
        numbers = (
            minutes_number(options.minutes_sequence, options.body),
            resolution_number(options.resolution_sequence, options.body),
        )
    except ValueError:
        raise InputError(
            "Số văn bản bắt đầu từ 1.", code="bad_number", message_en="Numbers start at 1."
        ) from None
    ballots = _closed_ballots(api, meeting_id, trusted)
    minutes = MinutesInput(
        meeting=info,
        attendance=_attendance_entries(api, meeting),
        conclusions=_conclusions(contents.items, adopted_without_debate(api, meeting_id)),
        minutes_number=numbers[0],
        resolution_number=numbers[1],
        issued_on=options.issued_on,
        secretary_name=_required(options.secretary_name, "họ tên thư ký"),
        secretary_title=_required(options.secretary_title, "chức vụ thư ký"),
        ballots=tuple(b.outcome for b in ballots),
        guests=_guests(meeting),
        place=options.place,
    )
    return Gathered(minutes, ballots, tuple(contents.documents), str(meeting["status"]))


def produce(gathered: Gathered, signer: Signer, folder: Path) -> Produced:
    """Render both PDFs into ``folder``, the bundles embedded in the minutes, which are
    then signed (nothing signed is left behind if signing fails)."""
    from ecabinet.minutes import render_minutes, render_resolution
    from ecabinet.minutes.attachments import EmbeddedFile, embed_files
    from ecabinet.signing import sign_pdf

    minutes = gathered.minutes
    buffer = io.BytesIO()
    render_minutes(minutes, buffer)
    files = [
        EmbeddedFile(
            bundle_file_name(b.ballot_id),
            b.bundle,
            description=f"Gói kết quả lấy ý kiến: {b.outcome.question}",
        )
        for b in gathered.ballots
    ]
    stem = minutes.minutes_number.replace("/", "-")
    unsigned = folder / f"{stem}-chua-ky.pdf"
    atomic_write_bytes(unsigned, embed_files(buffer.getvalue(), files))
    signed = folder / f"bien-ban-{stem}.pdf"
    try:
        sign_pdf(unsigned, signed, signer, reason=f"Ký biên bản số {minutes.minutes_number}")
    finally:
        unsigned.unlink(missing_ok=True)
    resolution = folder / f"nghi-quyet-{minutes.resolution_number.replace('/', '-')}.pdf"
    render_resolution(minutes, resolution)
    return Produced(signed, resolution, minutes.minutes_number, minutes.resolution_number)


def _put(
    api: ApiClient, meeting_id: str, path: Path, title: str, number: str,
    documents: tuple[dict[str, Any], ...],
) -> str:  # fmt: skip
    """Upload as a paper of the meeting; if it already holds a paper of this number (the
    minutes made again), as that paper's new version, so members see one, updated."""
    existing = next((d for d in documents if d.get("number") == number), None)
    if existing is not None:
        prep.upload_version(api, str(existing["id"]), path, "Lập lại " + title.lower() + ".")
        return str(existing["id"])
    answer = prep.upload_pdf(api, meeting_id, path, title=title, number=number)
    return str(answer["document"]["id"])


def publish(api: ApiClient, meeting_id: str, gathered: Gathered, produced: Produced) -> Published:
    """Upload the signed minutes and the resolution as papers of the meeting (a meeting
    still in preparation is published with them: the participants get both)."""
    docs = gathered.documents
    minutes_id = _put(api, meeting_id, produced.minutes, MINUTES_TITLE,
                      produced.minutes_number, docs)  # fmt: skip
    resolution_id = _put(api, meeting_id, produced.resolution, RESOLUTION_TITLE,
                         produced.resolution_number, docs)  # fmt: skip
    if gathered.status == "draft":
        prep.publish_meeting(api, meeting_id)
    return Published(minutes_id, resolution_id, len(gathered.ballots))


def make_and_publish(
    workspace: Workspace, meeting_id: str, options: MinutesOptions, signer: Signer
) -> tuple[str, str, int]:
    """The "Lập biên bản" action end to end, in a folder deleted afterwards (the published papers
    are the copies that count); answers the two numbers and how many bundles went in."""
    import tempfile

    from ecabinet.client.definitions import pinned_server_keys

    with workspace.store.read() as session:
        trusted = pinned_server_keys(session)
    api = workspace.api
    gathered = gather(api, meeting_id, options, trusted=trusted)
    with tempfile.TemporaryDirectory(prefix="ecabinet-bien-ban-") as folder:
        produced = produce(gathered, signer, Path(folder))
        published = publish(api, meeting_id, gathered, produced)
    return produced.minutes_number, produced.resolution_number, published.bundles
