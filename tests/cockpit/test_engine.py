"""The incident engine as a state machine on a manual clock: declare, join,
deadlines and reminders, the bot's previous state restored exactly,
idempotent resolve, poll intervals, capabilities, and crash visibility."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.backends.base import (
    AutoReplyState,
    BackendUnreachable,
    Capabilities,
    Capability,
    UnknownOutcome,
)
from cockpit.clock import ManualClock
from cockpit.incidents.checklist import ReminderKind, StepStatus
from cockpit.incidents.engine import IncidentEngine, IncidentNotActive, UnknownStep
from cockpit.incidents.model import Action, Severity, Target
from cockpit.incidents.playbook import load_library
from cockpit.incidents.queries import UnknownPlaybook
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore, Outcome, Phase
from tests.cockpit.factories import T0
from tests.cockpit.fakes import FakeBackend

BEFORE = AutoReplyState(enabled=True, message="夜间值班中，请稍候", topics=("refund",))


class Harness:
    def __init__(self, tmp_path: Path, backend: FakeBackend | None = None) -> None:
        self.url = f"sqlite:///{tmp_path / 'cockpit.db'}"
        self.store = IncidentStore.open(self.url)
        self.clock = ManualClock(T0)
        self.backend = backend or FakeBackend()
        self.backend.auto_reply = BEFORE
        self.intervals: list[float] = []
        self.webhooks = WebhookSender(secrets=lambda name: None)
        self.engine = self.new_engine()

    def new_engine(self) -> IncidentEngine:
        return IncidentEngine(
            self.store,
            self.backend,
            library=load_library(),
            clock=self.clock,
            set_poll_interval=self.intervals.append,
            normal_poll_interval=30.0,
            webhooks=self.webhooks,
        )

    def close(self) -> None:
        self.webhooks.close()
        self.store.close()


@pytest.fixture
def h(tmp_path: Path) -> Iterator[Harness]:
    harness = Harness(tmp_path)
    yield harness
    harness.close()


def _declare(h: Harness, playbook: str = "service_outage", **kw: object) -> int:
    change = h.engine.declare(playbook, summary="登录失败激增", who="lead-li", **kw)  # type: ignore[arg-type]
    return change.incident.id


def test_declare_runs_the_automatic_steps(h: Harness) -> None:
    change = h.engine.declare("service_outage", summary="登录失败激增", who="lead-li")
    assert change.incident.active
    assert change.incident.severity == "critical"
    assert change.events[0].action == Action.DECLARE
    bot_on = [r for r in change.results if r.action is Action.BOT_ON]
    assert [r.outcome for r in bot_on] == [Outcome.OK]
    assert h.backend.auto_reply.enabled
    assert h.backend.auto_reply.topics == ("login", "payment", "app_crash")
    assert "登录和支付功能目前出现故障" in h.backend.auto_reply.message
    assert "sign-in and payment" in h.backend.auto_reply.message
    assert sorted(h.backend.scripts) == sorted(
        f"inc{change.incident.id}-{s}-{lang}"
        for s in ("outage_ack", "payment_charge", "app_crash")
        for lang in ("zh_CN", "en")
    )
    # The team chats are not configured here: said so, not hidden.
    team = [r for r in change.results if r.action is Action.WEBHOOK]
    assert {(r.target, r.reason) for r in team} == {
        ("team:floor_leads", "webhook_not_configured"),
        ("team:it_ops", "webhook_not_configured"),
    }
    assert h.intervals == [5.0]


def test_agents_get_placeholders_for_what_they_fill_in(h: Harness) -> None:
    incident_id = _declare(h, variables={"eta": "15:30"})
    body = h.backend.scripts[f"inc{incident_id}-outage_ack-zh_CN"].body
    assert body.startswith("{customer}，您好！")
    assert "预计15:30恢复" in body


def test_a_second_declaration_joins_the_open_incident(h: Harness) -> None:
    first = _declare(h)
    scripts = dict(h.backend.scripts)
    change = h.engine.declare("service_outage", summary="支付也挂了", who="lead-wang")
    assert change.joined
    assert change.incident.id == first
    assert [e.action for e in change.events] == [Action.JOIN]
    assert change.events[0].payload["summary"] == "支付也挂了"
    assert h.backend.scripts == scripts
    other = h.engine.declare("promotion_peak", summary="大促", who="lead-li", auto=False)
    assert not other.joined
    assert other.incident.id != first
    assert {i.id for i in h.engine.active()} == {first, other.incident.id}


def test_deadlines_reminders_and_overdue_alerts(h: Harness) -> None:
    incident_id = _declare(h)
    steps = {s.step_id: s for s in h.engine.checklist(incident_id)}
    assert steps["inform_supervisor"].due_at == T0 + timedelta(minutes=15)
    assert steps["inform_supervisor"].status is StepStatus.UPCOMING
    assert steps["customer_update"].due_at == T0 + timedelta(hours=2)
    assert steps["backlog_first"].status is StepStatus.OPEN
    assert steps["status_update"].due_at == T0 + timedelta(minutes=30)
    assert h.engine.tick().reminders == ()

    h.clock.advance(timedelta(minutes=11))  # remind_before is 5 min
    due_soon = h.engine.tick().reminders
    assert {(r.step_id, r.kind) for r in due_soon} == {
        ("inform_supervisor", ReminderKind.DUE_SOON),
        ("switch_scripts", ReminderKind.DUE_SOON),
    }
    assert h.engine.tick().reminders == ()  # each reminder once

    h.engine.complete_step(incident_id, "switch_scripts", who="lead-li")
    h.clock.advance(timedelta(minutes=5))  # 16 min: inform_supervisor is overdue
    tick = h.engine.tick()
    assert [(r.step_id, r.kind, r.repeat) for r in tick.reminders] == [
        ("inform_supervisor", ReminderKind.OVERDUE, 0)
    ]
    (alert,) = tick.alerts
    assert (alert.rule, alert.step_id, alert.overdue_by) == (
        "checklist_overdue",
        "inform_supervisor",
        timedelta(minutes=1),
    )
    assert h.engine.overdue() == [alert]

    h.clock.advance(timedelta(minutes=5))
    assert h.engine.tick().reminders == ()  # remind_every is 10 min
    h.clock.advance(timedelta(minutes=5))
    assert {(r.step_id, r.kind, r.repeat) for r in h.engine.tick().reminders} == {
        ("inform_supervisor", ReminderKind.OVERDUE, 1),
        ("confirm_scope", ReminderKind.DUE_SOON, 0),
        ("status_update", ReminderKind.DUE_SOON, 0),
    }

    h.engine.complete_step(incident_id, "inform_supervisor", who="lead-li")
    assert h.engine.overdue() == []
    logged = h.engine.timeline(incident_id)
    assert sum(e.action == Action.REMINDER for e in logged) == 6


def test_recurring_steps_come_due_again_after_each_completion(h: Harness) -> None:
    incident_id = _declare(h)
    h.clock.advance(timedelta(minutes=40))
    h.engine.status_update(incident_id, "正在回滚发布", who="lead-li")
    h.clock.advance(timedelta(hours=2, minutes=1))
    h.engine.complete_step(incident_id, "customer_update", who="agent-zhao")
    steps = {s.step_id: s for s in h.engine.checklist(incident_id)}
    update = steps["customer_update"]
    assert update.done_at == T0 + timedelta(hours=2, minutes=41)
    assert update.due_at == T0 + timedelta(hours=4, minutes=41)
    assert update.status is StepStatus.UPCOMING
    assert update.completions == 1
    status = steps["status_update"]
    assert status.due_at == T0 + timedelta(minutes=70)
    assert status.status is StepStatus.OVERDUE


def test_resolve_restores_the_previous_bot_and_withdraws_scripts(h: Harness) -> None:
    incident_id = _declare(h)
    h.engine.bot_on(incident_id, who="lead-li", variables={"eta": "16:30"})  # a second switch
    assert "16:30" in h.backend.auto_reply.message
    change = h.engine.resolve(incident_id, summary="回滚完成", who="lead-li")
    assert h.backend.auto_reply == BEFORE  # exactly the state before the incident
    assert h.backend.scripts == {}
    assert not change.incident.active
    assert change.incident.resolution == "回滚完成"
    assert change.incident.saved_auto_reply is None
    assert {r.action for r in change.results if r.ok} >= {
        Action.BOT_RESTORE,
        Action.SCRIPT_WITHDRAW,
    }
    assert h.engine.active() == []
    assert h.intervals == [5.0, 30.0]


def test_resolve_is_idempotent(h: Harness) -> None:
    incident_id = _declare(h)
    h.engine.resolve(incident_id, summary="ok", who="lead-li")
    h.backend.auto_reply = AutoReplyState(enabled=False, message="changed later by someone")
    again = h.engine.resolve(incident_id, summary="ok again", who="lead-wang")
    assert again.events == ()
    assert again.results == ()
    assert h.backend.auto_reply.message == "changed later by someone"
    assert h.engine.incident(incident_id).resolution == "ok"
    assert sum(e.action == Action.RESOLVE for e in h.engine.timeline(incident_id)) == 1


def test_a_failed_restore_is_retried_by_resolving_again(h: Harness) -> None:
    incident_id = _declare(h)
    working = h.backend.set_auto_reply

    def down(state: AutoReplyState) -> AutoReplyState:
        raise BackendUnreachable("connection refused")

    h.backend.set_auto_reply = down  # type: ignore[method-assign]
    change = h.engine.resolve(incident_id, summary="ok", who="lead-li")
    (failed,) = [r for r in change.results if r.action is Action.BOT_RESTORE]
    assert (failed.outcome, failed.reason) == (Outcome.FAILED, "unreachable")
    assert h.engine.restore_pending(incident_id)
    h.backend.set_auto_reply = working  # type: ignore[method-assign]
    again = h.engine.resolve(incident_id, summary="ok", who="lead-li")
    assert [r.action for r in again.results] == [Action.BOT_RESTORE]
    assert h.backend.auto_reply == BEFORE
    assert not h.engine.restore_pending(incident_id)


def test_switching_the_bot_twice_keeps_the_first_saved_state(h: Harness) -> None:
    incident_id = _declare(h, auto=False)
    h.engine.bot_on(incident_id, who="li")
    h.engine.bot_on(incident_id, who="li", message="第二次")
    assert h.engine.incident(incident_id).saved_auto_reply == {
        "enabled": True,
        "message": BEFORE.message,
        "topics": ["refund"],
    }
    h.engine.bot_off(incident_id, who="li")
    assert h.backend.auto_reply == BEFORE
    h.engine.bot_off(incident_id, who="li")  # nothing saved: nothing to do
    assert h.backend.auto_reply == BEFORE


def test_the_poll_interval_follows_the_open_incidents(h: Harness) -> None:
    desk = _declare(h, "desk_failure", auto=False)
    promo = _declare(h, "promotion_peak", auto=False)
    h.engine.resolve(promo, summary="done", who="li")
    h.engine.resolve(desk, summary="done", who="li")
    assert h.intervals == [15.0, 5.0, 15.0, 30.0]


def test_a_backend_without_the_capability_gets_a_structured_refusal(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.capabilities = Capabilities(  # type: ignore[misc]
        frozenset({Capability.REPLY_SCRIPTS}),
        {Capability.AUTO_REPLY: "read_only_api", Capability.TICKET_REPLY: "read_only_api"},
    )
    h = Harness(tmp_path, backend)
    try:
        change = h.engine.declare("service_outage", summary="x", who="li")
        (refused,) = [r for r in change.results if r.action is Action.BOT_ON]
        assert (refused.outcome, refused.reason) == (Outcome.NOT_SUPPORTED, "read_only_api")
        assert backend.auto_reply == BEFORE
        preview = h.engine.preview_broadcast(
            change.incident.id, "outage_ack", targets=[Target.parse("bot")]
        )
        (problem,) = preview.problems
        assert (problem.reason, problem.not_supported) == ("read_only_api", True)
        event = h.engine.timeline(change.incident.id)[1]
        assert (event.phase, event.outcome, event.payload["reason"]) == (
            Phase.RECORD,
            Outcome.NOT_SUPPORTED,
            "read_only_api",
        )
    finally:
        h.close()


class Crash(BaseException):
    """The process dies (a kill, a power cut) in the middle of an action."""


def test_a_crash_between_log_and_side_effect_leaves_an_unknown_outcome(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    incident_id = _declare(h, auto=False)

    def dies(state: AutoReplyState) -> AutoReplyState:
        raise Crash

    h.backend.set_auto_reply = dies  # type: ignore[method-assign]
    with pytest.raises(Crash):
        h.engine.bot_on(incident_id, who="lead-li")
    intent = h.engine.timeline(incident_id)[-1]
    assert (intent.action, intent.phase, intent.outcome) == (
        Action.BOT_ON,
        Phase.INTENT,
        Outcome.PENDING,
    )
    h.close()

    restarted = Harness(tmp_path)  # the next start, on the same database
    try:
        (settled,) = restarted.engine.recover()
        assert (settled.related_id, settled.outcome, settled.payload["reason"]) == (
            intent.id,
            Outcome.UNKNOWN,
            "interrupted",
        )
        assert restarted.engine.timeline(incident_id)[-1] == settled
        assert restarted.engine.recover() == []
        # The state saved with the intent survived: resolve still restores it.
        restarted.backend.auto_reply = AutoReplyState(enabled=True, message="half-switched")
        restarted.engine.resolve(incident_id, summary="ok", who="li")
        assert restarted.backend.auto_reply == BEFORE
    finally:
        restarted.close()


def test_an_unknown_outcome_from_the_backend_is_logged_as_such(h: Harness) -> None:
    incident_id = _declare(h, auto=False)

    def lost(state: AutoReplyState) -> AutoReplyState:
        raise UnknownOutcome("PUT /auto-reply: no answer within 10 s")

    h.backend.set_auto_reply = lost  # type: ignore[method-assign]
    change = h.engine.bot_on(incident_id, who="li")
    (result,) = change.results
    assert (result.outcome, result.reason) == (Outcome.UNKNOWN, "unknown_outcome")
    assert change.events[-1].outcome is Outcome.UNKNOWN


def test_an_internal_error_is_logged_then_raised(h: Harness) -> None:
    incident_id = _declare(h, auto=False)

    def bug(state: AutoReplyState) -> AutoReplyState:
        raise ZeroDivisionError

    h.backend.set_auto_reply = bug  # type: ignore[method-assign]
    with pytest.raises(ZeroDivisionError):
        h.engine.bot_on(incident_id, who="li")
    last = h.engine.timeline(incident_id)[-1]
    assert (last.phase, last.outcome, last.payload["reason"]) == (
        Phase.OUTCOME,
        Outcome.UNKNOWN,
        "internal_error",
    )


def test_notes_variables_and_usage_errors(h: Harness) -> None:
    incident_id = _declare(h, auto=False, severity=Severity.MAJOR)
    assert h.engine.incident(incident_id).severity == "major"
    h.engine.set_variables(incident_id, {"eta": "17:00"}, who="li")
    preview = h.engine.preview_broadcast(incident_id, "outage_ack", targets=[Target.parse("bot")])
    assert "预计17:00恢复" in preview.messages[0].text
    with pytest.raises(UnknownStep):
        h.engine.complete_step(incident_id, "nope", who="li")
    with pytest.raises(UnknownPlaybook):
        h.engine.declare("nope", summary="x", who="li")
    h.engine.resolve(incident_id, summary="ok", who="li")
    note = h.engine.note(incident_id, "复盘时注意：回滚花了 20 分钟", who="li")
    assert note.events[0].payload == {"text": "复盘时注意：回滚花了 20 分钟"}
    with pytest.raises(IncidentNotActive):
        h.engine.bot_on(incident_id, who="li")


def test_unavailable_ops_carry_the_backend_reason(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.capabilities = Capabilities(  # type: ignore[misc]
        frozenset({Capability.TICKET_REPLY}), {Capability.AUTO_REPLY: "read_only_api"}
    )
    h = Harness(tmp_path, backend)
    try:
        assert h.engine.unavailable_ops() == {
            "bot": "read_only_api",
            "publish_scripts": "not_supported",
        }
    finally:
        h.close()
