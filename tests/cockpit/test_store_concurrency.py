"""Two desks writing one incident at the same time, each with its own
IncidentStore (own engine, own connections) on the same SQLite file or the
same PostgreSQL database: nothing is lost, no ticket is answered twice."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from cockpit.backends.base import AutoReplyState
from cockpit.clock import ManualClock
from cockpit.domain import Ticket, TicketId
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore, NewEvent
from tests.cockpit.factories import T0, ticket
from tests.cockpit.fakes import FakeBackend

ROUNDS = 15


@pytest.fixture
def desks(db_url: str) -> Iterator[tuple[IncidentStore, IncidentStore]]:
    first = IncidentStore.open(db_url)
    second = IncidentStore.open(db_url)
    yield first, second
    first.close()
    second.close()


def _together(*jobs: Callable[[], object]) -> None:
    """Run the jobs on threads released at the same moment; re-raise failures."""
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        start.wait(timeout=30)
        try:
            job()
        except BaseException as exc:  # reported on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,), name=f"desk-{i}") for i, job in
               enumerate(jobs)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def _engine(store: IncidentStore, backend: FakeBackend) -> IncidentEngine:
    webhooks = WebhookSender(secrets=lambda name: None)
    return IncidentEngine(
        store, backend, library=load_library(), clock=ManualClock(T0), webhooks=webhooks
    )


def test_variables_set_at_two_desks_are_all_kept(
    desks: tuple[IncidentStore, IncidentStore],
) -> None:
    backend = FakeBackend()
    left, right = (_engine(store, backend) for store in desks)
    incident = left.declare("service_outage", summary="x", who="a", auto=False).incident

    def setter(engine: IncidentEngine, desk: str) -> Callable[[], None]:
        def job() -> None:
            for n in range(ROUNDS):
                engine.set_variables(incident.id, {f"{desk}{n}": str(n)}, who=desk)

        return job

    try:
        _together(setter(left, "a"), setter(right, "b"))
        stored = desks[0].get(incident.id).variables
        assert len(stored) == 2 * ROUNDS, sorted(stored)
    finally:
        left.close()
        right.close()


def test_events_appended_at_two_desks_are_all_kept(
    desks: tuple[IncidentStore, IncidentStore],
) -> None:
    backend = FakeBackend()
    engine = _engine(desks[0], backend)
    incident_id = engine.declare("service_outage", summary="x", who="a", auto=False).incident.id
    engine.close()

    def writer(store: IncidentStore, desk: str) -> Callable[[], None]:
        def job() -> None:
            for n in range(ROUNDS):
                store.append(incident_id, NewEvent("note", desk, T0, payload={"n": n}))

        return job

    _together(writer(desks[0], "a"), writer(desks[1], "b"))
    notes = desks[1].events(incident_id, actions=["note"])
    assert Counter(e.who for e in notes) == {"a": ROUNDS, "b": ROUNDS}
    assert len({e.id for e in notes}) == 2 * ROUNDS


def test_a_bulk_reply_started_at_two_desks_reaches_each_ticket_once(
    desks: tuple[IncidentStore, IncidentStore],
) -> None:
    backend = FakeBackend()
    left, right = (_engine(store, backend) for store in desks)
    incident = left.declare("service_outage", summary="x", who="a", auto=False).incident
    tickets: list[Ticket] = [
        ticket(f"T{n:03}", "account", topic="login", created=-(n % 50) - 1) for n in range(30)
    ]

    def replier(engine: IncidentEngine, desk: str) -> Callable[[], None]:
        def job() -> None:
            engine.bulk_reply(incident.id, "outage_ack", tickets=tickets, who=desk)

        return job

    try:
        _together(replier(left, "a"), replier(right, "b"))
        replied = Counter(tid for tid, _ in backend.replies)
        assert set(replied) == {t.id for t in tickets}
        assert max(replied.values()) == 1, replied.most_common(3)
        intents = [e for e in desks[0].events(incident.id, actions=["ticket_reply"])
                   if e.phase == "intent"]  # fmt: skip
        assert len(intents) == len(tickets)
        assert {TicketId(str(e.payload["ticket"])) for e in intents} == set(replied)
    finally:
        left.close()
        right.close()


def test_sqlite_waits_for_the_other_writer_instead_of_failing(tmp_path: Path) -> None:
    # busy_timeout: a writer that finds the file locked waits (up to 30 s).
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    first, second = IncidentStore.open(url), IncidentStore.open(url)
    try:
        with first.engine.connect() as connection:
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        engine = _engine(first, FakeBackend())
        declared = engine.declare("service_outage", summary="x", who="a", auto=False)
        engine.close()
        done = threading.Event()
        with first.engine.connect() as holder:
            holder.exec_driver_sql("BEGIN IMMEDIATE")
            waiting = threading.Thread(
                target=lambda: (
                    second.append(declared.incident.id, NewEvent("note", "b", T0)),
                    done.set(),
                ),
                name="desk-b",
            )
            waiting.start()
            assert not done.wait(timeout=timedelta(milliseconds=300).total_seconds())
            holder.exec_driver_sql("COMMIT")
        waiting.join(timeout=30)
        assert done.is_set()
    finally:
        first.close()
        second.close()


def test_two_desks_switching_the_bot_keep_the_state_from_before(
    desks: tuple[IncidentStore, IncidentStore],
) -> None:
    backend = FakeBackend()
    before = AutoReplyState(enabled=True, message="night shift", topics=("refund",))
    backend.auto_reply = before
    left, right = (_engine(store, backend) for store in desks)
    incident = left.declare("service_outage", summary="x", who="a", auto=False).incident

    def switch(engine: IncidentEngine, desk: str) -> Callable[[], object]:
        return lambda: engine.bot_on(incident.id, who=desk)

    try:
        _together(switch(left, "a"), switch(right, "b"))
        assert desks[1].get(incident.id).saved_auto_reply == {
            "enabled": True,
            "message": "night shift",
            "topics": ["refund"],
        }
        left.resolve(incident.id, summary="ok", who="a")
        assert backend.auto_reply == before
    finally:
        left.close()
        right.close()


def test_two_desks_resolving_at_once_resolve_it_once(
    desks: tuple[IncidentStore, IncidentStore],
) -> None:
    backend = FakeBackend()
    left, right = (_engine(store, backend) for store in desks)
    incident = left.declare("service_outage", summary="x", who="a", auto=False).incident

    def resolve(engine: IncidentEngine, desk: str) -> Callable[[], object]:
        return lambda: engine.resolve(incident.id, summary=desk, who=desk)

    try:
        _together(resolve(left, "a"), resolve(right, "b"))
        resolves = desks[0].events(incident.id, actions=["resolve"])
        assert len(resolves) == 1
        stored = desks[0].get(incident.id)
        assert (stored.resolved_by, stored.resolution) == (resolves[0].who, resolves[0].who)
    finally:
        left.close()
        right.close()


def test_databases_opened_on_several_threads_at_once_are_all_migrated(tmp_path: Path) -> None:
    """A relay's recorder and a window may migrate at the same moment."""
    from cockpit.store.bundle import Stores
    from cockpit.store.db import current_revision

    threads = 6
    start = threading.Barrier(threads)
    opened: list[Stores] = []
    failures: list[BaseException] = []

    def open_one(n: int) -> None:
        start.wait()
        try:
            opened.append(Stores.open(f"sqlite:///{tmp_path / f'desk{n}.db'}"))
        except BaseException as exc:  # reported below
            failures.append(exc)

    workers = [threading.Thread(target=open_one, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    try:
        assert failures == []
        assert len(opened) == threads
        assert (
            {current_revision(stores.engine) for stores in opened}
            == {current_revision(opened[0].engine)}
            != {None}
        )
    finally:
        for stores in opened:
            stores.close()
