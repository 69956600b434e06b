"""Meeting papers: uploads become immutable versions; reads are recorded per member."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecabinet.domain import EntityType
from ecabinet.pdf.inspect import PdfInfo
from ecabinet.server.blobstore import StagedBlob
from ecabinet.server.errors import invalid
from ecabinet.server.models import (
    AgendaItem,
    Document,
    DocumentRead,
    DocumentVersion,
    Meeting,
    MeetingParticipant,
    User,
)
from ecabinet.server.services import audit, duplicates, notifications
from ecabinet.server.services.access import require_secretariat
from ecabinet.server.services.changes import DELETE, record_change
from ecabinet.server.services.duplicates import check_change_note
from ecabinet.server.services.notifications import NoticeKind
from ecabinet.timeutil import utcnow

# State-secret levels (Mật, Tối mật, Tuyệt mật) are handled on paper, outside this system.
CLASSIFIED_LEVELS = {"mat", "toi-mat", "tuyet-mat"}


def check_classification(level: str) -> None:
    if level.strip().lower() in CLASSIFIED_LEVELS:
        raise invalid(
            "classified",
            "Tài liệu mang độ mật (Mật, Tối mật, Tuyệt mật) không được phát hành qua hệ thống; "
            "hãy chuyển bằng bản giấy theo quy định bảo vệ bí mật nhà nước.",
            "Documents classified as state secrets may not be distributed through the system.",
        )


def clean_filename(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return (name or "tai-lieu.pdf")[:200]


def _document_changed(session: Session, meeting: Meeting, document: Document, op: str) -> None:
    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.DOCUMENT,
        entity_id=document.id,
        meeting_id=meeting.id,
        op=op,
    )


def _add_version(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    document: Document,
    staged: StagedBlob,
    info: PdfInfo,
    filename: str,
    change_note: str = "",
) -> DocumentVersion:
    last = session.scalar(
        select(func.max(DocumentVersion.version_no)).where(
            DocumentVersion.document_id == document.id
        )
    )
    version = DocumentVersion(
        document_id=document.id,
        version_no=(last or 0) + 1,
        sha256=staged.sha256,
        size=staged.size,
        pages=info.pages,
        filename=clean_filename(filename),
        change_note=change_note.strip(),
        uploaded_by=actor.id,
    )
    session.add(version)
    session.flush()
    document.current_version_id = version.id
    document.updated_at = utcnow()
    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.DOCUMENT_VERSION,
        entity_id=version.id,
        meeting_id=meeting.id,
    )
    _document_changed(session, meeting, document, "upsert")
    if version.version_no == 1:
        kind, text = NoticeKind.PAPER_NEW, f"Tài liệu mới: {document.title}"
    else:
        kind, text = NoticeKind.PAPER_UPDATED, f"Tài liệu được cập nhật: {document.title}"
        if version.change_note:
            text += f" — {version.change_note}"
    notifications.notify(session, meeting=meeting, kind=kind, text=text, subject_id=document.id)
    audit.record(
        session,
        action="document.version",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="document_version",
        object_id=version.id,
        details={
            "document_id": document.id,
            "sha256": staged.sha256,
            "size": staged.size,
            "change_note": version.change_note,
        },
    )
    return version


def create_document(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    agenda_item: AgendaItem | None,
    title: str,
    number: str,
    staged: StagedBlob,
    info: PdfInfo,
    filename: str,
) -> tuple[Document, DocumentVersion]:
    require_secretariat(actor)
    duplicates.refuse_duplicate(session, meeting, staged.sha256)
    title = title.strip() or (info.title or "").strip() or clean_filename(filename)
    position = session.scalar(
        select(func.count(Document.id)).where(
            Document.meeting_id == meeting.id, Document.deleted_at.is_(None)
        )
    )
    document = Document(
        meeting_id=meeting.id,
        agenda_item_id=agenda_item.id if agenda_item else None,
        title=title,
        number=number.strip(),
        position=int(position or 0) + 1,
        created_by=actor.id,
    )
    session.add(document)
    session.flush()
    version = _add_version(
        session,
        actor=actor,
        meeting=meeting,
        document=document,
        staged=staged,
        info=info,
        filename=filename,
    )
    return document, version


def add_version(
    session: Session,
    *,
    actor: User,
    meeting: Meeting,
    document: Document,
    staged: StagedBlob,
    info: PdfInfo,
    filename: str,
    change_note: str = "",
) -> DocumentVersion:
    require_secretariat(actor)
    duplicates.refuse_same_version(session, document, staged.sha256)
    duplicates.refuse_duplicate(session, meeting, staged.sha256, besides=document.id)
    check_change_note(session, document, change_note)
    return _add_version(
        session,
        actor=actor,
        meeting=meeting,
        document=document,
        staged=staged,
        info=info,
        filename=filename,
        change_note=change_note,
    )


def delete_document(session: Session, *, actor: User, meeting: Meeting, document: Document) -> None:
    require_secretariat(actor)
    document.deleted_at = utcnow()
    _document_changed(session, meeting, document, DELETE)
    audit.record(
        session,
        action="document.delete",
        actor_user_id=actor.id,
        org_id=actor.org_id,
        object_type="document",
        object_id=document.id,
    )


def versions(session: Session, document: Document) -> list[DocumentVersion]:
    return list(
        session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == document.id)
            .order_by(DocumentVersion.version_no)
        )
    )


def mark_read(
    session: Session, *, user: User, version: DocumentVersion, meeting: Meeting, read_at: datetime
) -> DocumentRead:
    """Record the first time ``user`` opened ``version``; later reads change nothing."""
    existing = session.get(DocumentRead, (user.id, version.id))
    if existing is not None:
        return existing
    # A device clock can be wrong; never record a read in the future.
    read = DocumentRead(
        user_id=user.id, document_version_id=version.id, read_at=min(read_at, utcnow())
    )
    session.add(read)

    record_change(
        session,
        org_id=meeting.org_id,
        entity_type=EntityType.READ_MARK,
        entity_id=version.id,
        meeting_id=meeting.id,
        audience_user_id=user.id,
    )
    return read


def read_report(session: Session, *, actor: User, meeting: Meeting) -> list[dict[str, Any]]:
    """For the secretariat: per participant, which current versions they have opened."""
    require_secretariat(actor)
    current = list(
        session.execute(
            select(Document.id, Document.title, Document.current_version_id).where(
                Document.meeting_id == meeting.id, Document.deleted_at.is_(None)
            )
        )
    )
    version_ids = [row.current_version_id for row in current if row.current_version_id]
    reads = {
        (r.user_id, r.document_version_id): r.read_at
        for r in session.scalars(
            select(DocumentRead).where(DocumentRead.document_version_id.in_(version_ids))
        )
    }
    people = session.scalars(
        select(User)
        .join(MeetingParticipant, MeetingParticipant.user_id == User.id)
        .where(MeetingParticipant.meeting_id == meeting.id)
        .order_by(User.full_name)
    ).all()
    report = []
    for person in people:
        docs = [
            {
                "document_id": row.id,
                "title": row.title,
                "read_at": (
                    reads[(person.id, row.current_version_id)].isoformat()
                    if (person.id, row.current_version_id) in reads
                    else None
                ),
            }
            for row in current
        ]
        report.append(
            {
                "user_id": person.id,
                "full_name": person.full_name,
                "documents": docs,
                "read_count": sum(1 for d in docs if d["read_at"]),
            }
        )
    return report


def blob_in_use(session: Session, sha256: str) -> bool:
    """Does a committed document version refer to this file?"""
    return (
        session.scalar(select(DocumentVersion.id).where(DocumentVersion.sha256 == sha256).limit(1))
        is not None
    )
