from datetime import UTC, datetime, timedelta, timezone

import pytest

from cockpit.clock import ManualClock, ScaledClock, format_time, parse_time

T0 = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(T0)
    assert clock.now() == T0
    assert clock.advance(90) == T0 + timedelta(seconds=90)
    assert clock.now() == T0 + timedelta(seconds=90)


def test_manual_clock_refuses_to_run_backwards() -> None:
    clock = ManualClock(T0)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="backwards"):
        clock.set(T0 - timedelta(seconds=1))


def test_naive_times_are_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        ManualClock(datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="naive"):
        parse_time("2026-11-11T16:00:00")


def test_scaled_clock_runs_faster_than_real_time() -> None:
    clock = ScaledClock(T0, speed=1000)
    first = clock.now()
    assert first >= T0
    assert clock.speed == 1000


def test_times_round_trip_in_utc() -> None:
    beijing = timezone(timedelta(hours=8))
    local = datetime(2026, 11, 12, 0, 40, tzinfo=beijing)
    assert format_time(local) == "2026-11-11T16:40:00Z"
    assert parse_time("2026-11-11T16:40:00Z") == local
