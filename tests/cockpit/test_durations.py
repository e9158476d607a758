"""The one duration format: h:mm:ss under a day, "2 d 4 h" from one on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cockpit.durations import clock_duration, duration_parts


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00:00"),
        (5, "0:00:05"),
        (6 * 60 + 5, "0:06:05"),
        (6 * 3600 + 5 * 60, "6:05:00"),
        (86_399, "23:59:59"),
        (86_400, "1 d 0 h"),
        (2 * 86_400 + 4 * 3600 + 59 * 60, "2 d 4 h"),
    ],
)
def test_one_format(seconds: int, text: str) -> None:
    assert clock_duration(seconds) == text


def test_six_minutes_and_six_hours_never_read_alike() -> None:
    assert clock_duration(timedelta(minutes=6, seconds=5)) != clock_duration(
        timedelta(hours=6, minutes=5)
    )


def test_negative_is_its_size_unless_signed() -> None:
    assert clock_duration(-65) == "0:01:05"
    assert clock_duration(-65, signed=True) == "-0:01:05"
    assert clock_duration(-0.4, signed=True) == "0:00:00"


def test_units_come_from_the_caller() -> None:
    assert clock_duration(90_000, day_unit="天", hour_unit="小时") == "1 天 1 小时"


def test_parts() -> None:
    parts = duration_parts(timedelta(days=1, hours=2, minutes=3, seconds=4.9))
    assert (parts.days, parts.hours, parts.minutes, parts.seconds) == (1, 2, 3, 4)


def test_exports() -> None:
    from cockpit.durations import export_duration

    assert export_duration(None) == "—"
    assert export_duration(-90) == "-0:01:30"
    assert export_duration(timedelta(days=3, hours=1), language="zh_CN") == "3 天 1 小时"
