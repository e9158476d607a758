"""The incident store: migrations, UTC times, the append-only log, one open
incident per kind, and intents left without an outcome."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cockpit.runtime.executors import Executors
from cockpit.runtime.housekeeping import Housekeeping
from cockpit.settings import Settings
from cockpit.store.db import UnknownSchema, current_revision, default_url, make_engine, upgrade
from cockpit.store.incidents import (
    IncidentStore,
    NewEvent,
    Outcome,
    Phase,
    UnknownIncident,
)
from cockpit.store.models import AppendOnlyError, Base, EventRow

T0 = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[IncidentStore]:
    opened = IncidentStore.open(f"sqlite:///{tmp_path / 'cockpit.db'}")
    yield opened
    opened.close()


def _declare(store: IncidentStore, kind: str = "service_outage", at: datetime = T0) -> int:
    created = store.create(
        kind=kind,
        playbook_id=kind,
        playbook={"id": kind},
        severity="major",
        summary="login fails",
        variables={"eta": "15:30"},
        declared=NewEvent("declare", "lead-li", at),
    )
    assert created is not None
    return created[0].id


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op
    assert current_revision(engine) == "0004"
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_a_database_from_a_newer_cockpit_is_refused_with_a_reason(tmp_path: Path) -> None:
    """A shared database another desk's newer version migrated: a clear
    database error (which every caller reports), never Alembic's own."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(UnknownSchema, match=r"revision 0099.*knows up to 0004.*newer Cockpit"):
        upgrade(engine)
    assert current_revision(engine) == "0099"  # left as it was
    engine.dispose()

    settings = Settings(database_url=url)
    executors = Executors()
    try:
        assert Housekeeping.open(settings, executors) is None  # the floor runs on
    finally:
        executors.shutdown()


def test_the_default_database_lives_in_the_data_dir() -> None:
    assert default_url().endswith("/data/cockpit.db")


def test_times_come_back_aware_and_in_utc(store: IncidentStore) -> None:
    incident_id = _declare(store, at=datetime(2026, 11, 12, 0, 0, tzinfo=BEIJING))
    incident = store.get(incident_id)
    assert incident.declared_at == T0
    assert incident.declared_at.tzinfo is UTC
    event = store.events(incident_id)[0]
    assert event.at == T0
    assert event.at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(store: IncidentStore) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        _declare(store, at=datetime(2026, 11, 11, 16, 0))


def test_one_open_incident_per_kind(store: IncidentStore) -> None:
    first = _declare(store)
    again = store.create(
        kind="service_outage",
        playbook_id="service_outage",
        playbook={},
        severity="minor",
        summary="again",
        variables={},
        declared=NewEvent("declare", "someone", T0),
    )
    assert again is None
    assert [i.id for i in store.active()] == [first]
    other = _declare(store, kind="promotion_peak")
    assert {i.id for i in store.active()} == {first, other}
    store.update(first, resolved=(T0 + timedelta(hours=1), "lead-li", "fixed"))
    assert [i.id for i in store.active("service_outage")] == []
    assert _declare(store) not in (first, other)


def test_the_saved_auto_reply_is_kept_until_cleared(store: IncidentStore) -> None:
    incident_id = _declare(store)
    saved = {"enabled": True, "message": "old", "topics": ["refund"]}
    store.update(incident_id, saved_auto_reply=saved)
    store.update(incident_id, variables={"eta": "16:00"})
    assert store.get(incident_id).saved_auto_reply == saved
    assert store.get(incident_id).variables == {"eta": "16:00"}
    store.update(incident_id, saved_auto_reply=None)
    assert store.get(incident_id).saved_auto_reply is None


def test_an_intent_without_an_outcome_is_found(store: IncidentStore) -> None:
    incident_id = _declare(store)
    done = store.append(incident_id, NewEvent("bot_on", "li", T0, Phase.INTENT, Outcome.PENDING))
    store.settle(done, Outcome.OK, at=T0)
    left = store.append(incident_id, NewEvent("webhook", "li", T0, Phase.INTENT, Outcome.PENDING))
    assert [e.id for e in store.dangling_intents()] == [left.id]
    outcome = store.settle(left, Outcome.UNKNOWN, at=T0, who="system")
    assert (outcome.related_id, outcome.phase, outcome.who) == (left.id, Phase.OUTCOME, "system")
    assert store.dangling_intents() == []


def test_the_event_log_is_append_only(store: IncidentStore) -> None:
    incident_id = _declare(store)
    with Session(store.engine) as session:
        row = session.scalars(select(EventRow).where(EventRow.incident_id == incident_id)).one()
        row.who = "someone else"
        with pytest.raises(AppendOnlyError):
            session.flush()
        session.rollback()
        row = session.scalars(select(EventRow)).one()
        session.delete(row)
        with pytest.raises(AppendOnlyError):
            session.flush()


def test_events_can_be_read_incrementally_and_by_action(store: IncidentStore) -> None:
    incident_id = _declare(store)
    first = store.events(incident_id)[-1]
    store.append(incident_id, NewEvent("note", "li", T0, payload={"text": "备注"}))
    store.append(incident_id, NewEvent("reminder", "system", T0))
    assert [e.action for e in store.events(incident_id, after_id=first.id)] == [
        "note",
        "reminder",
    ]
    notes = store.events(incident_id, actions=["note"])
    assert [e.payload for e in notes] == [{"text": "备注"}]


def test_unknown_incidents_raise(store: IncidentStore) -> None:
    with pytest.raises(UnknownIncident):
        store.get(99)
    with pytest.raises(UnknownIncident):
        store.update(99, variables={})


def test_an_in_memory_database_works_for_quick_runs() -> None:
    store = IncidentStore.open("sqlite://")
    try:
        assert _declare(store) == 1
    finally:
        store.close()
