"""The floor simulator: determinism, a believable floor, the day's curve,
escalations, collaboration, the bot, replies and scenarios."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cockpit.backends.base import AutoReplyState
from cockpit.domain import AgentState, EscalationLevel, Kind, Role, Status, Ticket
from cockpit.settings import SlaSettings
from cockpit.sim import (
    ArrivalCurve,
    FloorSimulator,
    Scenario,
    ScenarioKind,
    SimConfig,
    TicketClosed,
    TicketNotFound,
)
from cockpit.sim.model import ORDINARY_DAY

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 14:00 in Shanghai: mid-afternoon, the night's peak is in the history.
AFTERNOON = datetime(2026, 11, 11, 6, 0, tzinfo=UTC)
# 00:40 in Shanghai on a promotion night: the floor is swamped.
PEAK = datetime(2026, 11, 11, 16, 40, tzinfo=UTC)
SHORT = SimConfig.default(warmup=timedelta(hours=3))


def all_tickets(sim: FloorSimulator) -> list[Ticket]:
    """A full load through the change feed, all pages."""
    tickets: list[Ticket] = []
    cursor = None
    while True:
        page = sim.changes_since(cursor, 5000)
        tickets.extend(page.tickets)
        cursor = page.next_cursor
        if not page.has_more:
            return tickets


@pytest.fixture(scope="module")
def afternoon() -> FloorSimulator:
    """A default floor at its start; tests must not advance or change it."""
    return FloorSimulator(SimConfig.default(), seed=11, start=AFTERNOON)


def test_same_seed_same_floor_whatever_the_steps() -> None:
    one = FloorSimulator(SHORT, seed=5, start=PEAK)
    other = FloorSimulator(SHORT, seed=5, start=PEAK)
    end = PEAK + timedelta(minutes=20)
    one.advance_to(end)
    t = PEAK
    for step_s in [1, 7, 13, 0.5, 60, 2.5, 301] * 20:
        t = min(t + timedelta(seconds=step_s), end)
        other.advance_to(t)
    other.advance_to(end)
    assert one.cursor == other.cursor
    assert all_tickets(one) == all_tickets(other)
    assert one.agents() == other.agents()
    assert one.truth(SlaSettings()) == other.truth(SlaSettings())


def test_same_actions_at_same_times_stay_deterministic() -> None:
    sims = [FloorSimulator(SHORT, seed=5, start=PEAK) for _ in range(2)]
    for index, sim in enumerate(sims):
        sim.advance_to(PEAK + timedelta(seconds=30 if index else 90))
        sim.advance_to(PEAK + timedelta(minutes=2))
        waiting = next(t for t in all_tickets(sim) if t.is_open and not t.first_response_at)
        sim.reply(waiting.id, "已收到，我们正在处理")
        sim.set_auto_reply(AutoReplyState(enabled=True, topics=("logistics",)))
        sim.inject(Scenario(ScenarioKind.OUTAGE, multiplier=4))
        sim.advance_to(PEAK + timedelta(minutes=10))
    assert all_tickets(sims[0]) == all_tickets(sims[1])


def test_different_seed_different_floor() -> None:
    one = FloorSimulator(SHORT, seed=1, start=PEAK)
    other = FloorSimulator(SHORT, seed=2, start=PEAK)
    assert all_tickets(one) != all_tickets(other)


def test_warm_up_gives_a_believable_floor(afternoon: FloorSimulator) -> None:
    now = afternoon.now
    assert now == AFTERNOON
    tickets = all_tickets(afternoon)
    ids = [t.id for t in tickets]
    assert len(ids) == len(set(ids))
    assert len(tickets) > 8000  # a day of history
    assert min(t.created_at for t in tickets) < now - timedelta(hours=23)
    statuses = Counter(t.status for t in tickets)
    assert set(statuses) == set(Status)
    assert sum(t.is_open for t in tickets) > 100
    assert all(t.updated_at <= now and t.created_at <= t.updated_at for t in tickets)
    assert all(t.resolved_at is not None for t in tickets if not t.is_open)
    states = Counter(a.state for a in afternoon.agents())
    assert states[AgentState.BUSY] > 10
    assert states[AgentState.OFFLINE] > 10
    assert 100 <= len(afternoon.agents()) <= 150
    assert 8 <= len(afternoon.queues()) <= 12
    assert all(set(q.names) == {"zh_CN", "en"} for q in afternoon.queues())


def test_agents_go_through_all_four_states_in_a_day() -> None:
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=1)), seed=3, start=AFTERNOON)
    seen: Counter[AgentState] = Counter()
    for _ in range(48):
        sim.advance(timedelta(minutes=30))
        seen.update(a.state for a in sim.agents())
    assert set(seen) == set(AgentState)
    busy = [a for a in sim.agents() if a.state is AgentState.BUSY]
    assert all(a.current_ticket for a in busy)
    assert all(sim.ticket(a.current_ticket).assignee == a.id for a in busy if a.current_ticket)


def test_leads_are_on_duty_at_the_promotion_peak() -> None:
    sim = FloorSimulator(SHORT, seed=6, start=PEAK)
    on_duty = [a for a in sim.agents() if a.state is not AgentState.OFFLINE]
    leads = [a for a in on_duty if a.role is Role.LEAD]
    assert len(leads) >= 3
    queues = {q.id for q in sim.queues()}
    assert any(set(lead.skills) == queues for lead in leads)  # the lead on duty
    assert any(a.role is Role.SUPERVISOR for a in on_duty)
    ordinary = FloorSimulator(
        SimConfig.default(warmup=timedelta(hours=3), promotion_night=False), seed=6, start=PEAK
    )
    assert len(ordinary.agents()) == len(sim.agents()) - 1
    assert len(ordinary.tickets()) < len(sim.tickets())


def test_arrival_curve_peaks_on_a_promotion_night() -> None:
    promo = ArrivalCurve.for_night(ORDINARY_DAY, promotion_night=True)
    ordinary = ArrivalCurve.for_night(ORDINARY_DAY, promotion_night=False)
    assert promo.weight(0.5) > 2 * ordinary.weight(0.5)
    assert promo.weight(1.0) > 8 * promo.weight(4.0)
    peak_hour = max(range(24), key=lambda h: promo.weight(h + 0.5))
    assert peak_hour in (0, 1)
    assert sum(ordinary.per_minute()) / 1440 == pytest.approx(1.0, rel=0.01)


def test_arrivals_follow_the_local_curve(afternoon: FloorSimulator) -> None:
    by_hour = Counter(t.created_at.astimezone(SHANGHAI).hour for t in all_tickets(afternoon))
    night_peak = by_hour[0] + by_hour[1]
    small_hours = by_hour[4] + by_hour[5]
    assert night_peak > 6 * small_hours
    assert night_peak > by_hour[10] + by_hour[11]
    promo = [t for t in all_tickets(afternoon) if t.created_at.astimezone(SHANGHAI).hour == 0]
    assert all("promo" in t.tags for t in promo)


def test_history_holds_every_escalation_level_below_pr_legal(afternoon: FloorSimulator) -> None:
    tickets = all_tickets(afternoon)
    levels = Counter(t.escalation for t in tickets)
    assert levels[EscalationLevel.LEAD] > 50
    assert levels[EscalationLevel.SUPERVISOR] > 5
    escalated = [t for t in tickets if t.escalation > EscalationLevel.AGENT]
    assert all(t.escalated_at is not None for t in escalated)
    kinds = Counter(t.kind for t in escalated)
    assert kinds.most_common(1)[0][0] is Kind.COMPLAINT
    owners = {t.assignee[0] for t in escalated if t.assignee and t.is_open}
    assert owners <= {"L", "S"}


def test_a_public_opinion_wave_reaches_pr_legal() -> None:
    sim = FloorSimulator(SHORT, seed=4, start=AFTERNOON)
    sim.inject(Scenario(ScenarioKind.PUBLIC_OPINION, duration=timedelta(hours=2), multiplier=6))
    with_pr_legal: list[Ticket] = []
    for _ in range(12):
        sim.advance(timedelta(minutes=30))
        tickets = all_tickets(sim)
        with_pr_legal = [t for t in tickets if t.waiting_on == "pr_legal"]
        if with_pr_legal:
            break
    assert with_pr_legal
    for ticket in with_pr_legal:
        assert ticket.escalation is EscalationLevel.PR_LEGAL
        assert ticket.status is Status.WAITING_OTHER
        assert ticket.assignee
        assert ticket.assignee.startswith("S")
    wave = [t for t in tickets if "public_opinion" in t.tags]
    assert len(wave) > 300
    assert Counter(t.channel for t in wave).most_common(1)[0][0] == "social"
    assert all(t.kind is Kind.COMPLAINT for t in wave)


def test_collaboration_tickets_wait_on_other_departments(afternoon: FloorSimulator) -> None:
    now = afternoon.now
    waiting = [t for t in all_tickets(afternoon) if t.status is Status.WAITING_OTHER]
    assert len(waiting) > 10
    assert all(t.waiting_on and t.waiting_since for t in waiting)
    assert {t.waiting_on for t in waiting} & {"warehouse", "finance", "tech"}
    assert any(now - t.waiting_since > timedelta(hours=1) for t in waiting if t.waiting_since)
    pending = [t for t in all_tickets(afternoon) if t.status is Status.PENDING]
    assert pending
    assert all(t.pending_since and t.first_response_at for t in pending)


def test_auto_reply_deflects_enquiries_from_human_queues() -> None:
    plain = FloorSimulator(SHORT, seed=8, start=AFTERNOON)
    bot = FloorSimulator(SHORT, seed=8, start=AFTERNOON)
    state = bot.set_auto_reply(AutoReplyState(enabled=True, message="机器人先为您解答"))
    assert bot.get_auto_reply() == state
    before = plain.stats.arrivals
    for sim in (plain, bot):
        sim.advance(timedelta(hours=1))
    assert plain.stats.arrivals == bot.stats.arrivals > before
    assert plain.stats.bot_deflected == 0
    arrived = bot.stats.arrivals - before
    assert 0.15 * arrived < bot.stats.bot_deflected < 0.45 * arrived
    assert bot.stats.human_arrivals < plain.stats.human_arrivals
    deflected = [t for t in all_tickets(bot) if t.bot_deflected]
    assert deflected
    for ticket in deflected:
        assert ticket.kind is Kind.ENQUIRY
        assert ticket.first_response_at == ticket.created_at == ticket.resolved_at
        assert not ticket.is_open


def test_auto_reply_only_on_its_topics() -> None:
    sim = FloorSimulator(SHORT, seed=8, start=AFTERNOON)
    sim.set_auto_reply(AutoReplyState(enabled=True, topics=("logistics",)))
    sim.advance(timedelta(minutes=30))
    deflected = [t for t in all_tickets(sim) if t.bot_deflected]
    assert deflected
    assert {t.topic for t in deflected} == {"logistics"}


def test_reply_is_a_first_response() -> None:
    sim = FloorSimulator(SHORT, seed=9, start=PEAK)
    sim.advance_to(PEAK + timedelta(seconds=2.5))
    waiting = [t for t in all_tickets(sim) if t.is_open and t.first_response_at is None]
    assert waiting
    cursor = sim.cursor
    replied = sim.reply(waiting[0].id, "您好，已为您加急")
    assert replied.first_response_at == sim.now == replied.last_customer_update_at
    assert replied.updated_at == sim.now
    assert sim.changes_since(cursor).tickets == [replied]
    again = sim.reply(waiting[0].id, "补充说明")
    assert again.first_response_at == replied.first_response_at
    with pytest.raises(TicketNotFound):
        sim.reply("T-none", "?")
    finished = next(t for t in all_tickets(sim) if not t.is_open)
    with pytest.raises(TicketClosed):
        sim.reply(finished.id, "?")


def test_outage_multiplies_arrivals_on_its_topics() -> None:
    plain = FloorSimulator(SHORT, seed=12, start=AFTERNOON)
    hit = FloorSimulator(SHORT, seed=12, start=AFTERNOON)
    placed = hit.inject(Scenario(ScenarioKind.OUTAGE, duration=timedelta(hours=1), multiplier=4))
    assert placed.id
    assert placed.start == AFTERNOON
    assert set(placed.effective_topics) == {"payment", "login", "app_crash"}
    for sim in (plain, hit):
        sim.advance(timedelta(hours=1))

    def counts(sim: FloorSimulator) -> Counter[bool]:
        return Counter(
            t.topic in placed.effective_topics for t in all_tickets(sim) if t.created_at > AFTERNOON
        )

    base, outage = counts(plain), counts(hit)
    assert outage[False] == base[False]  # other topics are untouched
    assert 2.5 * base[True] < outage[True] < 6 * base[True]
    tagged = [t for t in all_tickets(hit) if "outage" in t.tags]
    assert Counter(t.kind for t in tagged).most_common(1)[0][0] is Kind.TECH_SUPPORT
    urgent_share = sum(t.priority == "urgent" for t in tagged) / len(tagged)
    assert urgent_share > 0.15


def test_promotion_peak_multiplies_everything_and_ends() -> None:
    plain = FloorSimulator(SHORT, seed=13, start=AFTERNOON)
    peak = FloorSimulator(SHORT, seed=13, start=AFTERNOON)
    peak.inject(
        Scenario(
            ScenarioKind.PROMOTION_PEAK,
            start=AFTERNOON + timedelta(minutes=10),
            duration=timedelta(minutes=30),
            multiplier=3,
        )
    )
    before = plain.stats.arrivals
    for sim in (plain, peak):
        sim.advance(timedelta(minutes=9))
    assert plain.stats.arrivals == peak.stats.arrivals  # not started yet
    for sim in (plain, peak):
        sim.advance(timedelta(minutes=31))
    during_plain = plain.stats.arrivals - before
    during_peak = peak.stats.arrivals - before
    assert during_peak > 1.8 * during_plain
    extra = during_peak - during_plain
    for sim in (plain, peak):
        sim.advance(timedelta(minutes=30))
    assert peak.stats.arrivals - plain.stats.arrivals == extra  # over


def test_truth_matches_its_definitions(afternoon: FloorSimulator) -> None:
    sla = SlaSettings()
    truth = afternoon.truth(sla)
    now = afternoon.now
    tickets = all_tickets(afternoon)
    assert set(truth) == {q.id for q in afternoon.queues()}
    for queue, figures in truth.items():
        mine = [t for t in tickets if t.queue == queue]
        assert figures.open == sum(t.is_open for t in mine)
        waiting = [t for t in mine if t.is_open and t.first_response_at is None]
        assert figures.waiting == len(waiting)
        hour = now - timedelta(hours=1)
        parts = [0, 0, 0, 0]
        for t in mine:
            target = sla.target(queue, t.priority).first_response_s
            if target is None:
                continue
            due = t.created_at + timedelta(seconds=target)
            finished = None if t.is_open else (t.resolved_at or t.updated_at)
            if t.first_response_at is not None and hour < t.first_response_at <= now:
                parts[0 if t.first_response_at <= due else 1] += 1
            elif t.first_response_at is None and finished is None:
                paused = t.status is Status.PENDING
                parts[2] += not paused and now > due
            elif t.first_response_at is None and finished is not None:
                parts[3] += hour < finished <= now and finished > due
        got = [
            figures.answered_in_target,
            figures.answered_late,
            figures.waiting_past_target,
            figures.abandoned_past_target,
        ]
        assert got == parts, queue
        assert figures.service_level == (parts[0] / sum(parts) if sum(parts) else None)
        arrivals = [t for t in mine if now - timedelta(minutes=15) < t.created_at <= now]
        assert figures.arrivals_15m == len(arrivals)
    assert sum(f.arrivals_15m for f in truth.values()) > 0
