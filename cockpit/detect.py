"""Early warning of incidents: a surge of similar tickets becomes a
suggested incident before the SLA alerts fire.

The detector listens to the poller (``on_batch``, on the poll worker) and
counts every new ticket under several keys: the whole floor, its topic,
its subject's near-duplicate cluster (:mod:`cockpit.detect_text`) and, when
the subject holds a public-opinion phrase, the public-opinion key. Each
poll it compares the last 15 minutes (and the last 5, to see a surge
sooner) with the key's baseline (:mod:`cockpit.detect_series`: the same hour
on earlier days where recorded, else the hour before). A key surges when
it runs at ``ratio`` times its baseline, with enough tickets that chance is
ruled out (a Poisson tail below ``alpha``). A topic or cluster's baseline is
scaled by how busy the rest of the floor is, so a promotion that lifts
everything reads as one floor-wide surge, not nine topic surges.

A surge is an episode: it starts when first flagged, keeps its baseline
and ends when the 15-minute ratio falls below ``end_ratio``; flagged again
within ``cooldown`` it is the same episode. Cost per poll grows with the
new tickets and the number of busy keys, never with the floor.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from cockpit.detect_series import SHORT_S, WINDOW_S, Baseline, SeriesBook, poisson_sf
from cockpit.detect_suggest import PlaybookMatcher
from cockpit.detect_text import PUBLIC_OPINION_KEYWORDS, SubjectClusters, keyword_pattern
from cockpit.domain import Batch, Ticket, TicketId
from cockpit.floor import FloorState

FLOOR_KEY = "floor"
PUBLIC_OPINION_KEY = "public_opinion"


@dataclass(frozen=True, slots=True)
class DetectorSettings:
    ratio: float = 3.0
    min_count: int = 12
    # The 5-minute window sees a surge sooner but is noisier: it asks for more.
    ratio_short: float = 4.0
    min_count_short: int = 10
    alpha: float = 1e-5
    end_ratio: float = 1.5
    cooldown: timedelta = timedelta(minutes=30)
    # Public-opinion phrases are rare: a few in 15 minutes are enough.
    public_opinion_min: int = 3
    # A full load is taken to hold this much arrival history.
    backfill: timedelta = timedelta(hours=23)
    # Expected tickets in 15 minutes never counts as less than this.
    min_expected: float = 1.0
    max_linked: int = 500
    keywords: tuple[str, ...] = PUBLIC_OPINION_KEYWORDS


@dataclass(frozen=True, slots=True)
class Surge:
    """One surging key, as of the latest poll.

    ``kind`` is ``floor``, ``topic``, ``cluster`` or ``public_opinion``;
    ``key`` the topic id or cluster label. ``ratio`` is the larger of the
    15- and 5-minute ratios (``window_s`` says which). ``ticket_ids``: the
    tickets of the surge (arrived since 15 minutes before it started).
    """

    kind: str
    key: str
    label: str
    started_at: datetime
    ratio: float
    window_s: int
    count_15m: int
    expected_15m: float
    baseline: str
    ticket_ids: tuple[str, ...]
    queues: tuple[tuple[str, int], ...] = ()
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    playbook_id: str | None = None

    @property
    def public_opinion(self) -> bool:
        return self.kind == PUBLIC_OPINION_KEY


@dataclass(slots=True)
class _Episode:
    kind: str
    key: str
    started_at: float
    baseline: Baseline
    ended_at: float | None = None
    surge: Surge | None = None
    # The playbook suggested, and how many tickets it was judged on.
    playbook_id: str | None = None
    judged_on: int = 0


@dataclass(slots=True)
class _Seen:
    created: float
    queue: str
    topic: str
    cluster: int


@dataclass(slots=True)
class _Reading:
    count: int
    count_short: int
    expected: float
    expected_short: float


@dataclass(slots=True)
class _Counts:
    floor_count: int = 0
    floor_expected: float = 0.0
    readings: dict[str, _Reading] = field(default_factory=dict)


SurgeListener = Callable[[tuple[Surge, ...]], None]


class SurgeDetector:
    """See the module docstring. Runs on the poll worker; :attr:`surges`
    may be read from any thread (an immutable tuple swapped whole)."""

    def __init__(
        self,
        *,
        settings: DetectorSettings | None = None,
        clusters: SubjectClusters | None = None,
        matcher: PlaybookMatcher | None = None,
    ) -> None:
        self.settings = settings or DetectorSettings()
        self._clusters = clusters or SubjectClusters()
        self._matcher = matcher or PlaybookMatcher(())
        self._book = SeriesBook()
        self._public = keyword_pattern(self.settings.keywords)
        self._seen: dict[str, _Seen] = {}
        self._covered_from: float | None = None
        # Subject clusters are counted from this instant on (their own history).
        self._clusters_from: float | None = None
        self._last_now: float | None = None
        self._episodes: dict[str, _Episode] = {}
        self._lock = threading.Lock()
        self.surges: tuple[Surge, ...] = ()
        # The tickets the latest observe() saw for the first time.
        self.new_tickets: tuple[Ticket, ...] = ()

    @property
    def matcher(self) -> PlaybookMatcher:
        return self._matcher

    def set_matcher(self, matcher: PlaybookMatcher) -> None:
        """Suggest from these playbooks from the next poll on."""
        self._matcher = matcher
        for episode in self._episodes.values():
            episode.judged_on = 0

    # --- counting ---------------------------------------------------------------

    def observe(self, batch: Batch, state: FloorState) -> tuple[Surge, ...]:
        """Count the batch's new tickets and re-evaluate; returns the surges."""
        with self._lock:
            now = batch.server_time.timestamp()
            if self._covered_from is None:
                back = self.settings.backfill.total_seconds() if batch.full else 0.0
                self._covered_from = now - back
            if self._clusters_from is None and self._clusters.ready:
                # Clusters count from here: the whole history when the words
                # are ready at the first poll, else from when they are.
                first = self._last_now is None
                self._clusters_from = self._covered_from if first else now
            self._last_now = now
            ordered = sorted(batch.tickets, key=lambda t: t.created_at)
            self.new_tickets = tuple(t for t in ordered if self._count(t, now))
            self._book.prune(now)
            self._forget(now)
            self.surges = self._evaluate(now, state)
            return self.surges

    def _count(self, ticket: Ticket, now: float) -> bool:
        """Count a ticket seen for the first time; False for one seen before."""
        if ticket.id in self._seen:
            return False
        created = ticket.created_at.timestamp()
        assert self._covered_from is not None
        cluster = None
        since = self._clusters_from
        if ticket.subject and since is not None and created > since:
            cluster = self._clusters.assign(ticket.subject)
        self._seen[ticket.id] = _Seen(
            created, str(ticket.queue), str(ticket.topic), -1 if cluster is None else cluster.id
        )
        if created < self._covered_from:
            return True
        keys = [FLOOR_KEY, f"topic:{ticket.topic}"]
        if cluster is not None:
            keys.append(f"cluster:{cluster.id}")
        if self._public.search(ticket.subject):
            keys.append(PUBLIC_OPINION_KEY)
        for key in keys:
            self._book.add(key, created, ticket.id, now)
        return True

    def _forget(self, now: float) -> None:
        """Ids older than the ring are never counted again: let them go."""
        if len(self._seen) < 200_000:
            return
        horizon = now - 8 * 86_400
        self._seen = {k: v for k, v in self._seen.items() if v.created >= horizon}

    # --- evaluating -------------------------------------------------------------

    def _read(self, key: str, now: float, baseline: Baseline) -> _Reading | None:
        series = self._book.get(key)
        if series is None:
            return None
        floor = self.settings.min_expected
        expected = max(floor, baseline.rate_per_s * WINDOW_S)
        return _Reading(
            count=series.count_since(now - WINDOW_S),
            count_short=series.count_since(now - SHORT_S),
            expected=expected,
            expected_short=max(floor * SHORT_S / WINDOW_S, baseline.rate_per_s * SHORT_S),
        )

    def _evaluate(self, now: float, state: FloorState) -> tuple[Surge, ...]:
        assert self._covered_from is not None
        counts = _Counts()
        floor_base = self._book.baseline(FLOOR_KEY, now, self._covered_from)
        floor_reading = None if floor_base is None else self._read(FLOOR_KEY, now, floor_base)
        if floor_reading is not None:
            counts.floor_count, counts.floor_expected = floor_reading.count, floor_reading.expected
        busy = set(self._book.busy_keys(now - WINDOW_S))
        busy.update(k for k, e in self._episodes.items() if e.ended_at is None)
        for key in busy:
            if key not in self._book.series:
                continue
            episode = self._episodes.get(key)
            active = episode is not None and episode.ended_at is None
            series = self._book.series[key]
            if not active and series.count_since(now - WINDOW_S) < self._minimum(key):
                continue
            base = self._book.baseline(key, now, self._coverage(key))
            if active:
                assert episode is not None
                base = episode.baseline
            if base is None:
                continue
            reading = self._read(key, now, base)
            if reading is not None:
                counts.readings[key] = self._adjust(key, reading, counts)
        self._update_episodes(now, counts)
        return self._report(now, state)

    def _coverage(self, key: str) -> float:
        """Since when ``key``'s arrivals were all counted."""
        assert self._covered_from is not None
        if key.startswith("cluster:") and self._clusters_from is not None:
            return max(self._covered_from, self._clusters_from)
        return self._covered_from

    def _minimum(self, key: str) -> int:
        if key == PUBLIC_OPINION_KEY:
            return self.settings.public_opinion_min
        return min(self.settings.min_count, self.settings.min_count_short)

    def _adjust(self, key: str, reading: _Reading, counts: _Counts) -> _Reading:
        """Scale a part's baseline by how busy the rest of the floor is."""
        if key == FLOOR_KEY:
            return reading
        rest_expected = counts.floor_expected - reading.expected
        if rest_expected <= 0:
            return reading
        factor = max(1.0, (counts.floor_count - reading.count) / rest_expected)
        return replace(
            reading,
            expected=reading.expected * factor,
            expected_short=reading.expected_short * factor,
        )

    def _flagged(self, key: str, r: _Reading) -> bool:
        s = self.settings
        if key == PUBLIC_OPINION_KEY:
            return r.count >= s.public_opinion_min and r.count >= s.ratio * r.expected
        long = (
            r.count >= s.min_count
            and r.count >= s.ratio * r.expected
            and poisson_sf(r.count, r.expected) < s.alpha
        )
        short = (
            r.count_short >= s.min_count_short
            and r.count_short >= s.ratio_short * r.expected_short
            and poisson_sf(r.count_short, r.expected_short) < s.alpha
        )
        return long or short

    def _update_episodes(self, now: float, counts: _Counts) -> None:
        for key, reading in counts.readings.items():
            episode = self._episodes.get(key)
            if episode is not None and episode.ended_at is None:
                if reading.count < self.settings.end_ratio * reading.expected:
                    episode.ended_at = now
                continue
            if not self._flagged(key, reading):
                continue
            cooldown = self.settings.cooldown.total_seconds()
            if (
                episode is not None
                and episode.ended_at is not None
                and (now - episode.ended_at <= cooldown)
            ):
                episode.ended_at = None  # the same surge, flaring again
                continue
            base = Baseline(reading.expected / WINDOW_S, self._source(key, now))
            kind = key.split(":", 1)[0]
            self._episodes[key] = _Episode(kind, key, now, base)
        for key, episode in self._episodes.items():
            if episode.ended_at is None and key not in counts.readings:
                episode.ended_at = now
        horizon = now - self.settings.cooldown.total_seconds()
        self._episodes = {
            k: e for k, e in self._episodes.items() if e.ended_at is None or e.ended_at >= horizon
        }

    def _source(self, key: str, now: float) -> str:
        assert self._covered_from is not None
        base = self._book.baseline(key, now, self._coverage(key))
        return "recent" if base is None else base.source

    # --- reporting --------------------------------------------------------------

    def _report(self, now: float, state: FloorState) -> tuple[Surge, ...]:
        surges: list[Surge] = []
        for key, episode in self._episodes.items():
            if episode.ended_at is not None:
                continue
            surge = self._surge(key, episode, now, state)
            if surge is not None:
                episode.surge = surge
                surges.append(surge)
        return _fold(surges)

    def _surge(self, key: str, episode: _Episode, now: float, state: FloorState) -> Surge | None:
        series = self._book.get(key)
        if series is None:
            return None
        expected = max(self.settings.min_expected, episode.baseline.rate_per_s * WINDOW_S)
        count = series.count_since(now - WINDOW_S)
        short = series.count_since(now - SHORT_S)
        expected_short = expected * SHORT_S / WINDOW_S
        ratio, window = count / expected, WINDOW_S
        if short / expected_short > ratio:
            ratio, window = short / expected_short, SHORT_S
        ids = series.ids_since(episode.started_at - WINDOW_S, self.settings.max_linked)
        seen = [self._seen[i] for i in ids if i in self._seen]
        queues = Counter(s.queue for s in seen).most_common(3)
        topics = tuple(t for t, _ in Counter(s.topic for s in seen).most_common(2))
        top = [c for c, _ in Counter(s.cluster for s in seen if s.cluster >= 0).most_common(3)]
        words = tuple(self._clusters.clusters[c].label for c in top)
        tickets = [t for t in (state.tickets.get(TicketId(i)) for i in ids) if t is not None]
        kind, _, value = key.partition(":")
        if kind == PUBLIC_OPINION_KEY:
            words = self._phrases(tickets)
        label = words[0] if words else value or kind
        return Surge(
            kind=kind,
            key=value or kind,
            label=label,
            started_at=datetime.fromtimestamp(episode.started_at, tz=UTC),
            ratio=round(ratio, 2),
            window_s=window,
            count_15m=count,
            expected_15m=round(expected, 2),
            baseline=episode.baseline.source,
            ticket_ids=tuple(ids),
            queues=tuple(queues),
            topics=topics,
            keywords=words,
            playbook_id=self._suggest(episode, kind, tickets),
        )

    def _suggest(self, episode: _Episode, kind: str, tickets: Sequence[Ticket]) -> str | None:
        """The episode's playbook, judged again only once its tickets grew by
        a quarter (matching hundreds of tickets every poll would cost)."""
        if not episode.judged_on or len(tickets) >= episode.judged_on * 1.25:
            episode.playbook_id = self._matcher.suggest(kind, tickets)
            episode.judged_on = max(1, len(tickets))
        return episode.playbook_id

    def _phrases(self, tickets: Sequence[Ticket]) -> tuple[str, ...]:
        """The public-opinion phrases the tickets use, the most used first."""
        counts: Counter[str] = Counter()
        for ticket in tickets:
            folded = ticket.subject.casefold()
            counts.update(k for k in self.settings.keywords if k.casefold() in folded)
        return tuple(" · ".join(k for k, _ in counts.most_common(3)) for _ in (0,) if counts)


def _fold(surges: list[Surge]) -> tuple[Surge, ...]:
    """A cluster surge inside a surging topic is shown as that topic's
    keywords; the rest are listed, the strongest first."""
    topics = {s.key: s for s in surges if s.kind == "topic"}
    kept: list[Surge] = []
    for surge in surges:
        home = topics.get(surge.topics[0]) if surge.kind == "cluster" and surge.topics else None
        if home is None:
            kept.append(surge)
            continue
        merged = tuple(dict.fromkeys((*home.keywords, surge.label)))
        topics[home.key] = replace(home, keywords=merged)
    final = [topics.get(s.key, s) if s.kind == "topic" else s for s in kept]
    order = {"public_opinion": 0, "topic": 1, "cluster": 2, "floor": 3}
    final.sort(key=lambda s: (order.get(s.kind, 9), -s.ratio))
    return tuple(final)


def surge_ids(surges: Sequence[Surge]) -> frozenset[str]:
    """The tickets of all the given surges."""
    return frozenset(i for s in surges for i in s.ticket_ids)
