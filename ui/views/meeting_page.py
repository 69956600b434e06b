"""The page shown for a meeting or an agenda item: when, where, agenda, who takes part."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from ecabinet.store.queries import MeetingRow
from ui.models.catalogue import meeting_time
from ui.theme.palette import secondary_color


def meeting_html(meeting: MeetingRow, user_names: dict[str, str], focus: str | None = None) -> str:
    e = html.escape
    names = [user_names.get(uid, "") for uid in meeting.participant_ids]
    status = {
        "published": QCoreApplication.translate("MeetingPage", "Papers sent"),
        "closed": QCoreApplication.translate("MeetingPage", "Held"),
        "cancelled": QCoreApplication.translate("MeetingPage", "Cancelled"),
        "draft": QCoreApplication.translate("MeetingPage", "Being prepared"),
    }.get(meeting.status, meeting.status)
    bold = " style='font-weight:bold'"
    agenda = "".join(
        f"<li{bold if item.title == focus else ''}>"
        f"{e(item.title)} <span style='color:{secondary_color()}'>({e(item.presenter)})</span></li>"
        for item in meeting.agenda
    )
    time_label = QCoreApplication.translate("MeetingPage", "Time")
    place_label = QCoreApplication.translate("MeetingPage", "Place")
    status_label = QCoreApplication.translate("MeetingPage", "Status")
    agenda_label = QCoreApplication.translate("MeetingPage", "Agenda")
    people_label = QCoreApplication.translate("MeetingPage", "Participants")
    guests_label = QCoreApplication.translate("MeetingPage", "Invited guests")
    guests = "".join(
        f"<li>{e(g.name)}{' — ' + e(g.position) if g.position else ''}</li>" for g in meeting.guests
    )
    return (
        f"<h2>{e(meeting.title)}</h2>"
        f"<p><b>{e(time_label)}:</b> {e(meeting_time(meeting.starts_at))}<br>"
        f"<b>{e(place_label)}:</b> {e(meeting.location)}<br>"
        f"<b>{e(status_label)}:</b> {e(status)}</p>"
        f"<h3>{e(agenda_label)}</h3><ol>{agenda}</ol>"
        f"<h3>{e(people_label)} ({len(names)})</h3>"
        f"<p>{e(', '.join(n for n in names if n))}</p>"
        + (f"<h3>{e(guests_label)} ({len(meeting.guests)})</h3><ul>{guests}</ul>" if guests else "")
    )
