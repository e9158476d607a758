"""Brute-force service level and per-clock figures of a floor, ticket by
ticket, straight from the definitions in docs/metrics.md: the incremental
indexes must agree with these."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from cockpit.floor import FloorState
from cockpit.sla import ClockKind, SlaState, classify, clocks

WINDOW = timedelta(minutes=60)

# Per queue: the SL parts and (breached, at_risk, met, missed) per clock kind.
Figures = dict[str, tuple[int, ...]]


def brute_figures(floor: FloorState) -> dict[str, tuple[int, ...]]:
    """queue → (in target, late, waiting past target, abandoned past target,
    first response breached, at risk, met, missed, resolution breached,
    at risk, met, missed)."""
    now = floor.server_time
    assert now is not None
    start = now - WINDOW
    result: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    for t in floor.tickets.values():
        row = result[t.queue]
        for clock in clocks(t, floor.sla):
            base = 4 if clock.kind is ClockKind.FIRST_RESPONSE else 8
            if clock.stopped_at is None:
                state = classify(clock.warn_at, clock.due_at, clock.reads_at(now))
                if state is SlaState.BREACHED:
                    row[base] += 1
                elif state is SlaState.AT_RISK:
                    row[base + 1] += 1
                if clock.kind is ClockKind.FIRST_RESPONSE and clock.running:
                    row[2] += now > clock.due_at
                continue
            if not start < clock.stopped_at <= now:
                continue
            late = clock.stopped_at > clock.due_at
            if clock.kind is ClockKind.RESOLUTION:
                row[base + 2 + late] += 1
            elif t.first_response_at is not None:
                row[1 if late else 0] += 1
                row[base + 2 + late] += 1
            elif late:
                row[3] += 1
                row[base + 3] += 1
    return {q: tuple(v) for q, v in result.items()}


def view_figures(floor: FloorState) -> dict[str, tuple[int, ...]]:
    """The same tuple, read from the FloorView."""
    from cockpit.metrics import compute_view

    view = compute_view(floor, backend="test")
    out: dict[str, tuple[int, ...]] = {}
    for f in view.queues:
        fr, res = f.first_response, f.resolution
        out[f.queue] = (
            f.answered_in_target,
            f.answered_late,
            f.waiting_past_target,
            f.abandoned_past_target,
            fr.breached,
            fr.at_risk,
            fr.met,
            fr.missed,
            res.breached,
            res.at_risk,
            res.met,
            res.missed,
        )
    return out


def check_figures(floor: FloorState) -> None:
    expected = brute_figures(floor)
    for queue, got in view_figures(floor).items():
        assert got == expected.get(queue, (0,) * 12), queue
