"""A file is stored once per meeting; a paper members have read is never replaced silently."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecabinet.server.errors import ApiError, invalid
from ecabinet.server.models import Document, DocumentRead, DocumentVersion, Meeting


def refuse_duplicate(
    session: Session, meeting: Meeting, sha256: str, *, besides: str | None = None
) -> None:
    """409 ``duplicate_document`` when a live paper of ``meeting`` (other than
    ``besides``) already holds this file in one of its versions."""
    query = (
        select(Document.id, Document.title, DocumentVersion.id.label("version_id"))
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(
            Document.meeting_id == meeting.id,
            Document.deleted_at.is_(None),
            DocumentVersion.sha256 == sha256,
        )
        .order_by(DocumentVersion.version_no.desc())
        .limit(1)
    )
    if besides is not None:
        query = query.where(Document.id != besides)
    found = session.execute(query).first()
    if found is None:
        return
    raise ApiError(
        409,
        "duplicate_document",
        f"Tệp này đã có trong phiên họp (tài liệu “{found.title}”); hệ thống không lưu hai "
        "lần. Nếu đây là bản mới của một tài liệu, hãy tải lên dưới dạng phiên bản mới.",
        "This file is already in the meeting; it was not stored again.",
        extra={"document_id": found.id, "document_version_id": found.version_id},
    )


def refuse_same_version(session: Session, document: Document, sha256: str) -> None:
    current = session.get(DocumentVersion, document.current_version_id or "")
    if current is not None and current.sha256 == sha256:
        raise ApiError(
            409,
            "same_version",
            "Tệp tải lên giống hệt phiên bản hiện tại của tài liệu; không có gì thay đổi.",
            "The file is identical to the document's current version; nothing changed.",
            extra={"document_id": document.id, "document_version_id": current.id},
        )


def check_change_note(session: Session, document: Document, change_note: str) -> None:
    """Once a member has opened the current version, a new one needs a change note."""
    if change_note.strip() or document.current_version_id is None:
        return
    read = session.scalar(
        select(DocumentRead.user_id)
        .where(DocumentRead.document_version_id == document.current_version_id)
        .limit(1)
    )
    if read is not None:
        raise invalid(
            "change_note_required",
            "Đã có thành viên đọc phiên bản hiện tại của tài liệu này: hãy ghi rõ nội dung thay "
            "đổi (ghi chú thay đổi) để thành viên biết vì sao tài liệu được cập nhật.",
            "Members have read the current version: a new version needs a change note.",
        )
