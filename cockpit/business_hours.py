"""Working-time arithmetic for SLA clocks that only run in business hours.

Local policies use it when ``SlaSettings.business_hours`` is set; by default
clocks run around the clock. Times go in and come out timezone-aware (UTC
out); the windows are laid out in the calendar's own zone, so daylight
saving is honoured.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from cockpit.settings import BusinessHours

# How far ahead to look for working time before giving up (a calendar made
# only of holidays would otherwise loop for ever).
MAX_DAYS = 3660


def add_business_time(start: datetime, seconds: float, hours: BusinessHours) -> datetime:
    """The instant at which ``seconds`` of working time have passed since ``start``."""
    remaining = timedelta(seconds=seconds)
    for opens, closes in _windows(start, hours):
        begin = max(opens, start)
        if begin >= closes:
            continue
        if remaining <= closes - begin:
            return begin + remaining
        remaining -= closes - begin
    raise ValueError(f"no working time within {MAX_DAYS} days of {start.isoformat()}")


def business_seconds_between(start: datetime, end: datetime, hours: BusinessHours) -> float:
    """Working time, in seconds, in ``[start, end)``; 0 when ``end <= start``."""
    total = timedelta(0)
    if end <= start:
        return 0.0
    for opens, closes in _windows(start, hours):
        if opens >= end:
            break
        overlap = min(closes, end) - max(opens, start)
        if overlap > timedelta(0):
            total += overlap
    return total.total_seconds()


def _windows(start: datetime, hours: BusinessHours) -> Iterator[tuple[datetime, datetime]]:
    """Working windows (UTC) from the local day that contains ``start`` on."""
    zone = ZoneInfo(hours.timezone)
    first = start.astimezone(zone).date()
    holidays = set(hours.holidays)
    for offset in range(MAX_DAYS):
        day = first + timedelta(days=offset)
        if day.weekday() in hours.weekdays and day not in holidays:
            opens = datetime.combine(day, hours.start, zone).astimezone(UTC)
            closes = datetime.combine(day, hours.end, zone).astimezone(UTC)
            yield opens, closes
