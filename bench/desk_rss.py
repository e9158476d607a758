"""A desk's own memory and load time: the real cockpit window polling a
large floor over loopback HTTP, with the floor in another process.

``floor_200k.py`` measures the core with the simulator in the same process,
so its peak RSS holds the simulator's floor too. Here the simulator runs in
a child process (the host) serving the feed API, as a help desk or a relay
would, and a second child is a desk like any other: the app's runtime
(poller, alert engine, early warning, metric samples into SQLite), the main
window offscreen at 1920×1080 in Simplified Chinese, the app's collector and
GIL switching (``widgets.app.run_session``). The host moves its floor 5 s on
and changes 1 % of the open tickets every second; the desk polls every
second. Once the desk has shown ``--polls`` views after its full load, it
prints its peak RSS (``ru_maxrss``), the time to its first view, the
largest poll-to-poll gap and its own CPU time, and quits
(``BENCH_SCREENSHOT=file.png``: with a picture of its window).

    .venv/bin/python bench/desk_rss.py [--tickets 100000 200000] [--polls 30]
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "bench-desk"
START = datetime(2026, 11, 11, 0, 30, tzinfo=UTC)  # 00:30 on Singles' Day
RSS_TARGET_MB = {100_000: 400, 200_000: 700}


def host(tickets: int, agents: int, queues: int) -> None:
    """The floor: a large simulator served on loopback, moving on every second
    until standard input closes."""
    from cockpit.clock import ManualClock
    from cockpit.sim import FloorSimulator, SimConfig, SimServer

    config = SimConfig.large(queues=queues, agents=agents, open_backlog=tickets)
    sim = FloorSimulator(config, seed=3, start=START)
    clock = ManualClock(sim.now)
    changes = tickets // 100
    with SimServer(sim, clock, token=TOKEN) as server:
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(1.0):
                with server.lock:
                    clock.advance(timedelta(seconds=5))
                    sim.advance_to(clock.now())
                    sim.touch_random(changes)

        ticker = threading.Thread(target=tick, name="floor-ticker", daemon=True)
        ticker.start()
        print(f"READY {server.url}", flush=True)
        sys.stdin.read()  # until the parent closes it
        stop.set()
        ticker.join()


def desk(url: str, polls: int) -> None:
    """The measured process: the cockpit's window on ``url`` until ``polls``
    views after the first; one JSON line on stdout."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tracing = os.environ.get("BENCH_TRACEMALLOC") == "1"
    if tracing:  # where the Python heap goes (slow; the RSS then includes its own books)
        import tracemalloc

        tracemalloc.start()
    # widgets first, as in the app: it makes PySide6's import hook cheap
    # before anything else is imported (widgets/pyside_import.py).
    importlib.import_module("widgets")
    from PySide6.QtWidgets import QApplication

    from cockpit.runtime.runtime import build_runtime
    from cockpit.settings import load_settings
    from widgets.app import (
        CockpitSession,
        Translations,
        apply_app_font,
        create_application,
        run_session,
        window_state,
    )

    began = time.perf_counter()
    app = create_application()
    apply_app_font(app)
    translations = Translations(app)
    translations.apply("zh_CN")
    runtime = build_runtime(load_settings(), backend_url="sim://" + url.removeprefix("http://"))
    seen: list[float] = []
    rss_now: list[int] = []  # the resident set at each view
    result: dict[str, Any] = {}

    def watch(qt_app: QApplication, session: CockpitSession) -> None:
        session.window.resize(1920, 1080)

        def on_view(_view: object) -> None:
            seen.append(time.perf_counter())
            rss_now.append(round(current_rss_mb()))
            if len(seen) == 1:
                result["rss_first_view_mb"] = peak_rss_mb()
            if len(seen) > polls:
                session.bridge.floorUpdated.disconnect(on_view)
                shot = os.environ.get("BENCH_SCREENSHOT")
                if shot:  # to look at the floor the desk shows
                    session.window.grab().save(shot)
                if tracing:
                    print_heap()
                qt_app.exit(0)

        session.bridge.floorUpdated.connect(on_view)

    code = run_session(
        app, runtime, translations=translations, state=window_state(), choice="zh_CN", watch=watch
    )
    cpu = os.times()
    gaps = [b - a for a, b in itertools.pairwise(seen[1:])]
    result.update(
        exit=code,
        views=len(seen),
        first_view_s=seen[0] - began if seen else None,
        largest_gap_s=max(gaps, default=None),
        cpu_s=cpu.user + cpu.system,
        wall_s=time.perf_counter() - began,
        rss_mb=peak_rss_mb(),
        rss_at_views_mb=rss_now,
    )
    print(json.dumps(result), flush=True)


def print_heap() -> None:
    """The Python heap by file, largest first (stderr)."""
    import tracemalloc

    snapshot = tracemalloc.take_snapshot()
    total = sum(stat.size for stat in snapshot.statistics("filename"))
    print(f"python heap {total / 2**20:.0f} MB; by file:", file=sys.stderr)
    for stat in snapshot.statistics("filename")[:25]:
        print(f"  {stat.size / 2**20:7.1f} MB  {stat.traceback[0].filename}", file=sys.stderr)
    for stat in snapshot.statistics("lineno")[:25]:
        frame = stat.traceback[0]
        print(f"  {stat.size / 2**20:7.1f} MB  {frame.filename}:{frame.lineno}", file=sys.stderr)


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(tickets: int, args: argparse.Namespace) -> dict[str, Any]:
    """One floor size: a host, then a desk on it; the desk's figures."""
    me = [sys.executable, str(Path(__file__).resolve())]
    host_proc = subprocess.Popen(
        [*me, "--host", str(tickets), "--agents", str(args.agents), "--queues", str(args.queues)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert host_proc.stdout is not None
        ready = host_proc.stdout.readline().split()
        if ready[:1] != ["READY"]:
            raise SystemExit(f"the {tickets:,}-ticket floor did not start")
        with tempfile.TemporaryDirectory(prefix="cockpit-desk-") as scratch:
            env = os.environ | {
                "QT_QPA_PLATFORM": "offscreen",
                "COCKPIT_CONFIG_DIR": str(Path(scratch) / "config"),
                "COCKPIT_DATA_DIR": str(Path(scratch) / "data"),
                "COCKPIT_DATABASE_URL": f"sqlite:///{Path(scratch) / 'cockpit.db'}",
                "COCKPIT_FEED_TOKEN": TOKEN,
                "COCKPIT_POLL_INTERVAL_S": "1",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            }
            done = subprocess.run(
                [*me, "--desk", ready[1], "--polls", str(args.polls)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=env,
                timeout=1800,
                check=False,
            )
        if os.environ.get("BENCH_TRACEMALLOC") == "1" or done.returncode != 0:
            sys.stderr.write(done.stderr[-8000:])
        if done.returncode != 0:
            raise SystemExit(f"the desk on {tickets:,} tickets failed (exit {done.returncode})")
        return {"tickets": tickets} | json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if host_proc.stdin is not None:
            host_proc.stdin.close()
        host_proc.wait(timeout=60)


def print_report(results: list[dict[str, Any]]) -> None:
    print("== a desk's own process (window, runtime, recorder), floor in another process")
    print(f"   {'open tickets':>12}  {'peak RSS':>9}  {'target':>7}  {'first view':>10}"
          f"  {'largest gap':>11}  {'CPU':>7}")  # fmt: skip
    for r in results:
        target = RSS_TARGET_MB.get(r["tickets"])
        verdict = "" if target is None else ("  ok" if r["rss_mb"] <= target else "  OVER")
        print(
            f"   {r['tickets']:>12,}  {r['rss_mb']:>6.0f} MB  "
            f"{'' if target is None else f'{target} MB':>7}  {r['first_view_s']:>8.1f} s"
            f"  {r['largest_gap_s']:>9.2f} s  {r['cpu_s']:>5.0f} s{verdict}"
        )
        print(
            f"   {'':>12}  peak by the first view {r['rss_first_view_mb']:.0f} MB; "
            f"resident at each view (MB): {' '.join(map(str, r['rss_at_views_mb']))}"
        )


def add_floor_arguments(parser: argparse.ArgumentParser) -> None:
    """The floor's size and the polls measured (shared with ``floor_200k.py``)."""
    parser.add_argument("--tickets", type=int, nargs="+", default=[100_000, 200_000])
    parser.add_argument("--agents", type=int, default=2000)
    parser.add_argument("--queues", type=int, default=60)
    parser.add_argument("--polls", type=int, default=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_floor_arguments(parser)
    parser.add_argument("--host", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--desk", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.host:
        host(args.host, args.agents, args.queues)
        return
    if args.desk:
        desk(args.desk, args.polls)
        return
    results = []
    for tickets in args.tickets:
        print(f"running a desk on {tickets:,} tickets ...", file=sys.stderr, flush=True)
        results.append(measure(tickets, args))
    print_report(results)


if __name__ == "__main__":
    main()
