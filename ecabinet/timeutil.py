"""Time helpers: everything is stored and compared in UTC, shown in Vietnam's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

# Vietnam has had no daylight saving time since 1975; a fixed offset avoids a tzdata dependency.
VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime: give a time zone")
    return value.astimezone(UTC)


def isoformat(value: datetime | None) -> str | None:
    return None if value is None else to_utc(value).isoformat().replace("+00:00", "Z")


def vietnam_time_text(iso: str | None, pattern: str = "%H:%M %d/%m/%Y") -> str:
    """An ISO 8601 time as people here read it, in Vietnam's time ("" for none)."""
    if not iso:
        return ""
    try:
        return parse_iso(iso).astimezone(VIETNAM_TZ).strftime(pattern)
    except ValueError:
        return iso


def parse_iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"time without zone: {value!r}")
    return parsed.astimezone(UTC)
