"""The one way the cockpit writes a measured duration (waits, countdowns,
ages, overdue steps, an incident's running time, the exports).

Under a day: ``h:mm:ss`` always, hours included, so "0:06:05" is six
minutes and "6:05:00" six hours, and no row can be read the other way.
From a day on: whole days and hours ("2 d 4 h"); the unit words come from
the caller, so the UI and the exports can put them in their language.

Configured limits ("30 min", the heatmap's bucket sizes) are settings, not
measurements, and keep their words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

DAY_S = 86_400


@dataclass(frozen=True, slots=True)
class DurationParts:
    """A duration split for display; ``negative`` when it was below zero."""

    days: int
    hours: int
    minutes: int
    seconds: int
    negative: bool = False


def duration_parts(value: timedelta | float) -> DurationParts:
    """Whole days, hours, minutes and seconds of ``value`` (seconds or a timedelta)."""
    raw = value.total_seconds() if isinstance(value, timedelta) else float(value)
    total = int(abs(raw))
    days, rest = divmod(total, DAY_S)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return DurationParts(days, hours, minutes, seconds, negative=raw < 0 and total > 0)


def clock_duration(
    value: timedelta | float,
    *,
    day_unit: str = "d",
    hour_unit: str = "h",
    signed: bool = False,
) -> str:
    """``0:06:05``, ``6:05:00``, ``23:59:59``; ``2 d 4 h`` from a day on.

    Negative values read as their size unless ``signed`` (then "-0:01:00").
    """
    parts = duration_parts(value)
    sign = "-" if signed and parts.negative else ""
    if parts.days:
        return f"{sign}{parts.days} {day_unit} {parts.hours} {hour_unit}"
    return f"{sign}{parts.hours}:{parts.minutes:02d}:{parts.seconds:02d}"


# Unit words of the exports (the core's own texts: JSON, CSV, HTML, handover).
_UNITS = {"zh_CN": ("天", "小时"), "en": ("d", "h")}


def export_duration(value: timedelta | float | None, *, language: str = "en") -> str:
    """:func:`clock_duration` for the exports, signed, "—" for no value."""
    if value is None:
        return "—"
    day, hour = _UNITS.get(language, _UNITS["en"])
    return clock_duration(value, day_unit=day, hour_unit=hour, signed=True)
