"""The floor's working day: tickets move through their life and people
through their shifts, driven by one event heap on the engine's tick grid.

Nothing here scans all tickets or all people: every step touches only the
ticket and the person it concerns, so a tick costs the same on a quiet
floor and on one with 100,000 open tickets.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable

from cockpit.domain import AgentState, EscalationLevel, Status
from cockpit.sim.arrivals import LocalDay, NewTicket
from cockpit.sim.catalog import DEPARTMENTS, PR_LEGAL_DEPARTMENT
from cockpit.sim.dispatch import Dispatcher
from cockpit.sim.feed import TicketBook
from cockpit.sim.model import SimConfig
from cockpit.sim.records import US, AgentRec, TicketRec, TimeCache
from cockpit.sim.roster import ShiftTimes
from cockpit.sim.rules import HOUR, MIN, ROLE_PACE, SimStats, break_plan, session_odds

# Event kinds.
FINISH, SHIFT_START, SHIFT_END, BREAK_START, BREAK_END = range(5)
CUSTOMER_BACK, NO_REPLY, DEPT_ANSWER, CLOSE, CUSTOMER_UPDATE = range(5, 10)
# (tick, order, kind, ticket or agent id, token, argument)
Event = tuple[int, int, int, str, int, int]


class FloorCore:
    """Tickets, people, waiting lines and the event heap of one floor."""

    def __init__(self, config: SimConfig, *, seed: int, agents: list[AgentRec]) -> None:
        self.config = config
        self.tick_us = config.tick_s * US
        self.now = 0
        self.tick = 0
        self.local = LocalDay(config.timezone)
        self.dt = TimeCache()
        self.book = TicketBook(int(config.retention.total_seconds()) * US, self.dt)
        self.dispatch = Dispatcher(self.book.records)
        self.agents = {agent.id: agent for agent in agents}
        self.stats = SimStats()
        self.rng = random.Random(f"work:{seed}")
        self._shift_rng = random.Random(f"shifts:{seed}")
        self._shifts = {a.shift: ShiftTimes.parse(a.shift) for a in agents}
        self._heap: list[Event] = []
        self._order = 0
        self._numbers = 0
        self._median_s = {k: m * MIN for k, m in config.handling_median_min.items()}
        self._handlers: list[Callable[[str, int, int], None]] = [
            self._on_finish,
            self._on_shift_start,
            self._on_shift_end,
            self._on_break_start,
            self._on_break_end,
            self._on_customer_back,
            self._on_no_reply,
            self._on_dept_answer,
            self._on_close,
            self._on_customer_update,
        ]

    # --- time and events -------------------------------------------------------

    def schedule_at(
        self, when_us: int, kind: int, ident: str, token: int = 0, arg: int = 0
    ) -> None:
        tick = max(-(-when_us // self.tick_us), self.tick + 1)
        self._order += 1
        heapq.heappush(self._heap, (tick, self._order, kind, ident, token, arg))

    def schedule(self, delay_s: float, kind: int, ident: str, token: int = 0, arg: int = 0) -> None:
        self.schedule_at(self.now + int(delay_s * US), kind, ident, token, arg)

    def run_events(self, tick: int) -> None:
        """Set the time to ``tick`` and handle every event due by then."""
        self.tick = tick
        self.now = tick * self.tick_us
        heap, handlers = self._heap, self._handlers
        while heap and heap[0][0] <= tick:
            _, _, kind, ident, token, arg = heapq.heappop(heap)
            handlers[kind](ident, token, arg)

    def lognormal(self, median_s: float, sigma: float) -> float:
        return self.rng.lognormvariate(math.log(median_s), sigma)

    # --- tickets ---------------------------------------------------------------

    def next_id(self) -> str:
        self._numbers += 1
        return f"T{self._numbers:07d}"

    def new_record(self, new: NewTicket, created: int) -> TicketRec:
        return TicketRec(
            self.next_id(),
            new.queue,
            priority=new.priority,
            kind=new.kind,
            topic=new.topic,
            channel=new.channel,
            subject=new.subject,
            created=created,
            tags=new.tags,
        )

    def arrive(self, new: NewTicket, *, deflect: bool) -> TicketRec:
        """A new ticket: settled by the bot, or into its waiting line."""
        rec = self.new_record(new, self.now)
        self.stats.arrivals += 1
        if deflect:
            rec.bot = True
            rec.first_response = rec.resolved = rec.last_update = self.now
            rec.status = Status.RESOLVED
            self.stats.bot_deflected += 1
            self.stats.resolved += 1
            self.book.add(rec)
            self._schedule_close(rec)
            return rec
        self.book.add(rec)
        self.requeue(rec)
        return rec

    def requeue(self, rec: TicketRec) -> None:
        """Put ``rec`` in its waiting line and hand it to an idle person if any."""
        self.dispatch.enqueue(rec)
        agent = self.dispatch.idle_for(rec.key)
        if agent is not None:
            self._offer_work(agent)

    def _pick_up(self, agent: AgentRec, rec: TicketRec) -> None:
        agent.state = AgentState.BUSY
        agent.current = rec.id
        agent.activity += 1
        self.dispatch.mark_unavailable(agent)
        rec.token += 1
        rec.assignee = agent.id
        rec.sessions += 1
        if rec.first_response is None:
            rec.first_response = self.now
        rec.last_update = self.now
        self.book.touch(rec, self.now)
        pace = ROLE_PACE[agent.role]
        handling = self.lognormal(self._median_s[rec.kind] * pace, self.config.handling_sigma)
        self.schedule(handling, FINISH, agent.id, agent.activity)

    def _outcome(self, rec: TicketRec) -> None:
        """What happens after a handling session: settled, parked, or passed up."""
        pending, collab, escalate = session_odds(rec)
        rec.token += 1
        rec.last_update = self.now
        draw = self.rng.random()
        if draw < pending:
            self._to_pending(rec)
        elif draw < pending + collab:
            self._to_department(rec, DEPARTMENTS.get(rec.topic, "tech"), 45 * MIN, 1.1)
            self.stats.collaborations += 1
        elif draw < pending + collab + escalate:
            self._escalate(rec)
        else:
            self.resolve(rec)

    def _to_pending(self, rec: TicketRec) -> None:
        rec.status = Status.PENDING
        rec.pending_since = self.now
        self.stats.pending += 1
        self.book.touch(rec, self.now)
        if self.rng.random() < 0.8:
            self.schedule(self.lognormal(90 * MIN, 1.2), CUSTOMER_BACK, rec.id, rec.token)
        else:
            # No answer from the customer: closed after a day, as floors do.
            self.schedule(24 * HOUR, NO_REPLY, rec.id, rec.token)

    def _to_department(
        self, rec: TicketRec, department: str, median_s: float, sigma: float
    ) -> None:
        rec.status = Status.WAITING_OTHER
        rec.waiting_on = department
        rec.waiting_since = self.now
        self.book.touch(rec, self.now)
        self.schedule(self.lognormal(median_s, sigma), DEPT_ANSWER, rec.id, rec.token)

    def _escalate(self, rec: TicketRec) -> None:
        rec.escalation = EscalationLevel(int(rec.escalation) + 1)
        rec.escalated = self.now
        rec.chain += 1
        self.stats.escalations[int(rec.escalation)] += 1
        self.schedule(self.lognormal(100 * MIN, 0.3), CUSTOMER_UPDATE, rec.id, rec.chain)
        if rec.escalation is EscalationLevel.PR_LEGAL:
            # PR and legal agree the message; the supervisor keeps the ticket.
            self._to_department(rec, PR_LEGAL_DEPARTMENT, 2 * HOUR, 0.5)
            return
        rec.status = Status.OPEN
        rec.assignee = None
        self.book.touch(rec, self.now)
        self.requeue(rec)

    def resolve(self, rec: TicketRec) -> None:
        rec.status = Status.RESOLVED
        rec.resolved = self.now
        rec.pending_since = rec.waiting_since = rec.waiting_on = None
        self.stats.resolved += 1
        self.book.touch(rec, self.now)
        self._schedule_close(rec)

    def _schedule_close(self, rec: TicketRec) -> None:
        self.schedule(self.rng.uniform(2 * HOUR, 8 * HOUR), CLOSE, rec.id)

    def _reopen(self, ticket_id: str, token: int) -> TicketRec | None:
        rec = self.book.records.get(ticket_id)
        if rec is None or rec.token != token:
            return None
        rec.token += 1
        rec.status = Status.OPEN
        rec.pending_since = rec.waiting_since = rec.waiting_on = None
        self.book.touch(rec, self.now)
        self.requeue(rec)
        return rec

    def _on_customer_back(self, ticket_id: str, token: int, _: int) -> None:
        self._reopen(ticket_id, token)

    def _on_dept_answer(self, ticket_id: str, token: int, _: int) -> None:
        self._reopen(ticket_id, token)

    def _on_no_reply(self, ticket_id: str, token: int, _: int) -> None:
        rec = self.book.records.get(ticket_id)
        if rec is not None and rec.token == token:
            rec.token += 1
            self.resolve(rec)

    def _on_close(self, ticket_id: str, _: int, __: int) -> None:
        rec = self.book.records.get(ticket_id)
        if rec is not None and rec.status is Status.RESOLVED:
            rec.status = Status.CLOSED
            self.book.touch(rec, self.now)

    def _on_customer_update(self, ticket_id: str, chain: int, _: int) -> None:
        # Escalated work owes the customer news every ~2 h; some are late.
        rec = self.book.records.get(ticket_id)
        if rec is None or rec.chain != chain or not rec.status.is_open:
            return
        rec.last_update = self.now
        self.book.touch(rec, self.now)
        self.schedule(self.lognormal(100 * MIN, 0.3), CUSTOMER_UPDATE, rec.id, chain)

    # --- people ----------------------------------------------------------------

    def _offer_work(self, agent: AgentRec) -> None:
        rec = self.dispatch.take_for(agent)
        if rec is None:
            agent.state = AgentState.AVAILABLE
            self.dispatch.mark_idle(agent)
        else:
            self._pick_up(agent, rec)

    def wake_idle(self) -> None:
        """Offer work to everyone idle (after tickets were added in bulk)."""
        for agent in self.agents.values():
            if agent.state is AgentState.AVAILABLE:
                self.dispatch.mark_unavailable(agent)
                self._offer_work(agent)

    def _free(self, agent: AgentRec) -> None:
        """``agent`` has nothing in hand: off shift, on a break, or next ticket."""
        agent.current = None
        if agent.off_due:
            self._go_offline(agent)
        elif agent.break_owed_s > 0:
            self._go_away(agent, agent.break_owed_s)
        else:
            self._offer_work(agent)

    def _go_offline(self, agent: AgentRec) -> None:
        self.dispatch.mark_unavailable(agent)
        agent.state = AgentState.OFFLINE
        agent.off_due = False
        agent.break_owed_s = 0.0
        agent.activity += 1

    def _go_away(self, agent: AgentRec, seconds: float) -> None:
        self.dispatch.mark_unavailable(agent)
        agent.state = AgentState.AWAY
        agent.break_owed_s = 0.0
        agent.activity += 1
        self.schedule(seconds, BREAK_END, agent.id, agent.activity)

    def _on_finish(self, agent_id: str, activity: int, _: int) -> None:
        agent = self.agents[agent_id]
        if agent.activity != activity or agent.state is not AgentState.BUSY:
            return
        rec = self.book.records.get(agent.current or "")
        if rec is not None:
            self._outcome(rec)
        self._free(agent)

    def start_people(self) -> None:
        """Put everyone on or off shift as at the current time (warm-up start)."""
        for agent in self.agents.values():
            begin, running = self._shifts[agent.shift].current_or_next(self.now, self.local.tz)
            if running:
                self._start_shift(agent, begin)
            else:
                self.schedule_at(begin, SHIFT_START, agent.id, 0, begin)

    def _on_shift_start(self, agent_id: str, _: int, begin: int) -> None:
        self._start_shift(self.agents[agent_id], begin)

    def _start_shift(self, agent: AgentRec, begin: int) -> None:
        times = self._shifts[agent.shift]
        agent.shift_token += 1
        agent.off_due = False
        token = agent.shift_token
        self.schedule_at(begin + times.length_s * US, SHIFT_END, agent.id, token)
        for offset_s, length_s in break_plan(self._shift_rng, times.length_s):
            at = begin + int(offset_s * US)
            if at > self.now:
                self.schedule_at(at, BREAK_START, agent.id, token, int(length_s))
        nxt = times.next_start(begin, self.local.tz)
        self.schedule_at(nxt, SHIFT_START, agent.id, 0, nxt)
        if agent.state is AgentState.OFFLINE:
            self._offer_work(agent)

    def _on_shift_end(self, agent_id: str, token: int, _: int) -> None:
        agent = self.agents[agent_id]
        if token != agent.shift_token or agent.state is AgentState.OFFLINE:
            return
        if agent.state is AgentState.BUSY:
            agent.off_due = True  # finishes the ticket in hand first
        else:
            self._go_offline(agent)

    def _on_break_start(self, agent_id: str, token: int, length_s: int) -> None:
        agent = self.agents[agent_id]
        if token != agent.shift_token or agent.off_due:
            return
        if agent.state is AgentState.AVAILABLE:
            self._go_away(agent, length_s)
        elif agent.state is AgentState.BUSY:
            agent.break_owed_s = float(length_s)

    def _on_break_end(self, agent_id: str, activity: int, _: int) -> None:
        agent = self.agents[agent_id]
        if agent.state is AgentState.AWAY and agent.activity == activity:
            self._offer_work(agent)
