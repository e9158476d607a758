"""The severity ladder: one scale, shared by the alert rules and the queue
table, so a cell turns red exactly when its queue raises a critical alert.

A ladder has up to three rungs above NORMAL — NOTICE, WARNING, CRITICAL —
each a line on a figure where *higher is worse* (figures where lower is
worse are turned round first: the service level becomes its gap below the
queue's own target). A figure *reaching* a line stands on that rung.

**Hysteresis.** A figure hovering at a line would flap between two rungs
on every poll. So a rung, once reached, is held until the figure falls
``clear`` below its line (:class:`~cockpit.settings.Ladder`); only the
alert engine remembers the previous rung — the table shows where a figure
stands now. A held rung never reaches down to the line of the rung below
(nor, for the lowest, to zero: an empty queue is NORMAL).

**The queue's figures** (:func:`queue_levels`), all relative to the
queue's own targets rather than fixed counts:

- waiting — customers waiting past their first-response target (the larger
  of ``waiting_past_target`` and ``first_response.breached``);
- oldest wait — as a share of the queue's first-response target for an
  ordinary (medium) ticket, per-queue overrides included;
- service level — points below the queue's ``service_level_target``; with
  fewer than ``service_level_min_answers`` tickets behind it a low level is
  at most a notice (one late reply of three is not an emergency).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from cockpit.domain import Priority
from cockpit.metrics import QueueFigures
from cockpit.settings import Ladder, SlaSettings, Thresholds


class Level(IntEnum):
    NORMAL = 0
    NOTICE = 1
    WARNING = 2
    CRITICAL = 3


def _lines(ladder: Ladder) -> tuple[tuple[Level, float], ...]:
    lines = (
        (Level.NOTICE, ladder.notice),
        (Level.WARNING, ladder.warn),
        (Level.CRITICAL, ladder.critical),
    )
    return tuple((level, line) for level, line in lines if line is not None)


def climb(value: float | None, ladder: Ladder, previous: Level = Level.NORMAL) -> Level:
    """The rung ``value`` stands on; ``previous`` (the rung it stood on) is
    held while ``value`` stays within ``ladder.clear`` below its line."""
    if value is None:
        return Level.NORMAL
    lines = _lines(ladder)
    reached = Level.NORMAL
    for level, line in lines:  # rising lines: the last one reached is the highest
        if value >= line:
            reached = level
    if previous is Level.NORMAL:
        return reached  # nothing held (the table's case, once per cell: keep it cheap)
    # Held within ``clear`` below the line, never down to the rung below's
    # line (nor to nothing at all for the lowest).
    floors = (0.0, *(line for _, line in lines))
    for (level, line), floor in reversed(tuple(zip(lines, floors, strict=False))):
        if reached < level <= previous and value >= line - ladder.clear and value > floor:
            return level
    return reached


def cap(level: Level, ceiling: Level) -> Level:
    return min(level, ceiling)


@dataclass(frozen=True, slots=True)
class QueueMeasures:
    """The figures the ladders read, higher is worse (None: nothing to read)."""

    waiting_past_target: int
    oldest_wait_ratio: float | None
    service_level_gap: float | None
    # Tickets behind the service level (None: the backend did not say).
    service_level_sample: int | None


@dataclass(frozen=True, slots=True)
class QueueLevels:
    waiting: Level
    oldest_wait: Level
    service_level: Level


def first_response_target_s(queue: str, sla: SlaSettings) -> float | None:
    """The queue's first-response target for an ordinary ticket, in seconds."""
    return sla.target(queue, Priority.MEDIUM).first_response_s


def measures(f: QueueFigures, sla: SlaSettings) -> QueueMeasures:
    target = first_response_target_s(f.queue, sla)
    ratio = f.oldest_wait_s / target if f.waiting and target else None
    gap = None if f.service_level is None else f.service_level_target - f.service_level
    parts = f.answered_in_target + f.answered_late + f.waiting_past_target
    parts += f.abandoned_past_target
    return QueueMeasures(
        waiting_past_target=max(f.waiting_past_target, f.first_response.breached),
        oldest_wait_ratio=ratio,
        # Rounded: 0.8 - 0.7 must be 0.1, on the line, not just under it.
        service_level_gap=None if gap is None else round(gap, 6),
        service_level_sample=parts or None,
    )


def service_level_level(
    m: QueueMeasures, thresholds: Thresholds, previous: Level = Level.NORMAL
) -> Level:
    level = climb(m.service_level_gap, thresholds.service_level_gap, previous)
    sample = m.service_level_sample
    if sample is not None and sample < thresholds.service_level_min_answers:
        return cap(level, Level.NOTICE)
    return level


def queue_levels(
    f: QueueFigures, thresholds: Thresholds, sla: SlaSettings | None = None
) -> QueueLevels:
    """Where each of the queue's figures stands now (no hysteresis: the table)."""
    m = measures(f, sla or SlaSettings())
    return QueueLevels(
        waiting=climb(m.waiting_past_target, thresholds.waiting_past_target),
        oldest_wait=climb(m.oldest_wait_ratio, thresholds.oldest_wait_ratio),
        service_level=service_level_level(m, thresholds),
    )
