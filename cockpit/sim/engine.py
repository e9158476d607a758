"""The floor simulator: the built-in backend the cockpit watches by default.

A :class:`FloorSimulator` is a deterministic, fixed-step simulation of a
customer-service floor. It warms up over the hours before ``start`` so it
begins with history and a backlog, then moves only when told to
(:meth:`FloorSimulator.advance_to`). For a given config, seed and start,
the state at a given time is the same whatever steps got there, as long as
the same actions (replies, auto-reply switches, scenarios) happen at the
same simulated times. It is not thread-safe: the server serialises calls.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from cockpit.backends.base import AutoReplyState, ReplyScript
from cockpit.domain import Agent, Batch, Kind, Queue, QueueId, Ticket
from cockpit.settings import SlaSettings
from cockpit.sim.arrivals import ArrivalMix, BaseStream, NewTicket, ScenarioStream, poisson
from cockpit.sim.core import FloorCore
from cockpit.sim.feed import ChangePage
from cockpit.sim.large import seed_backlog
from cockpit.sim.model import SimConfig
from cockpit.sim.records import US, to_us
from cockpit.sim.roster import build_roster
from cockpit.sim.rules import SimStats
from cockpit.sim.scenarios import Scenario
from cockpit.sim.truth import QueueTruth, compute_truth


class TicketNotFound(LookupError):
    """No ticket with that id (never existed, or finished and forgotten)."""


class TicketClosed(Exception):
    """The ticket is resolved or closed; it takes no more replies."""


class ScriptNotFound(LookupError):
    """No reply script with that id."""


class FloorSimulator:
    """A simulated floor: tickets, people, the change feed and the write side."""

    def __init__(self, config: SimConfig, *, seed: int, start: datetime) -> None:
        self.config = config
        self.seed = seed
        self._core = core = FloorCore(config, seed=seed, agents=build_roster(config))
        self._mix = ArrivalMix(config)
        self._base = BaseStream(config, self._mix, core.local, seed)
        self._streams: list[ScenarioStream] = []
        self._scenarios: list[Scenario] = []
        self._bot_rng = random.Random(f"bot:{seed}")
        self._auto_reply = AutoReplyState(enabled=False)
        self._scripts: dict[str, ReplyScript] = {}
        self._script_serial = 0
        self._queues = tuple(
            Queue(
                id=spec.id,
                name=spec.name,
                names=dict(spec.names),
                service_level_target=spec.service_level_target,
            )
            for spec in config.queues
        )
        start_us = to_us(start)
        warmup_us = int(config.warmup.total_seconds()) * US
        core.run_events((start_us - warmup_us) // core.tick_us)
        core.start_people()
        self._now = core.now
        self.advance_to(start)
        if config.open_backlog:
            seed_backlog(core, self._mix, config.open_backlog, seed=seed)
            core.wake_idle()

    # --- time ------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The simulated time of the latest :meth:`advance_to`."""
        return self._core.dt(self._now)

    @property
    def generation(self) -> None:
        """The floor moves with every request: no answer is reused (FeedSource)."""
        return None

    @property
    def stats(self) -> SimStats:
        return self._core.stats

    def advance_to(self, when: datetime) -> None:
        """Run every tick up to ``when`` (a time in the past is a no-op)."""
        target = to_us(when)
        if target <= self._now:
            return
        core = self._core
        last = target // core.tick_us
        for tick in range(core.tick + 1, last + 1):
            self._step(tick)
        self._now = target

    def advance(self, delta: timedelta) -> None:
        self.advance_to(self.now + delta)

    def _step(self, tick: int) -> None:
        core = self._core
        core.run_events(tick)
        now, tick_s = core.now, self.config.tick_s
        base_rate = self._base.rate(now)
        for _ in range(poisson(self._base.rng, base_rate * tick_s)):
            self._arrive(self._base.draw(now))
        for stream in self._streams:
            if stream.active(now):
                for _ in range(poisson(stream.rng, stream.rate(now, base_rate) * tick_s)):
                    self._arrive(stream.draw())
        if self._streams and self._streams[0].finished(now):
            self._streams = [s for s in self._streams if not s.finished(now)]
        core.book.prune(now)

    def _arrive(self, new: NewTicket) -> None:
        state = self._auto_reply
        deflect = (
            state.enabled
            and new.kind is Kind.ENQUIRY
            and (not state.topics or new.topic in state.topics)
            and self._bot_rng.random() < self.config.bot_deflection_share
        )
        self._core.arrive(new, deflect=deflect)

    # --- reading ---------------------------------------------------------------

    def queues(self) -> tuple[Queue, ...]:
        return self._queues

    def agents(self) -> tuple[Agent, ...]:
        return tuple(agent.to_agent() for agent in self._core.agents.values())

    def changes_since(self, cursor: int | None, limit: int = 1000) -> ChangePage:
        """Tickets changed after ``cursor``, in change order (see
        :meth:`TicketBook.page <cockpit.sim.feed.TicketBook.page>`). Raises
        :class:`~cockpit.sim.feed.CursorExpired` for an unknown cursor or
        one older than a forgotten ticket's finish."""
        return self._core.book.page(cursor, limit)

    def batch_since(self, cursor: int | None, page: int = 5000) -> tuple[Batch, int]:
        """What a feed adapter would make of every page since ``cursor``
        (a full load for None), without HTTP; and the next cursor. For
        benchmarks and evaluations that follow the floor in process."""
        tickets: list[Ticket] = []
        full = cursor is None
        while True:
            changes = self.changes_since(cursor, page)
            tickets.extend(changes.tickets)
            cursor = changes.next_cursor
            if not changes.has_more:
                break
        batch = Batch(
            tickets=tuple(tickets),
            cursor=str(cursor),
            server_time=self.now,
            agents=self.agents(),
            queues=self.queues() if full else None,
            full=full,
        )
        return batch, cursor

    @property
    def cursor(self) -> int:
        """The number of the latest change (a cursor that returns nothing new)."""
        return self._core.book.seq

    def ticket(self, ticket_id: str) -> Ticket:
        rec = self._core.book.records.get(ticket_id)
        if rec is None:
            raise TicketNotFound(ticket_id)
        return rec.to_ticket(self._core.dt)

    def tickets(self) -> list[Ticket]:
        """Every ticket the floor remembers (what a full load returns)."""
        dt = self._core.dt
        return [rec.to_ticket(dt) for rec in self._core.book.records.values()]

    def truth(self, sla: SlaSettings) -> dict[QueueId, QueueTruth]:
        """Per-queue figures at :attr:`now`, by brute force (for tests)."""
        core = self._core
        return compute_truth(
            core.book.records.values(),
            core.agents.values(),
            [spec.id for spec in self.config.queues],
            now_us=self._now,
            sla=sla,
        )

    # --- writing ---------------------------------------------------------------

    def get_auto_reply(self) -> AutoReplyState:
        return self._auto_reply

    def set_auto_reply(self, state: AutoReplyState) -> AutoReplyState:
        """Switch the bot; it affects tickets arriving from the next tick on."""
        self._auto_reply = state
        return state

    def list_scripts(self) -> list[ReplyScript]:
        return list(self._scripts.values())

    def publish_script(self, script: ReplyScript) -> ReplyScript:
        """Publish (or replace, same id) a script; an empty id gets one assigned."""
        if not script.id:
            self._script_serial += 1
            script = replace(script, id=f"script-{self._script_serial}")
            while script.id in self._scripts:
                self._script_serial += 1
                script = replace(script, id=f"script-{self._script_serial}")
        self._scripts[script.id] = script
        return script

    def withdraw_script(self, script_id: str) -> None:
        if self._scripts.pop(script_id, None) is None:
            raise ScriptNotFound(script_id)

    def reply(self, ticket_id: str, body: str) -> Ticket:
        """Post a reply now; the ticket's first response if it had none."""
        core = self._core
        rec = core.book.records.get(ticket_id)
        if rec is None:
            raise TicketNotFound(ticket_id)
        if not rec.status.is_open:
            raise TicketClosed(ticket_id)
        if rec.first_response is None:
            rec.first_response = self._now
        rec.last_update = self._now
        core.book.touch(rec, self._now)
        return rec.to_ticket(core.dt)

    def inject(self, scenario: Scenario) -> Scenario:
        """Start a scenario (at its ``start``, or ``delay`` from now); returns
        it with its id and start filled in."""
        index = len(self._scenarios) + 1
        start = scenario.start or self.now + scenario.delay
        placed = replace(scenario, id=f"S{index}", start=start, delay=timedelta(0))
        self._scenarios.append(placed)
        self._streams.append(ScenarioStream(placed, self._mix, self.seed, index))
        return placed

    def scenarios(self) -> list[Scenario]:
        return list(self._scenarios)

    def touch_random(self, count: int) -> int:
        """Post a progress update to ``count`` random open tickets now (for the
        incremental-poll benchmark); returns how many were touched."""
        core = self._core
        rng = random.Random(f"touch:{self.seed}:{self._now}")
        open_ids = [rec.id for rec in core.book.records.values() if rec.status.is_open]
        chosen = rng.sample(open_ids, min(count, len(open_ids)))
        for ticket_id in chosen:
            rec = core.book.records[ticket_id]
            rec.last_update = self._now
            core.book.touch(rec, self._now)
        return len(chosen)
