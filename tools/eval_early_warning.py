"""Evaluate the early warning on the simulator (in-process, no HTTP).

Prints, for each injected scenario, the detection delay in polls from the
scenario's start and from the moment the surge truly reached 3× (counted
from the simulator's own ground truth: scenario-tagged arrivals against the
expected base arrivals of the same topics); false alarms per simulated day
with no scenario (an ordinary day and a promotion night); and the breach
forecast's back-test error (see ``--no-forecast``).

    .venv/bin/python tools/eval_early_warning.py [--seed 7] [--poll 5] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.detect import (
    FLOOR_KEY,
    PUBLIC_OPINION_KEY,
    DetectorSettings,
    Surge,
    SurgeDetector,
)
from cockpit.detect_suggest import PlaybookMatcher
from cockpit.domain import Batch
from cockpit.floor import FloorState
from cockpit.incidents.playbook import load_library
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig
from cockpit.sim.arrivals import ArrivalMix, LocalDay
from cockpit.sim.records import to_us
from cockpit.sim.scenarios import Scenario, ScenarioKind, parse_scenario

# 14:00 in Beijing (06:00 UTC) on an ordinary weekday.
DAY = datetime(2026, 11, 10, 6, 0, tzinfo=UTC)
PAGE = 5000
TUNING: dict[str, float] = {}


def fetch(sim: FloorSimulator, cursor: int | None) -> tuple[Batch, int]:
    """What the feed adapter would return, without HTTP: all pages since ``cursor``."""
    return sim.batch_since(cursor, PAGE)


@dataclass
class Follower:
    """A simulator, an in-process FloorState and a detector that follow it."""

    sim: FloorSimulator
    detector: SurgeDetector
    state: FloorState
    cursor: int | None = None
    polls: int = 0

    def poll(self) -> tuple[Batch, tuple[Surge, ...]]:
        batch, self.cursor = fetch(self.sim, self.cursor)
        self.state.apply(batch)
        self.polls += 1
        return batch, self.detector.observe(batch, self.state)


def follower(config: SimConfig, seed: int, start: datetime) -> Follower:
    sim = FloorSimulator(config, seed=seed, start=start)
    matcher = PlaybookMatcher(load_library().listing())
    detector = SurgeDetector(matcher=matcher, settings=DetectorSettings(**TUNING))  # type: ignore[arg-type]
    f = Follower(sim, detector, FloorState(Settings().sla))
    f.poll()
    return f


def run(
    f: Follower, until: datetime, poll_s: float
) -> Iterator[tuple[datetime, tuple[Surge, ...]]]:
    step = timedelta(seconds=poll_s)
    while f.sim.now + step <= until:
        f.sim.advance(step)
        _, surges = f.poll()
        yield f.sim.now, surges


# --- scenarios ---------------------------------------------------------------


def concerned(scenario: Scenario, surge: Surge) -> bool:
    """Whether a surge is the detector seeing this scenario."""
    if scenario.kind is ScenarioKind.PROMOTION_PEAK:
        return surge.kind == FLOOR_KEY
    if scenario.kind is ScenarioKind.PUBLIC_OPINION:
        return surge.kind == PUBLIC_OPINION_KEY
    topics = set(scenario.effective_topics)
    return bool(topics & ({surge.key} | set(surge.topics)))


def base_share(config: SimConfig, scenario: Scenario) -> float:
    mix = ArrivalMix(config)
    if scenario.kind is ScenarioKind.OUTAGE:
        return sum(mix.topic_share.get(t, 0.0) for t in scenario.effective_topics)
    if scenario.kind is ScenarioKind.PUBLIC_OPINION:
        return mix.complaint_share
    return 1.0


def expected_base(config: SimConfig, local: LocalDay, end: datetime, share: float) -> float:
    """Expected base arrivals of the concerned share in the 15 minutes to ``end``."""
    per_minute = config.curve().per_minute()
    rate = config.tickets_per_day / 1440 * share
    total = 0.0
    for minute in range(15):
        when = end - timedelta(minutes=minute + 0.5)
        total += rate * per_minute[local.minute(to_us(when))]
    return total


def scenario_run(spec: str, *, seed: int, poll_s: float, lead_min: int = 40) -> dict[str, object]:
    config = SimConfig.default()
    start = DAY - timedelta(minutes=lead_min)
    f = follower(config, seed, start)
    placed = f.sim.inject(parse_scenario(spec, now=DAY))
    assert placed.start is not None
    assert placed.end is not None
    tag, share = placed.kind.value, base_share(config, placed)
    local = LocalDay(config.timezone)
    false_before, first, reached, polls_from_start = 0, None, None, 0
    suggested: str | None = None
    seen_before: set[str] = set()
    for now, surges in run(f, placed.end, poll_s):
        if now < placed.start:
            new = {f"{s.kind}:{s.key}" for s in surges} - seen_before
            false_before += len(new)
            seen_before |= new
            continue
        polls_from_start += 1
        if reached is None:
            horizon = now - timedelta(minutes=15)
            recent = [t for t in f.state.tickets.values() if t.created_at > horizon]
            if placed.kind is ScenarioKind.PROMOTION_PEAK:  # its tickets carry no own tag
                extra = len(recent) - expected_base(config, local, now, share)
            else:
                extra = sum(1 for t in recent if tag in t.tags)
            if extra >= 2 * expected_base(config, local, now, share):
                reached = polls_from_start
        hit = next((s for s in surges if concerned(placed, s)), None)
        if hit is not None and first is None:
            first, suggested = polls_from_start, hit.playbook_id
        if first is not None and reached is not None:
            break
    return {
        "scenario": spec,
        "delay_from_start": first,
        "reached_3x": reached,
        "delay_after_3x": None if first is None or reached is None else first - reached,
        "playbook": suggested,
        "false_before": false_before,
    }


def false_alarms(*, seed: int, poll_s: float, promotion: bool, hours: float) -> dict[str, object]:
    config = SimConfig.default(promotion_night=promotion)
    # 18:00 in Beijing: the evening, the night (and its promotion peak) and the morning.
    start = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
    f = follower(config, seed, start)
    episodes: list[str] = []
    known: set[tuple[str, str, datetime]] = set()
    zone = LocalDay(config.timezone).tz
    for now, surges in run(f, start + timedelta(hours=hours), poll_s):
        for s in surges:
            if (s.kind, s.key, s.started_at) not in known:
                known.add((s.kind, s.key, s.started_at))
                episodes.append(f"{now.astimezone(zone):%H:%M} {s.kind}:{s.key} x{s.ratio}")
    return {
        "night": "promotion" if promotion else "ordinary",
        "hours": hours,
        "false_alarms": len(episodes),
        "per_day": round(len(episodes) * 24 / hours, 2),
        "episodes": episodes,
    }


SCENARIOS = (
    "outage:4/60",
    "outage:3/60#payment",
    "outage:4/60#login",
    "public_opinion:4/60",
    "promotion_peak:4/60",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--poll", type=float, default=5.0, help="poll interval, simulated s")
    parser.add_argument("--quick", action="store_true", help="a 12-hour night only")
    parser.add_argument("--no-forecast", action="store_true")
    parser.add_argument("--alpha", type=float, help="override the detector's alpha")
    parser.add_argument("--min-count", type=int, help="override the 15-minute minimum count")
    args = parser.parse_args(argv)
    if args.alpha is not None:
        TUNING["alpha"] = args.alpha
    if args.min_count is not None:
        TUNING["min_count"] = args.min_count
    began = time.perf_counter()
    print(f"early warning on the simulator (seed {args.seed}, poll every {args.poll:g} s)")
    print("\ndetection delay, in polls")
    print(f"{'scenario':24} {'from start':>10} {'3x at':>7} {'after 3x':>9} playbook")
    for spec in SCENARIOS:
        r = scenario_run(spec, seed=args.seed, poll_s=args.poll)
        print(
            f"{spec:24} {_n(r['delay_from_start']):>10} {_n(r['reached_3x']):>7} "
            f"{_n(r['delay_after_3x']):>9} {r['playbook'] or '-'}"
        )
    hours = 12.0 if args.quick else 24.0
    print(f"\nfalse alarms with no scenario ({hours:g} simulated hours from 18:00)")
    for promotion in (False, True):
        r = false_alarms(seed=args.seed, poll_s=args.poll, promotion=promotion, hours=hours)
        print(f"{r['night']:10} {r['false_alarms']} ({r['per_day']} per day)")
        for line in r["episodes"]:  # type: ignore[attr-defined]
            print(f"    {line}")
    if not args.no_forecast:
        from tools.eval_forecast import print_backtest

        print_backtest(seed=args.seed, poll_s=args.poll)
    print(f"\n({time.perf_counter() - began:.0f} s)")
    return 0


def _n(value: object) -> str:
    return "-" if value is None else str(value)


if __name__ == "__main__":
    raise SystemExit(main())
