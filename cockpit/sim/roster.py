"""Who works on the floor: people built from the staffing plan, and the
local-time arithmetic of their shifts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cockpit.domain import Role
from cockpit.sim.catalog import person_name
from cockpit.sim.model import QueueSpec, SimConfig
from cockpit.sim.records import US, AgentRec, Key

_PREFIX = {Role.AGENT: "A", Role.LEAD: "L", Role.SUPERVISOR: "S"}


@dataclass(frozen=True, slots=True)
class ShiftTimes:
    """A shift "HH:MM-HH:MM" in local time; it may run past midnight."""

    start: time
    length_s: int

    @classmethod
    def parse(cls, shift: str) -> ShiftTimes:
        try:
            begin, end = (datetime.strptime(part.strip(), "%H:%M") for part in shift.split("-"))
        except ValueError:
            raise ValueError(f"shift {shift!r}: expected HH:MM-HH:MM") from None
        length = int((end - begin).total_seconds()) % 86_400 or 86_400
        return cls(begin.time(), length)

    def start_on(self, day: date, tz: ZoneInfo) -> int:
        """The shift's start on local ``day``, in engine microseconds."""
        local = datetime.combine(day, self.start, tzinfo=tz)
        return int(local.timestamp()) * US

    def current_or_next(self, now_us: int, tz: ZoneInfo) -> tuple[int, bool]:
        """The start of the shift running at ``now_us`` (and True), or of the
        next one (and False)."""
        today = datetime.fromtimestamp(now_us / US, tz).date()
        for offset in (-1, 0, 1):
            begin = self.start_on(today + timedelta(days=offset), tz)
            if begin <= now_us < begin + self.length_s * US:
                return begin, True
            if begin > now_us:
                return begin, False
        raise AssertionError("unreachable: a shift starts every day")

    def next_start(self, after_begin_us: int, tz: ZoneInfo) -> int:
        """The start of the following day's shift (local dates, so DST is right)."""
        day = datetime.fromtimestamp(after_begin_us / US, tz).date()
        return self.start_on(day + timedelta(days=1), tz)


def build_roster(config: SimConfig) -> list[AgentRec]:
    """Everyone on the floor, deterministic for a config.

    Agents get a primary queue in proportion to the queue's share of the
    handling minutes times its ``staffing`` factor, and some a second skill from the
    queue's ``related`` list. Leads split the queues between them; the
    supervisor on duty takes the escalations of every queue.
    """
    rng = random.Random(f"roster:{config.roster_seed}")
    weights = [_workload(spec, config) * spec.staffing for spec in config.queues]
    people = _People(tuple(spec.id for spec in config.queues), rng)
    spread = 0.0  # carries rounding from one shift to the next
    for plan in config.staffing:
        if plan.promotion_only and not config.promotion_night:
            continue
        ShiftTimes.parse(plan.shift)  # fail early on a bad plan
        primaries, spread = _share_out(plan.agents, weights, spread)
        for index, count in enumerate(primaries):
            spec = config.queues[index]
            for _ in range(count):
                people.add(Role.AGENT, _skills_for(spec, config, rng), plan.shift)
        for lead in range(plan.leads):
            group = people.queues if plan.leads == 1 else people.queues[lead :: plan.leads]
            people.add(Role.LEAD, group, plan.shift)
        for _ in range(plan.supervisors):
            people.add(Role.SUPERVISOR, people.queues, plan.shift)
    return people.everyone


class _People:
    """Numbers and names people as they are added (names stay unique)."""

    def __init__(self, queues: tuple[str, ...], rng: random.Random) -> None:
        self.queues = queues
        self.everyone: list[AgentRec] = []
        self._rng = rng
        self._names: set[str] = set()
        self._counters = dict.fromkeys(_PREFIX, 0)

    def add(self, role: Role, skills: tuple[str, ...], shift: str) -> None:
        self._counters[role] += 1
        name = person_name(self._rng.randrange(1_000_000))
        while name in self._names:
            name = person_name(self._rng.randrange(1_000_000))
        self._names.add(name)
        self.everyone.append(
            AgentRec(
                f"{_PREFIX[role]}{self._counters[role]:03d}",
                name,
                role=role,
                skills=() if role is Role.SUPERVISOR else skills,
                shift=shift,
                serves=_serves(role, skills, self.queues),
            )
        )


def _workload(spec: QueueSpec, config: SimConfig) -> float:
    """The queue's share of the floor's handling minutes."""
    kinds = sum(spec.kinds.values())
    minutes = sum(w * config.handling_median_min[k] for k, w in spec.kinds.items()) / kinds
    return spec.share * minutes


def _skills_for(spec: QueueSpec, config: SimConfig, rng: random.Random) -> tuple[str, ...]:
    if spec.related and rng.random() < config.cross_skill_share:
        return (spec.id, spec.related[rng.randrange(len(spec.related))])
    return (spec.id,)


def _serves(
    role: Role, skills: tuple[str, ...], all_queues: tuple[str, ...]
) -> tuple[tuple[Key, ...], ...]:
    if role is Role.SUPERVISOR:
        return (tuple((q, 2) for q in all_queues),)
    if role is Role.LEAD:
        return (tuple((q, 1) for q in skills), tuple((q, 0) for q in skills))
    return (tuple((q, 0) for q in skills),)


def _share_out(total: int, weights: list[float], spread: float) -> tuple[list[int], float]:
    """Split ``total`` people by ``weights`` (largest remainder), starting the
    remainders at a rotating offset so small shifts do not all favour the
    same queue."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    counts = [int(x) for x in exact]
    left = total - sum(counts)
    order = sorted(
        range(len(weights)),
        key=lambda i: (-(exact[i] - counts[i]), (i - int(spread)) % len(weights)),
    )
    for i in order[:left]:
        counts[i] += 1
    return counts, spread + 1.0
