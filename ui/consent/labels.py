"""The words of the consent agenda, shared by the member's panel and the secretariat's
list (docs/secretariat.md, "Consent agenda"; Vietnamese in resources/translations)."""

from __future__ import annotations

__all__ = ["MARKS", "choice_text", "mark_text", "reason_required", "state_text"]

from PySide6.QtCore import QCoreApplication

from ecabinet.client.consent_marks import DELIVERED, QUEUED, REFUSED, MyMark
from ecabinet.client.secretariat_consent import MARKS

NO_OBJECTION, WISH_TO_SPEAK, OBJECT, PULL_OUT = MARKS


def mark_text(mark: str) -> str:
    """A mark as a person reads it: "Không phản đối", "Xin phát biểu", ..."""
    return {
        NO_OBJECTION: QCoreApplication.translate("Consent", "No objection"),
        WISH_TO_SPEAK: QCoreApplication.translate("Consent", "Wish to speak"),
        OBJECT: QCoreApplication.translate("Consent", "Object"),
        PULL_OUT: QCoreApplication.translate("Consent", "Pull out of the consent list"),
    }.get(mark, mark)


def choice_text(mark: str) -> str:
    """The text of the choice button, with its keyboard mnemonic."""
    return {
        NO_OBJECTION: QCoreApplication.translate("Consent", "&No objection"),
        WISH_TO_SPEAK: QCoreApplication.translate("Consent", "Wish to &speak"),
        OBJECT: QCoreApplication.translate("Consent", "&Object (a reason is required)"),
        PULL_OUT: QCoreApplication.translate("Consent", "P&ull out of the consent list"),
    }[mark]


def state_text(mark: MyMark) -> str:
    """Whether the server has the mark yet."""
    if mark.state == QUEUED:
        return QCoreApplication.translate("Consent", "waiting to be sent (next sync)")
    if mark.state == DELIVERED:
        return QCoreApplication.translate("Consent", "sent")
    if mark.state == REFUSED:
        return QCoreApplication.translate("Consent", "refused: %1").replace("%1", mark.refusal)
    return mark.state


def reason_required() -> str:
    return QCoreApplication.translate(
        "Consent", "An objection needs a reason: write why you object."
    )
