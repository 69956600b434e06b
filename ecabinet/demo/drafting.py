"""The legal drafts on the demo agendas: who prepares each, and the numbers its papers carry."""

from __future__ import annotations

from dataclasses import dataclass

from ecabinet.demo.people import CHIEF_OF_OFFICE, DEPUTY_FINANCE, DEPUTY_JUSTICE, member_name
from ecabinet.demo.texts import civil_servants_law, digital_services, public_debt
from ecabinet.demo.texts.outline import DraftTopic

_DEPUTY = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"


@dataclass(frozen=True)
class Drafting:
    """Who prepares a legal draft, and the numbers and dates its papers carry."""

    topic: DraftTopic
    issuer: str
    submission_no: str
    signer_title: str
    signer_name: str
    dept: str
    appraisal_no: str
    appraisal_signer: tuple[str, str]
    request: str  # the drafting ministry's letter asking for the appraisal, "10234/BTC-QLN"
    slug: str


def regular_session_drafts(year: int) -> tuple[Drafting, ...]:
    """The drafts the regular session discusses after the budget and the monthly report."""
    return (
        Drafting(
            topic=digital_services.digital_services_topic(year),
            issuer="VĂN PHÒNG CHÍNH PHỦ",
            submission_no="88/TTr-VPCP",
            signer_title="BỘ TRƯỞNG, CHỦ NHIỆM",
            signer_name=CHIEF_OF_OFFICE,
            dept="KSTT",
            appraisal_no="325/BC-BTP",
            appraisal_signer=(_DEPUTY, DEPUTY_JUSTICE),
            request="6120/VPCP-KSTT",
            slug="nghi-dinh-chuyen-doi-so-dich-vu-cong",
        ),
    )


def thematic_session_drafts(year: int) -> tuple[Drafting, ...]:
    """The drafts of the thematic session on law-making."""
    return (
        Drafting(
            topic=civil_servants_law.civil_service_law_topic(year),
            issuer="BỘ NỘI VỤ",
            submission_no="57/TTr-BNV",
            signer_title="BỘ TRƯỞNG",
            signer_name=member_name("bt.noivu"),
            dept="CCVC",
            appraisal_no="298/BC-BTP",
            appraisal_signer=("BỘ TRƯỞNG", member_name("bt.tuphap")),
            request="4315/BNV-CCVC",
            slug="luat-can-bo-cong-chuc-sua-doi",
        ),
        Drafting(
            topic=public_debt.public_debt_topic(year),
            issuer="BỘ TÀI CHÍNH",
            submission_no="131/TTr-BTC",
            signer_title=_DEPUTY,
            signer_name=DEPUTY_FINANCE,
            dept="QLN",
            appraisal_no="312/BC-BTP",
            appraisal_signer=(_DEPUTY, DEPUTY_JUSTICE),
            request="10234/BTC-QLN",
            slug="nghi-dinh-nghiep-vu-quan-ly-no-cong",
        ),
    )
