"""The backend clock: "now" on the backend's time base, from observations,
with a fake monotonic clock (no sleeps)."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

import pytest

from cockpit.clock import ManualClock
from cockpit.timebase import BackendClock, ProbedClock, TimeBase, backend_time

T0 = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
WALL = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


class Mono:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _clock(**kwargs: object) -> tuple[BackendClock, Mono]:
    mono = Mono()
    return BackendClock(wall=ManualClock(WALL), monotonic=mono, **kwargs), mono  # type: ignore[arg-type]


def _feed(clock: BackendClock, mono: Mono, *, speed: float, polls: int, every: float) -> datetime:
    """Observe a backend that runs ``speed`` times real time, every ``every`` s."""
    start_mono = mono.t
    for _ in range(polls):
        mono.t += every
        clock.observe(T0 + timedelta(seconds=(mono.t - start_mono) * speed))
    return T0 + timedelta(seconds=(mono.t - start_mono) * speed)


def test_wall_time_stands_in_until_the_backend_has_answered() -> None:
    clock, _ = _clock()
    assert clock.now() == WALL
    assert clock.base is TimeBase.WALL
    assert not clock.synced
    clock.observe(T0)
    assert clock.now() == T0  # the backend's base replaces the stand-in, even backwards
    assert clock.base is TimeBase.BACKEND


@pytest.mark.parametrize("speed", [1.0, 30.0, 60.0])
def test_the_rate_is_learnt_and_extrapolated(speed: float) -> None:
    clock, mono = _clock()
    clock.observe(T0)
    last = _feed(clock, mono, speed=speed, polls=6, every=1.0)
    assert clock.rate == pytest.approx(speed, rel=1e-6)
    mono.t += 0.5
    assert clock.now() == last + timedelta(seconds=0.5 * speed)


def test_a_noisy_real_time_backend_snaps_to_rate_one() -> None:
    clock, mono = _clock()
    rng = random.Random(3)
    clock.observe(T0)
    for i in range(1, 40):
        mono.t += 5.0
        # Whole-second Date headers and ±0.04 s of latency.
        when = T0 + timedelta(seconds=round(i * 5.0 + rng.uniform(-0.04, 0.04)))
        clock.observe(when)
    assert clock.rate == 1.0


def test_latency_jitter_at_speed_60_stays_within_a_fraction_of_a_percent() -> None:
    clock, mono = _clock()
    rng = random.Random(5)
    clock.observe(T0)
    for i in range(1, 30):
        mono.t += 1.0
        jitter = rng.uniform(-0.01, 0.01)
        clock.observe(T0 + timedelta(seconds=(i + jitter) * 60))
    assert clock.rate == pytest.approx(60.0, rel=5e-3)


def test_never_runs_backwards_after_a_small_step_back() -> None:
    clock, mono = _clock()
    clock.observe(T0)
    _feed(clock, mono, speed=60, polls=3, every=1.0)  # at T0 + 180 s, rate 60
    mono.t += 0.9
    ahead = clock.now()  # T0 + 234 s by extrapolation
    clock.observe(T0 + timedelta(seconds=200))  # the backend is behind that
    assert clock.now() == ahead  # held
    mono.t += 1.0
    assert clock.now() >= ahead
    values = []
    for _ in range(20):
        mono.t += 0.05
        values.append(clock.now())
    assert values == sorted(values)


def test_a_large_step_back_rebases_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    clock, mono = _clock()
    clock.observe(T0)
    _feed(clock, mono, speed=60, polls=3, every=1.0)
    clock.observe(T0 - timedelta(hours=2))  # a restarted backend
    assert clock.now() == T0 - timedelta(hours=2)
    assert clock.rate == 1.0  # learnt afresh
    assert "stepped back" in caplog.text


def test_the_rate_is_clamped() -> None:
    clock, mono = _clock(max_rate=100.0)
    clock.observe(T0)
    mono.t += 1.0
    clock.observe(T0 + timedelta(days=10))
    assert clock.rate == 100.0


def test_a_fixed_rate_is_not_estimated() -> None:
    clock, mono = _clock(rate=1.0)
    clock.observe(T0)
    mono.t += 1.0
    clock.observe(T0 + timedelta(seconds=60))
    mono.t += 1.0
    assert clock.rate == 1.0
    assert clock.now() == T0 + timedelta(seconds=61)
    with pytest.raises(ValueError, match="rate"):
        BackendClock(rate=0)


def test_naive_server_times_are_refused() -> None:
    clock, _ = _clock()
    with pytest.raises(ValueError, match="naive"):
        clock.observe(datetime(2026, 1, 1))


def test_wall_and_backend_conversions() -> None:
    clock, mono = _clock()
    clock.observe(T0)
    _feed(clock, mono, speed=30, polls=3, every=1.0)
    assert clock.to_wall(timedelta(minutes=1)) == pytest.approx(2.0)
    assert clock.to_backend(2.0) == timedelta(minutes=1)


def test_observations_and_reads_from_many_threads() -> None:
    clock = BackendClock()
    clock.observe(T0)
    seen: list[datetime] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            mine = [clock.now() for _ in range(500)]
            assert mine == sorted(mine)
            seen.extend(mine)
        except BaseException as exc:
            errors.append(exc)

    def write() -> None:
        for i in range(500):
            clock.observe(T0 + timedelta(milliseconds=i))

    threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(seen) == 2000


class _Feed:
    def __init__(self, answers: list[datetime]) -> None:
        self.answers = answers
        self.calls = 0

    def server_time(self) -> datetime:
        self.calls += 1
        return self.answers.pop(0)


class _Vendor:
    def check(self) -> object:
        class Check:
            server_time = T0

        return Check()


class _Broken:
    def server_time(self) -> datetime:
        raise OSError("down")


def test_backend_time_says_where_it_came_from() -> None:
    assert backend_time(_Feed([T0])) == (T0, TimeBase.BACKEND)
    assert backend_time(_Vendor()) == (T0, TimeBase.HTTP_DATE)
    when, base = backend_time(_Broken())
    assert base is TimeBase.WALL
    assert abs(when - datetime.now(UTC)) < timedelta(minutes=1)


def test_probed_clock_asks_again_after_refresh() -> None:
    mono = Mono()
    feed = _Feed([T0, T0 + timedelta(seconds=60), T0 + timedelta(seconds=120)])
    clock = ProbedClock(lambda: backend_time(feed), refresh_s=1.0, monotonic=mono)
    assert clock.now() == T0
    mono.t += 0.5
    assert clock.now() == T0 + timedelta(seconds=0.5)  # rate 1 until learnt
    assert feed.calls == 1
    mono.t += 0.5
    assert clock.now() == T0 + timedelta(seconds=60)
    assert clock.rate == pytest.approx(60.0)
    assert feed.calls == 2
    assert clock.base is TimeBase.BACKEND


def test_probed_clock_reads_a_date_header_once() -> None:
    mono = Mono()
    calls: list[int] = []

    def probe() -> tuple[datetime, TimeBase]:
        calls.append(1)
        return T0, TimeBase.HTTP_DATE

    clock = ProbedClock(probe, refresh_s=1.0, monotonic=mono)
    clock.now()
    mono.t += 5
    assert clock.now() == T0 + timedelta(seconds=5)
    assert len(calls) == 1
    assert clock.base is TimeBase.HTTP_DATE


def test_waits_are_in_wall_seconds_and_never_longer_than_the_time_itself() -> None:
    from cockpit.incidents.cli_time import wall_seconds_until

    clock, mono = _clock()
    clock.observe(T0)
    _feed(clock, mono, speed=60, polls=3, every=1.0)
    now = clock.now()
    assert wall_seconds_until(clock, now + timedelta(minutes=2)) == pytest.approx(2.0)
    assert wall_seconds_until(clock, now - timedelta(minutes=2)) == 0.0
    frozen = ManualClock(T0)  # no rate: backend seconds as they are
    assert wall_seconds_until(frozen, T0 + timedelta(seconds=5)) == 5.0
    stalled, mono2 = _clock()
    stalled.observe(T0)
    mono2.t += 10
    stalled.observe(T0)  # a backend clock that stands still: rate clamped low
    assert wall_seconds_until(stalled, stalled.now() + timedelta(seconds=2)) == 2.0


def test_one_late_observation_does_not_bend_the_rate() -> None:
    clock, mono = _clock()
    mono.t += 0.3  # a slow first (full) poll: observed 0.3 s after the server said T0
    clock.observe(T0)
    for i in range(1, 12):
        mono.t = 1000.0 + i * 0.5
        clock.observe(T0 + timedelta(seconds=i * 0.5 * 60))
    assert clock.rate == pytest.approx(60.0, rel=1e-3)


def test_a_full_load_sets_the_time_but_not_the_rate() -> None:
    class Batch:
        def __init__(self, at: datetime, full: bool) -> None:
            self.server_time, self.full = at, full

    clock, mono = _clock()
    mono.t += 1.0  # the full load's server time is from its first page, a second earlier
    clock.observe_batch(Batch(T0, True))
    assert clock.now() == T0
    for i in range(1, 4):
        mono.t = 1000.0 + i * 0.5
        clock.observe_batch(Batch(T0 + timedelta(seconds=i * 30), False))
    assert clock.rate == pytest.approx(60.0)
