"""The alert engine: rules, de-duplication and cool-down, acknowledge and
snooze recorded with who and when, and the log."""

from __future__ import annotations

import threading
from datetime import timedelta
from itertools import count

import pytest

from cockpit.alert_rules import AlertRule, Severity, conditions
from cockpit.alerts import (
    AlertEngine,
    AlertEvent,
    AlertStatus,
    EventKind,
    MemoryAlertLog,
    UnknownAlert,
)
from cockpit.at_risk import SlaRow
from cockpit.clock import ManualClock
from cockpit.domain import EscalationLevel, Kind, Priority, QueueId, Status, TicketId
from cockpit.escalations import EscalationFlag, EscalationRow
from cockpit.floor import FloorState
from cockpit.metrics import FloorView, QueueFigures, compute_view
from cockpit.settings import SlaSettings, Thresholds
from cockpit.sla import ClockKind, SlaState
from tests.cockpit.factories import QUEUES, at, batch, ticket

LOG = QueueId("logistics")
COOLDOWN = timedelta(minutes=10)


def figures(**values: object) -> QueueFigures:
    return QueueFigures(queue=LOG, name="Logistics", **values)  # type: ignore[arg-type]


def breached(
    tid: str = "u1", priority: Priority = Priority.URGENT, *, queue: str = LOG, due: float = -5
) -> SlaRow:
    return SlaRow(
        ticket=TicketId(tid),
        queue=QueueId(queue),
        priority=priority,
        kind=Kind.ENQUIRY,
        clock=ClockKind.FIRST_RESPONSE,
        state=SlaState.BREACHED,
        created_at=at(-10),
        age_s=600,
        assignee=None,
        due_at=at(due),
        seconds_to_breach=-300,
    )


def flagged(
    tid: str, *flags: EscalationFlag, queue: str = LOG, since: float = -200
) -> EscalationRow:
    return EscalationRow(
        ticket=TicketId(tid),
        queue=QueueId(queue),
        priority=Priority.MEDIUM,
        kind=Kind.COMPLAINT,
        status=Status.OPEN,
        level=EscalationLevel.LEAD,
        since=at(since),
        age_at_level_s=12_000,
        owner=None,
        flags=flags,
    )


def view(minute: float, *, queues: tuple[QueueFigures, ...] = (), **fields: object) -> FloorView:
    return FloorView(generated_at=at(minute), backend="test", queues=queues, **fields)  # type: ignore[arg-type]


@pytest.fixture
def engine() -> AlertEngine:
    ids = count(1)
    return AlertEngine(cooldown=COOLDOWN, clock=ManualClock(at(0)), ids=lambda: f"A{next(ids)}")


def kinds(events: tuple[AlertEvent, ...]) -> list[tuple[EventKind, bool]]:
    return [(e.kind, e.notify) for e in events]


# --- rules ---------------------------------------------------------------------


def rules_on(v: FloorView) -> dict[AlertRule, Severity]:
    return {c.rule: c.severity for c in conditions(v, Thresholds())}


def test_an_urgent_breach_is_critical_other_priorities_are_not_alerts() -> None:
    assert rules_on(view(0, breached=(breached(),))) == {
        AlertRule.URGENT_BREACHED: Severity.CRITICAL
    }
    assert rules_on(view(0, breached=(breached("h", Priority.HIGH),))) == {}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (None, None),
        (0.85, None),  # at or above the queue's 0.8 target
        (0.8, None),
        (0.79, Severity.NOTICE),  # under the target: listed, not a warning yet
        (0.71, Severity.NOTICE),
        (0.7, Severity.WARNING),  # 10 points under
        (0.56, Severity.WARNING),
        (0.55, Severity.CRITICAL),  # 25 points under
        (0.2, Severity.CRITICAL),
    ],
)
def test_service_level_against_the_queues_own_target(
    level: float | None, expected: Severity | None
) -> None:
    v = view(0, queues=(figures(service_level=level),))
    assert rules_on(v).get(AlertRule.SERVICE_LEVEL_LOW) is expected


def test_a_higher_target_raises_its_alerts_sooner() -> None:
    v = view(0, queues=(figures(service_level=0.8, service_level_target=0.95),))
    assert rules_on(v).get(AlertRule.SERVICE_LEVEL_LOW) is Severity.WARNING


@pytest.mark.parametrize(
    ("past", "expected"),
    [(0, None), (1, Severity.NOTICE), (4, Severity.NOTICE), (5, Severity.WARNING),
     (14, Severity.WARNING), (15, Severity.CRITICAL)],
)  # fmt: skip
def test_waiting_past_target(past: int, expected: Severity | None) -> None:
    v = view(0, queues=(figures(waiting=past + 30, waiting_past_target=past),))
    assert rules_on(v).get(AlertRule.WAITING_PAST_TARGET) is expected


def test_many_waiting_within_their_target_is_no_alert() -> None:
    # The fixed "30 waiting" rule is gone: a long queue answered in time is fine.
    v = view(0, queues=(figures(waiting=80, oldest_wait_s=600),))
    assert rules_on(v) == {}


@pytest.mark.parametrize(
    ("waiting", "oldest", "expected"),
    [
        (1, 5759, None),  # the default medium target is 2 h: under 80% of it
        (1, 5760, Severity.NOTICE),
        (1, 7200, Severity.WARNING),  # at target
        (1, 14_399, Severity.WARNING),
        (1, 14_400, Severity.CRITICAL),  # twice the target
        (0, 50_000, None),  # nobody waits: a leftover age is nothing
    ],
)
def test_oldest_wait_against_the_queues_target(
    waiting: int, oldest: float, expected: Severity | None
) -> None:
    v = view(0, queues=(figures(waiting=waiting, oldest_wait_s=oldest),))
    assert rules_on(v).get(AlertRule.OLDEST_WAIT_HIGH) is expected


def test_escalation_flags_become_alerts_per_queue() -> None:
    v = view(
        0,
        escalations=(
            flagged("k", EscalationFlag.CUSTOMER_NOT_UPDATED),
            flagged("q"),
            flagged("m", EscalationFlag.CUSTOMER_NOT_UPDATED, since=-300),
            flagged("r", EscalationFlag.URGENT_NOT_REPORTED, queue="refund"),
        ),
    )
    found = {(c.rule, c.queue): c for c in conditions(v, Thresholds())}
    assert set(found) == {
        (AlertRule.CUSTOMER_NOT_UPDATED, LOG),
        (AlertRule.URGENT_NOT_REPORTED, "refund"),
    }
    customer = found[AlertRule.CUSTOMER_NOT_UPDATED, LOG]
    assert (customer.severity, customer.ticket) == (Severity.WARNING, None)
    assert dict(customer.details) == {
        "count": 2,
        "tickets": ("k", "m"),
        "since": "2026-11-11T11:00:00Z",  # the earliest of the two
    }
    # a process flag, not a customer past target: a warning by default
    assert found[AlertRule.URGENT_NOT_REPORTED, "refund"].severity is Severity.WARNING


def test_urgent_breaches_are_one_alert_per_queue_carrying_the_tickets() -> None:
    rows = (
        breached("u1", due=-9),
        breached("u2", due=-5),
        breached("h", Priority.HIGH),
        breached("p1", queue="payment", due=-3),
        breached("u3", due=-1),
    )
    found = {c.queue: c for c in conditions(view(0, breached=rows), Thresholds())}
    assert set(found) == {LOG, "payment"}
    assert dict(found[LOG].details) == {
        "count": 3,
        "tickets": ("u1", "u2", "u3"),
        "oldest_due_at": "2026-11-11T15:51:00Z",
    }
    assert found["payment"].details["tickets"] == ("p1",)
    assert all(c.key.ticket is None for c in found.values())


# --- de-duplication and cool-down ---------------------------------------------------


def test_an_alert_still_firing_stays_one_alert(engine: AlertEngine) -> None:
    first = engine.evaluate(view(0, breached=(breached(),)))
    assert kinds(first.events) == [(EventKind.RAISED, True)]
    (alert,) = first.active
    assert (alert.id, alert.rule, alert.queue, alert.ticket, alert.raised_at) == (
        "A1",
        AlertRule.URGENT_BREACHED,
        LOG,
        None,
        at(0),
    )
    assert dict(alert.details) == {
        "count": 1,
        "tickets": ("u1",),
        "oldest_due_at": "2026-11-11T15:55:00Z",
    }
    for minute in (1, 2, 3):
        update = engine.evaluate(view(minute, breached=(breached(),)))
        assert update.events == ()
    assert [a.id for a in engine.active()] == ["A1"]
    assert engine.get("A1").last_seen_at == at(3)


def test_a_queue_breaching_hundreds_of_urgent_tickets_notifies_once(engine: AlertEngine) -> None:
    many = tuple(breached(f"u{i}") for i in range(300))
    first = engine.evaluate(view(0, breached=many))
    assert kinds(first.events) == [(EventKind.RAISED, True)]
    assert first.active[0].details["count"] == 300
    # tickets come and go: the same alert, its details refreshed silently
    later = engine.evaluate(view(1, breached=(*many[100:], breached("new"))))
    assert later.events == ()
    (alert,) = later.active
    assert (alert.id, alert.details["count"]) == ("A1", 201)
    assert alert.details["tickets"][-1] == "new"  # type: ignore[index]
    cleared = engine.evaluate(view(2))
    assert kinds(cleared.events) == [(EventKind.CLEARED, False)]


def test_a_cleared_alert_that_fires_again_within_the_cooldown_does_not_notify(
    engine: AlertEngine,
) -> None:
    engine.evaluate(view(0, breached=(breached(),)))
    cleared = engine.evaluate(view(1))
    assert kinds(cleared.events) == [(EventKind.CLEARED, False)]
    assert cleared.active == ()
    assert engine.get("A1").status is AlertStatus.CLEARED
    again = engine.evaluate(view(1 + 9.99, breached=(breached(),)))
    assert kinds(again.events) == [(EventKind.REOPENED, False)]
    assert [a.id for a in again.active] == ["A1"]


def test_from_the_end_of_the_cooldown_it_is_a_new_alert(engine: AlertEngine) -> None:
    engine.evaluate(view(0, breached=(breached(),)))
    engine.evaluate(view(1))
    again = engine.evaluate(view(11, breached=(breached(),)))  # exactly 10 min after clearing
    assert kinds(again.events) == [(EventKind.RAISED, True)]
    assert [a.id for a in again.active] == ["A2"]
    with pytest.raises(UnknownAlert):
        engine.get("A1")


def test_a_cleared_alert_is_forgotten_after_the_cooldown(engine: AlertEngine) -> None:
    engine.evaluate(view(0, breached=(breached(),)))
    engine.evaluate(view(1))
    engine.evaluate(view(11))
    with pytest.raises(UnknownAlert):
        engine.get("A1")


def test_a_rise_in_severity_notifies_a_fall_does_not(engine: AlertEngine) -> None:
    engine.evaluate(view(0, queues=(figures(service_level=0.7),)))
    worse = engine.evaluate(view(1, queues=(figures(service_level=0.5),)))
    assert kinds(worse.events) == [(EventKind.SEVERITY_CHANGED, True)]
    assert worse.active[0].severity is Severity.CRITICAL
    better = engine.evaluate(view(2, queues=(figures(service_level=0.7),)))
    assert kinds(better.events) == [(EventKind.SEVERITY_CHANGED, False)]
    assert [a.id for a in better.active] == ["A1"]


def test_active_alerts_most_severe_first(engine: AlertEngine) -> None:
    engine.evaluate(view(0, queues=(figures(service_level=0.7),)))
    busy = figures(service_level=0.7, waiting=40, waiting_past_target=20)
    update = engine.evaluate(view(1, queues=(busy,)))
    assert [a.rule for a in update.active] == [
        AlertRule.WAITING_PAST_TARGET,
        AlertRule.SERVICE_LEVEL_LOW,
    ]


# --- acknowledge and snooze ----------------------------------------------------------


def test_acknowledge_is_recorded_with_who_and_when(engine: AlertEngine) -> None:
    engine.evaluate(view(0, breached=(breached(),)))
    alert = engine.acknowledge("A1", "supervisor-wang", at=at(2))
    assert (alert.acknowledged_by, alert.acknowledged_at) == ("supervisor-wang", at(2))
    last = engine.log.events()[-1]
    assert (last.kind, last.who, last.at, last.alert.id) == (
        EventKind.ACKNOWLEDGED,
        "supervisor-wang",
        at(2),
        "A1",
    )
    # acknowledged alerts stay listed while they fire
    assert engine.evaluate(view(3, breached=(breached(),))).active[0].acknowledged_by == (
        "supervisor-wang"
    )


def test_acknowledge_defaults_to_the_engine_clock(engine: AlertEngine) -> None:
    engine.evaluate(view(0, breached=(breached(),)))
    assert engine.acknowledge("A1", "lead-li").acknowledged_at == at(0)


def test_unknown_alerts_cannot_be_acknowledged(engine: AlertEngine) -> None:
    with pytest.raises(UnknownAlert):
        engine.acknowledge("nope", "x")


def test_snooze_silences_then_renotifies(engine: AlertEngine) -> None:
    engine.evaluate(view(0, queues=(figures(waiting=40, waiting_past_target=20),)))
    alert = engine.snooze("A1", until=at(30), who="lead-li", at=at(1))
    assert (alert.snoozed_until, alert.snoozed_by) == (at(30), "lead-li")
    snoozed = engine.log.events()[-1]
    assert (snoozed.kind, snoozed.who, snoozed.at) == (EventKind.SNOOZED, "lead-li", at(1))
    # clears, and fires again after the cool-down: a new alert, but silent
    engine.evaluate(view(2))
    again = engine.evaluate(view(15, queues=(figures(waiting=40, waiting_past_target=20),)))
    assert kinds(again.events) == [(EventKind.RAISED, False)]
    assert again.active[0].snoozed_until == at(30)
    assert (
        engine.evaluate(view(29.9, queues=(figures(waiting=40, waiting_past_target=20),))).events
        == ()
    )
    woken = engine.evaluate(view(30, queues=(figures(waiting=40, waiting_past_target=20),)))
    assert kinds(woken.events) == [(EventKind.RENOTIFIED, True)]
    assert woken.active[0].snoozed_until is None


def test_an_acknowledged_alert_is_not_renotified_after_its_snooze(engine: AlertEngine) -> None:
    engine.evaluate(view(0, queues=(figures(waiting=40, waiting_past_target=20),)))
    engine.snooze("A1", until=at(5), who="lead-li", at=at(1))
    engine.acknowledge("A1", "lead-li", at=at(2))
    assert (
        engine.evaluate(view(6, queues=(figures(waiting=40, waiting_past_target=20),))).events == ()
    )
    assert engine.get("A1").snoozed_until is None


def test_a_snooze_must_end_in_the_future(engine: AlertEngine) -> None:
    engine.evaluate(view(0, queues=(figures(waiting=40, waiting_past_target=20),)))
    with pytest.raises(ValueError, match="future"):
        engine.snooze("A1", until=at(1), who="x", at=at(1))


# --- the log -----------------------------------------------------------------------


def test_every_event_reaches_the_log_and_its_listeners_in_order() -> None:
    log = MemoryAlertLog()
    heard: list[AlertEvent] = []
    log.subscribe(heard.append)
    engine = AlertEngine(log=log, cooldown=COOLDOWN, clock=ManualClock(at(0)))
    engine.evaluate(view(0, breached=(breached(),)))
    (alert,) = engine.active()
    engine.acknowledge(alert.id, "wang", at=at(1))
    engine.evaluate(view(2))
    assert [e.kind for e in heard] == [EventKind.RAISED, EventKind.ACKNOWLEDGED, EventKind.CLEARED]
    assert [e.seq for e in heard] == [1, 2, 3]
    assert log.events() == tuple(heard)
    assert log.events(since=2) == (heard[2],)


def test_evaluate_and_acknowledge_from_two_threads() -> None:
    engine = AlertEngine(cooldown=COOLDOWN, clock=ManualClock(at(0)))
    # one urgent breach in each of 50 queues: 50 alerts
    floor_rows = tuple(breached(f"u{i}", queue=f"q{i}") for i in range(50))
    engine.evaluate(view(0, breached=floor_rows))
    ids = [a.id for a in engine.active()]
    errors: list[BaseException] = []

    def poll() -> None:
        try:
            for minute in range(1, 200):
                engine.evaluate(view(minute, breached=floor_rows))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=poll, name="test-poll")
    worker.start()
    for alert_id in ids:
        engine.acknowledge(alert_id, "wang", at=at(1))
    worker.join()
    assert not errors
    assert len(ids) == 50
    seqs = [e.seq for e in engine.log.events()]
    assert seqs == sorted(seqs) == list(range(1, len(seqs) + 1))
    assert all(a.acknowledged_by == "wang" for a in engine.active())


# --- end to end: a floor, a view, an alert ------------------------------------------


def test_an_urgent_breach_on_the_floor_raises_an_alert(engine: AlertEngine) -> None:
    floor = FloorState(SlaSettings())
    floor.apply(
        batch(
            ticket("u", created=0, priority=Priority.URGENT, escalation=EscalationLevel.SUPERVISOR),
            now=5,
            full=True,
            queues=QUEUES,
        )
    )
    assert engine.evaluate(compute_view(floor, backend="test")).active == ()
    floor.apply(batch(now=5 + 1 / 60))
    active = engine.evaluate(compute_view(floor, backend="test")).active
    # The customer now waits past target: that is an alert of its own (a
    # notice for one customer), and the queue's service level is 0 too.
    assert sorted(a.rule for a in active) == sorted(
        [AlertRule.URGENT_BREACHED, AlertRule.SERVICE_LEVEL_LOW, AlertRule.WAITING_PAST_TARGET]
    )
    (alert,) = [a for a in active if a.rule is AlertRule.URGENT_BREACHED]
    assert (alert.rule, alert.queue, alert.severity) == (
        AlertRule.URGENT_BREACHED,
        LOG,
        Severity.CRITICAL,
    )
    assert alert.details["tickets"] == ("u",)
