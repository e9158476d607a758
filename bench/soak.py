"""Soak benchmark: many polls against the simulator over loopback HTTP, with
faults mixed in, watching memory and threads.

The poller polls a simulated floor through the fault-injecting proxy of the
fault tests (``tests/faults/proxy.py``); with ``--fault-every N`` a fault
from a rotating set is switched on for a few polls every N polls (dropped
connections, 5xx, truncated answers, cut headers, a login page, wrong shapes,
replays, frozen answers, duplicates, oversized and trickling answers). The
floor's clock moves 5 s per poll; polls run back to back (the backoff's
clock is the poll count, so a fault costs no wall time).

Prints: polls made, the median and p95 poll time, the current RSS after the
warm-up and at the end (growth per 1,000 polls), the tickets on the floor
then (the floor holds 24 h of finished tickets, so it grows as the day goes
on), and the thread count at the start and the end (it must not grow).

    .venv/bin/python bench/soak.py [--polls 1000] [--fault-every 40]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.backends.feed import FeedBackend
from cockpit.backends.http import Timeouts
from cockpit.clock import ManualClock
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from tests.faults.proxy import Fault, FaultProxy

START = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
TOKEN = "soak"
INTERVAL_S = 5.0
FAULTS = (
    Fault.RESET,
    Fault.SERVER_ERROR,
    Fault.TRUNCATED,
    Fault.HEADERS_CUT,
    Fault.LOGIN_PAGE,
    Fault.WRONG_SHAPE,
    Fault.REPLAY,
    Fault.FROZEN,
    Fault.DUPLICATES,
    Fault.HUGE_UNDECLARED,
    Fault.TRICKLE_BODY,
    Fault.RATE_LIMITED,
)
FAULT_POLLS = 3
LIMITS = Timeouts(connect_s=1.0, read_s=1.0, total_s=0.5, max_body_bytes=4 * 1024 * 1024)


def rss_mb() -> float:
    """The current resident set (not the peak), from /proc."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


class Ticker:
    """The backoff's monotonic clock: one poll interval per poll."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def soak(polls: int, fault_every: int, tickets_per_day: float) -> None:
    clock = ManualClock(START)
    config = SimConfig(tickets_per_day=tickets_per_day, warmup=timedelta(hours=6))
    sim = FloorSimulator(config, seed=17, start=START)
    threads_start = threading.active_count()
    with SimServer(sim, clock, port=0, token=TOKEN) as server:
        proxy = FaultProxy(server.url, trickle_s=0.02)
        proxy.start()
        backend = FeedBackend(proxy.url, token=TOKEN, timeouts=LIMITS)
        ticker = Ticker()
        poller = Poller(
            backend, settings=Settings(poll_interval_s=INTERVAL_S), clock=clock, monotonic=ticker
        )
        times: list[float] = []
        faults_seen: dict[str, int] = {}
        warm_rss = 0.0
        threads_warm = warm_tickets = 0
        try:
            for n in range(polls):
                if n == 100:
                    gc.collect()
                    warm_rss, threads_warm = rss_mb(), threading.active_count()
                    warm_tickets = poller.read(lambda state: len(state.tickets))
                fault = Fault.NONE
                if fault_every and n > 100 and n % fault_every < FAULT_POLLS:
                    fault = FAULTS[(n // fault_every) % len(FAULTS)]
                if fault is not proxy.fault:
                    proxy.set_fault(fault)
                clock.advance(timedelta(seconds=INTERVAL_S))
                ticker.now += max(INTERVAL_S, poller_backoff(poller, ticker))
                began = time.perf_counter()
                poller.poll_once()
                times.append(time.perf_counter() - began)
                if fault is not Fault.NONE:
                    reason = poller.health.reason or "live"
                    faults_seen[f"{fault.value}→{reason}"] = 1
        finally:
            proxy.set_fault(Fault.NONE)
            backend.close()
            proxy.stop()
    gc.collect()
    end_rss, threads_end = rss_mb(), threading.active_count()
    end_tickets = poller.read(lambda state: len(state.tickets))
    ordered = sorted(times)
    p95 = ordered[round(0.95 * (len(ordered) - 1))]
    growth = (end_rss - warm_rss) / max(1, polls - 100) * 1000
    print(f"polls               {polls} ({len(proxy.log)} requests through the proxy)")
    print(
        f"floor               {warm_tickets} tickets after 100 polls, {end_tickets} at the end"
        " (24 h of finished tickets are kept: part of any growth is data)"
    )
    print(
        f"poll time           median {statistics.median(ordered) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms"
    )
    print(
        f"RSS                 {warm_rss:.1f} MB after 100 polls, {end_rss:.1f} MB at the end "
        f"({growth:+.2f} MB per 1,000 polls)"
    )
    print(
        f"threads             {threads_start} at start, {threads_warm} after 100 polls, "
        f"{threads_end} at the end"
    )
    print(f"health              {poller.health.describe()} at the end")
    print("faults → reasons    " + ", ".join(sorted(faults_seen)))


def poller_backoff(poller: Poller, ticker: Ticker) -> float:
    """How far the ticker must move for the next poll to be allowed."""
    return max(0.0, poller._not_before - ticker.now)  # bench only: skip the wait


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=1000)
    parser.add_argument("--fault-every", type=int, default=40, help="0: no faults")
    parser.add_argument("--tickets-per-day", type=float, default=9000.0)
    args = parser.parse_args()
    soak(args.polls, args.fault_every, args.tickets_per_day)


if __name__ == "__main__":
    main()
