"""The demo dataset: a fictional Government, two sessions and their documents.

People are invented (no real official's name is used); institutions, document
numbering and the shape of the papers follow real practice. Dates are relative
to ``now`` so that the demo always shows upcoming sessions. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ecabinet.demo.drafting import Drafting, regular_session_drafts, thematic_session_drafts
from ecabinet.demo.people import (
    ABSENT_FROM_THEMATIC,
    DEFAULT_MINISTER,
    DEMO_PASSPHRASE,
    DEMO_PASSWORD,
    MEMBERS,
    PRIME_MINISTER,
    STAFF,
    Role,
    SampleUser,
    member_name,
)
from ecabinet.demo.texts import budget, legal, socioeconomic
from ecabinet.pdf.official import OfficialDocument, Section, vietnamese_date_line
from ecabinet.timeutil import VIETNAM_TZ

__all__ = [
    "ABSENT_FROM_THEMATIC",
    "DEFAULT_MINISTER",
    "DEMO_PASSPHRASE",
    "DEMO_PASSWORD",
    "MEETING_ROOM",
    "MEMBERS",
    "ORG_CODE",
    "ORG_NAME",
    "PLACE",
    "PRIME_MINISTER",
    "STAFF",
    "VN_TZ",
    "Role",
    "SampleAgendaItem",
    "SampleDataset",
    "SampleDocument",
    "SampleMeeting",
    "SampleUser",
    "all_documents",
    "demo_dataset",
]

VN_TZ = VIETNAM_TZ  # the one definition lives in ecabinet.timeutil
ORG_CODE = "CP"
ORG_NAME = "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam"
MEETING_ROOM = "Phòng họp Chính phủ, số 1 Hoàng Hoa Thám, Hà Nội"
PLACE = "Hà Nội"


@dataclass(frozen=True)
class SampleDocument:
    title: str
    number: str  # as printed after "Số:"; a draft has only the blank-number form "/2026/NĐ-CP"
    filename: str
    spec: OfficialDocument


@dataclass(frozen=True)
class SampleAgendaItem:
    title: str
    presenter: str
    documents: tuple[SampleDocument, ...]


@dataclass(frozen=True)
class SampleMeeting:
    title: str
    kind: Literal["regular", "thematic"]
    starts_at: dt.datetime
    location: str
    participants: tuple[str, ...]
    agenda: tuple[SampleAgendaItem, ...]


@dataclass(frozen=True)
class SampleDataset:
    org_code: str
    org_name: str
    users: tuple[SampleUser, ...]
    meetings: tuple[SampleMeeting, ...]


_TO_GOVERNMENT = "Kính gửi: Chính phủ."
_GOVERNMENT_SIGNER = "TM. CHÍNH PHỦ\nTHỦ TƯỚNG"
_DRAFT_NUMBER_GAP = " " * 8  # the clerk writes the number in by hand once it is signed


def _on(day: dt.date) -> str:
    """ "ngày 05 tháng 10 năm 2026", the date words of a citation."""
    return vietnamese_date_line(PLACE, day).split(", ", 1)[1]


def _to_government(dept: str) -> tuple[str, ...]:
    return (
        "- Như trên;",
        "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
        "- Văn phòng Chính phủ;",
        "- Bộ Tư pháp;",
        f"- Lưu: VT, {dept}.",
    )


def _promulgated(dept: str) -> tuple[str, ...]:
    return (
        "- Ban Bí thư Trung ương Đảng;",
        "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
        "- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
        "- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;",
        "- Văn phòng Quốc hội;",
        "- Kiểm toán nhà nước;",
        "- VPCP: BTCN, các PCN, Trợ lý TTg, các Vụ, Cục;",
        f"- Lưu: VT, {dept}.",
    )


def _document(title: str, filename: str, spec: OfficialDocument) -> SampleDocument:
    return SampleDocument(title, spec.number.strip(), filename, spec)


def _legal_item(d: Drafting, meeting_day: dt.date, year: int) -> SampleAgendaItem:
    """The usual file for a draft decree or bill: submission, draft, appraisal report."""
    topic = d.topic
    submitted = meeting_day - dt.timedelta(days=7)
    appraised = meeting_day - dt.timedelta(days=15)
    requested = appraised - dt.timedelta(days=20)
    is_law = topic.kind == "Luật"
    heading = f"{topic.draft[:1].upper()}{topic.draft[1:]} {topic.title}"
    submission = OfficialDocument(
        issuer=d.issuer,
        number=d.submission_no,
        issued_on=submitted,
        place=PLACE,
        kind_title="TỜ TRÌNH",
        subject=f"Về {topic.draft} {topic.title}",
        sections=legal.submission_sections(topic, year),
        signer_title=d.signer_title,
        signer_name=d.signer_name,
        recipient=_TO_GOVERNMENT,
        recipients_list=_to_government(d.dept),
    )
    closing: tuple[Section, ...] = ()
    if is_law:
        adopted = legal.ADOPTED_BY_ASSEMBLY.format(kind="Luật")
        closing = (Section(None, (f"{adopted} năm {year + 1}.",)),)
    draft = OfficialDocument(
        issuer="QUỐC HỘI" if is_law else "CHÍNH PHỦ",
        # A bill is passed at the Assembly's next session, in the following year.
        number=f"{_DRAFT_NUMBER_GAP}/{year + 1}/QH16"
        if is_law
        else f"{_DRAFT_NUMBER_GAP}/{year}/NĐ-CP",
        issued_on=submitted,
        place=PLACE,
        kind_title=topic.kind.upper(),
        subject=f"{topic.name[:1].upper()}{topic.name[1:]}",
        preamble=legal.draft_preamble(topic),
        sections=(*legal.draft_sections(topic), *closing),
        signer_title="CHỦ TỊCH QUỐC HỘI" if is_law else _GOVERNMENT_SIGNER,
        signer_name="" if is_law else member_name(PRIME_MINISTER),
        recipients_list=() if is_law else _promulgated(d.dept),
        draft=True,
        internal=True,
    )
    appraisal = OfficialDocument(
        issuer="BỘ TƯ PHÁP",
        number=d.appraisal_no,
        issued_on=appraised,
        place=PLACE,
        kind_title="BÁO CÁO THẨM ĐỊNH",
        subject=heading,
        sections=legal.appraisal_sections(topic, f"Công văn số {d.request} {_on(requested)}"),
        signer_title=d.appraisal_signer[0],
        signer_name=d.appraisal_signer[1],
        recipient=f"Kính gửi: {topic.agency}.",
        recipients_list=(
            "- Như trên;",
            "- Thủ tướng Chính phủ (để báo cáo);",
            "- Văn phòng Chính phủ;",
            "- Lưu: VT, Vụ VĐCXDPL.",
        ),
    )
    number_slug = d.submission_no.replace("/", "-")
    return SampleAgendaItem(
        title=heading,
        presenter=topic.agency,
        documents=(
            _document(
                f"Tờ trình về {topic.draft} {topic.title}",
                f"{number_slug}-{d.slug}.pdf",
                submission,
            ),
            _document(f"Dự thảo {topic.title}", f"du-thao-{d.slug}.pdf", draft),
            _document(
                f"Báo cáo thẩm định {topic.draft} {topic.title}",
                f"{d.appraisal_no.replace('/', '-')}-tham-dinh-{d.slug}.pdf",
                appraisal,
            ),
        ),
    )


def _budget_item(meeting_day: dt.date, year: int) -> SampleAgendaItem:
    ny = year + 1
    submitted = meeting_day - dt.timedelta(days=7)
    subject = (
        f"dự toán ngân sách nhà nước năm {ny} và phương án phân bổ ngân sách trung ương năm {ny}"
    )
    submission = OfficialDocument(
        issuer="BỘ TÀI CHÍNH",
        number="125/TTr-BTC",
        issued_on=submitted,
        place=PLACE,
        kind_title="TỜ TRÌNH",
        subject=f"Về {subject}",
        sections=budget.budget_submission(year),
        signer_title="BỘ TRƯỞNG",
        signer_name=member_name(DEFAULT_MINISTER),
        recipient=_TO_GOVERNMENT,
        recipients_list=_to_government("NSNN"),
    )
    resolution = OfficialDocument(
        issuer="QUỐC HỘI",
        number=f"{_DRAFT_NUMBER_GAP}/{year}/QH16",
        issued_on=submitted,
        place=PLACE,
        kind_title="NGHỊ QUYẾT",
        subject=f"Về dự toán ngân sách nhà nước năm {ny}",
        preamble=budget.BUDGET_RESOLUTION_PREAMBLE,
        sections=budget.budget_resolution(year),
        signer_title="CHỦ TỊCH QUỐC HỘI",
        signer_name="",
        draft=True,
        internal=True,
    )
    return SampleAgendaItem(
        title=f"{subject[:1].upper()}{subject[1:]}",
        presenter="Bộ Tài chính",
        documents=(
            _document(
                f"Tờ trình về {subject}", f"125-TTr-BTC-du-toan-ngan-sach-{ny}.pdf", submission
            ),
            _document(
                f"Dự thảo Nghị quyết của Quốc hội về dự toán ngân sách nhà nước năm {ny}",
                f"du-thao-nghi-quyet-du-toan-ngan-sach-{ny}.pdf",
                resolution,
            ),
        ),
    )


def _economy_item(meeting_day: dt.date) -> SampleAgendaItem:
    report_month = 12 if meeting_day.month == 1 else meeting_day.month - 1
    report_year = meeting_day.year - 1 if meeting_day.month == 1 else meeting_day.year
    period = socioeconomic.report_period(report_month, report_year)
    submitted = meeting_day - dt.timedelta(days=5)
    session = f"Phiên họp Chính phủ thường kỳ tháng {meeting_day.month} năm {meeting_day.year}"
    report = OfficialDocument(
        issuer="BỘ TÀI CHÍNH",
        number="260/BC-BTC",
        issued_on=submitted,
        place=PLACE,
        kind_title="BÁO CÁO",
        subject=f"Tình hình kinh tế - xã hội {period}",
        sections=socioeconomic.economy_report(report_month, report_year),
        signer_title="BỘ TRƯỞNG",
        signer_name=member_name(DEFAULT_MINISTER),
        recipient=_TO_GOVERNMENT,
        recipients_list=(
            "- Như trên;",
            "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
            "- Văn phòng Chính phủ;",
            "- Lưu: VT, TH.",
        ),
    )
    resolution = OfficialDocument(
        issuer="CHÍNH PHỦ",
        number=f"{_DRAFT_NUMBER_GAP}/NQ-CP",
        issued_on=meeting_day,
        place=PLACE,
        kind_title="NGHỊ QUYẾT",
        subject=session,
        preamble=(
            *socioeconomic.SESSION_RESOLUTION_PREAMBLE,
            "Trên cơ sở thảo luận của các thành viên Chính phủ và kết luận của Thủ tướng Chính "
            f"phủ tại {session[:1].lower()}{session[1:]}, tổ chức {_on(meeting_day)},",
        ),
        sections=socioeconomic.session_resolution(report_month, report_year),
        signer_title=_GOVERNMENT_SIGNER,
        signer_name=member_name(PRIME_MINISTER),
        recipients_list=_promulgated("TH"),
        draft=True,
        internal=True,
    )
    month_slug = f"thang-{report_month}-{report_year}"
    return SampleAgendaItem(
        title=f"Báo cáo tình hình kinh tế - xã hội {period}",
        presenter="Bộ Tài chính",
        documents=(
            _document(
                f"Báo cáo tình hình kinh tế - xã hội {period}",
                f"260-BC-BTC-tinh-hinh-kinh-te-xa-hoi-{month_slug}.pdf",
                report,
            ),
            _document(
                f"Dự thảo Nghị quyết {session[:1].lower()}{session[1:]}",
                f"du-thao-nghi-quyet-phien-hop-thang-{meeting_day.month}-{meeting_day.year}.pdf",
                resolution,
            ),
        ),
    )


def _at_half_past_eight(local_now: dt.datetime, days: int) -> dt.datetime:
    day = local_now.date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(8, 30), tzinfo=VN_TZ)


def demo_dataset(now: dt.datetime) -> SampleDataset:
    """The whole demo, with sessions 3 and 10 days after ``now`` (naive means Hanoi time)."""
    local_now = now.astimezone(VN_TZ) if now.tzinfo else now.replace(tzinfo=VN_TZ)
    regular_at = _at_half_past_eight(local_now, 3)
    thematic_at = _at_half_past_eight(local_now, 10)
    year = regular_at.year
    everyone = tuple(member.username for member in MEMBERS)
    regular = SampleMeeting(
        title=f"Phiên họp Chính phủ thường kỳ tháng {regular_at.month} năm {regular_at.year}",
        kind="regular",
        starts_at=regular_at,
        location=MEETING_ROOM,
        participants=everyone,
        agenda=(
            _budget_item(regular_at.date(), year),
            _economy_item(regular_at.date()),
            *(_legal_item(d, regular_at.date(), year) for d in regular_session_drafts(year)),
        ),
    )
    thematic = SampleMeeting(
        title="Phiên họp Chính phủ chuyên đề về xây dựng pháp luật "
        f"tháng {thematic_at.month} năm {thematic_at.year}",
        kind="thematic",
        starts_at=thematic_at,
        location=MEETING_ROOM,
        participants=tuple(name for name in everyone if name != ABSENT_FROM_THEMATIC),
        agenda=tuple(
            _legal_item(d, thematic_at.date(), year) for d in thematic_session_drafts(year)
        ),
    )
    return SampleDataset(ORG_CODE, ORG_NAME, (*STAFF, *MEMBERS), (regular, thematic))


def all_documents(dataset: SampleDataset) -> tuple[SampleDocument, ...]:
    """Every document of every agenda item, in meeting and agenda order."""
    return tuple(
        document
        for meeting in dataset.meetings
        for item in meeting.agenda
        for document in item.documents
    )
