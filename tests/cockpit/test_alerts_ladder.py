"""The severity ladder (hysteresis, per-queue targets, small samples), the
repeat of alerts nobody has taken, a worsening group re-notifying, and old
settings files still loading. Manual clock, hand-built views."""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path

import pytest

from cockpit.alert_rules import AlertRule, Severity, conditions
from cockpit.alerts import AlertEngine, AlertEvent, EventKind
from cockpit.clock import ManualClock
from cockpit.domain import Priority, QueueId
from cockpit.metrics import ClockFigures, FloorView, QueueFigures
from cockpit.settings import (
    AlertSettings,
    Ladder,
    SettingsError,
    SlaSettings,
    SlaTarget,
    Thresholds,
    load_settings,
)
from cockpit.severity import Level, climb, queue_levels
from tests.cockpit.factories import at

REFUND = QueueId("refund")


def figures(**values: object) -> QueueFigures:
    return QueueFigures(queue=REFUND, name="Refunds & returns", **values)  # type: ignore[arg-type]


def view(minute: float, *queues: QueueFigures) -> FloorView:
    return FloorView(generated_at=at(minute), backend="test", queues=queues)


def past(n: int, minute: float = 0) -> FloorView:
    """The refunds queue with ``n`` customers waiting past their target."""
    return view(minute, figures(waiting=n + 10, waiting_past_target=n))


def engine(settings: AlertSettings | None = None) -> AlertEngine:
    ids = count(1)
    return AlertEngine(settings=settings, clock=ManualClock(at(0)), ids=lambda: f"A{next(ids)}")


def kinds(events: tuple[AlertEvent, ...]) -> list[tuple[EventKind, bool]]:
    return [(e.kind, e.notify) for e in events]


# --- the ladder -------------------------------------------------------------------

LADDER = Ladder(notice=1, warn=5, critical=15, clear=2)


@pytest.mark.parametrize(
    ("value", "previous", "expected"),
    [
        (None, Level.CRITICAL, Level.NORMAL),
        (0, Level.NORMAL, Level.NORMAL),
        (1, Level.NORMAL, Level.NOTICE),
        (15, Level.NORMAL, Level.CRITICAL),
        (14, Level.NORMAL, Level.WARNING),  # not reached yet
        (14, Level.CRITICAL, Level.CRITICAL),  # held: within 2 below the line
        (13, Level.CRITICAL, Level.CRITICAL),
        (12.9, Level.CRITICAL, Level.WARNING),  # clearly back
        (3, Level.WARNING, Level.WARNING),
        (2, Level.CRITICAL, Level.NOTICE),  # falls through the rungs it left
        (0, Level.CRITICAL, Level.NORMAL),
    ],
)
def test_climb_with_hysteresis(value: float | None, previous: Level, expected: Level) -> None:
    assert climb(value, LADDER, previous) is expected


def test_a_ladder_must_rise() -> None:
    with pytest.raises(ValueError, match="rise"):
        Ladder(notice=5, warn=1)


def test_a_figure_at_the_line_does_not_flap() -> None:
    e = engine()
    told = [kinds(e.evaluate(past(n, minute=i)).events) for i, n in enumerate((15, 14, 15, 14))]
    assert told == [[(EventKind.RAISED, True)], [], [], []]
    assert e.active()[0].severity is Severity.CRITICAL
    lower = e.evaluate(past(12, minute=4))
    assert kinds(lower.events) == [(EventKind.SEVERITY_CHANGED, False)]
    assert lower.active[0].severity is Severity.WARNING


def test_the_oldest_wait_is_read_against_the_queues_own_target() -> None:
    sla = SlaSettings(
        queue_overrides={"refund": {Priority.MEDIUM: SlaTarget(first_response_s=600)}}
    )
    slow = figures(waiting=3, oldest_wait_s=1300)  # 22 min: fine for 2 h, twice 10 min
    assert queue_levels(slow, Thresholds()).oldest_wait is Level.NORMAL
    assert queue_levels(slow, Thresholds(), sla).oldest_wait is Level.CRITICAL
    found = {c.rule: c for c in conditions(view(0, slow), Thresholds(), sla=sla)}
    assert found[AlertRule.OLDEST_WAIT_HIGH].details["target_s"] == 600


def test_first_response_breaches_count_as_waiting_past_target() -> None:
    f = figures(waiting=30, first_response=ClockFigures(breached=16))
    assert queue_levels(f, Thresholds()).waiting is Level.CRITICAL


def test_a_low_service_level_on_a_few_answers_is_only_a_notice() -> None:
    few = figures(service_level=1 / 3, answered_in_target=1, answered_late=2)
    many = figures(service_level=0.4, answered_in_target=8, answered_late=12)
    assert queue_levels(few, Thresholds()).service_level is Level.NOTICE
    assert queue_levels(many, Thresholds()).service_level is Level.CRITICAL


def test_tickets_past_their_resolution_target() -> None:
    f = figures(resolution=ClockFigures(breached=12))
    (found,) = conditions(view(0, f), Thresholds())
    assert (found.rule, found.severity, found.details["count"]) == (
        AlertRule.RESOLUTION_BREACHED,
        Severity.WARNING,
        12,
    )


def test_a_notice_is_listed_but_never_notifies() -> None:
    e = engine()
    first = e.evaluate(past(2))
    assert kinds(first.events) == [(EventKind.RAISED, False)]
    assert first.active[0].severity is Severity.NOTICE
    assert e.evaluate(past(2, minute=60)).events == ()  # no repeats either
    up = e.evaluate(past(6, minute=61))
    assert kinds(up.events) == [(EventKind.SEVERITY_CHANGED, True)]


# --- repeats ----------------------------------------------------------------------


def test_a_critical_nobody_takes_repeats_on_the_floor_clock() -> None:
    e = engine()  # default: critical every 5 min, warnings never
    assert kinds(e.evaluate(past(20)).events) == [(EventKind.RAISED, True)]
    assert e.evaluate(past(20, minute=4.99)).events == ()
    assert kinds(e.evaluate(past(20, minute=5)).events) == [(EventKind.REPEATED, True)]
    assert e.evaluate(past(20, minute=9.99)).events == ()
    assert kinds(e.evaluate(past(20, minute=10)).events) == [(EventKind.REPEATED, True)]
    assert [ev.kind for ev in e.log.events()].count(EventKind.REPEATED) == 2


def test_acknowledge_stops_the_repeats() -> None:
    e = engine()
    e.evaluate(past(20))
    e.acknowledge("A1", "lead-li", at=at(1))
    assert e.evaluate(past(20, minute=30)).events == ()


def test_a_snooze_stops_the_repeats_until_it_ends() -> None:
    e = engine()
    e.evaluate(past(20))
    e.snooze("A1", until=at(15), who="lead-li", at=at(1))
    assert e.evaluate(past(20, minute=10)).events == ()
    assert kinds(e.evaluate(past(20, minute=15)).events) == [(EventKind.RENOTIFIED, True)]
    assert e.evaluate(past(20, minute=19)).events == ()  # counts from the renotice
    assert kinds(e.evaluate(past(20, minute=20)).events) == [(EventKind.REPEATED, True)]


def test_warnings_repeat_only_when_configured() -> None:
    quiet, chatty = engine(), engine(AlertSettings(repeat_warning_s=900))
    for e in (quiet, chatty):
        e.evaluate(past(6))
    assert quiet.evaluate(past(6, minute=15)).events == ()
    assert kinds(chatty.evaluate(past(6, minute=15)).events) == [(EventKind.REPEATED, True)]


def test_repeats_can_be_switched_off() -> None:
    e = engine(AlertSettings(repeat_critical_s=None))
    e.evaluate(past(20))
    assert e.evaluate(past(20, minute=60)).events == ()


# --- worsening --------------------------------------------------------------------


def test_a_growing_group_renotifies_by_steps_even_when_taken() -> None:
    e = engine(AlertSettings(repeat_critical_s=None))
    e.evaluate(past(15))
    e.acknowledge("A1", "lead-li", at=at(0.5))
    assert e.evaluate(past(19, minute=1)).events == ()  # grew by 4: under the step of 5
    worse = e.evaluate(past(20, minute=2))
    assert kinds(worse.events) == [(EventKind.WORSENED, True)]
    assert worse.active[0].details["waiting_past_target"] == 20
    assert e.evaluate(past(24, minute=3)).events == ()  # the step counts from 20 now
    assert kinds(e.evaluate(past(25, minute=4)).events) == [(EventKind.WORSENED, True)]
    assert e.evaluate(past(18, minute=5)).events == ()  # better is silent


def test_a_service_level_falling_further_renotifies() -> None:
    e = engine(AlertSettings(repeat_critical_s=None))
    e.evaluate(view(0, figures(service_level=0.5)))
    assert e.evaluate(view(1, figures(service_level=0.46))).events == ()
    worse = e.evaluate(view(2, figures(service_level=0.45)))
    assert kinds(worse.events) == [(EventKind.WORSENED, True)]


def test_a_snoozed_group_worsens_silently() -> None:
    e = engine()
    e.evaluate(past(15))
    e.snooze("A1", until=at(60), who="lead-li", at=at(1))
    assert e.evaluate(past(40, minute=2)).events == ()


# --- settings ---------------------------------------------------------------------


def test_an_old_settings_file_still_loads(tmp_path: Path) -> None:
    old = {
        "version": 1,
        "thresholds": {
            "waiting": {"warn": 10, "critical": 30},
            "oldest_wait_s": {"warn": 300, "critical": 900},
            "service_level": {"warn": 0.8, "critical": 0.6},
        },
    }
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    settings = load_settings(path, env={})
    assert settings.thresholds.waiting_past_target == Thresholds().waiting_past_target
    assert settings.alerts.repeat_critical_s == 300


def test_new_settings_are_validated_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    bad = {"thresholds": {"waiting_past_target": {"warn": 10, "critical": 2}}, "alerts": {}}
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"waiting_past_target.*rise"):
        load_settings(path, env={})
    path.write_text(json.dumps({"alerts": {"repeat_critical_s": 1}}), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"alerts\.repeat_critical_s"):
        load_settings(path, env={})


def test_the_repeat_interval_is_a_setting() -> None:
    e = engine(AlertSettings(repeat_critical_s=60))
    e.evaluate(past(20))
    assert e.evaluate(past(20, minute=0.99)).events == ()
    assert kinds(e.evaluate(past(20, minute=1)).events) == [(EventKind.REPEATED, True)]
