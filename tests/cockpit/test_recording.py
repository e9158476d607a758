"""The metrics recorder (interval counts, one insert per flush, never
blocking the poll), the shift end, and the housekeeping jobs' work."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cockpit.clock import ManualClock
from cockpit.domain import (
    Agent,
    AgentId,
    AgentState,
    Batch,
    Kind,
    Priority,
    QueueId,
    Status,
    Ticket,
    TicketId,
)
from cockpit.floor import FloorState
from cockpit.handover import shift_end
from cockpit.metrics import compute_view
from cockpit.recording import MetricsRecorder, tally
from cockpit.runtime.executors import Executors
from cockpit.runtime.housekeeping import Housekeeping
from cockpit.settings import HandoverSettings, Settings
from cockpit.store.bundle import Stores
from cockpit.store.samples import FLOOR, MetricStore, Sample

T0 = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
Q = QueueId("payment")


def _ticket(n: int, created: datetime, **changes: Any) -> Ticket:
    values: dict[str, Any] = {
        "id": TicketId(f"T{n}"),
        "queue": Q,
        "priority": Priority.URGENT,
        "status": Status.OPEN,
        "created_at": created,
        "updated_at": created,
        "topic": "payment",
        **changes,
    }
    return Ticket(**values)


def test_tally_counts_each_event_in_its_interval() -> None:
    since, until = T0, T0 + timedelta(minutes=1)
    inside = T0 + timedelta(seconds=30)
    tickets = [
        _ticket(1, inside, kind=Kind.COMPLAINT),
        _ticket(1, inside, kind=Kind.COMPLAINT),  # the same ticket twice: counted once
        _ticket(2, T0, bot_deflected=True),  # created at the open end: not in (since, until]
        _ticket(3, inside, bot_deflected=True, first_response_at=inside, resolved_at=inside),
        _ticket(4, T0 - timedelta(minutes=10), first_response_at=until),  # answered late
    ]
    late = {TicketId("T4")}
    [counts] = tally(tickets, since=since, until=until, met=lambda t: t.id not in late).values()
    assert (counts.arrivals, counts.deflected, counts.resolutions) == (2, 1, 1)
    assert (counts.responses, counts.late) == (2, 1)
    assert counts.wait_sum_s == 660.0  # T4 waited 11 min; T3 none
    assert counts.wait_max_s == 660.0
    assert counts.kinds == {"complaint": 1, "enquiry": 1}
    assert counts.topics == {"payment": 2}


class QueuedExecutor(Executor):
    """Holds tasks until ``run_all``: a database that is slow to answer."""

    def __init__(self) -> None:
        self.tasks: list[Callable[[], Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.tasks.append(lambda: fn(*args, **kwargs))
        return Future()

    def run_all(self) -> None:
        tasks, self.tasks = self.tasks, []
        for task in tasks:
            task()


class CountingStore(MetricStore):
    def __init__(self) -> None:
        self.inserts: list[list[Sample]] = []

    def add(self, samples: Any) -> int:
        self.inserts.append(list(samples))
        return len(self.inserts[-1])


def _poll(
    recorder: MetricsRecorder, state: FloorState, at: datetime, tickets: list[Ticket]
) -> None:
    agents = (Agent(AgentId("a1"), "Li", AgentState.BUSY, skills=(Q,)),)
    batch = Batch(tuple(tickets), cursor=str(at), server_time=at, agents=agents)
    state.apply(batch)
    recorder.on_batch(batch, state)
    recorder.on_view(compute_view(state, backend="test"))


def test_a_slow_database_gets_bigger_inserts_not_a_slower_poll() -> None:
    store, executor = CountingStore(), QueuedExecutor()
    recorder = MetricsRecorder(store, executor, max_buffer=1000)
    state = FloorState(Settings().sla)
    for minute in range(5):
        at = T0 + timedelta(minutes=minute)
        _poll(recorder, state, at, [_ticket(minute, at - timedelta(seconds=1))])
    assert len(executor.tasks) == 1  # one flush queued, however many polls
    executor.run_all()
    [rows] = store.inserts
    floor = [s for s in rows if s.queue == FLOOR]
    assert [s.arrivals for s in floor] == [0, 1, 1, 1, 1]  # the first poll has no interval
    assert [s.span_s for s in floor] == [0.0, 60.0, 60.0, 60.0, 60.0]
    assert all(s.agents_busy == 1 for s in floor)
    assert {s.queue for s in rows} == {Q, FLOOR}


def test_samples_carry_the_service_level_parts() -> None:
    store, executor = CountingStore(), QueuedExecutor()
    recorder = MetricsRecorder(store, executor, max_buffer=1000)
    state = FloorState(Settings().sla)
    minute = timedelta(minutes=1)
    old = T0 - timedelta(minutes=20)  # urgent: due 5 min after creation
    _poll(recorder, state, T0, [_ticket(1, old), _ticket(2, old), _ticket(3, old)])
    # In the next minute: T1 answered (late), T2 closed unanswered (abandoned
    # past target), T4 arrives and is answered in time; T3 still waits.
    at = T0 + minute
    _poll(
        recorder,
        state,
        at,
        [
            _ticket(1, old, first_response_at=at, updated_at=at),
            _ticket(2, old, status=Status.CLOSED, resolved_at=at, updated_at=at),
            _ticket(4, at - minute / 2, first_response_at=at),
        ],
    )
    executor.run_all()
    [rows] = store.inserts
    first, second = [s for s in rows if s.queue == FLOOR]
    assert (first.waiting_past_target, first.first_response_breached) == (3, 3)
    assert first.service_level == 0.0
    parts = (
        second.answered_in_target,
        second.answered_late,
        second.abandoned_past_target,
        second.waiting_past_target,
    )
    assert parts == (1, 1, 1, 1)
    assert second.service_level == 0.25  # the view's 60-min window: 1 of 4
    (queue_row,) = [s for s in rows if s.queue == Q and s.at == at]
    assert queue_row.service_level == 0.25
    assert queue_row.resolution_breached == 0  # urgent has no resolution target


def test_the_buffer_is_bounded() -> None:
    store, executor = CountingStore(), QueuedExecutor()
    recorder = MetricsRecorder(store, executor, max_buffer=4)
    state = FloorState(Settings().sla)
    for minute in range(5):
        _poll(recorder, state, T0 + timedelta(minutes=minute), [])
    executor.run_all()
    assert len(store.inserts[0]) == 4
    assert recorder.dropped == 1  # five polls of a floor with no queue yet: 5 rows


def test_shift_end() -> None:
    settings = HandoverSettings()  # 02:00 Asia/Shanghai = 18:00 UTC
    assert shift_end(datetime(2026, 11, 11, 18, 0, tzinfo=UTC), settings) == datetime(
        2026, 11, 11, 18, 0, tzinfo=UTC
    )
    assert shift_end(datetime(2026, 11, 11, 17, 59, tzinfo=UTC), settings) == datetime(
        2026, 11, 10, 18, 0, tzinfo=UTC
    )


def test_housekeeping_writes_the_handover_and_applies_retention(tmp_path: Path) -> None:
    settings = Settings(
        handover=HandoverSettings(output_dir=str(tmp_path / "out"), language="en"),
    )
    stores = Stores.open(f"sqlite:///{tmp_path / 'c.db'}")
    executors = Executors(immediate=True)
    clock = ManualClock(datetime(2026, 11, 11, 18, 0, 5, tzinfo=UTC))
    try:
        house = Housekeeping(settings, stores, executors, clock=clock)
        state = FloorState(settings.sla)
        for minute in range(1, 30):
            at = datetime(2026, 11, 11, 17, 0, tzinfo=UTC) + timedelta(minutes=minute)
            _poll(house.recorder, state, at, [_ticket(minute, at)])
        [html] = house.write_handover()
        assert html.name == "handover-20261112-0200.html"
        assert "Shift handover" in html.read_text(encoding="utf-8")
        result = house.apply_retention()
        assert result.rolled_up > 0
    finally:
        stores.close()


def test_behind_a_relay_events_count_up_to_where_its_change_list_is_complete() -> None:
    # The relay's answer runs on past its last poll of the help desk; a
    # ticket created in between comes only with the next relay poll.
    store, executor = CountingStore(), QueuedExecutor()
    recorder = MetricsRecorder(store, executor)
    state = FloorState(Settings().sla)
    agents = (Agent(AgentId("a1"), "Li", AgentState.BUSY, skills=(Q,)),)
    s = [T0 + timedelta(seconds=n) for n in range(20)]
    polls = [  # (server_time, complete_to, tickets new in this batch)
        (s[0], s[0], []),
        (s[8], s[5], [_ticket(1, s[4])]),
        (s[13], s[10], [_ticket(2, s[6])]),
        (s[18], s[15], [_ticket(3, s[14])]),
    ]
    for n, (at, complete_to, tickets) in enumerate(polls):
        batch = Batch(tuple(tickets), str(n), at, agents=agents, complete_to=complete_to)
        state.apply(batch)
        recorder.on_batch(batch, state)
        recorder.on_view(compute_view(state, backend="test"))
    executor.run_all()
    floor = [s for rows in store.inserts for s in rows if s.queue == FLOOR]
    # Ticket 2 (created at +6 s, after the +5 s the second answer was complete
    # to) counts in the third sample, not lost between the second and third.
    assert [s.arrivals for s in floor] == [0, 1, 1, 1]
    assert [s.span_s for s in floor] == [0.0, 5.0, 5.0, 5.0]


def test_a_desk_behind_a_recording_relay_records_nothing_and_says_why() -> None:
    store, executor = CountingStore(), QueuedExecutor()
    recorder = MetricsRecorder(store, executor)
    relay_records = [True]
    recorder.defer_to(lambda: "the relay R records them" if relay_records[0] else None)
    state = FloorState(Settings().sla)
    for minute in range(3):
        at = T0 + timedelta(minutes=minute)
        _poll(recorder, state, at, [_ticket(minute, at - timedelta(seconds=1))])
    assert recorder.deferred == "the relay R records them"
    assert executor.tasks == []
    relay_records[0] = False  # the relay was restarted without --record
    for minute in range(3, 6):
        at = T0 + timedelta(minutes=minute)
        _poll(recorder, state, at, [_ticket(minute, at - timedelta(seconds=1))])
    assert recorder.deferred is None
    executor.run_all()
    floor = [s for rows in store.inserts for s in rows if s.queue == FLOOR]
    assert [s.arrivals for s in floor] == [0, 1, 1]  # counts start afresh
