"""Overdue checklist steps as alerts: the incident engine's ticks feed the
same alert engine as the floor, with the same de-duplication, cool-down,
acknowledge / snooze and log, and each source clears only its own alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path

import pytest

from cockpit.alert_rules import AlertKey, AlertRule, Severity
from cockpit.alerts import AlertEngine, AlertEvent, AlertStatus, EventKind
from cockpit.clock import ManualClock
from cockpit.domain import Priority
from cockpit.incidents.checklist import IncidentAlert
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.metrics import FloorView
from cockpit.store.incidents import IncidentStore
from tests.cockpit.factories import T0, at
from tests.cockpit.fakes import FakeBackend
from tests.cockpit.test_alerts import breached

COOLDOWN = timedelta(minutes=10)
TITLE = {"zh_CN": "向客服主管报告故障", "en": "Report the outage to the supervisor"}


def overdue(
    minute: float,
    *,
    incident: int = 3,
    step: str = "inform_supervisor",
    severity: str = "critical",
    due: float = 15,
) -> IncidentAlert:
    """The step as a tick at ``minute`` lists it (due at ``due``)."""
    return IncidentAlert(
        rule="checklist_overdue",
        incident_id=incident,
        incident_kind="service_outage",
        severity=severity,
        step_id=step,
        title=TITLE,
        due_at=at(due),
        overdue_by=at(minute) - at(due),
    )


@pytest.fixture
def engine() -> AlertEngine:
    ids = count(1)
    return AlertEngine(cooldown=COOLDOWN, clock=ManualClock(at(0)), ids=lambda: f"A{next(ids)}")


def kinds(events: tuple[AlertEvent, ...]) -> list[tuple[EventKind, bool]]:
    return [(e.kind, e.notify) for e in events]


def test_an_overdue_step_raises_one_alert_carrying_the_step(engine: AlertEngine) -> None:
    update = engine.observe_incidents([overdue(27)], at(27))
    assert kinds(update.events) == [(EventKind.RAISED, True)]
    (alert,) = update.active
    assert (alert.rule, alert.severity, alert.queue, alert.ticket) == (
        AlertRule.CHECKLIST_OVERDUE,
        Severity.CRITICAL,
        None,
        None,
    )
    assert alert.key == AlertKey(AlertRule.CHECKLIST_OVERDUE, subject=overdue(27).key)
    assert alert.raised_at == at(27)
    assert dict(alert.details) == {
        "incident": 3,
        "kind": "service_outage",
        "step": "inform_supervisor",
        "title_zh_CN": "向客服主管报告故障",
        "title_en": "Report the outage to the supervisor",
        "due_at": at(15).isoformat(),
        "overdue_s": 720.0,
        "incident_severity": "critical",
    }
    assert engine.log.events() == update.events


def test_the_severity_follows_the_incident(engine: AlertEngine) -> None:
    listed = [overdue(20, incident=1), overdue(20, incident=2, severity="major")]
    listed.append(overdue(20, incident=4, severity="minor"))
    update = engine.observe_incidents(listed, at(20))
    severities = {a.details["incident"]: a.severity for a in update.active}
    assert severities == {1: Severity.CRITICAL, 2: Severity.WARNING, 4: Severity.WARNING}


def test_a_step_still_overdue_stays_one_alert_across_ticks(engine: AlertEngine) -> None:
    (first,) = engine.observe_incidents([overdue(16)], at(16)).active
    told = []
    for minute in (17, 26, 40):
        update = engine.observe_incidents([overdue(minute)], at(minute))
        told.append(kinds(update.events))
    # no new alert; nobody has taken it, so it reminds (critical: every 5 min)
    assert told == [[], [(EventKind.REPEATED, True)], [(EventKind.REPEATED, True)]]
    (alert,) = update.active
    assert alert.id == first.id
    assert alert.details["overdue_s"] == 25 * 60.0  # refreshed silently
    assert alert.last_seen_at == at(40)
    assert [e.kind for e in engine.log.events()] == [
        EventKind.RAISED,
        EventKind.REPEATED,
        EventKind.REPEATED,
    ]


def test_steps_are_told_apart_by_incident_and_step(engine: AlertEngine) -> None:
    listed = [overdue(20), overdue(20, step="switch_scripts"), overdue(20, incident=4)]
    update = engine.observe_incidents(listed, at(20))
    assert kinds(update.events) == [(EventKind.RAISED, True)] * 3
    assert len({a.id for a in update.active}) == 3


def test_a_step_no_longer_listed_is_cleared(engine: AlertEngine) -> None:
    engine.observe_incidents([overdue(20), overdue(20, step="switch_scripts")], at(20))
    # switch_scripts done: only inform_supervisor is still listed
    update = engine.observe_incidents([overdue(21)], at(21))
    assert kinds(update.events) == [(EventKind.CLEARED, False)]
    cleared = update.events[0].alert
    assert (cleared.status, cleared.cleared_at) == (AlertStatus.CLEARED, at(21))
    assert cleared.details["step"] == "switch_scripts"
    assert [a.details["step"] for a in update.active] == ["inform_supervisor"]


def test_acknowledge_is_recorded_with_who_and_when(engine: AlertEngine) -> None:
    (alert,) = engine.observe_incidents([overdue(20)], at(20)).active
    taken = engine.acknowledge(alert.id, "sup-wang", at=at(21))
    assert (taken.acknowledged_by, taken.acknowledged_at) == ("sup-wang", at(21))
    event = engine.log.events()[-1]
    assert (event.kind, event.who, event.at) == (EventKind.ACKNOWLEDGED, "sup-wang", at(21))
    # the next tick keeps who took it
    (still,) = engine.observe_incidents([overdue(22)], at(22)).active
    assert (still.id, still.acknowledged_by) == (alert.id, "sup-wang")


def test_the_cooldown_applies(engine: AlertEngine) -> None:
    (alert,) = engine.observe_incidents([overdue(20)], at(20)).active
    engine.observe_incidents([], at(21))  # done, then listed again (a recurring step)
    update = engine.observe_incidents([overdue(25)], at(25))
    assert kinds(update.events) == [(EventKind.REOPENED, False)]
    assert update.active[0].id == alert.id
    engine.observe_incidents([], at(26))
    update = engine.observe_incidents([overdue(36)], at(36))  # the cool-down is over
    assert kinds(update.events) == [(EventKind.RAISED, True)]
    assert update.active[0].id != alert.id


def test_a_snoozed_step_renotifies_when_the_snooze_ends(engine: AlertEngine) -> None:
    (alert,) = engine.observe_incidents([overdue(20)], at(20)).active
    engine.snooze(alert.id, until=at(35), who="lead-li", at=at(20))
    assert engine.observe_incidents([overdue(30)], at(30)).events == ()
    update = engine.observe_incidents([overdue(35)], at(35))
    assert kinds(update.events) == [(EventKind.RENOTIFIED, True)]


def floor(minute: float, *, urgent: bool = False) -> FloorView:
    breaches = (breached("u1", Priority.URGENT),) if urgent else ()
    return FloorView(generated_at=at(minute), backend="test", queues=(), breached=breaches)


def test_each_source_clears_only_its_own_alerts(engine: AlertEngine) -> None:
    engine.evaluate(floor(19, urgent=True))
    engine.observe_incidents([overdue(20)], at(20))
    update = engine.evaluate(floor(21))  # the floor is fine again
    assert [(e.kind, e.alert.rule) for e in update.events] == [
        (EventKind.CLEARED, AlertRule.URGENT_BREACHED)
    ]
    assert [a.rule for a in update.active] == [AlertRule.CHECKLIST_OVERDUE]
    engine.evaluate(floor(22, urgent=True))
    update = engine.observe_incidents([], at(23))
    assert [(e.kind, e.alert.rule) for e in update.events] == [
        (EventKind.CLEARED, AlertRule.CHECKLIST_OVERDUE)
    ]
    assert [a.rule for a in update.active] == [AlertRule.URGENT_BREACHED]


# --- with the incident engine's own ticks ------------------------------------------------


@pytest.fixture
def incidents(tmp_path: Path) -> Iterator[tuple[IncidentEngine, ManualClock]]:
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'cockpit.db'}")
    webhooks = WebhookSender(secrets=lambda name: None)
    clock = ManualClock(T0)
    yield (
        IncidentEngine(
            store, FakeBackend(), library=load_library(), clock=clock, webhooks=webhooks
        ),
        clock,
    )
    webhooks.close()
    store.close()


def _tick(engine: IncidentEngine, alerts: AlertEngine, now: datetime) -> tuple[AlertEvent, ...]:
    return alerts.observe_incidents(engine.tick(now).alerts, now).events


def test_ticks_raise_then_clear_when_done_or_resolved(
    incidents: tuple[IncidentEngine, ManualClock], engine: AlertEngine
) -> None:
    incident_engine, clock = incidents
    declared = incident_engine.declare(
        "service_outage", summary="登录失败激增", who="lead-li", auto=False
    )
    incident_id = declared.incident.id
    clock.advance(timedelta(minutes=16))  # inform_supervisor and switch_scripts: 15 min
    raised = _tick(incident_engine, engine, clock.now())
    assert sorted(str(e.alert.details["step"]) for e in raised) == [
        "inform_supervisor",
        "switch_scripts",
    ]
    assert {e.alert.details["incident"] for e in raised} == {incident_id}
    clock.advance(timedelta(minutes=1))
    assert _tick(incident_engine, engine, clock.now()) == ()

    incident_engine.complete_step(incident_id, "switch_scripts", who="lead-li")
    cleared = _tick(incident_engine, engine, clock.now())
    assert [(e.kind, e.alert.details["step"]) for e in cleared] == [
        (EventKind.CLEARED, "switch_scripts")
    ]

    incident_engine.resolve(incident_id, summary="回滚完成", who="lead-li")
    clock.advance(timedelta(minutes=1))
    cleared = _tick(incident_engine, engine, clock.now())
    assert [(e.kind, e.alert.details["step"]) for e in cleared] == [
        (EventKind.CLEARED, "inform_supervisor")
    ]
    assert engine.active() == ()
