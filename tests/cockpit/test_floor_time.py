"""The floor's time as recorded, the wall time beside incident events, the
migration that added it, and the review's word on unrecorded windows."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from cockpit.clock import ManualClock
from cockpit.record_cli import add_record_verb, run_record_verb
from cockpit.review import build_review
from cockpit.review_impact import PhaseName
from cockpit.settings import Settings
from cockpit.store.bundle import Stores
from cockpit.store.db import make_engine, upgrade
from cockpit.store.floor_time import floor_now, latest_floor_time
from cockpit.store.incidents import NewEvent

FLOOR = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
WALL = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[Stores]:
    opened = Stores.open(f"sqlite:///{tmp_path / 'f.db'}")
    yield opened
    opened.close()


def _declare(stores: Stores, at: datetime) -> int:
    created = stores.incidents.create(
        kind="service_outage",
        playbook_id="service_outage",
        playbook={"id": "service_outage"},
        severity="major",
        summary="drill",
        variables={},
        declared=NewEvent("declare", "lead-li", at),
    )
    assert created is not None
    return created[0].id


def test_events_keep_the_wall_clock_and_their_time_base(stores: Stores) -> None:
    stores.incidents.wall_clock = ManualClock(WALL)
    stores.incidents.time_base = lambda: "backend"
    incident_id = _declare(stores, FLOOR)
    event = stores.incidents.events(incident_id)[0]
    assert (event.at, event.wall_at, event.time_base) == (FLOOR, WALL, "backend")


def test_the_migration_adds_nullable_columns(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0002")
    upgrade(engine)
    columns = {c["name"]: c for c in inspect(engine).get_columns("incident_events")}
    assert columns["wall_at"]["nullable"]
    assert columns["time_base"]["nullable"]
    engine.dispose()


def test_floor_now_is_the_latest_floor_time_when_ahead_of_the_wall(stores: Stores) -> None:
    assert latest_floor_time(stores.engine) is None
    assert floor_now(stores.engine, WALL) == WALL
    ahead = WALL + timedelta(hours=3)  # an accelerated simulator
    _declare(stores, ahead)
    assert latest_floor_time(stores.engine) == ahead
    assert floor_now(stores.engine, WALL) == ahead
    assert floor_now(stores.engine, ahead + timedelta(minutes=1)) == ahead + timedelta(minutes=1)


def test_a_review_says_which_windows_were_not_recorded(stores: Stores) -> None:
    incident_id = _declare(stores, FLOOR)
    review = build_review(stores, incident_id, now=FLOOR + timedelta(minutes=30))
    assert review.unrecorded == (PhaseName.BASELINE, PhaseName.INCIDENT)


def _record_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_record_verb(parser.add_subparsers(dest="verb"))
    return parser.parse_args(["record", *argv])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "no backend"),
        (("--backend", "sim://127.0.0.1:1", "--for", "0"), "--for"),
        (("--backend", "sim://127.0.0.1:1", "--interval", "0.01"), "--interval"),
    ],
)
def test_record_refuses_bad_input_with_a_message(
    argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_record_verb(_record_args(*argv), Settings(), io.StringIO()) == 2
    assert message in capsys.readouterr().err


def test_record_stops_after_its_time_even_with_no_backend_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_FEED_TOKEN", "t" * 24)
    out = io.StringIO()
    args = _record_args(
        "--backend", "sim://127.0.0.1:9", "--db", f"sqlite:///{tmp_path / 'r.db'}", "--for", "0.5"
    )
    assert run_record_verb(args, Settings(), out) == 0
    assert '"stopped": "time"' in out.getvalue()
    assert '"polls": 0' in out.getvalue()
