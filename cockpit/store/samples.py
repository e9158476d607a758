"""Metric samples: every poll's per-queue figures, kept for trends, reviews
and handovers, with a retention policy.

A raw sample (``step_s == 0``) is one poll of one queue (``queue == "*"``
is the whole floor: sums over queues, the oldest wait, and *distinct*
agents). Its **counts** (arrivals, resolutions, first responses and the
late ones, summed and longest first-response wait, bot deflections, and
arrivals by topic and by kind) cover the interval since the previous poll,
``(at - span_s, at]``; its **levels** (open, waiting, oldest wait, breached,
at risk, service level, agents) are as seen at ``at``. The service level's
parts follow the same split: first responses in and after target and
tickets abandoned past target are counts; customers waiting past target,
and open first-response / resolution clocks past due, are levels.

Roll-ups (``step_s`` = the bucket length, 5 minutes by default) replace raw
samples once they are older than the raw retention: a roll-up at ``at``
covers the raw samples with ``at <= t < at + step``, *sums* their counts
(so totals survive) and keeps the *peak* of their levels. Readers
(:meth:`MetricStore.samples`) use raw samples where they still exist and
roll-ups before that, never both for the same time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from cockpit.store.models import MetricSampleRow

FLOOR = "*"
RAW = 0
ROLLUP_STEP = timedelta(minutes=5)
RAW_KEEP = timedelta(days=7)
ROLLUP_KEEP = timedelta(days=180)
# Roll up at most this much raw history per transaction (bounded memory).
_CHUNK = timedelta(hours=6)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Sample:
    at: datetime
    queue: str
    span_s: float = 0.0
    step_s: int = RAW
    samples: int = 1
    open: int = 0
    waiting: int = 0
    oldest_wait_s: float = 0.0
    breached: int = 0
    at_risk: int = 0
    service_level: float | None = None
    agents_available: int = 0
    agents_busy: int = 0
    agents_away: int = 0
    arrivals: int = 0
    resolutions: int = 0
    responses: int = 0
    responses_late: int = 0
    wait_sum_s: float = 0.0
    wait_max_s: float = 0.0
    bot_deflected: int = 0
    # The service level's parts (docs/metrics.md). Counts over the interval:
    answered_in_target: int = 0
    answered_late: int = 0
    abandoned_past_target: int = 0
    # Levels at ``at``: customers waiting past their first-response target,
    # open clocks past due, each kind on its own.
    waiting_past_target: int = 0
    first_response_breached: int = 0
    resolution_breached: int = 0
    topics: Mapping[str, int] = field(default_factory=dict)
    kinds: Mapping[str, int] = field(default_factory=dict)

    @property
    def agents_on_duty(self) -> int:
        return self.agents_available + self.agents_busy + self.agents_away


COLUMNS = tuple(f.name for f in fields(Sample))
_LEVELS = (
    "open",
    "waiting",
    "oldest_wait_s",
    "breached",
    "at_risk",
    "agents_available",
    "agents_busy",
    "agents_away",
    "waiting_past_target",
    "first_response_breached",
    "resolution_breached",
)
_SUMS = (
    "arrivals",
    "resolutions",
    "responses",
    "responses_late",
    "wait_sum_s",
    "bot_deflected",
    "answered_in_target",
    "answered_late",
    "abandoned_past_target",
)


def _row(sample: Sample) -> dict[str, Any]:
    row = asdict(sample)
    row["topics"] = dict(sample.topics) or None
    row["kinds"] = dict(sample.kinds) or None
    return row


def _sample(row: MetricSampleRow) -> Sample:
    values = {name: getattr(row, name) for name in COLUMNS}
    values["topics"] = dict(row.topics or {})
    values["kinds"] = dict(row.kinds or {})
    return Sample(**values)


def bucket_start(at: datetime, step: timedelta) -> datetime:
    """The start of the ``step`` bucket (aligned to the Unix epoch) holding ``at``."""
    return _EPOCH + ((at - _EPOCH) // step) * step


def roll_up(samples: Sequence[Sample], *, at: datetime, step: timedelta) -> Sample:
    """One roll-up of raw samples of one queue: counts summed, levels at their peak."""
    if not samples:
        raise ValueError("nothing to roll up")
    values: dict[str, Any] = {name: sum(getattr(s, name) for s in samples) for name in _SUMS}
    values.update({name: max(getattr(s, name) for s in samples) for name in _LEVELS})
    levels = [s.service_level for s in samples if s.service_level is not None]
    topics: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for s in samples:
        topics.update(s.topics)
        kinds.update(s.kinds)
    return Sample(
        at=at,
        queue=samples[0].queue,
        span_s=sum(s.span_s for s in samples),
        step_s=int(step.total_seconds()),
        samples=sum(s.samples for s in samples),
        service_level=min(levels) if levels else None,
        wait_max_s=max(s.wait_max_s for s in samples),
        topics=dict(topics),
        kinds=dict(kinds),
        **values,
    )


@dataclass(frozen=True, slots=True)
class RetentionResult:
    rolled_up: int  # roll-up rows written
    raw_deleted: int
    rollups_deleted: int


class MetricStore:
    """Reads and writes metric samples; call the writing methods from the
    one database writer (``Executors.db``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def add(self, samples: Iterable[Sample]) -> int:
        """Insert samples in one transaction (one executemany)."""
        rows = [_row(s) for s in samples]
        if rows:
            with self._session() as session:
                session.execute(insert(MetricSampleRow), rows)
        return len(rows)

    def raw_start(self) -> datetime | None:
        """The time of the oldest raw sample still kept."""
        with self._session() as session:
            query = select(func.min(MetricSampleRow.at)).where(MetricSampleRow.step_s == RAW)
            value: datetime | None = session.scalar(query)
        return None if value is None else _aware(value)

    def samples(
        self,
        start: datetime,
        end: datetime,
        *,
        queue: str | None = FLOOR,
        step: timedelta = ROLLUP_STEP,
    ) -> list[Sample]:
        """Samples of ``(start, end]`` (one queue, or all with None), oldest
        first: raw where kept, roll-ups (whole buckets) for the time before."""
        raw_from = self.raw_start()
        with self._session() as session:
            found = self._query(session, start, end, queue, RAW)
            if raw_from is None or start < raw_from:
                # Roll-ups only for whole buckets before the raw samples begin.
                cut = end if raw_from is None else min(end, bucket_start(raw_from, step))
                found = self._query(session, start, cut, queue, int(step.total_seconds())) + found
        return sorted(found, key=lambda s: (s.at, s.queue))

    @staticmethod
    def _query(
        session: Session, start: datetime, end: datetime, queue: str | None, step_s: int
    ) -> list[Sample]:
        """Raw samples with ``start < at <= end``; roll-ups (stamped with
        their bucket's start) with ``start <= at < end``."""
        at = MetricSampleRow.at
        inside = (at > start, at <= end) if step_s == RAW else (at >= start, at < end)
        query = select(MetricSampleRow).where(MetricSampleRow.step_s == step_s, *inside)
        if queue is not None:
            query = query.where(MetricSampleRow.queue == queue)
        return [_sample(row) for row in session.scalars(query.order_by(MetricSampleRow.id))]

    def count(self, step_s: int = RAW) -> int:
        with self._session() as session:
            query = select(func.count()).where(MetricSampleRow.step_s == step_s)
            return int(session.scalar(query) or 0)

    # --- retention ------------------------------------------------------------------

    def apply_retention(
        self,
        now: datetime,
        *,
        step: timedelta = ROLLUP_STEP,
        raw_keep: timedelta = RAW_KEEP,
        rollup_keep: timedelta = ROLLUP_KEEP,
    ) -> RetentionResult:
        """Roll up every complete bucket not rolled up yet, then drop raw
        samples older than ``raw_keep`` (whole buckets, and only rolled-up
        ones) and roll-ups older than ``rollup_keep``. Idempotent."""
        step_s = int(step.total_seconds())
        done_until = bucket_start(now, step)  # the bucket holding "now" is not complete
        written = 0
        while True:
            begin = self._next_bucket(step_s, step)
            if begin is None or begin >= done_until:
                break
            end = min(done_until, begin + _CHUNK)
            rolled = self._roll_chunk(begin, end, step)
            if rolled == 0:
                break
            written += rolled
        cut = min(bucket_start(now - raw_keep, step), done_until)
        with self._session() as session:
            raw = session.execute(
                delete(MetricSampleRow).where(
                    MetricSampleRow.step_s == RAW, MetricSampleRow.at < cut
                )
            )
            old = session.execute(
                delete(MetricSampleRow).where(
                    MetricSampleRow.step_s == step_s, MetricSampleRow.at < now - rollup_keep
                )
            )
        return RetentionResult(written, _rowcount(raw), _rowcount(old))

    def _next_bucket(self, step_s: int, step: timedelta) -> datetime | None:
        """The first bucket to roll up: after the newest roll-up, or the
        bucket of the oldest raw sample."""
        with self._session() as session:
            latest = session.scalar(
                select(func.max(MetricSampleRow.at)).where(MetricSampleRow.step_s == step_s)
            )
            if latest is not None:
                after = _aware(latest) + step
                first_raw = session.scalar(
                    select(func.min(MetricSampleRow.at)).where(
                        MetricSampleRow.step_s == RAW, MetricSampleRow.at >= after
                    )
                )
            else:
                first_raw = session.scalar(
                    select(func.min(MetricSampleRow.at)).where(MetricSampleRow.step_s == RAW)
                )
        return None if first_raw is None else bucket_start(_aware(first_raw), step)

    def _roll_chunk(self, begin: datetime, end: datetime, step: timedelta) -> int:
        with self._session() as session:
            query = select(MetricSampleRow).where(
                MetricSampleRow.step_s == RAW,
                MetricSampleRow.at >= begin,
                MetricSampleRow.at < end,
            )
            groups: dict[tuple[datetime, str], list[Sample]] = {}
            for row in session.scalars(query.order_by(MetricSampleRow.id)):
                sample = _sample(row)
                groups.setdefault((bucket_start(sample.at, step), sample.queue), []).append(sample)
            rollups = [roll_up(g, at=key[0], step=step) for key, g in sorted(groups.items())]
            if rollups:
                session.execute(insert(MetricSampleRow), [_row(r) for r in rollups])
        return len(rollups)


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def total(samples: Iterable[Sample], name: str) -> float:
    """The sum of one count over samples (for checks and summaries)."""
    return float(sum(getattr(s, name) for s in samples))
