"""The relay's cost per desk: CPU time and bytes per desk poll with 1, 10
and 20 desks polling a relay in front of a large simulator floor (loopback).

The simulator and the relay run in a child process (``--host``), so its
CPU time (``os.times``) is the relay's and nothing else's; the desks are
:class:`~cockpit.backends.feed.FeedBackend` clients in this process, one
thread each. Each round: the floor moves 5 s on with 1 % of its open tickets
changed and the relay polls it (not counted), then every desk polls the
relay at once; the child's CPU time over the desks' polls, divided by the
desk polls, is the cost per desk poll. Desks start from the relay's
current cursor (one desk's cold load is measured on its own). The same is
measured on a quiet floor: each round only the floor's own 5 s of work
(a few dozen tickets, a few agents), no extra changes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIM_TOKEN, RELAY_TOKEN = "bench-sim", "bench-relay"
DESKS = (1, 10, 20)
ROUNDS = 5
START = datetime(2026, 11, 11, 0, 30, tzinfo=UTC)


def host(tickets: int, agents: int, queues: int) -> None:
    """The child: a simulator, its server and a relay; commands on stdin."""
    from cockpit.clock import ManualClock
    from cockpit.relay import Relay
    from cockpit.settings import Settings
    from cockpit.sim import FloorSimulator, SimConfig, SimServer

    config = SimConfig.large(queues=queues, agents=agents, open_backlog=tickets)
    sim = FloorSimulator(config, seed=2, start=START)
    clock = ManualClock(sim.now)
    with SimServer(sim, clock, token=SIM_TOKEN) as server:
        relay = Relay(
            Settings(),
            backend_url="sim://" + server.url.removeprefix("http://"),
            token=RELAY_TOKEN,
            upstream_token=SIM_TOKEN,
        )
        relay.start(schedule=False)
        try:
            relay.poll_once()
            _reply(f"READY {relay.url} {relay.source.stats().seq}")
            for line in sys.stdin:
                command, _, arg = line.strip().partition(" ")
                if command == "tick":
                    with server.lock:
                        clock.advance(timedelta(seconds=5))
                        sim.advance_to(clock.now())
                        sim.touch_random(int(arg or tickets // 100))
                    relay.poll_once()
                    _reply(f"OK {relay.source.stats().seq}")
                elif command == "cpu":
                    times = os.times()
                    _reply(f"CPU {times.user + times.system}")
                elif command == "quit":
                    break
        finally:
            relay.stop()


def _reply(text: str) -> None:
    print(text, flush=True)


class Desk:
    """One desk's feed client, counting the bytes of every answer."""

    def __init__(self, url: str, cursor: str | None) -> None:
        from cockpit.backends.feed import FeedBackend

        self.backend = FeedBackend(url, token=RELAY_TOKEN)
        self.cursor = cursor
        self.bytes = 0
        self.backend._http.session.hooks["response"].append(self._count)

    def _count(self, response: Any, *args: object, **kwargs: object) -> None:
        self.bytes += len(response.content)

    def poll(self) -> float:
        begin = time.perf_counter()
        batch = self.backend.fetch(self.cursor)
        self.cursor = batch.cursor
        return time.perf_counter() - begin

    def close(self) -> None:
        self.backend.close()


class Child:
    def __init__(self, tickets: int, agents: int, queues: int) -> None:
        command = [sys.executable, str(Path(__file__).resolve()), "--host", str(tickets),
                   str(agents), str(queues)]  # fmt: skip
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        words = self._read("READY")
        self.url, self.seq = words[1], words[2]

    def _read(self, expect: str) -> list[str]:
        stdout: IO[str] | None = self.proc.stdout
        assert stdout is not None
        line = stdout.readline()
        if not line.startswith(expect):
            raise RuntimeError(f"relay host: expected {expect}, got {line!r}")
        return line.split()

    def ask(self, command: str, expect: str) -> list[str]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._read(expect)

    def cpu(self) -> float:
        return float(self.ask("cpu", "CPU")[1])

    def close(self) -> None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        finally:
            self.proc.wait(timeout=60)


def _cold(child: Child) -> dict[str, float]:
    desk = Desk(child.url, None)
    before = child.cpu()
    seconds = desk.poll()
    result = {"cpu_s": child.cpu() - before, "bytes": desk.bytes, "wall_s": seconds}
    desk.close()
    return result


def _desks(child: Child, count: int, changes: int) -> dict[str, Any]:
    desks = [Desk(child.url, child.seq) for _ in range(count)]
    # One round first: the desks' first poll fetches the agents and queues.
    with ThreadPoolExecutor(max_workers=count) as pool:
        child.seq = child.ask(f"tick {changes}", "OK")[1]
        list(pool.map(lambda d: d.poll(), desks))
    for desk in desks:
        desk.bytes = 0
    cpu, walls, ticks = 0.0, [], []
    with ThreadPoolExecutor(max_workers=count) as pool:
        for _ in range(ROUNDS):
            before = child.cpu()
            child.seq = child.ask(f"tick {changes}", "OK")[1]
            ticks.append(child.cpu() - before)  # the floor's work and the relay's poll
            before = child.cpu()
            walls.extend(pool.map(lambda d: d.poll(), desks))
            cpu += child.cpu() - before
    polls = ROUNDS * count
    result = {
        "desks": count,
        "cpu_per_poll_s": cpu / polls,
        "bytes_per_poll": sum(d.bytes for d in desks) / polls,
        "poll_wall_median_s": statistics.median(walls),
        "tick_cpu_median_s": statistics.median(ticks),
    }
    for desk in desks:
        desk.close()
    return result


def run(tickets: int, agents: int, queues: int) -> dict[str, Any]:
    began = time.perf_counter()
    child = Child(tickets, agents, queues)
    try:
        started_s = time.perf_counter() - began
        cold = _cold(child)
        per_desks = [_desks(child, n, tickets // 100) for n in DESKS]
        quiet = [_desks(child, n, 0) for n in DESKS]
    finally:
        child.close()
    return {"tickets": tickets, "agents": agents, "queues": queues, "start_s": started_s,
            "cold": cold, "desks": per_desks, "quiet": quiet,
            "changes": tickets // 100}  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--host":
        host(*(int(a) for a in sys.argv[2:]))
    else:
        import json

        print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, 2000, 60)))
