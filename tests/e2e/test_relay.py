"""The relay on 127.0.0.1: one poller on the simulator feeds ten desks.

The simulator runs on a manual clock, so the floor only changes when the
test moves it: after each relay poll every desk must see exactly the
relay's floor, and the simulator must have seen the relay's requests only.
"""

from __future__ import annotations

import io
import threading
import time
from argparse import Namespace
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from cockpit.backends import open_backend
from cockpit.backends.base import AutoReplyState
from cockpit.clock import ManualClock
from cockpit.metrics import FloorView
from cockpit.relay import Relay
from cockpit.relay_cli import run_relay_verb
from cockpit.runtime.health import HealthState
from cockpit.runtime.poller import Poller
from cockpit.settings import Settings
from cockpit.sim import FloorSimulator, SimConfig, SimServer
from cockpit.store.bundle import Stores

pytestmark = pytest.mark.e2e

START = datetime(2026, 11, 11, 16, 40, tzinfo=UTC)  # 00:40 in Shanghai, the peak
SIM_TOKEN = "relay-sim-" + "s" * 20
RELAY_TOKEN = "relay-desks-" + "r" * 20
DESKS = 10


@dataclass
class Floor:
    sim: FloorSimulator
    clock: ManualClock
    relay: Relay
    sim_requests: Counter[str]

    def move(self, seconds: float) -> None:
        self.clock.advance(seconds)


@pytest.fixture
def floor() -> Iterator[Floor]:
    sim = FloorSimulator(SimConfig.default(warmup=timedelta(hours=3)), seed=11, start=START)
    clock = ManualClock(START)
    counts: Counter[str] = Counter()
    with SimServer(sim, clock, port=0, token=SIM_TOKEN) as server:
        api: Any = server._api
        handle = api.handle

        def counting(method: str, target: str, *args: Any) -> Any:
            counts[f"{method} {target.split('?')[0]}"] += 1
            return handle(method, target, *args)

        api.handle = counting
        relay = Relay(
            Settings(),
            backend_url="sim://" + server.url.removeprefix("http://"),
            token=RELAY_TOKEN,
            upstream_token=SIM_TOKEN,
            # Wall time stands still: the relay's clock stays at its last poll,
            # so the desks' floors are the relay's to the millisecond.
            monotonic=lambda: 0.0,
        )
        relay.start(schedule=False)  # the test polls it
        try:
            yield Floor(sim, clock, relay, counts)
        finally:
            relay.stop()


def _desk(relay: Relay) -> Poller:
    return Poller(open_backend("feed+" + relay.url + "/", token=RELAY_TOKEN), settings=Settings())


def _essence(view: FloorView) -> Any:
    """What a supervisor reads: every queue's figures and the SLA lists."""
    return (
        view.generated_at,
        view.queues,
        [(r.ticket, r.state) for r in view.at_risk],
        [(r.ticket, r.state) for r in view.breached],
        view.escalation_summary,
    )


def test_ten_desks_cost_the_help_desk_one_poller(floor: Floor) -> None:
    floor.relay.poll_once()
    desks = [_desk(floor.relay) for _ in range(DESKS)]
    try:
        for _round in range(3):
            before = Counter(floor.sim_requests)
            views = [desk.poll_once() for desk in desks]
            # The desks read the relay only: the simulator saw nothing new.
            assert floor.sim_requests == before
            relay_view = floor.relay.poller.view
            assert relay_view is not None
            for view in views:
                assert view is not None
                assert _essence(view) == _essence(relay_view)
            floor.move(90)
            floor.relay.poll_once()
        # Three relay polls (one full load, two increments) — and no more.
        assert floor.sim_requests["GET /api/v1/tickets"] >= 3
        assert floor.sim_requests["GET /api/v1/tickets"] <= 3 + 10  # paging of the full load
        assert all(d.health.state is HealthState.LIVE for d in desks)
    finally:
        for desk in desks:
            desk.shutdown()


def test_desks_are_sent_only_what_changed(floor: Floor) -> None:
    floor.relay.poll_once()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {RELAY_TOKEN}"
    base = floor.relay.url + "/api/v1/tickets"
    full = session.get(base, params={"limit": 5000}, timeout=10).json()
    assert full["full"] is True
    cursor = full["next_cursor"]
    idle = session.get(base, params={"cursor": cursor}, timeout=10).json()
    assert idle["tickets"] == []
    assert idle["full"] is False
    floor.move(120)
    floor.relay.poll_once()
    changed = session.get(base, params={"cursor": cursor, "limit": 5000}, timeout=10).json()
    ids = [t["id"] for t in changed["tickets"]]
    assert ids, "two minutes at the peak change some tickets"
    assert len(ids) == len(set(ids))
    assert len(ids) < len(full["tickets"])
    assert changed["server_time"] == floor.relay.poller.view.generated_at.isoformat().replace(
        "+00:00", "Z"
    )
    gone = session.get(base, params={"cursor": "999999999"}, timeout=10)
    assert gone.status_code == 410
    session.close()


def test_a_relay_whose_help_desk_is_down_makes_desks_stale_not_live(floor: Floor) -> None:
    floor.relay.poll_once()
    desk = _desk(floor.relay)
    try:
        assert desk.poll_once() is not None
        kept = desk.view
        # The help desk refuses the relay from now on.
        api: Any = floor.relay._reader
        api._http.session.headers["Authorization"] = "Bearer wrong"
        floor.relay.poll_once()
        assert floor.relay.poller.health.state is HealthState.OFFLINE
        assert desk.poll_once() is None
        assert desk.health.state is not HealthState.LIVE
        assert "auth" in (desk.health.detail or "") or desk.health.reason is not None
        assert desk.view is kept  # the last good floor stays on screen
    finally:
        desk.shutdown()


def test_writes_pass_through_to_the_help_desk(floor: Floor) -> None:
    floor.relay.poll_once()
    backend = open_backend("feed+" + floor.relay.url + "/", token=RELAY_TOKEN)
    try:
        state = backend.set_auto_reply(AutoReplyState(enabled=True, message="稍候", topics=()))
        assert state.enabled
        assert floor.sim.get_auto_reply().enabled
        waiting = next(t for t in floor.sim.tickets() if t.is_open and t.first_response_at is None)
        outcome = backend.reply(waiting.id, "您好，正在处理")
        assert outcome.ok
        assert floor.sim.ticket(waiting.id).first_response_at is not None
    finally:
        backend.close()


def test_the_relay_records_the_floor_once_for_every_desk(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    settings = Settings(poll_interval_s=0.3, database_url=db)
    args = Namespace(relay_backend=None, backend=None, host="127.0.0.1", port=0, record=True)
    out = io.StringIO()
    stop = threading.Event()
    result: list[int] = []
    runner = threading.Thread(
        target=lambda: result.append(run_relay_verb(args, settings, out, stop=stop)),
        name="relay-verb",
    )
    runner.start()
    stores = Stores.open(db)
    try:
        deadline = time.monotonic() + 60
        while stores.metrics.count() == 0:
            assert time.monotonic() < deadline, out.getvalue()
            time.sleep(0.1)
    finally:
        stop.set()
        runner.join(timeout=60)
        stores.close()
    assert result == [0]
    assert "Relay for sim://" in out.getvalue()


def test_a_relay_whose_recorder_fails_to_open_stops_what_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded simulator and the relay's server are stopped (the
    autouse thread check fails otherwise); the error reaches the caller."""
    from cockpit.runtime.housekeeping import Housekeeping

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("recorder broke")

    monkeypatch.setattr(Housekeeping, "open", broken)
    settings = Settings(poll_interval_s=0.3, database_url=f"sqlite:///{tmp_path / 'r.db'}")
    args = Namespace(relay_backend=None, backend=None, host="127.0.0.1", port=0, record=True)
    with pytest.raises(RuntimeError, match="recorder broke"):
        run_relay_verb(args, settings, io.StringIO(), stop=threading.Event())


def test_between_relay_polls_a_desk_sees_the_help_desks_clock_run_on(floor: Floor) -> None:
    wall = [100.0]
    relay = Relay(
        Settings(),
        backend_url=floor.relay.poller.backend.url,
        token=RELAY_TOKEN,
        upstream_token=SIM_TOKEN,
        monotonic=lambda: wall[0],
    )
    relay.start(schedule=False)
    desk = _desk(relay)
    try:
        relay.poll_once()
        first = desk.poll_once()
        wall[0] += 3  # three seconds later, no relay poll in between
        second = desk.poll_once()
        assert first is not None
        assert second is not None
        assert second.generated_at > first.generated_at
        assert desk.health.state is HealthState.LIVE  # moving time: not a frozen answer
    finally:
        desk.shutdown()
        relay.stop()


def test_desks_at_the_same_cursor_cost_one_encoding_and_an_idle_poll_is_small(
    floor: Floor,
) -> None:
    floor.relay.poll_once()
    desks = [_desk(floor.relay) for _ in range(DESKS)]
    api: Any = floor.relay._server._api
    try:
        for desk in desks:
            assert desk.poll_once() is not None  # cold loads
        floor.move(60)
        floor.relay.poll_once()
        hits, misses = api._cache.hits, api._cache.misses
        for desk in desks:
            assert desk.poll_once() is not None
        # One desk builds the answers (tickets and, when they changed,
        # agents); the other nine get them as encoded.
        assert api._cache.misses - misses <= 2
        assert api._cache.hits - hits >= DESKS - 1
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {RELAY_TOKEN}"
        cursor = str(floor.relay.source.stats().seq)
        idle = session.get(
            floor.relay.url + "/api/v1/tickets", params={"cursor": cursor}, timeout=10
        )
        session.close()
        assert idle.json()["tickets"] == []
        assert len(idle.content) < 400  # the time, the cursor, the versions
        relay_view = floor.relay.poller.view
        assert relay_view is not None
        for desk in desks:
            assert desk.view is not None
            assert _essence(desk.view) == _essence(relay_view)
    finally:
        for desk in desks:
            desk.shutdown()


def _desk_runtime(relay: Relay, tmp_path: Path) -> Any:
    from cockpit.runtime.runtime import Runtime

    settings = Settings(poll_interval_s=0.2, database_url=f"sqlite:///{tmp_path / 'desk.db'}")
    return Runtime(settings, backend_url="feed+" + relay.url + "/")


def _wait(done: Any, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_desk_behind_a_recording_relay_leaves_the_samples_to_it(
    floor: Floor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", RELAY_TOKEN)
    floor.relay.announce_recording(True)
    floor.relay.poll_once()
    runtime = _desk_runtime(floor.relay, tmp_path)
    views: list[FloorView] = []
    runtime.subscribe(on_view=views.append, on_health=lambda h: None)
    runtime.start()
    try:
        _wait(lambda: runtime.housekeeping is not None and len(views) >= 1, "the desk's load")
        recorder = runtime.housekeeping.recorder
        for _ in range(3):  # the relay's clock stands still: the floor moves by polls
            seen = len(views)
            floor.move(30)
            floor.relay.poll_once()
            _wait(lambda seen=seen: len(views) > seen, "a desk poll")
        assert recorder.deferred is not None
        assert floor.relay.url in recorder.deferred
        runtime.executors.db.submit(lambda: None).result(timeout=10)
        assert runtime.housekeeping.stores.metrics.count() == 0
        # A relay that does not record: the desk records.
        floor.relay.announce_recording(False)
        for _ in range(3):
            seen = len(views)
            floor.move(30)
            floor.relay.poll_once()
            _wait(lambda seen=seen: len(views) > seen, "a desk poll")
        assert recorder.deferred is None
        _wait(lambda: runtime.housekeeping.stores.metrics.count() > 0, "samples")
    finally:
        runtime.shutdown()
