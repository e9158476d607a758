"""Arrival counts per key (the floor, a topic, a subject cluster, the
public-opinion keywords) for the surge detector: exact timestamps for the
last 75 minutes and 10-minute buckets for the last eight days, so both the
recent rate and the rate at the same hour on earlier days cost a few
bisections and a few array reads, whatever the size of the floor.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import numpy as np
from sortedcontainers import SortedList

BUCKET_S = 600
DAY_S = 86_400
# Eight days of 10-minute buckets: the same hour on up to seven earlier days.
RING = 8 * DAY_S // BUCKET_S
RECENT_S = 75 * 60
WINDOW_S = 15 * 60
SHORT_S = 5 * 60
BASELINE_DAYS = 7
# The "same hour" of an earlier day: half an hour either side.
SAME_HOUR_HALF_S = 30 * 60


class BaselineSource:
    SAME_HOUR = "same_hour"
    RECENT = "recent"


@dataclass(frozen=True, slots=True)
class Baseline:
    """Expected arrivals per second and where that figure comes from."""

    rate_per_s: float
    source: str


class Series:
    """Counts of one key; ``row`` is its row in :class:`SeriesBook`'s ring."""

    __slots__ = ("recent", "row")

    def __init__(self, row: int) -> None:
        self.row = row
        # (created epoch s, ticket id), the last RECENT_S seconds.
        self.recent: SortedList = SortedList()

    def count_since(self, start: float) -> int:
        """Arrivals after ``start`` (up to the latest poll)."""
        return int(len(self.recent) - self.recent.bisect_right((start, "\uffff")))

    def count_between(self, start: float, end: float) -> int:
        recent = self.recent
        return int(recent.bisect_right((end, "\uffff")) - recent.bisect_right((start, "\uffff")))

    def ids_since(self, start: float, limit: int) -> list[str]:
        """The newest ``limit`` ticket ids that arrived after ``start``."""
        first = self.recent.bisect_right((start, "\uffff"))
        first = max(first, len(self.recent) - limit)
        return [tid for _, tid in self.recent.islice(first)]


class SeriesBook:
    """All the keys' series, sharing one ring of 10-minute buckets."""

    def __init__(self) -> None:
        self.series: dict[str, Series] = {}
        # The latest arrival of each key: which keys were busy lately.
        self.last_arrival: dict[str, float] = {}
        self._ring = np.zeros((16, RING), dtype=np.int32)
        self._head: int | None = None  # the latest bucket index written or cleared

    def get(self, key: str) -> Series | None:
        return self.series.get(key)

    def add(self, key: str, created: float, ticket_id: str, now: float) -> None:
        """Count one arrival (created ``created``, seen at ``now``)."""
        series = self.series.get(key)
        if series is None:
            series = self._new(key)
        if created > now - RECENT_S:
            series.recent.add((created, ticket_id))
            if created > self.last_arrival.get(key, float("-inf")):
                self.last_arrival[key] = created
        bucket = int(created // BUCKET_S)
        self._advance(max(bucket, int(now // BUCKET_S)))
        assert self._head is not None
        if bucket > self._head - RING:
            self._ring[series.row, bucket % RING] += 1

    def _new(self, key: str) -> Series:
        row = len(self.series)
        if row >= self._ring.shape[0]:
            grown = np.zeros((self._ring.shape[0] * 2, RING), dtype=np.int32)
            grown[: self._ring.shape[0]] = self._ring
            self._ring = grown
        series = self.series[key] = Series(row)
        return series

    def _advance(self, bucket: int) -> None:
        """Clear the buckets that the ring reuses between the old and new head."""
        head = self._head
        if head is None:
            self._head = bucket
            return
        if bucket <= head:
            return
        if bucket - head >= RING:
            self._ring[:] = 0
        else:
            slots = [b % RING for b in range(head + 1, bucket + 1)]
            self._ring[:, slots] = 0
        self._head = bucket

    def prune(self, now: float) -> None:
        """Drop exact timestamps older than the recent span."""
        self._advance(int(now // BUCKET_S))
        horizon = (now - RECENT_S, "\uffff")
        for series in self.series.values():
            recent = series.recent
            cut = recent.bisect_right(horizon)
            if cut:
                del recent[:cut]

    def busy_keys(self, since: float) -> list[str]:
        """Keys with an arrival after ``since``."""
        return [k for k, at in self.last_arrival.items() if at > since]

    def bucket_sum(self, key: str, start: float, end: float) -> int:
        """Arrivals in the whole 10-minute buckets from ``start`` to ``end``."""
        series = self.series.get(key)
        if series is None or self._head is None:
            return 0
        first, last = int(start // BUCKET_S), int(end // BUCKET_S) - 1
        if first <= self._head - RING or last > self._head:
            return 0
        slots = [b % RING for b in range(first, last + 1)]
        return int(self._ring[series.row, slots].sum())

    def baseline(self, key: str, now: float, covered_from: float) -> Baseline | None:
        """The expected rate for ``key`` now: the median over earlier days of
        the same hour where those hours were observed, else the rate of the
        hour before the last 15 minutes; None with too little history."""
        days = []
        for day in range(1, BASELINE_DAYS + 1):
            centre = now - day * DAY_S
            if centre - SAME_HOUR_HALF_S < covered_from:
                break
            count = self.bucket_sum(key, centre - SAME_HOUR_HALF_S, centre + SAME_HOUR_HALF_S)
            days.append(count / (2 * SAME_HOUR_HALF_S))
        if days:
            return Baseline(statistics.median(days), BaselineSource.SAME_HOUR)
        start = max(covered_from, now - RECENT_S)
        span = now - WINDOW_S - start
        if span < WINDOW_S:
            return None
        series = self.series.get(key)
        count = 0 if series is None else series.count_between(start, now - WINDOW_S)
        return Baseline(count / span, BaselineSource.RECENT)


def poisson_sf(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(lam): the regularized lower incomplete gamma
    P(k, lam), by its series (fast when lam < k, the only case asked)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    log_prefix = -lam + k * math.log(lam) - math.lgamma(k + 1)
    term, total, n = 1.0, 1.0, 1
    while n < 10_000:
        term *= lam / (k + n)
        total += term
        if term < total * 1e-12:
            break
        n += 1
    return min(1.0, math.exp(log_prefix) * total)
