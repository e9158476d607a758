"""The numpy baseline: the per-queue figures of :class:`cockpit.metrics.QueueFigures`
computed by a bare vectorised group-by over column arrays of the same tickets.

The cockpit keeps sorted indexes and reads figures with bisections; this
recomputes everything from scratch on every poll (O(floor), but in C). The
benchmark times both on the same tickets and asserts they agree, so the
ratio compares like with like.

Definitions (from ``cockpit/metrics.py`` and the service-level note in
``docs/metrics.md`` on the sl branch): times are server-time epoch seconds;
windows are half-open ``(now - w, now]``; a clock is breached strictly after
its due instant and at risk from its warn instant up to due; clocks of a
pending ticket pause at ``pending_since`` (else ``updated_at``) when the
policy says so.

Columns are kept per ticket row; :meth:`Columns.update` writes the rows a
batch changed (not part of the timed group-by, reported apart).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cockpit.domain import Priority, QueueId, Status, Ticket
from cockpit.metrics import ARRIVALS_WINDOW, SERVICE_LEVEL_WINDOW, FloorView, QueueFigures
from cockpit.settings import SlaSettings

NAN = math.nan
PRIORITIES = tuple(Priority)
OPEN = frozenset(s for s in Status if s.is_open)

# Every ticket figure of QueueFigures (agent counts and names aside), dotted
# for the per-clock ones. The baseline computes all of them.
ALL_FIELDS = (
    "open",
    "waiting",
    "oldest_wait_s",
    "arrivals_15m",
    "resolutions_15m",
    "service_level",
    "answered_in_target",
    "answered_late",
    "waiting_past_target",
    "abandoned_past_target",
    "breached",
    "at_risk",
    "sla_paused",
    *(
        f"{c}.{f}"
        for c in ("first_response", "resolution")
        for f in ("breached", "at_risk", "met", "missed")
    ),
)
# Always asserted: what this branch's core computes.
CORE_FIELDS = (
    "open",
    "waiting",
    "oldest_wait_s",
    "arrivals_15m",
    "resolutions_15m",
    "breached",
    "at_risk",
    "sla_paused",
)
# Asserted as soon as the core fills them in (zeros on a branch that has only
# the interface): the service-level parts and the per-clock figures. The
# service level itself is compared by the new definition once its parts are
# computed, by the old one (first responses in target / all first responses
# in the window) before.
PENDING_FIELDS = tuple(f for f in ALL_FIELDS if f not in CORE_FIELDS and f != "service_level")

_COLUMNS = (
    "queue", "priority", "open", "pending", "created", "updated",
    "first_response", "resolved", "pending_since", "fr_due", "res_due",
)  # fmt: skip


class Columns:
    """One row per ticket ever seen (finished ones stay: the windows ignore
    them once they are old enough), grown by doubling."""

    def __init__(self, queues: Sequence[QueueId], capacity: int = 1024) -> None:
        self.queue_ids: list[QueueId] = list(queues)
        self._queue_code = {q: i for i, q in enumerate(self.queue_ids)}
        self.rows: dict[str, int] = {}
        self.size = 0
        self.cols: dict[str, np.ndarray[Any, Any]] = {}
        self._allocate(capacity)

    def _allocate(self, capacity: int) -> None:
        old, n = self.cols, min(self.size, getattr(self, "capacity", 0))
        ints = {"queue": np.int32, "priority": np.int8, "open": np.bool_, "pending": np.bool_}
        self.cols = {}
        for name in _COLUMNS:
            dtype = ints.get(name, np.float64)
            self.cols[name] = np.full(capacity, NAN if dtype is np.float64 else 0, dtype=dtype)
            if old:
                self.cols[name][:n] = old[name][:n]
        self.capacity = capacity

    def _code(self, queue: QueueId) -> int:
        code = self._queue_code.get(queue)
        if code is None:
            code = self._queue_code[queue] = len(self.queue_ids)
            self.queue_ids.append(queue)
        return code

    def update(self, tickets: Iterable[Ticket]) -> None:
        """Write (or add) the rows of these ticket versions; the newest wins."""
        rows: list[int] = []
        values: list[tuple[float, ...]] = []
        for ticket in tickets:
            row = self.rows.get(ticket.id)
            if row is None:
                row = self.rows[ticket.id] = self.size
                self.size += 1
                if self.size > self.capacity:
                    self._allocate(self.capacity * 2)
            elif self.cols["updated"][row] > ticket.updated_at.timestamp():
                continue  # a late, older version: the floor keeps the newer one
            rows.append(row)
            values.append(_row(ticket, self._code(ticket.queue)))
        if not rows:
            return
        index = np.fromiter(rows, dtype=np.int64, count=len(rows))
        table = np.array(values, dtype=np.float64)
        for position, name in enumerate(_COLUMNS):
            self.cols[name][index] = table[:, position]


def _ts(value: Any) -> float:
    return NAN if value is None else float(value.timestamp())


_PRIORITY_CODE = {p: i for i, p in enumerate(PRIORITIES)}


def _row(ticket: Ticket, queue_code: int) -> tuple[float, ...]:
    return (
        queue_code,
        _PRIORITY_CODE[ticket.priority],
        ticket.status in OPEN,
        ticket.status is Status.PENDING,
        ticket.created_at.timestamp(),
        ticket.updated_at.timestamp(),
        _ts(ticket.first_response_at),
        _ts(ticket.resolved_at),
        _ts(ticket.pending_since),
        _ts(ticket.first_response_due),
        _ts(ticket.resolution_due),
    )


@dataclass(frozen=True, slots=True)
class Targets:
    """The SLA policy as (queue × priority) arrays of seconds (NaN: no target)."""

    first_response: np.ndarray[Any, Any]
    resolution: np.ndarray[Any, Any]
    warn_ratio: float
    pause_when_pending: bool

    @classmethod
    def from_settings(cls, sla: SlaSettings, queues: Sequence[QueueId]) -> Targets:
        if sla.business_hours is not None:
            raise ValueError("the numpy baseline counts round-the-clock targets only")
        shape = (len(queues), len(PRIORITIES))
        fr, res = np.full(shape, NAN), np.full(shape, NAN)
        for i, queue in enumerate(queues):
            for j, priority in enumerate(PRIORITIES):
                target = sla.target(queue, priority)
                fr[i, j] = NAN if target.first_response_s is None else target.first_response_s
                res[i, j] = NAN if target.resolution_s is None else target.resolution_s
        return cls(fr, res, sla.warn_ratio, sla.pause_when_pending)


@dataclass(slots=True)
class Clock:
    """One clock kind of every row: does it exist, due, warn, halted at."""

    exists: np.ndarray[Any, Any]
    due: np.ndarray[Any, Any]
    warn: np.ndarray[Any, Any]
    stopped: np.ndarray[Any, Any]  # NaN while not stopped
    paused: np.ndarray[Any, Any]  # NaN unless paused (and not stopped)

    @property
    def running(self) -> np.ndarray[Any, Any]:
        return self.exists & np.isnan(self.stopped) & np.isnan(self.paused)


def _clock(
    c: dict[str, np.ndarray[Any, Any]],
    backend_due: np.ndarray[Any, Any],
    target: np.ndarray[Any, Any],
    stopped: np.ndarray[Any, Any],
    paused_at: np.ndarray[Any, Any],
    ratio: float,
) -> Clock:
    created = c["created"]
    policy = target[c["queue"], c["priority"]]
    from_backend = ~np.isnan(backend_due)
    due = np.where(from_backend, backend_due, created + policy)
    warn = np.where(
        from_backend, created + (backend_due - created) * ratio, created + policy * ratio
    )
    warn = np.minimum(warn, due)
    paused = np.where(np.isnan(stopped), paused_at, NAN)
    return Clock(~np.isnan(due), due, warn, stopped, paused)


def _count(queue: np.ndarray[Any, Any], mask: np.ndarray[Any, Any], n: int) -> np.ndarray[Any, Any]:
    return np.bincount(queue[mask], minlength=n)


def _in(values: np.ndarray[Any, Any], start: float, end: float) -> np.ndarray[Any, Any]:
    with np.errstate(invalid="ignore"):
        return (values > start) & (values <= end)


def _clock_figures(
    q: np.ndarray[Any, Any], is_open: np.ndarray[Any, Any], clock: Clock, now: float, n: int
) -> dict[str, np.ndarray[Any, Any]]:
    live = is_open & clock.exists & np.isnan(clock.stopped)
    reads = np.where(np.isnan(clock.paused), now, clock.paused)
    stopped_in = clock.exists & _in(clock.stopped, now - SERVICE_LEVEL_WINDOW.total_seconds(), now)
    return {
        "breached": _count(q, live & (reads > clock.due), n),
        "at_risk": _count(q, live & (reads >= clock.warn) & (reads <= clock.due), n),
        "met": _count(q, stopped_in & (clock.stopped <= clock.due), n),
        "missed": _count(q, stopped_in & (clock.stopped > clock.due), n),
    }


def figures(columns: Columns, targets: Targets, now: float) -> dict[str, list[Any]]:
    """Every figure of ALL_FIELDS per queue (lists in ``columns.queue_ids`` order)."""
    k, n = columns.size, len(columns.queue_ids)
    c = {name: col[:k] for name, col in columns.cols.items()}
    q, is_open = c["queue"], c["open"]
    finished = np.where(
        is_open, NAN, np.where(np.isnan(c["resolved"]), c["updated"], c["resolved"])
    )
    paused_at = np.where(
        is_open & c["pending"] & targets.pause_when_pending,
        np.where(np.isnan(c["pending_since"]), c["updated"], c["pending_since"]),
        NAN,
    )
    fr_stop = np.where(np.isnan(c["first_response"]), finished, c["first_response"])
    fr = _clock(c, c["fr_due"], targets.first_response, fr_stop, paused_at, targets.warn_ratio)
    res = _clock(c, c["res_due"], targets.resolution, finished, paused_at, targets.warn_ratio)
    out: dict[str, Any] = {}
    waiting = is_open & np.isnan(c["first_response"])
    out["open"] = _count(q, is_open, n)
    out["waiting"] = _count(q, waiting, n)
    oldest = np.full(n, np.inf)
    np.minimum.at(oldest, q[waiting], c["created"][waiting])
    out["oldest_wait_s"] = np.where(
        np.isinf(oldest), 0.0, np.round(np.maximum(0.0, now - oldest), 3)
    )
    quarter = now - ARRIVALS_WINDOW.total_seconds()
    out["arrivals_15m"] = _count(q, _in(c["created"], quarter, now), n)
    out["resolutions_15m"] = _count(q, ~is_open & _in(c["resolved"], quarter, now), n)
    hour = now - SERVICE_LEVEL_WINDOW.total_seconds()
    answered = _in(c["first_response"], hour, now)
    in_target = answered & (~fr.exists | (c["first_response"] <= fr.due))
    out["answered_in_target"] = _count(q, answered & fr.exists & in_target, n)
    out["answered_late"] = _count(q, answered & fr.exists & ~in_target, n)
    out["waiting_past_target"] = _count(q, waiting & fr.running & (now > fr.due), n)
    unanswered = ~is_open & np.isnan(c["first_response"]) & fr.exists & _in(finished, hour, now)
    out["abandoned_past_target"] = _count(q, unanswered & (finished > fr.due), n)
    out["legacy_answered"] = _count(q, answered, n)
    out["legacy_met"] = _count(q, in_target, n)
    _pressing(out, q, is_open, fr, res, now, n)
    for name, clock in (("first_response", fr), ("resolution", res)):
        for part, values in _clock_figures(q, is_open, clock, now, n).items():
            out[f"{name}.{part}"] = values
    # A first-response clock stopped by the ticket finishing unanswered
    # before due is neither met nor missed (docs/metrics.md).
    out["first_response.met"] = out["answered_in_target"]
    out["first_response.missed"] = out["answered_late"] + out["abandoned_past_target"]
    return {name: values.tolist() for name, values in out.items()}


def _pressing(
    out: dict[str, Any], q: np.ndarray[Any, Any], is_open: np.ndarray[Any, Any],
    fr: Clock, res: Clock, now: float, n: int,
) -> None:  # fmt: skip
    """Ticket counts by the pressing running clock (first response wins a tie)."""
    fr_run, res_run = is_open & fr.running, is_open & res.running
    use_res = res_run & (~fr_run | (res.due < fr.due))
    any_run = fr_run | res_run
    due = np.where(use_res, res.due, fr.due)
    warn = np.where(use_res, res.warn, fr.warn)
    alarmed = any_run & (warn <= now)
    out["breached"] = _count(q, alarmed & (due < now), n)
    out["at_risk"] = _count(q, alarmed & (due >= now), n)
    halted = is_open & ~np.isnan(np.where(fr.exists, fr.paused, NAN))
    halted |= is_open & ~np.isnan(np.where(res.exists, res.paused, NAN))
    out["sla_paused"] = _count(q, halted, n)


def core_value(figure: QueueFigures, name: str) -> Any:
    head, _, tail = name.partition(".")
    value = getattr(figure, head)
    return getattr(value, tail) if tail else value


def _service_level(parts: dict[str, list[Any]], i: int, *, legacy: bool) -> float | None:
    if legacy:
        total = parts["legacy_answered"][i]
        return None if total == 0 else parts["legacy_met"][i] / total
    met = parts["answered_in_target"][i]
    total = met + sum(
        parts[p][i] for p in ("answered_late", "waiting_past_target", "abandoned_past_target")
    )
    return None if total == 0 else met / total


@dataclass(slots=True)
class Comparison:
    """What was compared, and which figures the core does not compute yet."""

    compared: tuple[str, ...]
    not_in_core: tuple[str, ...]
    legacy_service_level: bool


def compare(view: FloorView, columns: Columns, parts: dict[str, list[Any]]) -> Comparison:
    """Assert the core's view and the baseline agree (AssertionError names
    the first difference)."""
    by_queue = {f.queue: f for f in view.queues}
    row = {q: i for i, q in enumerate(columns.queue_ids)}
    missing = [q for q in by_queue if q not in row]
    assert not missing or all(by_queue[q].open == 0 for q in missing), missing
    # A pending field is "not in core" while the core shows zero everywhere
    # the baseline does not.
    not_in_core = tuple(
        name
        for name in PENDING_FIELDS
        if all(core_value(f, name) == 0 for f in view.queues)
        and any(parts[name][row[f.queue]] != 0 for f in view.queues if f.queue in row)
    )
    legacy = "answered_in_target" in not_in_core or "waiting_past_target" in not_in_core
    fields = (*CORE_FIELDS, *(f for f in PENDING_FIELDS if f not in not_in_core))
    for figure in view.queues:
        i = row.get(figure.queue)
        if i is None:
            continue
        for name in fields:
            ours, theirs = core_value(figure, name), parts[name][i]
            assert ours == theirs, f"{figure.queue}.{name}: core {ours!r} != numpy {theirs!r}"
        sl = _service_level(parts, i, legacy=legacy)
        core_sl = figure.service_level
        same = sl == core_sl or (
            sl is not None and core_sl is not None and math.isclose(sl, core_sl)
        )
        assert same, f"{figure.queue}.service_level: core {core_sl!r} != numpy {sl!r}"
    return Comparison((*fields, "service_level"), not_in_core, legacy)
