"""The session resolution (nghị quyết phiên họp) as a PDF, through ``ecabinet.pdf.official``.

A regular meeting ends with a resolution: what the Government resolved on each agenda
item, and the results of the written-opinion ballots held since. It is an official
document like any other, so it is laid out by ``render_official_document``: header,
"NGHỊ QUYẾT", the "Căn cứ" preamble, "QUYẾT NGHỊ:", the Prime Minister's signature on
behalf of the Government ("TM. CHÍNH PHỦ") and "Nơi nhận".
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ecabinet.minutes.model import BallotOutcome, MinutesInput
from ecabinet.minutes.render import ballot_lines
from ecabinet.pdf.official import OfficialDocument, Section, render_official_document
from ecabinet.timeutil import VIETNAM_TZ

__all__ = ["grouped_hash", "render_resolution", "resolution_document"]


def grouped_hash(sha256: str) -> str:
    """A hash in groups of eight, as fingerprints are read aloud; it fits the 14 pt body."""
    return " ".join(sha256[i : i + 8] for i in range(0, len(sha256), 8))


def _ballot_paragraph(ballot: BallotOutcome) -> str:
    result, _ = ballot_lines(ballot)
    return f"{result}\nMã băm SHA-256 của gói kết quả: {grouped_hash(ballot.bundle_sha256)}."


def resolution_document(minutes: MinutesInput) -> OfficialDocument:
    meeting = minutes.meeting
    held_on = meeting.starts_at.astimezone(VIETNAM_TZ)
    items = tuple(
        f"{number}. Về {item.title.removeprefix('Về ').removeprefix('về ')}: {item.conclusion}"
        for number, item in enumerate(minutes.conclusions, start=1)
    )
    sections = [Section("QUYẾT NGHỊ:", items)]
    if minutes.ballots:
        sections.append(
            Section(
                f"{len(items) + 1}. Về các nội dung lấy ý kiến thành viên Chính phủ bằng phiếu",
                tuple(_ballot_paragraph(b) for b in minutes.ballots),
            )
        )
    sections.append(
        Section(
            None,
            (
                "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ "
                "và các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Nghị quyết này.",
            ),
        )
    )
    return OfficialDocument(
        issuer=minutes.issuer,
        number=minutes.resolution_number,
        issued_on=minutes.issued_on,
        place=minutes.place,
        kind_title="NGHỊ QUYẾT",
        subject=meeting.title,
        sections=tuple(sections),
        signer_title=f"TM. {minutes.issuer.upper()}\n{meeting.chair_title.upper()}",
        signer_name=meeting.chair_name,
        recipients_list=minutes.recipients,
        preamble=(
            "Căn cứ Luật Tổ chức Chính phủ;",
            "Căn cứ Quy chế làm việc của Chính phủ;",
            f"Trên cơ sở thảo luận của các thành viên Chính phủ và kết luận của chủ tọa tại "
            f"phiên họp ngày {held_on:%d/%m/%Y} (Biên bản số {minutes.minutes_number}); "
            f"{minutes.quorum.describe()}",
        ),
    )


def render_resolution(minutes: MinutesInput, target: Path | BinaryIO) -> int:
    """Write the resolution as PDF to a path (atomically) or a stream; return the page count."""
    return render_official_document(resolution_document(minutes), target)
