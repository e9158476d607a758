"""The runtime's incident wiring, without Qt: the engine is built after the
backend, recovers interrupted actions once, ticks on the database worker and
tells its listeners, runs ops off the caller's thread, and the floor keeps
working when the incident log cannot be opened."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.clock import ManualClock
from cockpit.incidents.engine import TickResult
from cockpit.incidents.model import Action
from cockpit.metrics import FloorView
from cockpit.runtime.health import Health
from cockpit.runtime.runtime import IncidentsUnavailable, Runtime
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from cockpit.store.incidents import IncidentStore, NewEvent, Outcome, Phase

TOKEN = "runtime-incidents-" + "q" * 20
START = datetime(2026, 11, 10, 16, 30, tzinfo=UTC)


@pytest.fixture
def sim_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", TOKEN)
    sim = FloorSimulator(SimConfig.default(), seed=3, start=START)
    with SimServer(sim, ManualClock(START), port=0, token=TOKEN) as server:
        yield "sim://" + server.url.removeprefix("http://")


def _wait(done: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _start(runtime: Runtime, ticks: list[TickResult], views: list[FloorView]) -> None:
    runtime.subscribe(on_view=views.append, on_health=lambda _h: None)
    runtime.subscribe_incidents(on_tick=ticks.append)
    runtime.start()


def test_engine_ticks_and_runs_ops_on_the_database_worker(sim_url: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'incidents.db'}"
    _interrupted_bot_switch(db)
    settings = Settings(poll_interval_s=0.3, database_url=db)
    runtime = Runtime(settings, backend_url=sim_url, incident_tick_s=0.2)
    with pytest.raises(IncidentsUnavailable) as starting:
        runtime.require_engine()
    assert starting.value.reason == "starting"
    ticks: list[TickResult] = []
    views: list[FloorView] = []
    try:
        _start(runtime, ticks, views)
        _wait(lambda: len(ticks) >= 2 and bool(views))
        engine = runtime.require_engine()
        # recover() settled the interrupted switch at start, visibly.
        events = engine.timeline(1)
        assert [e.outcome for e in events if e.phase is Phase.OUTCOME] == [Outcome.UNKNOWN]

        threads: list[str] = []

        def declare() -> int:
            threads.append(threading.current_thread().name)
            change = runtime.require_engine().declare(
                "desk_failure", summary="drill", who="test", auto=False
            )
            return change.incident.id

        incident_id = runtime.run_op(declare).result(timeout=10)
        assert threads[0].startswith("cockpit-db")
        assert runtime.poller is not None
        assert runtime.poller.interval == 15.0  # the playbook's pace
        assert runtime.open_tickets()
        assert all(t.is_open for t in runtime.open_tickets())
        assert engine.incident(incident_id).active
    finally:
        runtime.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith(("cockpit", "APScheduler"))]


def _interrupted_bot_switch(db: str) -> None:
    """An incident whose bot switch never got an outcome (a crash)."""
    store = IncidentStore.open(db)
    try:
        created = store.create(
            kind="old",
            playbook_id="old",
            playbook={},
            severity="minor",
            summary="before the crash",
            variables={},
            declared=NewEvent(Action.DECLARE.value, "lead", START),
        )
        assert created is not None
        store.append(
            created[0].id,
            NewEvent(Action.BOT_ON.value, "lead", START, Phase.INTENT, Outcome.PENDING),
        )
        store.update(created[0].id, resolved=(START, "lead", "closed"))
    finally:
        store.close()


def test_the_floor_works_without_an_incident_log(sim_url: str, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the database folder should be")
    settings = Settings(poll_interval_s=0.3, database_url=f"sqlite:///{blocker / 'x.db'}")
    runtime = Runtime(settings, backend_url=sim_url)
    views: list[FloorView] = []
    healths: list[Health] = []
    try:
        runtime.subscribe(on_view=views.append, on_health=healths.append)
        runtime.start()
        _wait(lambda: bool(views) and runtime.incident_error is not None)
        with pytest.raises(IncidentsUnavailable) as missing:
            runtime.require_engine()
        assert missing.value.reason == "database"
    finally:
        runtime.shutdown()
