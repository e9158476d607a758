"""Durations as playbooks write them: ``"90s"``, ``"30m"``, ``"1h30m"``,
``"2h"``, ``"1d"``; a bare integer is a number of minutes."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\Z")


def parse_duration(value: object) -> timedelta:
    """A positive duration; raises ``ValueError`` saying what was expected."""
    try:
        result = _duration(value)
    except OverflowError:
        raise ValueError(f"expected a duration of a sensible length, got {value!r}") from None
    if result <= timedelta(0):
        raise ValueError(f"expected a duration above zero, got {value!r}")
    return result


def _duration(value: object) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return timedelta(minutes=value)
    if isinstance(value, str):
        match = _DURATION.match(value.strip())
        if not value.strip() or match is None:
            raise ValueError(
                f'expected a duration such as "90s", "30m", "1h30m" or "2h", got {value!r}'
            )
        days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    raise ValueError(
        f'expected a duration string such as "30m" or a number of minutes, '
        f"got {type(value).__name__}"
    )


def format_duration(value: timedelta) -> str:
    """The shortest playbook spelling: ``timedelta(minutes=90)`` → ``"1h30m"``."""
    total = int(value.total_seconds())
    if total <= 0:
        return "0s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, total = divmod(total, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
