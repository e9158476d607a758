"""The post-incident review of a scripted outage: every figure checked
against the simulator's own records, counted here independently."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain import Kind, Ticket
from cockpit.review import BaselineMode, Review, build_review
from cockpit.review_export import (
    read_events_csv,
    read_json,
    read_samples_csv,
    write_csv,
    write_json,
)
from cockpit.review_html import review_html
from cockpit.review_impact import PhaseImpact, PhaseName, Window, phase_impact
from cockpit.review_labels import Labels
from cockpit.review_log import Compliance, LatencyName
from cockpit.settings import SlaSettings
from cockpit.store.alert_log import AlertRecord
from tests.e2e.review_drill import BULK_AT, DECLARE_AT, END_AT, RESOLVE_AT, Drill, recorded_drill

pytestmark = pytest.mark.e2e


@pytest.fixture
def drill(db_url: str) -> Iterator[Drill]:
    with recorded_drill(db_url) as done:
        yield done


def _service_level(drill: Drill, window: Window, tickets: list[Ticket]) -> float | None:
    """The phase's service level by docs/metrics.md, from the simulator's tickets."""
    sla = drill.settings.sla
    in_target = late = abandoned = 0
    for t in tickets:
        target = sla.target(t.queue, t.priority).first_response_s
        if target is None:
            continue
        due = t.created_at + timedelta(seconds=target)
        if t.first_response_at is not None:
            if window.holds(t.first_response_at):
                in_target += t.first_response_at <= due
                late += t.first_response_at > due
        elif not t.is_open:
            finished = t.resolved_at or t.updated_at
            abandoned += window.holds(finished) and finished > due
    waiting = [n for at, n in drill.waiting_past if window.holds(at)][-1]
    total = in_target + late + abandoned + waiting
    return in_target / total if total else None


def _late(ticket: Ticket, sla: SlaSettings) -> bool:
    assert ticket.first_response_at is not None
    target = sla.target(ticket.queue, ticket.priority).first_response_s
    waited = (ticket.first_response_at - ticket.created_at).total_seconds()
    return target is not None and waited > target


def _expected(drill: Drill, window: Window) -> dict[str, object]:
    """The phase's figures counted from the simulator's tickets and polls."""
    sla = drill.settings.sla
    tickets = drill.tickets()
    created = [t for t in tickets if window.holds(t.created_at)]
    answered = [
        t for t in tickets if t.first_response_at is not None and window.holds(t.first_response_at)
    ]
    waits = [(t.first_response_at - t.created_at).total_seconds() for t in answered]  # type: ignore[operator]
    on_duty = [n for at, n in drill.polls if window.holds(at)]
    oldest = [s for at, s in drill.oldest if window.holds(at)]
    late = sum(_late(t, sla) for t in answered)
    return {
        "created": len(created),
        "by_topic": Counter(str(t.topic) for t in created),
        "by_kind": Counter(t.kind.value for t in created),
        "complaints": sum(t.kind is Kind.COMPLAINT for t in created),
        "bot_deflected": sum(t.bot_deflected for t in created),
        "resolutions": sum(
            1 for t in tickets if t.resolved_at is not None and window.holds(t.resolved_at)
        ),
        "responses": len(answered),
        "late_responses": late,
        "service_level": _service_level(drill, window, tickets),
        "mean_wait_s": sum(waits) / len(waits) if waits else None,
        "peak_wait_s": max([*waits, *oldest]),
        "agents_on_duty_mean": sum(on_duty) / len(on_duty),
        "agents_on_duty_peak": max(on_duty),
    }


def _actual(phase: PhaseImpact) -> dict[str, object]:
    return {
        "created": phase.created,
        "by_topic": Counter(phase.by_topic),
        "by_kind": Counter(phase.by_kind),
        "complaints": phase.complaints,
        "bot_deflected": phase.bot_deflected,
        "resolutions": phase.resolutions,
        "responses": phase.responses,
        "late_responses": phase.late_responses,
        "service_level": phase.service_level,
        "mean_wait_s": phase.mean_wait_s,
        "peak_wait_s": phase.peak_wait_s,
        "agents_on_duty_mean": phase.agents_on_duty_mean,
        "agents_on_duty_peak": phase.agents_on_duty_peak,
    }


def _review(drill: Drill, **options: object) -> Review:
    return build_review(
        drill.stores,
        drill.incident_id,
        now=drill.at(END_AT),
        **options,  # type: ignore[arg-type]
    )


def test_review_figures_match_the_simulators_records(drill: Drill) -> None:
    review = _review(drill)
    assert [w.phase for w in review.windows] == list(PhaseName)
    baseline, incident, recovery = review.windows
    assert (incident.start, incident.end) == (drill.at(DECLARE_AT), drill.at(RESOLVE_AT))
    assert (baseline.start, baseline.end) == (drill.at(DECLARE_AT - 30), drill.at(DECLARE_AT))
    assert (recovery.start, recovery.end) == (drill.at(RESOLVE_AT), drill.at(END_AT))
    for window, phase in zip(review.windows, review.impact, strict=True):
        expected, actual = _expected(drill, window), _actual(phase)
        for key in ("mean_wait_s", "peak_wait_s", "agents_on_duty_mean", "service_level"):
            if expected[key] is not None:
                expected[key] = pytest.approx(expected[key], abs=1e-3)
        assert actual == expected, window.phase
    during, before = review.phase(PhaseName.INCIDENT), review.phase(PhaseName.BASELINE)
    assert during is not None
    assert before is not None
    assert during.created > before.created  # the outage shows
    assert during.by_topic["payment"] > 1.5 * before.by_topic.get("payment", 0)


def test_latencies_checklist_and_people(drill: Drill) -> None:
    review = _review(drill)
    declared = drill.at(DECLARE_AT)
    latency = {lat.name: lat for lat in review.latencies}
    assert latency[LatencyName.BOT_ON].seconds == 0.0  # switched on at declaration
    assert latency[LatencyName.FIRST_BROADCAST].seconds == 0.0
    queue_alerts = [
        a
        for a in drill.stores.alerts.events(declared - timedelta(hours=1), declared)
        if a.kind in ("raised", "reopened")
        and a.at > drill.polls[0][0]  # not at the first poll: the cockpit had just started
        and a.rule
        in ("service_level_low", "waiting_past_target", "oldest_wait_high", "resolution_breached")
    ]
    detection = latency[LatencyName.DETECTION]
    if queue_alerts:
        first: AlertRecord = queue_alerts[0]
        assert detection.seconds == (declared - first.at).total_seconds()
    else:
        assert detection.seconds is None
    steps = {s.step_id: s for s in review.checklist}
    assert steps["switch_scripts"].status is Compliance.ON_TIME  # 8 min, due after 15
    assert steps["inform_supervisor"].status is Compliance.LATE  # 20 min, due after 15
    assert steps["inform_supervisor"].worst_late_s == 5 * 60
    assert steps["confirm_scope"].status is Compliance.MISSED  # due after 30, never done
    assert steps["status_update"].occurrences[0].status is Compliance.ON_TIME
    assert [r.who for r in review.responders] == ["lead-li", "sup-wang"]
    assert [n.action for n in review.notes] == ["note", "status_update"]
    assert review.timeline[0].action == "declare"
    assert review.timeline[-1].action in ("resolve", "webhook", "bot_restore", "script_withdraw")
    assert {m.action for m in review.markers} >= {"declare", "bot_on", "resolve"}


def test_the_mass_reply_is_listed_with_the_service_level_around_it(drill: Drill) -> None:
    review = _review(drill)
    (bulk,) = review.bulk_replies
    assert bulk.started_at == drill.at(BULK_AT + 0.5)
    assert bulk.replied > 50
    assert bulk.not_replied < bulk.replied / 10  # a few closed meanwhile
    # The floor samples carry the live service level (60 min, first-response
    # clock): the last one at or before the first reply, the first one after
    # the last reply.
    floor = sorted((s for s in review.samples if s.queue == "*"), key=lambda s: s.at)
    live = [s for s in floor if s.service_level is not None]
    assert live, "the recorder writes the floor's service level"
    start, end = bulk.started_at, bulk.ended_at
    before = [s for s in live if s.at <= start][-1]
    after = next(s for s in live if s.at > end)
    assert (bulk.level_before, bulk.level_after) == (before.service_level, after.service_level)
    # Some replies reached customers who were already late: they count as
    # answered late, so the figure cannot jump to 100 %.
    assert bulk.level_after is not None
    assert bulk.level_after < 0.95
    assert bulk.span_s == 0.0
    around = phase_impact(Window(PhaseName.INCIDENT, end, end + timedelta(minutes=15)), floor)
    assert around.responses > bulk.replied  # the mass reply's first responses are counted
    html = review_html(review, language="en", zone=_zone())
    section = html[html.index("Mass replies") : html.index("Checklist compliance")]
    assert f"{bulk.replied}" in section
    assert Labels("en").percent(bulk.level_after) in section


def test_previous_day_baseline(drill: Drill) -> None:
    review = _review(drill, baseline=BaselineMode.PREVIOUS_DAY)
    baseline = review.windows[0]
    assert baseline.start == drill.at(DECLARE_AT) - timedelta(days=1)
    assert review.impact[0].samples == 0  # nothing was recorded a day before


def test_json_and_csv_round_trip(drill: Drill, tmp_path: Path) -> None:
    drill.stores.reviews.write(
        drill.incident_id,
        at=drill.at(END_AT),
        who="sup-wang",
        owner="王主管",
        causes="网关证书过期",
    )
    drill.stores.reviews.add_action_item(
        drill.incident_id, title="证书到期监控", owner="ops", due=None, at=drill.at(END_AT)
    )
    review = _review(drill)
    assert read_json(write_json(review, tmp_path / "r.json")) == review
    write_csv(review, tmp_path / "csv")
    assert read_samples_csv(tmp_path / "csv" / "samples.csv") == list(review.samples)
    assert read_events_csv(tmp_path / "csv" / "events.csv") == list(review.events)
    html = review_html(review, language="zh_CN", zone=_zone())
    assert "<svg" in html
    assert "网关证书过期" in html
    assert "证书到期监控" in html
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")  # self-contained


def _zone() -> tzinfo:
    return ZoneInfo("Asia/Shanghai")
