"""Metric samples, roll-ups and retention, the review store and the alert
log, on SQLite and on PostgreSQL (``db_url`` runs each test on both)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cockpit.alert_rules import AlertRule, Severity
from cockpit.alerts import Alert, AlertEvent, AlertId, EventKind
from cockpit.runtime.executors import ImmediateExecutor
from cockpit.store.alert_log import DbAlertLog
from cockpit.store.bundle import Stores
from cockpit.store.db import current_revision, make_engine, upgrade
from cockpit.store.incidents import NewEvent, UnknownIncident
from cockpit.store.models import Base
from cockpit.store.reviews import UnknownActionItem
from cockpit.store.samples import FLOOR, RAW, MetricStore, Sample, bucket_start, roll_up

T0 = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
STEP = timedelta(minutes=5)
SUMS = ("arrivals", "resolutions", "responses", "responses_late", "bot_deflected")


@pytest.fixture
def stores(db_url: str) -> Iterator[Stores]:
    opened = Stores.open(db_url)
    yield opened
    opened.close()


def test_migrations_run_and_match_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        upgrade(engine)  # a no-op the second time
        assert current_revision(engine) == "0004"
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        upgrade_down = make_engine(db_url)
        try:
            from alembic import command

            from cockpit.store.db import alembic_config

            config = alembic_config()
            with upgrade_down.begin() as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, "0001")
            assert current_revision(upgrade_down) == "0001"
            upgrade(upgrade_down)
            assert current_revision(upgrade_down) == "0004"
        finally:
            upgrade_down.dispose()
    finally:
        engine.dispose()


def _samples(count: int, *, every: timedelta, seed: int = 1) -> list[Sample]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        at = T0 + every * (i + 1)
        for queue in ("refund", FLOOR):
            arrivals = rng.randint(0, 6)
            topics = Counter(rng.choice(["payment", "login", "refund"]) for _ in range(arrivals))
            rows.append(
                Sample(
                    at=at,
                    queue=queue,
                    span_s=every.total_seconds(),
                    open=rng.randint(0, 90),
                    waiting=rng.randint(0, 40),
                    oldest_wait_s=rng.uniform(0, 900),
                    breached=rng.randint(0, 9),
                    at_risk=rng.randint(0, 9),
                    service_level=rng.choice([None, rng.random()]),
                    agents_available=rng.randint(0, 5),
                    agents_busy=rng.randint(0, 20),
                    arrivals=arrivals,
                    resolutions=rng.randint(0, 5),
                    responses=(responses := rng.randint(0, 5)),
                    responses_late=rng.randint(0, responses),
                    wait_sum_s=float(rng.randint(0, 3000)),
                    wait_max_s=float(rng.randint(0, 600)),
                    bot_deflected=rng.randint(0, arrivals),
                    topics=dict(topics),
                    kinds={"complaint": arrivals} if arrivals else {},
                )
            )
    return rows


def _totals(samples: list[Sample]) -> dict[str, object]:
    topics: Counter[str] = Counter()
    for s in samples:
        topics.update(s.topics)
    totals: dict[str, object] = {name: sum(getattr(s, name) for s in samples) for name in SUMS}
    totals["wait_sum_s"] = pytest.approx(sum(s.wait_sum_s for s in samples))
    totals["topics"] = topics
    return totals


def test_samples_round_trip_in_one_insert(stores: Stores) -> None:
    rows = _samples(30, every=timedelta(seconds=5))
    assert stores.metrics.add(rows) == len(rows)
    back = stores.metrics.samples(T0, T0 + timedelta(hours=1), queue=None)
    assert back == sorted(rows, key=lambda s: (s.at, s.queue))
    floor = stores.metrics.samples(T0, T0 + timedelta(seconds=50))
    assert [s.at for s in floor] == [T0 + timedelta(seconds=5 * i) for i in range(1, 11)]
    assert all(s.queue == FLOOR for s in floor)


def test_roll_ups_keep_totals_and_raw_goes_after_its_retention(stores: Stores) -> None:
    # 3 hours of 5-second polls.
    rows = _samples(3 * 720, every=timedelta(seconds=5))
    stores.metrics.add(rows)
    end = T0 + timedelta(hours=3)
    first = stores.metrics.apply_retention(
        end + timedelta(minutes=1), raw_keep=timedelta(days=7), rollup_keep=timedelta(days=180)
    )
    assert first.raw_deleted == 0
    assert first.rolled_up == 2 * 36  # two queues × 36 five-minute buckets (the last is partial)
    again = stores.metrics.apply_retention(end + timedelta(minutes=1))
    assert again.rolled_up == 0  # idempotent
    # A week later the raw samples are gone, the roll-ups carry the same totals.
    later = stores.metrics.apply_retention(end + timedelta(days=7, hours=1))
    assert later.raw_deleted == len(rows)
    assert stores.metrics.count(RAW) == 0
    for queue in ("refund", FLOOR):
        kept = stores.metrics.samples(T0 - STEP, end + STEP, queue=queue)
        assert all(s.step_s == 300 for s in kept)
        original = [s for s in rows if s.queue == queue]
        assert _totals(kept) == _totals(original)
        assert sum(s.samples for s in kept) == len(original)
        assert max(s.breached for s in kept) == max(s.breached for s in original)
        assert max(s.wait_max_s for s in kept) == max(s.wait_max_s for s in original)
    # After 180 days the roll-ups go too.
    gone = stores.metrics.apply_retention(end + timedelta(days=181))
    assert gone.rollups_deleted == 2 * 37  # the sample at exactly 03:00 opened a bucket
    assert stores.metrics.samples(T0 - STEP, end + STEP, queue=None) == []


def test_readers_use_raw_where_kept_and_roll_ups_before(stores: Stores) -> None:
    rows = _samples(2 * 720, every=timedelta(seconds=5))
    stores.metrics.add(rows)
    stores.metrics.apply_retention(T0 + timedelta(hours=2, minutes=1))
    # Drop the first hour of raw samples only (as retention does, by whole buckets).
    cut = T0 + timedelta(hours=1)
    stores.metrics.apply_retention(cut + timedelta(days=7), raw_keep=timedelta(days=7))
    mixed = stores.metrics.samples(T0, T0 + timedelta(hours=2))
    assert {s.step_s for s in mixed if s.at < cut} == {300}
    assert {s.step_s for s in mixed if s.at >= cut} == {0}
    original = [s for s in rows if s.queue == FLOOR]
    assert _totals(mixed) == _totals(original)


def test_roll_up_of_one_bucket() -> None:
    rows = [s for s in _samples(60, every=timedelta(seconds=5)) if s.queue == FLOOR]
    rolled = roll_up(rows, at=bucket_start(rows[0].at, STEP), step=STEP)
    assert rolled.samples == 60
    assert rolled.arrivals == sum(s.arrivals for s in rows)
    assert rolled.waiting == max(s.waiting for s in rows)
    levels = [s.service_level for s in rows if s.service_level is not None]
    assert rolled.service_level == (min(levels) if levels else None)
    assert bucket_start(T0 + timedelta(minutes=7, seconds=3), STEP) == T0 + timedelta(minutes=5)


def _incident(stores: Stores) -> int:
    created = stores.incidents.create(
        kind="service_outage",
        playbook_id="service_outage",
        playbook={"id": "service_outage"},
        severity="critical",
        summary="支付失败",
        variables={},
        declared=NewEvent("declare", "lead-li", T0),
    )
    assert created is not None
    return created[0].id


def test_written_parts_and_action_items(stores: Stores) -> None:
    incident = _incident(stores)
    assert stores.reviews.written(incident).owner == ""
    stores.reviews.write(incident, at=T0, who="sup", owner="王主管", causes="证书过期")
    parts = stores.reviews.write(incident, at=T0, who="sup", summary="网关故障")
    assert (parts.owner, parts.summary, parts.causes) == ("王主管", "网关故障", "证书过期")
    item = stores.reviews.add_action_item(
        incident, title="证书监控", owner="ops", due=date(2026, 11, 30), at=T0
    )
    stores.reviews.update_action_item(item.id, done=True, clear_due=True)
    [saved] = stores.reviews.action_items(incident)
    assert (saved.title, saved.done, saved.due) == ("证书监控", True, None)
    stores.reviews.delete_action_item(item.id)
    assert stores.reviews.action_items(incident) == []
    with pytest.raises(UnknownActionItem):
        stores.reviews.delete_action_item(item.id)
    with pytest.raises(UnknownIncident):
        stores.reviews.write(999, at=T0, who="x", owner="y")


def test_alert_log_is_kept_in_the_database(stores: Stores) -> None:
    log = DbAlertLog(stores.alerts, ImmediateExecutor())
    alert = Alert(
        id=AlertId("a1"),
        rule=AlertRule.WAITING_PAST_TARGET,
        severity=Severity.CRITICAL,
        queue=None,
        ticket=None,
        raised_at=T0,
        details={"waiting_past_target": 31},
    )
    log.append(AlertEvent(1, EventKind.RAISED, alert, T0))
    log.append(AlertEvent(2, EventKind.CLEARED, alert, T0 + timedelta(minutes=3)))
    assert [e.seq for e in log.events()] == [1, 2]
    stored = stores.alerts.events(T0, T0 + timedelta(hours=1), kinds=["raised"])
    assert [(a.rule, a.kind, a.details) for a in stored] == [
        ("waiting_past_target", "raised", {"waiting_past_target": 31})
    ]


def test_samples_recorded_before_the_sl_parts_read_zero(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import text

    from cockpit.store.db import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0002")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO metric_samples (at, step_s, queue, samples, span_s, open,"
                    " waiting, oldest_wait_s, breached, at_risk, service_level,"
                    " agents_available, agents_busy, agents_away, arrivals, resolutions,"
                    " responses, responses_late, wait_sum_s, wait_max_s, bot_deflected)"
                    " VALUES ('2026-11-01 00:00:00.000000', 0, '*', 1, 5, 3, 2, 60, 1, 0, 0.5,"
                    " 1, 1, 0, 2, 1, 2, 1, 30, 20, 0)"
                )
            )
        upgrade(engine)
        (old,) = MetricStore(engine).samples(T0 - timedelta(hours=1), T0 + timedelta(hours=1))
        assert (old.open, old.answered_late, old.waiting_past_target) == (3, 0, 0)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
        assert current_revision(engine) == "0002"
    finally:
        engine.dispose()
