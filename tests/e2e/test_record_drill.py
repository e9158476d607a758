"""The README's drill, headless, at speed 1, 30 and 60: the simulator and the
recorder as subprocesses (``main.py sim``, ``main.py record``), an outage
started through the simulator's scenario endpoint once a baseline is
recorded, the incident run only through the ``incident`` verbs, the review
through ``review``.

The review's baseline, incident and recovery figures equal the simulator's
own records (every ticket, read back in one full load at the end) counted
over the same backend-time windows: a phase ``(start, end]`` counts the
samples in it, and each sample covers ``(previous poll, poll]``, so the
window the samples cover is from the last poll before ``start`` to the last
poll at or before ``end`` (less than one poll away). With the incident
stamped on the wall clock instead of the backend's, at speed 60 the
declaration would lie minutes before every sample and the review would be
empty or wrong.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests

from cockpit.backends.feed import FeedBackend
from cockpit.domain import Ticket
from cockpit.review_export import read_json
from cockpit.review_impact import PhaseImpact, PhaseName, Window
from cockpit.settings import SlaSettings
from cockpit.sim.scenarios import DEFAULT_OUTAGE_TOPICS
from cockpit.store.bundle import Stores
from cockpit.store.floor_time import latest_floor_time
from cockpit.store.samples import FLOOR, Sample
from tests.cockpit.loopback import loopback_server

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "record-drill-" + "r" * 20
POLL_S = 0.5
DRILL_START = "2026-11-10T10:00+08:00"  # a Tuesday, 10:00 in Shanghai


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        COCKPIT_FEED_TOKEN=TOKEN,
        COCKPIT_CONFIG_DIR=str(tmp_path / "config"),
        COCKPIT_DATA_DIR=str(tmp_path / "data"),
        PYTHONUNBUFFERED="1",
    )
    return env


def _await(done: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


class Process:
    """A ``main.py`` subprocess whose output lines are read on a thread."""

    def __init__(self, env: dict[str, str], *argv: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        self.err: list[str] = []
        self._threads = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read(self, stream: object, sink: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            sink.append(line)
            self.lines.put(line)

    def line_with(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no line with {text!r}: {''.join(self.err)[-2000:]}"
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if text in line:
                return line

    def wait(self, timeout: float) -> int:
        code = self.proc.wait(timeout=timeout)
        for thread in self._threads:
            thread.join(timeout=5)
        return code

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _cli(env: dict[str, str], *argv: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "main.py", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


@dataclass(frozen=True)
class Drill:
    speed: float
    phase_s: float  # wall seconds per phase
    # Stop the recorder with --until-resolved (else SIGTERM, and the review
    # gets a recovery window as long as the phase: at speed 1 the review's
    # one-minute minimum would make the test slow).
    until_resolved: bool = True

    @property
    def phase(self) -> timedelta:
        return timedelta(seconds=self.phase_s * self.speed)


def _floor_samples(db: str) -> list[Sample]:
    stores = Stores.open(db)
    try:
        first = datetime.fromisoformat("2000-01-01T00:00:00+00:00")
        return stores.metrics.samples(first, first + timedelta(days=36500), queue=FLOOR)
    finally:
        stores.close()


def _recorded_span(db: str) -> timedelta:
    samples = _floor_samples(db)
    return samples[-1].at - samples[0].at if len(samples) > 1 else timedelta(0)


def _latest(db: str) -> datetime | None:
    stores = Stores.open(db)
    try:
        return latest_floor_time(stores.engine)
    finally:
        stores.close()


@pytest.fixture
def sim(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Drill]]:
    drill: Drill = request.param
    env = _env(tmp_path)
    process = Process(
        env,
        "sim",
        "--port",
        "0",
        "--speed",
        f"{drill.speed:g}",
        "--seed",
        "5",
        # A fixed mid-morning floor: started at the wall clock's hour, the
        # small hours' falling arrivals (the promotion peak's tail) could
        # hide the outage against the baseline (seen at 03:00 in Shanghai).
        "--start",
        DRILL_START,
    )
    try:
        line = process.line_with("Floor simulator on ", timeout=60)
        url = line.split("Floor simulator on ", 1)[1].split()[0]
        yield url, drill
    finally:
        process.stop()


SPEEDS = [
    pytest.param(Drill(1, 6.0, until_resolved=False), id="speed1"),
    pytest.param(Drill(30, 8.0), id="speed30"),
    pytest.param(Drill(60, 8.0), id="speed60"),
]


OK_JSON = (200, {}, {"errcode": 0, "errmsg": "ok"})


@pytest.fixture
def chat_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of every subprocess, with the team chats on loopback."""
    env = _env(tmp_path)
    with loopback_server() as (base, chat):
        chat.on("POST", "/cgi-bin/webhook/send", *[OK_JSON] * 4)
        chat.on("POST", "/services/T1/B2/drill0slack0token0000", *[(200, {}, "ok")] * 4)
        env["COCKPIT_WEBHOOK_FLOOR_LEADS_URL"] = (
            f"{base}/cgi-bin/webhook/send?key=drill-key-0123456789"
        )
        env["COCKPIT_WEBHOOK_IT_OPS_URL"] = f"{base}/services/T1/B2/drill0slack0token0000"
        yield env


@pytest.mark.parametrize("sim", SPEEDS, indirect=True)
def test_a_headless_drill_reviews_the_simulators_truth(
    sim: tuple[str, Drill], chat_env: dict[str, str], tmp_path: Path
) -> None:
    url, drill = sim
    env = chat_env
    backend = "feed+" + url
    db = f"sqlite:///{tmp_path / 'drill.db'}"
    base = ["incident", "--backend", backend, "--db", db, "--who", "drill"]
    until = ["--until-resolved", "1"] if drill.until_resolved else []
    recorder = Process(
        env, "record", "--backend", backend, "--db", db, "--interval", f"{POLL_S}", *until
    )
    try:
        recorder.line_with("backend live", timeout=60)
        _await(
            lambda: _recorded_span(db) >= 1.6 * drill.phase,
            timeout=drill.phase_s * 1.6 + 60,
            what="the baseline",
        )
        # Declared with its automatic steps: scripts published, bot on, teams told.
        code, out, err = _cli(env, *base, "declare", "service_outage", "--summary", "drill",
                              "--var", "eta=01:30")  # fmt: skip
        assert code == 0, out + err
        declared_at = datetime.fromisoformat(json.loads(out)["incident"]["declared_at"])
        _start_outage(url, drill)
        code, _, err = _cli(env, *base, "broadcast", "1", "outage_ack", "--to", "agents",
                            "--var", "eta=01:30")  # fmt: skip
        assert code == 0, err
        _await(
            lambda: (_latest(db) or declared_at) >= declared_at + drill.phase,
            timeout=drill.phase_s + 60,
            what="the incident",
        )
        code, out, err = _cli(env, *base, "resolve", "1", "--summary", "drill over")
        assert code == 0, out + err
        if not drill.until_resolved:
            resolved_at = datetime.fromisoformat(json.loads(out)["incident"]["resolved_at"])
            _await(
                lambda: (_latest(db) or resolved_at) >= resolved_at + drill.phase,
                timeout=drill.phase_s + 60,
                what="the recovery",
            )
            recorder.proc.send_signal(signal.SIGTERM)
        assert recorder.wait(timeout=drill.phase_s * 2 + 60) == 0, "".join(recorder.err)
    finally:
        recorder.stop()
    summary = json.loads("".join(recorder.out))
    assert summary["stopped"] == ("resolved" if drill.until_resolved else "signal")
    assert summary["time_base"] == "backend"
    assert summary["rate"] == pytest.approx(drill.speed, rel=0.1)

    recovery = [] if drill.until_resolved else ["--recovery", f"{drill.phase_s * drill.speed / 60}"]
    code, _, err = _cli(
        env, "review", "1", "--db", db, "--json", str(tmp_path / "r.json"), *recovery
    )
    assert code == 0, err
    assert "no floor samples" not in err
    review = read_json(tmp_path / "r.json")
    samples = _floor_samples(db)  # all of them: the review holds only its span
    _check_time_base(review.incident.declared_at, samples, drill)
    tickets = _all_tickets(url)
    assert [w.phase for w in review.windows] == list(PhaseName)
    rates = []
    for window, impact in zip(review.windows, review.impact, strict=True):
        covered = _covered(window, samples)
        outage_topics = sum(impact.by_topic.get(topic, 0) for topic in DEFAULT_OUTAGE_TOPICS)
        rates.append(outage_topics / covered.length.total_seconds())
        # (The baseline may begin a little before the recorder's first poll.)
        start = max(window.start, samples[0].at)
        assert abs(covered.start - start) <= _poll_span(samples), window.phase
        assert abs(covered.end - window.end) <= _poll_span(samples), window.phase
        figures = _figures(impact)
        assert figures == _truth(tickets, covered, SlaSettings()), window.phase
        print(window.phase.value, {k: v for k, v in figures.items() if isinstance(v, int)})
    if drill.speed >= 30:
        incident = review.impact[1]
        assert incident.created > 0
        assert incident.responses > 0
        # The outage shows against the baseline on its own topics (six times
        # their usual rate; the floor's total would hide it at some hours).
        assert rates[1] > 2 * rates[0]


# The outage outlasts the incident: on a loaded machine each ``incident``
# verb takes seconds to start, minutes of floor time at speed 60, and an
# outage of three phases could end long before the incident was resolved.
OUTAGE_PHASES = 30


def _start_outage(url: str, drill: Drill) -> None:
    """The outage begins (through the simulator's scenario endpoint) as soon
    as the declaration returns: the baseline is a normal floor. (Started
    before the ``declare`` verb, its start-up time on a loaded machine, many
    minutes of floor time at speed 60, put outage tickets into the baseline.)"""
    response = requests.post(
        f"{url}/api/v1/sim/scenarios",
        json={
            "kind": "outage",
            "multiplier": 6,
            "duration_s": OUTAGE_PHASES * drill.phase.total_seconds(),
        },
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text


def _check_time_base(declared_at: datetime, samples: list[Sample], drill: Drill) -> None:
    """The declaration is stamped on the backend's time: it falls among the
    samples, within a poll of the recorder's floor times."""
    before = [s.at for s in samples if s.at <= declared_at]
    after = [s.at for s in samples if s.at > declared_at]
    assert before, "declared before anything was recorded: not on the backend's clock"
    assert after
    assert after[0] - before[-1] <= _poll_span(samples)


def _poll_span(samples: list[Sample]) -> timedelta:
    return timedelta(seconds=max(s.span_s for s in samples) + 1e-3)


def _covered(window: Window, samples: list[Sample]) -> Window:
    """What the samples in ``window`` cover: (previous poll, last poll]."""
    inside = [s for s in samples if window.holds(s.at)]
    assert inside, window.phase
    before = [s.at for s in samples if s.at < inside[0].at]
    # The previous poll's exact time (its span is a rounded float): an event
    # stamped right at a poll belongs to that poll's sample.
    start = before[-1] if before and inside[0].span_s > 0 else inside[0].at
    return Window(window.phase, start, inside[-1].at)


def _all_tickets(url: str) -> list[Ticket]:
    backend = FeedBackend(url, token=TOKEN)
    try:
        return list(backend.fetch(None).tickets)
    finally:
        backend.close()


def _late(ticket: Ticket, sla: SlaSettings) -> bool:
    assert ticket.first_response_at is not None
    target = sla.target(ticket.queue, ticket.priority).first_response_s
    waited = (ticket.first_response_at - ticket.created_at).total_seconds()
    return target is not None and waited > target


def _truth(tickets: list[Ticket], window: Window, sla: SlaSettings) -> dict[str, object]:
    created = [t for t in tickets if window.holds(t.created_at)]
    answered = [t for t in tickets if t.first_response_at and window.holds(t.first_response_at)]
    return {
        "created": len(created),
        "by_topic": Counter(str(t.topic) for t in created),
        "by_kind": Counter(t.kind.value for t in created),
        "bot_deflected": sum(t.bot_deflected for t in created),
        "resolutions": sum(1 for t in tickets if t.resolved_at and window.holds(t.resolved_at)),
        "responses": len(answered),
        "late_responses": sum(_late(t, sla) for t in answered),
    }


def _figures(impact: PhaseImpact) -> dict[str, object]:
    return {
        "created": impact.created,
        "by_topic": Counter(impact.by_topic),
        "by_kind": Counter(impact.by_kind),
        "bot_deflected": impact.bot_deflected,
        "resolutions": impact.resolutions,
        "responses": impact.responses,
        "late_responses": impact.late_responses,
    }
