"""What the minister is about to sign, shown before signing and checked when signing.

Signing is deliberate: the app shows the exact choice, comment and papers (title and
short hash of the version this laptop holds) that the signature will cover, and the
signature is made only if nothing changed between that preview and the click (a sync
in between may bring a new version of a draft).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecabinet.client.opinions import bound_documents, checked_answer
from ecabinet.errors import InputError

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PaperToSign:
    document_id: str
    title: str
    number: str
    version_no: int
    sha256: str

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


@dataclass(frozen=True)
class OpinionPreview:
    ballot_id: str
    definition_hash: str  # the signed definition the answer binds
    question: str
    choice: str
    comment: str
    papers: tuple[PaperToSign, ...]


def preview_opinion(session: Session, ballot_id: str, choice: str, comment: str) -> OpinionPreview:
    """What signing this answer now would cover; InputError if it cannot be signed."""
    from ecabinet.store.models import LocalDocument, LocalDocumentVersion

    ballot, comment, definition_hash = checked_answer(session, ballot_id, choice, comment)
    papers = []
    for bound in bound_documents(session, ballot):
        doc = session.get(LocalDocument, bound["document_id"])
        version = session.get(LocalDocumentVersion, bound["version_id"])
        papers.append(
            PaperToSign(
                document_id=bound["document_id"],
                title=doc.title if doc else "",
                number=doc.number if doc else "",
                version_no=version.version_no if version else 0,
                sha256=bound["sha256"],
            )
        )
    return OpinionPreview(
        ballot.id, definition_hash, ballot.question, choice, comment, tuple(papers)
    )


def check_unchanged(session: Session, expected: OpinionPreview) -> None:
    """Refuse to sign when what would be signed differs from what the minister confirmed."""
    now = preview_opinion(session, expected.ballot_id, expected.choice, expected.comment)
    if now != expected:
        raise InputError(
            "Phiếu hoặc tài liệu kèm theo vừa thay đổi trong lúc bạn xác nhận (có thể do vừa "
            "đồng bộ). Chưa ký: hãy xem lại nội dung rồi ký lại.",
            code="changed_while_confirming",
            message_en="The ballot or its papers changed while you were confirming; "
            "nothing was signed. Review and sign again.",
        )
