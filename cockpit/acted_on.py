"""Warning acted-on rate: of the at-risk warnings (an SLA clock crossing its
warn instant), what share were answered before the breach. The service
handbook asks for at least 98 %.

:class:`ActedOnTracker` listens to the poller (``on_batch``, on the poll
worker). A warning is raised when a running clock's warn instant falls in
the poll's interval (read from the SLA index, so only the clocks that
crossed cost anything). It is **acted on** when, by its due instant, the
clock stopped (answered or resolved) or paused (waiting on the customer),
or the ticket was escalated; otherwise it is **missed** once due. Rates are
per queue over a shift (warnings raised in it).
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape

from cockpit.domain import Batch, Ticket, TicketId
from cockpit.floor import FloorState
from cockpit.sla import clocks

TARGET = 0.98
KEEP = timedelta(hours=48)


@dataclass(slots=True)
class _Warning:
    ticket: TicketId
    queue: str
    kind: str
    warn: float
    due: float


@dataclass(frozen=True, slots=True)
class ActedOnRow:
    queue: str
    warnings: int
    acted: int
    missed: int
    # Still before their due instant at the end of the shift.
    pending: int

    @property
    def rate(self) -> float | None:
        decided = self.acted + self.missed
        return None if decided == 0 else self.acted / decided

    @property
    def meets_target(self) -> bool | None:
        rate = self.rate
        return None if rate is None else rate >= TARGET


class ActedOnTracker:
    """See the module docstring. Reads (:meth:`rates`) from any thread."""

    def __init__(self) -> None:
        self._last: float | None = None
        self._pending: dict[tuple[TicketId, str], _Warning] = {}
        self._by_due: list[tuple[float, TicketId, str]] = []
        # (warn instant, queue, acted) of decided warnings.
        self._outcomes: list[tuple[float, str, bool]] = []
        # (ticket, clock kind, due instant) of decided warnings: never raised twice.
        self._decided: set[tuple[TicketId, str, float]] = set()
        self._lock = threading.Lock()

    def attach(self, poller: object) -> None:
        poller.subscribe(on_batch=self.on_batch)  # type: ignore[attr-defined]

    def on_batch(self, batch: Batch, state: FloorState) -> None:
        assert state.server_time is not None
        now = state.server_time.timestamp()
        with self._lock:
            self._raise(state, now)
            for ticket in batch.tickets:
                if self._last is not None:
                    self._raise_refiled(ticket, state, now)
                self._check(ticket, state, now, final=False)
            while self._by_due and self._by_due[0][0] <= now:
                _, ticket_id, kind = heapq.heappop(self._by_due)
                if (ticket_id, kind) in self._pending:
                    found = state.tickets.get(ticket_id)
                    if found is None:
                        self._decide(self._pending[(ticket_id, kind)], acted=True)
                    else:
                        self._check(found, state, now, final=True)
            horizon = now - KEEP.total_seconds()
            if self._outcomes and self._outcomes[0][0] < horizon:
                self._outcomes = [o for o in self._outcomes if o[0] >= horizon]
                self._decided = {d for d in self._decided if d[2] >= horizon}
            self._last = now

    def _raise(self, state: FloorState, now: float) -> None:
        """Warnings whose warn instant fell in (last poll, now]; on the first
        poll, every clock already in its warn window."""
        low = self._last if self._last is not None else float("-inf")
        for queue, idx in state.sla_index.queues().items():
            for lst in (idx.warn, idx.later_warn):
                for warn, ticket_id, kind, due, _ in lst.irange(
                    (low, "\uffff"), (now, "\uffff"), inclusive=(False, True)
                ):
                    if due <= now and self._last is None:
                        continue  # already breached before we watched
                    key = (ticket_id, kind)
                    if key not in self._pending:
                        self._pending[key] = _Warning(ticket_id, str(queue), kind, warn, due)
                        heapq.heappush(self._by_due, (due, ticket_id, kind))

    def _raise_refiled(self, ticket: Ticket, state: FloorState, now: float) -> None:
        """A changed ticket whose running clock is already in its warn window
        (re-filed with an earlier warn instant, e.g. a pause that ended)."""
        for clock in clocks(ticket, state.sla):
            warn, due = clock.warn_at.timestamp(), clock.due_at.timestamp()
            key = (ticket.id, clock.kind.value)
            if not clock.running or not warn <= now < due or key in self._pending:
                continue
            if (ticket.id, clock.kind.value, due) in self._decided:
                continue
            self._pending[key] = _Warning(ticket.id, str(ticket.queue), key[1], warn, due)
            heapq.heappush(self._by_due, (due, ticket.id, key[1]))

    def _check(self, ticket: Ticket, state: FloorState, now: float, *, final: bool) -> None:
        for kind in ("first_response", "resolution"):
            warning = self._pending.get((ticket.id, kind))
            if warning is None:
                continue
            if _acted(ticket, state, warning):
                self._decide(warning, acted=True)
            elif final or now >= warning.due:
                self._decide(warning, acted=False)

    def _decide(self, warning: _Warning, *, acted: bool) -> None:
        del self._pending[(warning.ticket, warning.kind)]
        self._decided.add((warning.ticket, warning.kind, warning.due))
        self._outcomes.append((warning.warn, warning.queue, acted))

    def rates(self, start: datetime, end: datetime) -> tuple[ActedOnRow, ...]:
        """Per queue, the warnings raised in ``[start, end)``."""
        lo, hi = start.timestamp(), end.timestamp()
        with self._lock:
            decided = [(q, a) for w, q, a in self._outcomes if lo <= w < hi]
            pending = [w.queue for w in self._pending.values() if lo <= w.warn < hi]
        queues = sorted({q for q, _ in decided} | set(pending))
        return tuple(
            ActedOnRow(
                queue=q,
                warnings=sum(1 for x, _ in decided if x == q) + pending.count(q),
                acted=sum(1 for x, a in decided if x == q and a),
                missed=sum(1 for x, a in decided if x == q and not a),
                pending=pending.count(q),
            )
            for q in queues
        )


def _acted(ticket: Ticket, state: FloorState, warning: _Warning) -> bool:
    due = datetime.fromtimestamp(warning.due, tz=UTC)
    escalated = ticket.escalated_at
    if escalated is not None and warning.warn <= escalated.timestamp() <= warning.due:
        return True
    for clock in clocks(ticket, state.sla):
        if clock.kind.value == warning.kind:
            halted = clock.halted_at
            return halted is not None and halted <= due
    return True  # the clock no longer applies (e.g. the ticket moved queue or priority)


def floor_rate(rows: Iterable[ActedOnRow]) -> float | None:
    rows = list(rows)
    acted = sum(r.acted for r in rows)
    decided = acted + sum(r.missed for r in rows)
    return None if decided == 0 else acted / decided


_WORDS = {
    "title": ("超时预警处理率", "Timeout warnings acted on"),
    "queue": ("队列", "Queue"),
    "warnings": ("预警", "Warnings"),
    "acted": ("已处理", "Acted on"),
    "missed": ("未处理即超时", "Breached unanswered"),
    "rate": ("处理率（目标 ≥ 98%）", "Rate (target ≥ 98 %)"),
    "floor": ("全部", "Floor"),
    "none": ("本班次没有超时预警。", "No timeout warnings this shift."),
    "unknown": ("本班次未跟踪预警（客户端未运行）。", "Warnings were not tracked this shift."),
}


def acted_on_html(rows: tuple[ActedOnRow, ...] | None, *, language: str) -> str:
    """The handover's section (a note when nothing was tracked)."""
    i = 0 if language == "zh_CN" else 1

    def w(key: str) -> str:
        return _WORDS[key][i]

    head = f"<h2>{escape(w('title'))}</h2>"
    if rows is None:
        return head + f"<p class='muted'>{escape(w('unknown'))}</p>"
    if not rows:
        return head + f"<p>{escape(w('none'))}</p>"

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.1f} %"

    cells = [(r.queue, r.warnings, r.acted, r.missed, pct(r.rate)) for r in rows]
    total = (w("floor"), sum(r.warnings for r in rows), sum(r.acted for r in rows),
             sum(r.missed for r in rows), pct(floor_rate(rows)))  # fmt: skip
    names = ("queue", "warnings", "acted", "missed", "rate")
    header = "".join(f"<th>{escape(w(n))}</th>" for n in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
        for row in (*cells, total)
    )
    return f"{head}<table><tr>{header}</tr>{body}</table>"
