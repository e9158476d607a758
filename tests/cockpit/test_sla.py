"""SLA clocks, exact, on a manual clock: targets, boundaries, backend due
times, overrides, pausing and business hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cockpit.business_hours import add_business_time, business_seconds_between
from cockpit.clock import ManualClock
from cockpit.domain import Priority, Status, Ticket
from cockpit.floor import FloorState
from cockpit.settings import BusinessHours, SlaSettings, SlaTarget
from cockpit.sla import ClockKind, DueSource, SlaState, clocks, evaluate, pressing
from tests.cockpit.factories import at, ticket

SLA = SlaSettings()
SECOND = timedelta(seconds=1)


def urgent(**fields: object) -> Ticket:
    """Urgent, created at T0: first response due at +5 min, at risk from +4 min."""
    return ticket("u", created=0, priority=Priority.URGENT, **fields)


def test_policy_clocks_for_a_high_ticket() -> None:
    first, resolution = clocks(ticket("h", created=0, priority=Priority.HIGH), SLA)
    assert (first.kind, first.due_at, first.warn_at) == (ClockKind.FIRST_RESPONSE, at(30), at(24))
    assert (resolution.kind, resolution.due_at, resolution.warn_at) == (
        ClockKind.RESOLUTION,
        at(240),
        at(192),
    )
    assert first.source is resolution.source is DueSource.POLICY
    assert first.running
    assert resolution.running


@pytest.mark.parametrize(
    ("offset", "state"),
    [(-1, SlaState.AT_RISK), (0, SlaState.AT_RISK), (1, SlaState.BREACHED)],
)
def test_breached_strictly_after_the_due_instant(offset: int, state: SlaState) -> None:
    clock = ManualClock(at(5) - SECOND)
    clock.advance(1 + offset)
    result = evaluate(urgent(), SLA, clock.now())
    assert result.state is state
    assert result.seconds_to_breach == -offset
    assert result.due_at == at(5)


@pytest.mark.parametrize(
    ("offset", "state"), [(-1, SlaState.OK), (0, SlaState.AT_RISK), (1, SlaState.AT_RISK)]
)
def test_at_risk_from_the_warn_instant_on(offset: int, state: SlaState) -> None:
    # 80 % of 5 min: at risk from 4 min on.
    assert evaluate(urgent(), SLA, at(4) + offset * SECOND).state is state


def test_warn_ratio_comes_from_the_settings() -> None:
    sla = SlaSettings(warn_ratio=0.5)
    assert evaluate(urgent(), sla, at(2.5) - SECOND).state is SlaState.OK
    assert evaluate(urgent(), sla, at(2.5)).state is SlaState.AT_RISK


def test_an_answer_at_the_due_instant_meets_the_target() -> None:
    floor = FloorState(SLA)
    assert floor.first_response_met(urgent(first_response_at=at(5)))
    assert not floor.first_response_met(urgent(first_response_at=at(5) + SECOND))


def test_backend_due_times_win_over_the_policy() -> None:
    # Medium: the policy says 2 h to answer and has no resolution target.
    t = ticket("b", created=0, first_response_due=at(10), resolution_due=at(100))
    first, resolution = clocks(t, SLA)
    assert (first.due_at, first.warn_at, first.source) == (at(10), at(8), DueSource.BACKEND)
    assert (resolution.due_at, resolution.warn_at) == (at(100), at(80))
    assert evaluate(t, SLA, at(10) + SECOND).state is SlaState.BREACHED


def test_a_backend_due_time_before_creation_warns_at_once() -> None:
    (first,) = clocks(ticket("b", created=0, first_response_due=at(-1)), SLA)
    assert first.warn_at == first.due_at == at(-1)
    assert evaluate(ticket("b", created=0, first_response_due=at(-1)), SLA, at(0)).state is (
        SlaState.BREACHED
    )


def test_queue_overrides_apply_to_their_queue_only() -> None:
    sla = SlaSettings(
        queue_overrides={"logistics": {Priority.MEDIUM: SlaTarget(first_response_s=60)}}
    )
    assert evaluate(ticket("a", created=0), sla, at(1)).state is SlaState.AT_RISK
    assert evaluate(ticket("a", created=0), sla, at(1) + SECOND).state is SlaState.BREACHED
    assert evaluate(ticket("b", "refund", created=0), sla, at(1) + SECOND).state is SlaState.OK


def test_no_target_means_no_clock() -> None:
    sla = SlaSettings(targets={Priority.MEDIUM: SlaTarget()})
    assert clocks(ticket("m", created=0), sla) == ()
    result = evaluate(ticket("m", created=0), sla, at(10_000))
    assert (result.state, result.clock, result.seconds_to_breach) == (SlaState.OK, None, None)


def test_the_first_response_stops_its_clock_and_the_resolution_clock_takes_over() -> None:
    t = ticket("h", created=0, priority=Priority.HIGH, first_response_at=at(40))
    first, _resolution = clocks(t, SLA)
    assert first.stopped_at == at(40)
    assert not first.live
    result = evaluate(t, SLA, at(100))
    assert (result.clock, result.due_at, result.state) == (
        ClockKind.RESOLUTION,
        at(240),
        SlaState.OK,
    )


def test_a_finished_ticket_has_no_live_clock() -> None:
    t = ticket("d", created=0, priority=Priority.HIGH, status=Status.RESOLVED, resolved_at=at(3))
    assert all(c.stopped_at == at(3) for c in clocks(t, SLA))
    assert evaluate(t, SLA, at(1000)).clock is None


def test_on_a_tie_the_first_response_clock_is_pressing() -> None:
    t = ticket("t", created=0, first_response_due=at(10), resolution_due=at(10))
    assert (clock := pressing(clocks(t, SLA))) is not None
    assert clock.kind is ClockKind.FIRST_RESPONSE


# --- pausing while the ticket waits on the customer ---------------------------


def test_a_pending_ticket_reads_as_of_pending_since() -> None:
    t = urgent(status=Status.PENDING, pending_since=at(3))
    for minutes in (3, 10, 1000):
        result = evaluate(t, SLA, at(minutes))
        assert result.paused
        assert (result.state, result.seconds_to_breach) == (SlaState.OK, 120)


def test_a_ticket_that_went_pending_after_its_breach_stays_breached() -> None:
    result = evaluate(urgent(status=Status.PENDING, pending_since=at(6)), SLA, at(60))
    assert (result.state, result.seconds_to_breach, result.paused) == (
        SlaState.BREACHED,
        -60,
        True,
    )


def test_pending_without_a_pending_time_pauses_at_the_last_update() -> None:
    t = urgent(status=Status.PENDING, updated_at=at(2))
    assert evaluate(t, SLA, at(50)).seconds_to_breach == 180


def test_no_pause_when_the_policy_says_so() -> None:
    sla = SlaSettings(pause_when_pending=False)
    result = evaluate(urgent(status=Status.PENDING, pending_since=at(3)), sla, at(10))
    assert (result.state, result.paused) == (SlaState.BREACHED, False)


def test_after_pending_the_clock_runs_against_its_original_due_time() -> None:
    # No accumulated pause time in the domain: the pause is not credited.
    result = evaluate(urgent(status=Status.OPEN, updated_at=at(30)), SLA, at(30))
    assert (result.state, result.seconds_to_breach, result.paused) == (
        SlaState.BREACHED,
        -25 * 60,
        False,
    )


def test_a_pending_ticket_with_an_answer_pauses_only_its_resolution_clock() -> None:
    t = ticket(
        "h",
        created=0,
        priority=Priority.HIGH,
        first_response_at=at(10),
        status=Status.PENDING,
        pending_since=at(20),
    )
    first, resolution = clocks(t, SLA)
    assert first.stopped_at == at(10)
    assert first.paused_at is None
    assert resolution.paused_at == at(20)


# --- invariants ----------------------------------------------------------------

_minutes = st.integers(min_value=-600, max_value=600)


@st.composite
def any_ticket(draw: st.DrawFn) -> Ticket:
    created = draw(st.integers(min_value=-600, max_value=0))
    status = draw(st.sampled_from(list(Status)))
    maybe = st.one_of(st.none(), _minutes.map(at))
    return ticket(
        "t",
        created=created,
        priority=draw(st.sampled_from(list(Priority))),
        status=status,
        updated_at=at(draw(st.integers(min_value=created, max_value=600))),
        first_response_at=draw(maybe),
        resolved_at=draw(maybe),
        pending_since=draw(maybe),
        first_response_due=draw(maybe),
        resolution_due=draw(maybe),
    )


_ratios = st.sampled_from([0.5, 0.8, 0.95])


@given(any_ticket(), _minutes, st.integers(min_value=0, max_value=600), _ratios, st.booleans())
def test_clock_invariants(t: Ticket, start: int, step: int, ratio: float, pause: bool) -> None:
    sla = SlaSettings(warn_ratio=ratio, pause_when_pending=pause)
    first, later = at(start), at(start + step)
    for clock in clocks(t, sla):
        before, after = clock.state(first), clock.state(later)
        # never both OK and breached: the state and the sign agree
        assert (before is SlaState.BREACHED) == (clock.seconds_to_breach(first) < 0)
        assert before is not SlaState.OK or clock.seconds_to_breach(first) > 0
        assert clock.warn_at <= clock.due_at
        elapsed = (later - first).total_seconds()
        if clock.running:
            # time to breach falls exactly as the clock advances
            assert clock.seconds_to_breach(later) == clock.seconds_to_breach(first) - elapsed
        else:
            # a halted (answered, finished or paused) clock stands still
            assert clock.seconds_to_breach(later) == clock.seconds_to_breach(first)
        order = list(SlaState)
        assert order.index(after) >= order.index(before)


@given(
    st.integers(min_value=-600, max_value=0),
    _minutes,
    st.sampled_from(list(Priority)),
    st.one_of(st.none(), _minutes.map(at)),
    _minutes,
    st.integers(min_value=1, max_value=600),
)
def test_pausing_stops_the_clock(
    created: int, since: int, priority: Priority, due: datetime | None, start: int, step: int
) -> None:
    t = ticket(
        "p",
        created=created,
        priority=priority,
        status=Status.PENDING,
        pending_since=at(since),
        resolution_due=due,
    )
    before, after = evaluate(t, SLA, at(start)), evaluate(t, SLA, at(start + step))
    assert before == after
    assert before.clock is not None
    assert before.due_at is not None
    assert before.paused
    assert before.seconds_to_breach == (before.due_at - at(since)).total_seconds()
    running = evaluate(t, SlaSettings(pause_when_pending=False), at(start + step))
    assert not running.paused
    assert running.seconds_to_breach == (before.due_at - at(start + step)).total_seconds()


# --- business hours -----------------------------------------------------------

# Weekdays 09:00-17:00 UTC; 2026-11-13 is a Friday, 2026-11-16 a Monday.
OFFICE = BusinessHours(timezone="UTC", start=time(9), end=time(17))


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def test_working_time_skips_nights_and_weekends() -> None:
    assert add_business_time(utc(13, 16), 2 * 3600, OFFICE) == utc(16, 10)
    assert add_business_time(utc(13, 20), 60, OFFICE) == utc(16, 9, 1)
    assert add_business_time(utc(12, 10), 3600, OFFICE) == utc(12, 11)
    assert business_seconds_between(utc(13, 16), utc(16, 10), OFFICE) == 2 * 3600
    assert business_seconds_between(utc(16, 10), utc(13, 16), OFFICE) == 0


def test_holidays_have_no_working_time() -> None:
    hours = OFFICE.model_copy(update={"holidays": (date(2026, 11, 16),)})
    assert add_business_time(utc(13, 16), 2 * 3600, hours) == utc(17, 10)


def test_policy_clocks_run_in_business_hours() -> None:
    sla = SlaSettings(business_hours=OFFICE)
    # Created Wednesday 16:30 UTC; medium: 2 h to answer, at risk after 96 min.
    t = replace(ticket("w"), created_at=utc(11, 16, 30))
    (first,) = clocks(t, sla)
    assert (first.warn_at, first.due_at) == (utc(12, 10, 6), utc(12, 10, 30))
    assert evaluate(t, sla, utc(12, 10, 30) + SECOND).state is SlaState.BREACHED


def test_backend_due_times_warn_in_working_time() -> None:
    sla = SlaSettings(business_hours=OFFICE)
    t = replace(ticket("w"), created_at=utc(13, 16), resolution_due=utc(16, 14))
    resolution = next(c for c in clocks(t, sla) if c.kind is ClockKind.RESOLUTION)
    # 6 working hours between (1 on Friday, 5 on Monday); 80 % is 4 h 48 min.
    assert (resolution.warn_at, resolution.due_at) == (utc(16, 12, 48), utc(16, 14))


def test_business_hours_are_validated() -> None:
    with pytest.raises(ValidationError, match="start must come before end"):
        BusinessHours(start=time(18), end=time(9))
    with pytest.raises(ValidationError, match="unknown time zone"):
        BusinessHours(timezone="Mars/Olympus")
    with pytest.raises(ValidationError, match="weekdays"):
        BusinessHours(weekdays=(7,))
    assert SlaSettings().business_hours is None  # around the clock by default
