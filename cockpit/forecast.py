"""Breach forecast and staffing what-ifs per queue.

**Breach forecast** for the next 15 / 30 / 60 minutes, from the backlog,
the arrival rate, the agents online and their handle time. The floor is
treated as one fluid server per queue answering at ``capacity`` (the
answers of the last 15 minutes, scaled up by the idle agents) earliest due
first: the tickets past due at a horizon are the worst shortfall of
"clocks due by then" over "answers by then". Clocks due come from the SLA
index (running clocks, due instants); new arrivals add clocks for each
priority whose target is shorter than the horizon, in the queue's recent
priority mix. Cost: the clocks due within the hour, never the floor.

**Staffing** (Erlang C, :mod:`cockpit.erlang`): agents needed to reach the
queue's service-level target now and at the forecast arrival rate, the
service level the agents online give, and a "move N agents from A to B"
suggestion for queues short of their target, taken from queues with the
most to spare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from sortedcontainers import SortedList

from cockpit.domain import Priority, QueueId, Ticket
from cockpit.erlang import agents_needed, service_level
from cockpit.floor import FloorState
from cockpit.metrics import FloorView, QueueFigures

HORIZONS_MIN = (15, 30, 60)
WINDOW_S = 15 * 60
SHORT_S = 5 * 60
# Clocks read per queue and horizon at most (a floor drowning in breaches).
MAX_CLOCKS = 50_000
# A move is suggested only when it lifts the queue's service level this much.
MIN_GAIN = 0.05


@dataclass(frozen=True, slots=True)
class ForecastSettings:
    # Erlang C "answered within": None takes each queue's first-response
    # target for high priority from the SLA policy.
    answer_within_s: float | None = None
    default_handle_s: float = 300.0
    min_handle_s: float = 30.0
    max_handle_s: float = 3600.0


@dataclass(frozen=True, slots=True)
class HorizonForecast:
    minutes: int
    # Tickets expected to breach within the horizon (their clocks fall due unanswered).
    breaches: int
    # Clocks falling due within the horizon, and the share of them met.
    due: int
    service_level: float | None
    # Unanswered tickets expected at the horizon.
    backlog: int


@dataclass(frozen=True, slots=True)
class QueueForecast:
    queue: QueueId
    arrivals_per_min: float
    forecast_arrivals_per_min: float
    answers_per_min: float
    capacity_per_min: float
    handle_s: float
    agents_online: int
    waiting: int
    breached: int
    horizons: tuple[HorizonForecast, ...]


@dataclass(frozen=True, slots=True)
class Move:
    """Moving ``agents`` from ``source`` to ``target`` and what each then gets."""

    source: QueueId
    target: QueueId
    agents: int
    source_service_level: float
    target_service_level: float


@dataclass(frozen=True, slots=True)
class StaffingRow:
    queue: QueueId
    agents_online: int
    needed_now: int
    needed_forecast: int
    # Erlang C service level with the agents online, now and at the forecast rate.
    service_level_now: float
    service_level_forecast: float
    target: float
    within_s: float
    handle_s: float
    arrivals_per_s: float
    forecast_arrivals_per_s: float
    move: Move | None = None


@dataclass(frozen=True, slots=True)
class Forecast:
    queues: tuple[QueueForecast, ...] = ()
    staffing: tuple[StaffingRow, ...] = ()
    # Per queue, the staffing rows' ``needed_now`` (the floor's staffing cue),
    # derived from ``staffing`` once for the ranking's lookups.
    needed_now: Mapping[QueueId, int] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        needed = {row.queue: row.needed_now for row in self.staffing}
        object.__setattr__(self, "needed_now", needed)


@dataclass(slots=True)
class PriorityMix:
    """Recent arrivals by priority per queue (the last ``keep`` or so)."""

    keep: int = 400
    counts: dict[QueueId, Counter[Priority]] = field(default_factory=dict)

    def add(self, tickets: Sequence[Ticket]) -> None:
        for t in tickets:
            c = self.counts.setdefault(t.queue, Counter())
            c[t.priority] += 1
            if c.total() > self.keep:
                for p in list(c):
                    c[p] = c[p] // 2
                    if not c[p]:
                        del c[p]

    def shares(self, queue: QueueId) -> dict[Priority, float]:
        c = self.counts.get(queue)
        total = 0 if c is None else sum(c.values())
        if c is None or total == 0:
            return {Priority.MEDIUM: 1.0}
        return {p: n / total for p, n in c.items()}


def _count_in(values: SortedList, start: float, end: float) -> int:
    return int(values.bisect_right(end) - values.bisect_right(start))


def _due_instants(state: FloorState, queue: QueueId, now: float, end: float) -> list[float]:
    """Running clocks due in (now, end], sorted; and via the index only."""
    sla = state.sla_index.queue(queue)
    out: list[float] = []
    for lst in sla.alarmed.values():
        out.extend(e[0] for e in lst.irange((now, "\uffff"), (end, "\uffff")))
    # Pressing clocks not yet at their warn instant that fall due by ``end``.
    for entry in sla.warn.irange((sla_as_of(state), "\uffff"), (end, "\uffff")):
        if now < entry[3] <= end:
            out.append(entry[3])
        if len(out) > MAX_CLOCKS:
            break
    out.extend(e[0] for e in sla.later_due.irange((now, "\uffff"), (end, "\uffff")))
    out.sort()
    return out


def sla_as_of(state: FloorState) -> float:
    return state.sla_index.as_of


def breached_now(state: FloorState, queue: QueueId, now: float) -> int:
    return state.sla_index.queue(queue).breached(now)


class Forecaster:
    """Builds a :class:`Forecast` after each poll (on the poll worker)."""

    def __init__(self, settings: ForecastSettings | None = None) -> None:
        self.settings = settings or ForecastSettings()
        self.mix = PriorityMix()

    def observe(self, new_tickets: Sequence[Ticket]) -> None:
        """Count the priorities of newly arrived tickets."""
        self.mix.add(new_tickets)

    def forecast(self, view: FloorView, state: FloorState) -> Forecast:
        now = view.generated_at.timestamp()
        queues = tuple(self._queue(f, state, now) for f in view.queues)
        rows = [self._staffing(f, q, state) for f, q in zip(view.queues, queues, strict=True)]
        return Forecast(queues=queues, staffing=suggest_moves(rows))

    def _queue(self, f: QueueFigures, state: FloorState, now: float) -> QueueForecast:
        idx = state.index(f.queue)
        answers = _count_in(idx.first_responses, now - WINDOW_S, now)
        arrivals_short = _count_in(idx.arrivals, now - SHORT_S, now)
        rate = f.arrivals_15m / WINDOW_S
        short = arrivals_short / SHORT_S
        forecast_rate = short if short > 1.2 * rate else rate
        online = f.agents_available + f.agents_busy
        handle = self._handle(f.agents_busy, answers)
        capacity = self._capacity(f, answers, handle)
        breached = breached_now(state, f.queue, now)
        horizons = self._horizons(f, state, now, forecast_rate, capacity, breached)
        return QueueForecast(
            queue=f.queue,
            arrivals_per_min=round(rate * 60, 3),
            forecast_arrivals_per_min=round(forecast_rate * 60, 3),
            answers_per_min=round(answers / WINDOW_S * 60, 3),
            capacity_per_min=round(capacity * 60, 3),
            handle_s=round(handle, 1),
            agents_online=online,
            waiting=f.waiting,
            breached=breached,
            horizons=horizons,
        )

    def _capacity(self, f: QueueFigures, answers: int, handle: float) -> float:
        """Answers per second: the busy agents' pace, plus idle agents only
        as far as tickets wait for them (an idle agent may be skilled for
        this queue yet be kept by another; it cannot answer an empty queue)."""
        if answers <= 0 or f.agents_busy <= 0:
            return (f.agents_available + f.agents_busy) / handle
        helpers = min(f.agents_available, f.waiting)
        return answers / WINDOW_S * (f.agents_busy + helpers) / f.agents_busy

    def _handle(self, busy: int, answers: int) -> float:
        s = self.settings
        if busy <= 0 or answers <= 0:
            return s.default_handle_s
        return min(s.max_handle_s, max(s.min_handle_s, busy * WINDOW_S / answers))

    def _horizons(
        self,
        f: QueueFigures,
        state: FloorState,
        now: float,
        rate: float,
        capacity: float,
        breached: int,
    ) -> tuple[HorizonForecast, ...]:
        """All horizons in one pass over the longest: minute by minute, the
        clocks due by then (running ones from the index, arriving ones from
        the priority mix) against the answers by then."""
        longest = max(HORIZONS_MIN)
        due = np.asarray(_due_instants(state, f.queue, now, now + longest * 60.0))
        t = np.arange(1, longest + 1, dtype=float) * 60.0
        running = np.searchsorted(due, now + t, side="right")
        # Arriving tickets: clocks due by t are rate × share × (t − target).
        arriving = np.zeros_like(t)
        for target, per_s in self._targets(f.queue, state, rate, longest * 60.0):
            arriving += per_s * np.clip(t - target, 0.0, None)
        demand = running + arriving
        worst = np.maximum.accumulate(np.maximum(0.0, breached + demand - capacity * t))
        out = []
        for minutes in HORIZONS_MIN:
            i = minutes - 1
            total_due = float(demand[i])
            late = max(0.0, min(float(worst[i]) - breached, total_due))
            level = None if total_due < 0.5 else max(0.0, 1.0 - late / total_due)
            out.append(
                HorizonForecast(
                    minutes=minutes,
                    breaches=round(late),
                    due=round(total_due),
                    service_level=None if level is None else round(level, 4),
                    backlog=round(max(0.0, f.waiting + (rate - capacity) * minutes * 60.0)),
                )
            )
        return tuple(out)

    def _targets(
        self, queue: QueueId, state: FloorState, rate: float, span: float
    ) -> list[tuple[float, float]]:
        """(first-response target s, arrivals per s) per priority of the
        queue's mix whose target is shorter than ``span``."""
        out = []
        for priority, share in self.mix.shares(queue).items():
            target = state.sla.target(queue, priority).first_response_s
            if target is not None and target < span:
                out.append((target, rate * share))
        return out

    def _staffing(self, f: QueueFigures, q: QueueForecast, state: FloorState) -> StaffingRow:
        within = self.settings.answer_within_s
        if within is None:
            within = state.sla.target(f.queue, Priority.HIGH).first_response_s or 1800.0
        rate, forecast_rate = q.arrivals_per_min / 60, q.forecast_arrivals_per_min / 60
        target = f.service_level_target
        handle = q.handle_s

        def needed(lam: float) -> int:
            return agents_needed(lam * handle, handle_s=handle, within_s=within, target=target)

        def level(agents: int, lam: float) -> float:
            return service_level(agents, lam * handle, handle_s=handle, within_s=within)

        return StaffingRow(
            queue=f.queue,
            agents_online=q.agents_online,
            needed_now=needed(rate),
            needed_forecast=needed(forecast_rate),
            service_level_now=round(level(q.agents_online, rate), 4),
            service_level_forecast=round(level(q.agents_online, forecast_rate), 4),
            target=target,
            within_s=within,
            handle_s=handle,
            arrivals_per_s=rate,
            forecast_arrivals_per_s=forecast_rate,
        )


def what_if(row: StaffingRow, agents: int) -> float:
    """The service level ``row``'s queue gets with ``agents`` (forecast rate)."""
    traffic = row.forecast_arrivals_per_s * row.handle_s
    return round(service_level(agents, traffic, handle_s=row.handle_s, within_s=row.within_s), 4)


def move(rows: Mapping[QueueId, StaffingRow], source: QueueId, target: QueueId, n: int) -> Move:
    """Move ``n`` agents from ``source`` to ``target``: each queue's service
    level afterwards. Raises ValueError for an impossible move."""
    if source == target:
        raise ValueError("the source and target queues are the same")
    a, b = rows[source], rows[target]
    if not 0 < n <= a.agents_online:
        raise ValueError(f"{source} has {a.agents_online} agents online; cannot move {n}")
    return Move(source, target, n, what_if(a, a.agents_online - n), what_if(b, b.agents_online + n))


def suggest_moves(rows: list[StaffingRow]) -> tuple[StaffingRow, ...]:
    """Each queue short of agents at the forecast rate gets a move from the
    queue with the most agents to spare (spares are used once)."""
    spare = {r.queue: r.agents_online - r.needed_forecast for r in rows}
    by_id = {r.queue: r for r in rows}
    out = []
    short = sorted(rows, key=lambda r: r.agents_online - r.needed_forecast)
    moves: dict[QueueId, Move] = {}
    for row in short:
        gap = row.needed_forecast - row.agents_online
        if gap <= 0:
            break
        donor = max((q for q in spare if q != row.queue), key=lambda q: spare[q], default=None)
        if donor is None or spare[donor] <= 0:
            continue
        n = min(gap, spare[donor])
        suggestion = move(by_id, donor, row.queue, n)
        if suggestion.target_service_level < row.service_level_forecast + MIN_GAIN:
            continue  # too few to spare to make a difference
        spare[donor] -= n
        moves[row.queue] = suggestion
    for row in rows:
        found = moves.get(row.queue)
        out.append(row if found is None else _with_move(row, found))
    return tuple(out)


def _with_move(row: StaffingRow, m: Move) -> StaffingRow:
    return replace(row, move=m)
