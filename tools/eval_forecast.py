"""Back-test of the breach forecast on the simulator (in-process).

Every ``--every`` simulated minutes the forecast for each queue and horizon
(15 / 30 / 60 min) is kept; when the horizon has passed, the tickets whose
SLA clock fell due inside it unanswered are counted from the floor (the
truth) and compared. Prints the mean absolute error per queue and horizon,
the bias (forecast − actual) and the error on the floor's total.

    .venv/bin/python tools/eval_forecast.py [--seed 7] [--hours 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.floor import FloorState
from cockpit.forecast import HORIZONS_MIN, Forecaster
from cockpit.metrics import compute_view
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig
from cockpit.sim.scenarios import parse_scenario
from cockpit.sla import clocks

# 18:00 in Beijing: the evening rise, when the short-staffed queue breaches.
START = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
PAGE = 5000


@dataclass
class Pending:
    at: datetime
    minutes: int
    predicted: dict[str, int]


def actual_breaches(state: FloorState, start: datetime, end: datetime) -> dict[str, int]:
    """Tickets with a clock due in (start, end] that had not stopped (or
    paused) by its due instant."""
    out: dict[str, int] = defaultdict(int)
    for ticket in state.tickets.values():
        if ticket.created_at > end:
            continue
        for clock in clocks(ticket, state.sla):
            if start < clock.due_at <= end:
                halted = clock.halted_at
                if halted is None or halted > clock.due_at:
                    out[str(ticket.queue)] += 1
                    break
    return out


def backtest(
    *, seed: int, poll_s: float, hours: float, every_min: float, scenario: str | None
) -> dict[int, dict[str, float]]:
    from tools.eval_early_warning import fetch

    sim = FloorSimulator(SimConfig.default(), seed=seed, start=START)
    if scenario:
        sim.inject(parse_scenario(scenario, now=START + timedelta(hours=1)))
    state = FloorState(Settings().sla)
    forecaster = Forecaster()
    batch, cursor = fetch(sim, None)
    state.apply(batch)
    last = sim.now
    pending: list[Pending] = []
    errors: dict[int, list[float]] = defaultdict(list)
    signed: dict[int, list[float]] = defaultdict(list)
    totals: dict[int, list[float]] = defaultdict(list)
    actual_sum: dict[int, list[float]] = defaultdict(list)
    next_sample = sim.now
    end = START + timedelta(hours=hours)
    while sim.now < end + timedelta(minutes=max(HORIZONS_MIN)):
        sim.advance(timedelta(seconds=poll_s))
        batch, cursor = fetch(sim, cursor)
        forecaster.observe([t for t in batch.tickets if t.created_at > last])
        last = sim.now
        state.apply(batch)
        if sim.now >= next_sample and sim.now <= end:
            next_sample = sim.now + timedelta(minutes=every_min)
            view = compute_view(state, backend="eval")
            result = forecaster.forecast(view, state)
            for minutes in HORIZONS_MIN:
                predicted = {
                    str(q.queue): next(h.breaches for h in q.horizons if h.minutes == minutes)
                    for q in result.queues
                }
                pending.append(Pending(sim.now, minutes, predicted))
        due = [p for p in pending if p.at + timedelta(minutes=p.minutes) <= sim.now]
        for p in due:
            pending.remove(p)
            actual = actual_breaches(state, p.at, p.at + timedelta(minutes=p.minutes))
            for queue, predicted in p.predicted.items():
                errors[p.minutes].append(abs(predicted - actual.get(queue, 0)))
                signed[p.minutes].append(predicted - actual.get(queue, 0))
            total_a = sum(actual.get(q, 0) for q in p.predicted)
            totals[p.minutes].append(abs(sum(p.predicted.values()) - total_a))
            actual_sum[p.minutes].append(total_a)
    return {
        m: {
            "mae_queue": statistics.fmean(errors[m]),
            "bias_queue": statistics.fmean(signed[m]),
            "mae_floor": statistics.fmean(totals[m]),
            "mean_actual_floor": statistics.fmean(actual_sum[m]),
            "samples": len(totals[m]),
        }
        for m in HORIZONS_MIN
        if totals[m]
    }


def print_backtest(
    *, seed: int, poll_s: float, hours: float = 4.0, every_min: float = 10.0
) -> None:
    for scenario in (None, "outage:4/60"):
        name = scenario or "no scenario"
        print(
            f"\nbreach forecast back-test ({name}; {hours:g} h from 18:00, every {every_min:g} min)"
        )
        print(
            f"{'horizon':>8} {'MAE/queue':>10} {'bias/queue':>11} {'MAE floor':>10} "
            f"{'actual floor':>13} {'samples':>8}"
        )
        result = backtest(
            seed=seed, poll_s=poll_s, hours=hours, every_min=every_min, scenario=scenario
        )
        for minutes, r in result.items():
            print(
                f"{minutes:>6} m {r['mae_queue']:>10.2f} {r['bias_queue']:>+11.2f} "
                f"{r['mae_floor']:>10.2f} {r['mean_actual_floor']:>13.1f} {r['samples']:>8.0f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--poll", type=float, default=5.0)
    parser.add_argument("--hours", type=float, default=4.0)
    parser.add_argument("--every", type=float, default=10.0, help="minutes between forecasts")
    args = parser.parse_args(argv)
    print_backtest(seed=args.seed, poll_s=args.poll, hours=args.hours, every_min=args.every)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
