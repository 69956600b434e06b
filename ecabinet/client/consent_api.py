"""The consent-agenda part of ``Workspace`` (docs/secretariat.md, "Consent agenda"): a
mixin, so that the workspace module stays small. A mark is written through the store's
one writer into the outbox and sent by the next sync; it works offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecabinet.client.changes import Change, ChangeHub
from ecabinet.errors import InputError

if TYPE_CHECKING:  # the ORM loads after the first paint (docs/benchmarks.md, cold start)
    from sqlalchemy.orm import Session

    from ecabinet.client.consent_marks import MyMark
    from ecabinet.store.db import LocalStore

CONSENT = "consent"  # the Change a new mark tells the screens


class ConsentMixin:
    store: LocalStore
    _changes: ChangeHub | None = None

    def mark_consent(self, agenda_item_id: str, mark: str, reason: str = "") -> MyMark:
        """Queue this member's mark on an agenda item; answers the mark as now shown.
        ``InputError`` for an unknown mark, an objection without a reason, an item not
        on this device, or a meeting no longer open."""
        from ecabinet.client.consent_marks import my_marks
        from ecabinet.client.secretariat_consent import queue_mark
        from ecabinet.store.models import LocalAgendaItem, LocalMeeting

        def write(session: Session) -> MyMark:
            item = session.get(LocalAgendaItem, agenda_item_id)
            meeting = session.get(LocalMeeting, item.meeting_id) if item is not None else None
            if item is None or meeting is None:
                raise InputError(
                    "Không tìm thấy nội dung này trên máy; hãy đồng bộ lại.",
                    code="not_found",
                    message_en="This agenda item is not on this device.",
                )
            if meeting.status != "published":
                raise InputError(
                    "Phiên họp đã kết thúc hoặc bị huỷ: không nhận thêm ý kiến về nội dung.",
                    code="meeting_not_open",
                    message_en="The meeting is closed or cancelled: marks are no longer taken.",
                )
            queue_mark(session, agenda_item_id, mark, reason)
            session.flush()
            return my_marks(session, item.meeting_id)[agenda_item_id]

        made = self.store.write(write)
        if self._changes is not None:
            self._changes.notify(Change(CONSENT))
        return made

    def my_consent_marks(self, meeting_id: str) -> dict[str, MyMark]:
        """This member's mark per agenda item of the meeting: queued, delivered or refused."""
        from ecabinet.client.consent_marks import my_marks

        with self.store.read() as session:
            return my_marks(session, meeting_id)
