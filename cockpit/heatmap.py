"""The SLA heatmap: queues × time buckets over the last day.

Buckets are half-open ``[start, start + bucket)``, aligned to whole
multiples of the bucket since the Unix epoch (UTC), so a 30-minute grid
starts on :00 and :30; the last bucket holds "now". Every SLA clock (first
response, resolution) of every ticket the FloorState holds is counted in
the bucket of one instant:

- **breaches** — clocks that breached, in the bucket of their *due*
  instant: answered/resolved/paused after it, or still running past it
  (``due < now``, the SLA boundary rule);
- **due** — clocks due in the bucket whose outcome is decided: every halted
  clock (answered, resolved, paused) plus the running ones already breached.
  A running clock not yet due is undecided and not counted;
- **breach rate** = breaches / due (NaN where nothing fell due);
- **at risk** — warnings raised: clocks that reached their warn instant
  (``warn_ratio`` of the target) while still running, in the bucket of that
  instant, whether they were then met, breached, or are still open. Against
  the breaches row it shows how many warnings the floor turned around.

Building the grid reads per-queue counts filed by 15-minute base bucket,
O(queues × buckets); only the current base bucket is refined by bisection
against "now". Finished tickets stay in the FloorState 24 h after they
finish, which bounds what the grid can see.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from cockpit.domain import QueueId, TicketId
from cockpit.floor import FloorState
from cockpit.sla_index import BASE_BUCKET_S, ClockRef, SlaQueueIndex, after, base_bucket

DEFAULT_BUCKET = timedelta(minutes=30)
DEFAULT_SPAN = timedelta(hours=24)
BUCKETS = (timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1))

Counts = npt.NDArray[np.int64]


class HeatmapMode(StrEnum):
    BREACHES = "breaches"
    BREACH_RATE = "breach_rate"
    AT_RISK = "at_risk"


@dataclass(frozen=True, slots=True, eq=False)
class HeatmapGrid:
    """Rows are ``queues``, columns are buckets starting at ``starts``;
    arrays are read-only, shape ``(len(queues), len(starts))``."""

    queues: tuple[QueueId, ...]
    starts: tuple[datetime, ...]
    bucket: timedelta
    breaches: Counts
    due: Counts
    at_risk: Counts

    def values(self, mode: HeatmapMode) -> npt.NDArray[np.float64] | Counts:
        if mode is HeatmapMode.BREACHES:
            return self.breaches
        if mode is HeatmapMode.AT_RISK:
            return self.at_risk
        return self.rate()

    def rate(self) -> npt.NDArray[np.float64]:
        """Breaches / clocks due, NaN where none fell due."""
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(self.due > 0, self.breaches / np.maximum(self.due, 1), np.nan)
        rate.flags.writeable = False
        return rate

    def column_of(self, when: datetime) -> int | None:
        """The column whose bucket holds ``when``, if any."""
        if not self.starts:
            return None
        column = math.floor((when - self.starts[0]) / self.bucket)
        return column if 0 <= column < len(self.starts) else None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HeatmapGrid):
            return NotImplemented
        return (
            (self.queues, self.starts, self.bucket) == (other.queues, other.starts, other.bucket)
            and np.array_equal(self.breaches, other.breaches)
            and np.array_equal(self.due, other.due)
            and np.array_equal(self.at_risk, other.at_risk)
        )

    __hash__ = None  # type: ignore[assignment]


def empty_grid() -> HeatmapGrid:
    nothing = _frozen(np.zeros((0, 0), dtype=np.int64))
    return HeatmapGrid((), (), DEFAULT_BUCKET, nothing, nothing, nothing)


def grid_starts(now: datetime, bucket: timedelta, span: timedelta) -> tuple[datetime, ...]:
    """Bucket starts covering ``span`` up to the bucket that holds ``now``."""
    size = _check(bucket, span)
    count = round(span.total_seconds() / size)
    last = math.floor(now.timestamp() / size) * size
    return tuple(datetime.fromtimestamp(last - (count - 1 - i) * size, UTC) for i in range(count))


def build_heatmap(
    state: FloorState, *, bucket: timedelta = DEFAULT_BUCKET, span: timedelta = DEFAULT_SPAN
) -> HeatmapGrid:
    """The grid for every queue of ``state`` at its server time."""
    return build_heatmaps(state, buckets=(bucket,), span=span)[bucket]


def build_heatmaps(
    state: FloorState,
    *,
    buckets: Sequence[timedelta] = BUCKETS,
    span: timedelta = DEFAULT_SPAN,
) -> dict[timedelta, HeatmapGrid]:
    """One grid per bucket size, from a single pass over the base buckets:
    counts add up, so a coarser grid is the finer one's columns summed. The
    pass covers the union of the grids (the finest starts earliest; a
    coarser one's last bucket may reach past the current base bucket, whose
    future holds nothing yet)."""
    if state.server_time is None:
        raise ValueError("no data yet: apply a batch first")
    if not buckets:
        return {}
    starts = {bucket: grid_starts(state.server_time, bucket, span) for bucket in buckets}
    per = {bucket: round(bucket.total_seconds() / BASE_BUCKET_S) for bucket in buckets}
    first = min(base_bucket(s[0].timestamp()) for s in starts.values())
    end = max(base_bucket(s[-1].timestamp()) + per[b] for b, s in starts.items())
    queues = tuple(state.queue_ids())
    breaches, due, at_risk = (np.zeros((len(queues), end - first), np.int64) for _ in range(3))
    now = state.sla_index.as_of
    for row, queue in enumerate(queues):
        counts = _row_counts(state.sla_index.queue(queue), first, end, now)
        breaches[row], due[row], at_risk[row] = counts.breaches, counts.due, counts.at_risk
    grids = {}
    for bucket, bucket_starts in starts.items():
        offset = base_bucket(bucket_starts[0].timestamp()) - first
        width = (offset, len(bucket_starts), per[bucket])
        grids[bucket] = HeatmapGrid(
            queues=queues,
            starts=bucket_starts,
            bucket=bucket,
            breaches=_coarsen(breaches, *width),
            due=_coarsen(due, *width),
            at_risk=_coarsen(at_risk, *width),
        )
    return grids


def cell_tickets(
    state: FloorState,
    queue: QueueId,
    start: datetime,
    *,
    bucket: timedelta = DEFAULT_BUCKET,
    mode: HeatmapMode = HeatmapMode.BREACHES,
) -> tuple[TicketId, ...]:
    """The tickets behind one cell, sorted: the breached ones for BREACHES
    and BREACH_RATE, the warned ones for AT_RISK. ``start`` is the bucket's
    start as in ``HeatmapGrid.starts``. Reads the FloorState, so it runs on
    the thread that owns it (the poller's worker)."""
    size = _check(bucket, bucket)
    begin = start.timestamp()
    if begin % size:
        raise ValueError(f"{start.isoformat()} is not the start of a {bucket} bucket")
    end = begin + size
    idx = state.sla_index.queue(queue)
    now = state.sla_index.as_of
    bases = range(base_bucket(begin), base_bucket(begin) + round(size / BASE_BUCKET_S))
    refs: set[ClockRef] = set()
    if mode is HeatmapMode.AT_RISK:
        for base in bases:
            refs.update(idx.halted_warn.get(base, ()))
        refs.update(idx.running_warn_refs(begin, min(end, after(now))))
    else:
        for base in bases:
            refs.update(idx.halted_breach.get(base, ()))
        refs.update(idx.running_due_refs(begin, min(end, now)))
    return tuple(sorted({ticket for ticket, _ in refs}))


@dataclass(slots=True)
class _RowCache:
    """One queue's base-bucket counts as last built, kept on its
    :class:`SlaQueueIndex`; rebuilt when the grid's range moves."""

    first: int
    current: int
    breaches: Counts
    due: Counts
    at_risk: Counts


def _row_counts(idx: SlaQueueIndex, first: int, stop: int, now: float) -> _RowCache:
    """One queue's base-bucket counts over ``[first, stop)`` at ``now``.

    Only the buckets the index marked dirty since the last build, and the
    ones "now" moved across, are recounted: a poll that changes a few
    clocks costs a few cells, not the grid.
    """
    current = base_bucket(now)
    cache = idx.grid
    if not isinstance(cache, _RowCache) or cache.first != first or len(cache.due) != stop - first:
        cache = _RowCache(first, current, *(np.zeros(stop - first, np.int64) for _ in range(3)))
        stale: Iterable[int] = range(first, stop)
    else:
        low, high = sorted((cache.current, current))
        recount = {b for b in idx.dirty if first <= b < stop}
        recount.update(range(max(low, first), min(high + 1, stop)))
        stale = recount
    for base in stale:
        _fill_cell(idx, base, current, now, cache)
    cache.current = current
    idx.dirty.clear()
    idx.grid = cache
    return cache


def _fill_cell(idx: SlaQueueIndex, base: int, current: int, now: float, row: _RowCache) -> None:
    """Count one base bucket: halted clocks always; running ones from the
    per-bucket counts in the past, up to ``now`` in the current bucket, and
    none in the future."""
    if base < current:
        running_due = idx.running_due.get(base, 0)
        running_warn = idx.running_warn.get(base, 0)
    elif base == current:
        start = base * BASE_BUCKET_S
        running_due = idx.running_due_in(start, now)
        running_warn = idx.running_warn_in(start, after(now))
    else:
        running_due = running_warn = 0
    i = base - row.first
    row.breaches[i] = len(idx.halted_breach.get(base, ())) + running_due
    row.due[i] = len(idx.halted_due.get(base, ())) + running_due
    row.at_risk[i] = len(idx.halted_warn.get(base, ())) + running_warn


def _coarsen(base: Counts, offset: int, columns: int, per_column: int) -> Counts:
    """``columns`` buckets of ``per_column`` base buckets each, from ``offset`` on."""
    rows = base.shape[0]
    window = base[:, offset : offset + columns * per_column]
    return _frozen(window.reshape(rows, columns, per_column).sum(axis=2))


def _check(bucket: timedelta, span: timedelta) -> float:
    size = bucket.total_seconds()
    if size <= 0 or size % BASE_BUCKET_S:
        raise ValueError(f"a heatmap bucket is a whole number of 15 minutes, not {bucket}")
    if span.total_seconds() % size or span < bucket:
        raise ValueError(f"the span {span} is not a whole number of {bucket} buckets")
    return size


def _frozen(values: Counts) -> Counts:
    values.flags.writeable = False
    return values
