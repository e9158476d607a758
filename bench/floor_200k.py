"""Singles' Day night benchmark: 200,000 open tickets, 2,000 agents, 60 queues.

For each size (each in a fresh process, so that its peak RSS is its own):
the cold load (merge + metrics of the full batch), then ``--polls``
incremental polls with 1 % of the open tickets changed and the floor ``--advance-s``
further on, each timed for the core (merge + all metrics) and, on the same
tickets, for a bare numpy group-by computing the same per-queue figures
(:mod:`bench.numpy_figures`), the two asserted equal on every poll; then
the GUI-thread apply of the queue, at-risk and heatmap panels, and the
largest event-loop stall while the real poller polls ``--polls`` times on
its worker thread. Then, per size, a desk's own peak RSS with the floor in
another process (:mod:`bench.desk_rss`: the figure the memory targets are
for), and finally the relay's cost per desk (:mod:`bench.relay_cost`).
The closing table lists every figure against its target.

    .venv/bin/python bench/floor_200k.py [--tickets 100000 200000] [--agents 2000]
        [--queues 60] [--polls 30] [--no-relay] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import desk_rss  # noqa: E402
from bench import numpy_figures as nf  # noqa: E402
from cockpit.domain import Batch  # noqa: E402
from cockpit.floor import FloorState  # noqa: E402
from cockpit.metrics import FloorView, compute_view  # noqa: E402
from cockpit.settings import Settings  # noqa: E402
from cockpit.sim import FloorSimulator, SimConfig  # noqa: E402

START = datetime(2026, 11, 11, 0, 30, tzinfo=UTC)  # 00:30 on Singles' Day
PAGE = 5000


def timed(fn: Callable[[], object]) -> float:
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, this thread's CPU) seconds: CPU time shows the cost apart
    from the other engineers' load on the shared cores."""
    begin, begin_cpu = time.perf_counter(), time.thread_time()
    fn()
    return time.perf_counter() - begin, time.thread_time() - begin_cpu


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """The resident set now (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def in_process_batch(sim: FloorSimulator, cursor: int | None) -> tuple[Batch, int]:
    """What the feed adapter would return, without HTTP: all pages since ``cursor``."""
    return sim.batch_since(cursor, PAGE)


class InProcessBackend:
    """The simulator as a TicketBackend for the poller, minus HTTP."""

    def __init__(self, sim: FloorSimulator) -> None:
        self.sim = sim
        self.url = "bench://in-process"

    def fetch(self, cursor: str | None) -> Batch:
        return in_process_batch(self.sim, None if cursor is None else int(cursor))[0]


class Floor:
    """A simulator, the cockpit's state following it, and the numpy columns of the same tickets."""

    def __init__(self, tickets: int, agents: int, queues: int, advance: timedelta) -> None:
        config = SimConfig.large(queues=queues, agents=agents, open_backlog=tickets)
        begin = time.perf_counter()
        self.sim = FloorSimulator(config, seed=1, start=START)
        self.build_s = time.perf_counter() - begin
        self.advance = advance
        self.settings = Settings()
        self.state = FloorState(self.settings.sla)
        self.view: FloorView | None = None
        self.cursor: int | None = None
        self.columns = nf.Columns([q.id for q in self.sim.queues()])
        self.targets = nf.Targets.from_settings(self.settings.sla, self.columns.queue_ids)
        self.changes = tickets // 100

    def merge(self, batch: Batch) -> None:
        begin = time.perf_counter()
        self.state.apply(batch)
        self.apply_s = time.perf_counter() - begin
        self.view = compute_view(self.state, backend="bench", previous=self.view)

    def next_batch(self) -> Batch:
        if self.cursor is not None:
            self.sim.advance(self.advance)
            self.sim.touch_random(self.changes)
        batch, self.cursor = in_process_batch(self.sim, self.cursor)
        return batch

    def poll(self) -> dict[str, Any]:
        """One poll: the core and the baseline on the same batch, compared."""
        batch = self.next_batch()
        core_s, core_cpu = timed_cpu(lambda: self.merge(batch))
        apply_s = self.apply_s
        update_s = timed(lambda: self.columns.update(batch.tickets))
        now = batch.server_time.timestamp()
        parts: dict[str, list[Any]] = {}
        numpy_s, numpy_cpu = timed_cpu(
            lambda: parts.update(nf.figures(self.columns, self.targets, now))
        )
        assert self.view is not None
        comparison = nf.compare(self.view, self.columns, parts)
        return {
            "changed": len(batch.tickets),
            "core_s": core_s,
            "numpy_s": numpy_s,
            "core_cpu_s": core_cpu,
            "apply_s": apply_s,
            "numpy_cpu_s": numpy_cpu,
            "numpy_update_s": update_s,
            "comparison": comparison,
        }


def profile_polls(floor: Floor, polls: int) -> str:
    """Where an incremental merge + metrics spends its time (cProfile, top 15)."""
    profiler = cProfile.Profile()
    for _ in range(polls):
        batch = floor.next_batch()
        floor.columns.update(batch.tickets)
        profiler.runcall(floor.merge, batch)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"cockpit[/\\]", 16)
    stats.sort_stats("tottime").print_stats(12)
    return out.getvalue()


def run_size(args: argparse.Namespace) -> dict[str, Any]:
    """Everything measured on one floor size, in this process."""
    gc.collect()
    base_mb = rss_mb()
    floor = Floor(args.one, args.agents, args.queues, timedelta(seconds=args.advance_s))
    gc.collect()
    sim_mb = rss_mb() - base_mb
    before_cold_mb = rss_mb()
    cold = floor.poll()
    cold_mb = rss_mb() - before_cold_mb
    # The baseline's own columns (the rest of the cold load is the cockpit's state).
    columns_mb = sum(col.nbytes for col in floor.columns.cols.values()) / 2**20
    gc.freeze()  # as the poller does after a full load
    polls = [floor.poll() for _ in range(args.polls)]
    result: dict[str, Any] = {
        "tickets": args.one,
        "open": sum(f.open for f in floor.view.queues) if floor.view else 0,
        "agents": args.agents,
        "queues": len(floor.columns.queue_ids),
        "build_s": floor.build_s,
        "cold_core_s": cold["core_s"],
        "cold_numpy_s": cold["numpy_s"],
        "changed": statistics.median(p["changed"] for p in polls),
        "core_s": [p["core_s"] for p in polls],
        "numpy_s": [p["numpy_s"] for p in polls],
        "core_cpu_s": [p["core_cpu_s"] for p in polls],
        "apply_s": [p["apply_s"] for p in polls],
        "numpy_cpu_s": [p["numpy_cpu_s"] for p in polls],
        "numpy_update_s": [p["numpy_update_s"] for p in polls],
        "compared": list(polls[-1]["comparison"].compared),
        "not_in_core": list(polls[-1]["comparison"].not_in_core),
        "legacy_service_level": polls[-1]["comparison"].legacy_service_level,
        "rss_core_mb": peak_rss_mb(),
        "rss_base_mb": base_mb,
        "rss_sim_mb": sim_mb,
        "rss_cold_mb": cold_mb,
        "rss_columns_mb": columns_mb,
    }
    if args.profile or statistics.median(result["core_s"]) > 0.050:
        result["profile"] = profile_polls(floor, 5)
    result.update(gui_figures(floor, args.polls))
    result["rss_mb"] = peak_rss_mb()
    return result


def gui_figures(floor: Floor, polls: int) -> dict[str, Any]:
    from bench import gui_probe
    from cockpit.runtime.poller import Poller

    assert floor.view is not None
    view_a = floor.view
    floor.poll()
    assert floor.view is not None
    applies = gui_probe.apply_times(view_a, floor.view, 60)
    poller = Poller(InProcessBackend(floor.sim), settings=floor.settings)  # type: ignore[arg-type]
    # The poller carries on with the floor already loaded (one FloorState in
    # the process, as in the app; no second cold load).
    poller._state, poller._view = floor.state, floor.view

    def touch() -> None:
        floor.sim.advance(floor.advance)
        floor.sim.touch_random(floor.changes)

    stall = gui_probe.largest_stall(poller, touch, polls, pause_s=0.2)
    return {"gui_" + k: v for k, v in applies.items()} | {"stall": stall}


# --- the parent: one child per size, then the table ------------------------------


def child(args: argparse.Namespace, tickets: int) -> dict[str, Any]:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--one", str(tickets),
        "--agents", str(args.agents), "--queues", str(args.queues),
        "--polls", str(args.polls), "--advance-s", str(args.advance_s),
    ]  # fmt: skip
    if args.profile:
        command.append("--profile")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {tickets:,}-ticket run failed (exit {done.returncode})")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    desk_rss.add_floor_arguments(parser)
    parser.add_argument("--advance-s", type=float, default=5.0, help="floor time between polls")
    parser.add_argument("--no-relay", action="store_true", help="skip the relay's cost per desk")
    parser.add_argument(
        "--no-desk", action="store_true", help="skip the desk's own memory (bench/desk_rss.py)"
    )
    parser.add_argument("--relay-tickets", type=int, default=50_000)
    parser.add_argument("--profile", action="store_true", help="cProfile the incremental poll")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = run_size(args)
        print(json.dumps(result))
        return
    from bench import report

    began = time.perf_counter()
    results = []
    for tickets in args.tickets:
        print(f"running {tickets:,} tickets ...", file=sys.stderr, flush=True)
        results.append(child(args, tickets))
    desks = []
    if not args.no_desk:
        for tickets in args.tickets:
            print(f"running a desk on {tickets:,} tickets ...", file=sys.stderr, flush=True)
            desks.append(desk_rss.measure(tickets, args))
    relay = None
    if not args.no_relay:
        from bench import relay_cost

        print("running the relay ...", file=sys.stderr, flush=True)
        relay = relay_cost.run(args.relay_tickets, args.agents, args.queues)
    report.print_report(results, relay, desks=desks, elapsed_s=time.perf_counter() - began)


if __name__ == "__main__":
    main()
