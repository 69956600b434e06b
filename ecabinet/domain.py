"""Domain vocabulary shared by the server, the client and the interface."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"  # thành viên Chính phủ: sees the meetings they are invited to
    SECRETARIAT = "secretariat"  # Văn phòng Chính phủ: prepares every meeting of the organisation
    ADMIN = "admin"  # manages accounts and devices; reads no cabinet papers


class MeetingKind(StrEnum):
    REGULAR = "regular"  # phiên họp thường kỳ
    THEMATIC = "thematic"  # phiên họp chuyên đề


class MeetingStatus(StrEnum):
    DRAFT = "draft"  # being prepared: only the secretariat sees it
    PUBLISHED = "published"  # invitations and papers sent to the participants
    CLOSED = "closed"  # held; papers stay readable
    CANCELLED = "cancelled"


MEMBER_VISIBLE_STATUSES = (MeetingStatus.PUBLISHED, MeetingStatus.CLOSED, MeetingStatus.CANCELLED)


class EntityType(StrEnum):
    """What a change in the sync protocol is about (docs/sync-protocol.md)."""

    USER = "user"
    MEETING = "meeting"
    AGENDA_ITEM = "agenda_item"
    DOCUMENT = "document"
    DOCUMENT_VERSION = "document_version"
    READ_MARK = "read_mark"
    BALLOT = "ballot"
    OPINION = "opinion"
    DEVICE = "device"  # one of the user's own device keys (sent to that user only)
    ANNOTATION = "annotation"  # a private one goes to its owner only
    NOTIFICATION = "notification"  # to its one recipient (docs/secretariat.md)
    CONSENT_MARK = "consent_mark"  # a member's own consent-agenda marks, to that member
    # Not an entity: "your access to this meeting changed", expanded by the server
    # into the meeting's full contents or a tombstone.
    ACCESS = "access"


class MutationType(StrEnum):
    MARK_READ = "mark_read"
    SUBMIT_OPINION = "submit_opinion"
    SAVE_ANNOTATION = "save_annotation"
    READING_PROGRESS = "reading_progress"  # the furthest page reached in a paper
    MARK_CONSENT = "mark_consent"  # consent agenda: no objection / speak / object / pull out


class MutationStatus(StrEnum):
    APPLIED = "applied"
    REJECTED = "rejected"


class Classification(StrEnum):
    """An agenda item's marking. The three state-secret levels (Luật Bảo vệ bí mật nhà nước)."""

    NONE = ""
    MAT = "mat"  # Mật
    TOI_MAT = "toi-mat"  # Tối mật
    TUYET_MAT = "tuyet-mat"  # Tuyệt mật


CLASSIFICATION_LABELS = {
    Classification.NONE: "",
    Classification.MAT: "Mật",
    Classification.TOI_MAT: "Tối mật",
    Classification.TUYET_MAT: "Tuyệt mật",
}
