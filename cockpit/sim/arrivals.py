"""What arrives when: the base stream that follows the day's curve, and the
extra streams of injected scenarios.

Each stream draws from its own RNG, so injecting a scenario adds tickets
without changing the ones the floor would have had anyway.
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from cockpit.domain import Channel, Kind, Priority
from cockpit.sim.catalog import public_subject, subject_for
from cockpit.sim.model import PRIORITY_BY_KIND, PRIORITY_TOPIC_BOOST, SimConfig
from cockpit.sim.records import US, to_us
from cockpit.sim.scenarios import Scenario, ScenarioKind

T = TypeVar("T")
PROMO_TAG = "promo"
_PROMO_HOURS = (22, 23, 0, 1, 2)
_HOUR_US = 3600 * US


@dataclass(frozen=True, slots=True)
class NewTicket:
    """The attributes of one arriving ticket."""

    queue: str
    priority: Priority
    kind: Kind
    topic: str
    channel: Channel
    subject: str
    tags: tuple[str, ...] = ()


class Choice(Generic[T]):
    """A weighted choice, drawn with one random number and a bisection."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, weights: Mapping[T, float]) -> None:
        pairs = [(item, w) for item, w in weights.items() if w > 0]
        if not pairs:
            raise ValueError("a choice needs at least one positive weight")
        self._items = [item for item, _ in pairs]
        self._cum = list(accumulate(w for _, w in pairs))
        self._total = self._cum[-1]

    def draw(self, rng: random.Random) -> T:
        index = bisect(self._cum, rng.random() * self._total)
        return self._items[min(index, len(self._items) - 1)]


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth for small means, a normal approximation above 30)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


class LocalDay:
    """Local time of day for engine times, with the zone offset cached per hour."""

    def __init__(self, timezone: str) -> None:
        self.tz = ZoneInfo(timezone)
        self._offsets: dict[int, int] = {}

    def _offset_us(self, now_us: int) -> int:
        hour = now_us // _HOUR_US
        offset = self._offsets.get(hour)
        if offset is None:
            if len(self._offsets) > 10_000:
                self._offsets.clear()
            when = datetime.fromtimestamp(hour * 3600, self.tz)
            delta = when.utcoffset()
            offset = 0 if delta is None else int(delta.total_seconds()) * US
            self._offsets[hour] = offset
        return offset

    def minute(self, now_us: int) -> int:
        """Minute of the local day, 0–1439."""
        return ((now_us + self._offset_us(now_us)) // (60 * US)) % 1440

    def hour(self, now_us: int) -> int:
        return self.minute(now_us) // 60


class ArrivalMix:
    """The floor's mix of queues, topics, kinds, priorities and channels."""

    def __init__(self, config: SimConfig) -> None:
        self.queue: Choice[str] = Choice({str(q.id): q.share for q in config.queues})
        self._topics: dict[str, Choice[str]] = {q.id: Choice(q.topics) for q in config.queues}
        self._kinds: dict[str, Choice[Kind]] = {q.id: Choice(q.kinds) for q in config.queues}
        self._channels: dict[str, Choice[Channel]] = {
            q.id: Choice(q.channels) for q in config.queues
        }
        self._priorities: dict[tuple[Kind, str], Choice[Priority]] = {}
        total = sum(spec.share for spec in config.queues)
        self.topic_share: dict[str, float] = {}
        self.complaint_share = 0.0
        home: dict[str, tuple[float, str]] = {}
        complaint_home = (0.0, config.queues[0].id)
        for spec in config.queues:
            topic_total = sum(spec.topics.values())
            kind_total = sum(spec.kinds.values())
            for topic, weight in spec.topics.items():
                share = spec.share / total * weight / topic_total
                self.topic_share[topic] = self.topic_share.get(topic, 0.0) + share
                home[topic] = max(home.get(topic, (0.0, spec.id)), (share, spec.id))
            complaints = spec.share / total * spec.kinds.get(Kind.COMPLAINT, 0.0) / kind_total
            self.complaint_share += complaints
            complaint_home = max(complaint_home, (complaints, spec.id))
        self.home = {topic: queue for topic, (_, queue) in home.items()}
        self.complaint_home = complaint_home[1]
        self.busiest = max(config.queues, key=lambda spec: spec.share).id

    def draw(self, rng: random.Random, tags: tuple[str, ...] = ()) -> NewTicket:
        queue = self.queue.draw(rng)
        topic = self._topics[queue].draw(rng)
        kind = self._kinds[queue].draw(rng)
        return NewTicket(
            queue=queue,
            priority=self.priority(rng, kind, topic),
            kind=kind,
            topic=topic,
            channel=self._channels[queue].draw(rng),
            subject=subject_for(topic, kind, rng.randrange(10_000)),
            tags=tags,
        )

    def topic_in(self, queue: str, rng: random.Random) -> str:
        return self._topics[queue].draw(rng)

    def priority(self, rng: random.Random, kind: Kind, topic: str) -> Priority:
        choice = self._priorities.get((kind, topic))
        if choice is None:
            boost = PRIORITY_TOPIC_BOOST.get(topic, {})
            weights = {p: w * boost.get(p, 1.0) for p, w in PRIORITY_BY_KIND[kind].items()}
            choice = self._priorities[(kind, topic)] = Choice(weights)
        return choice.draw(rng)


class BaseStream:
    """Arrivals of an ordinary (or promotion) day, following the curve."""

    def __init__(self, config: SimConfig, mix: ArrivalMix, local: LocalDay, seed: int) -> None:
        self.rng = random.Random(f"arrivals:{seed}")
        self._mix = mix
        self._local = local
        self._per_minute = config.curve().per_minute()
        self._per_s = config.tickets_per_day / 86_400
        self._promotion = config.promotion_night

    def rate(self, now_us: int) -> float:
        """Expected arrivals per second at ``now_us``."""
        return self._per_s * self._per_minute[self._local.minute(now_us)]

    def draw(self, now_us: int) -> NewTicket:
        promo = self._promotion and self._local.hour(now_us) in _PROMO_HOURS
        return self._mix.draw(self.rng, (PROMO_TAG,) if promo else ())


_OUTAGE_KINDS = Choice({Kind.TECH_SUPPORT: 0.55, Kind.COMPLAINT: 0.35, Kind.ENQUIRY: 0.1})
_OUTAGE_PRIORITIES = Choice({Priority.URGENT: 0.3, Priority.HIGH: 0.45, Priority.MEDIUM: 0.25})
_OUTAGE_CHANNELS = Choice(
    {Channel.APP: 0.4, Channel.CHAT: 0.35, Channel.PHONE: 0.15, Channel.SOCIAL: 0.1}
)
_WAVE_PRIORITIES = Choice({Priority.URGENT: 0.15, Priority.HIGH: 0.6, Priority.MEDIUM: 0.25})
_WAVE_CHANNELS = Choice({Channel.SOCIAL: 0.7, Channel.CHAT: 0.15, Channel.PHONE: 0.15})
# A topic the floor has never seen still gets some traffic in an outage.
_MIN_TOPIC_SHARE = 0.02


class ScenarioStream:
    """The extra arrivals of one injected scenario while it runs."""

    def __init__(self, scenario: Scenario, mix: ArrivalMix, seed: int, index: int) -> None:
        if scenario.start is None:
            raise ValueError("a scenario needs its start before it becomes a stream")
        self.scenario = scenario
        self.rng = random.Random(f"scenario:{seed}:{index}")
        self._mix = mix
        self._begin = to_us(scenario.start)
        self._end = self._begin + scenario.duration // timedelta(microseconds=1)
        topics = scenario.effective_topics
        shares = {t: max(mix.topic_share.get(t, 0.0), _MIN_TOPIC_SHARE) for t in topics}
        self._topics = Choice(shares) if shares else None
        if scenario.kind is ScenarioKind.OUTAGE:
            share = sum(shares.values())
        elif scenario.kind is ScenarioKind.PUBLIC_OPINION:
            share = mix.complaint_share
        else:
            share = 1.0
        self._factor = share * (scenario.multiplier - 1.0)

    def active(self, now_us: int) -> bool:
        return self._begin <= now_us < self._end

    def finished(self, now_us: int) -> bool:
        return now_us >= self._end

    def rate(self, now_us: int, base_rate: float) -> float:
        return base_rate * self._factor if self.active(now_us) else 0.0

    def draw(self) -> NewTicket:
        rng, kind = self.rng, self.scenario.kind
        tags = (kind.value,)
        if kind is ScenarioKind.PROMOTION_PEAK:
            return self._mix.draw(rng, (PROMO_TAG,))
        if kind is ScenarioKind.OUTAGE:
            assert self._topics is not None
            topic = self._topics.draw(rng)
            ticket_kind = _OUTAGE_KINDS.draw(rng)
            queue = self._mix.home.get(topic, self._mix.busiest)
            priority, channel = _OUTAGE_PRIORITIES.draw(rng), _OUTAGE_CHANNELS.draw(rng)
        else:
            ticket_kind = Kind.COMPLAINT
            queue = self._mix.complaint_home
            topic = self._topics.draw(rng) if self._topics else self._mix.topic_in(queue, rng)
            priority, channel = _WAVE_PRIORITIES.draw(rng), _WAVE_CHANNELS.draw(rng)
        pick = rng.randrange(10_000)
        if kind is ScenarioKind.PUBLIC_OPINION:
            subject = public_subject(topic, pick)
        else:
            subject = subject_for(topic, ticket_kind, pick)
        return NewTicket(queue, priority, ticket_kind, topic, channel, subject, tags)
