"""The handbook's desk targets as default queue overrides, the promotion
switch, and settings files from before they existed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cockpit.domain import Priority, Status
from cockpit.floor import FloorState
from cockpit.metrics import compute_view
from cockpit.settings import (
    AFTERSALES,
    PRESALES,
    SettingsError,
    SlaSettings,
    SlaTarget,
    load_settings,
    save_settings,
)
from tests.cockpit.factories import at, batch, ticket


@pytest.mark.parametrize("priority", list(Priority))
def test_presales_answers_in_30_seconds_and_60_in_a_promotion(priority: Priority) -> None:
    sla = SlaSettings()
    assert sla.target(PRESALES, priority).first_response_s == 30
    assert sla.with_promotion(True).target(PRESALES, priority).first_response_s == 60
    # The priority's own resolution target stays.
    assert sla.target(PRESALES, priority).resolution_s == sla.targets[priority].resolution_s


def test_aftersales_answers_within_an_hour_and_keeps_tighter_grades() -> None:
    sla = SlaSettings()
    first = {p: sla.target(AFTERSALES, p).first_response_s for p in Priority}
    assert first == {
        Priority.URGENT: 300,
        Priority.HIGH: 1800,
        Priority.MEDIUM: 3600,
        Priority.LOW: 3600,
    }
    assert sla.with_promotion(True).target(AFTERSALES, Priority.LOW).first_response_s == 3600
    # Other queues keep the priority grades.
    assert sla.target("logistics", Priority.LOW).first_response_s == 24 * 3600


def test_the_promotion_switch_changes_a_live_floor() -> None:
    # A pre-sales enquiry answered after 45 s: late normally, in target in a promotion.
    answered = ticket("p", PRESALES, created=-1, priority=Priority.LOW, first_response_at=at(-0.25))
    floor = FloorState(SlaSettings())
    floor.apply(batch(answered, full=True))
    view = compute_view(floor, backend="test")
    assert (view.queues[0].answered_in_target, view.queues[0].answered_late) == (0, 1)
    floor.replace_sla(floor.sla.with_promotion(True))
    view = compute_view(floor, backend="test")
    assert (view.queues[0].answered_in_target, view.queues[0].answered_late) == (1, 0)


def test_a_pre_sales_customer_waiting_two_minutes_is_past_target() -> None:
    floor = FloorState(SlaSettings())
    floor.apply(batch(ticket("w", PRESALES, created=-2, priority=Priority.LOW), full=True))
    f = compute_view(floor, backend="test").queues[0]
    assert (f.waiting_past_target, f.first_response.breached, f.service_level) == (1, 1, 0.0)
    closed = ticket("w", PRESALES, created=-2, status=Status.CLOSED, resolved_at=at(0))
    floor.apply(batch(closed))
    f = compute_view(floor, backend="test").queues[0]
    assert (f.waiting_past_target, f.abandoned_past_target) == (0, 1)


def test_env_switches_the_promotion_on(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert not load_settings(path, env={}).sla.promotion
    assert load_settings(path, env={"COCKPIT_PROMOTION": "1"}).sla.promotion
    assert not load_settings(path, env={"COCKPIT_PROMOTION": "false"}).sla.promotion
    with pytest.raises(SettingsError, match=r"COCKPIT_PROMOTION"):
        load_settings(path, env={"COCKPIT_PROMOTION": "sometimes"})


def test_a_version_1_file_gains_the_desk_targets_but_keeps_its_own(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    own = {"presales": {"low": {"first_response_s": 90}}, "refund": {"high": {"resolution_s": 60}}}
    path.write_text(json.dumps({"version": 1, "sla": {"queue_overrides": own}}), "utf-8")
    sla = load_settings(path, env={}).sla
    assert sla.target(PRESALES, Priority.LOW).first_response_s == 90
    assert sla.target(PRESALES, Priority.HIGH).first_response_s == 1800  # the file's choice
    assert sla.target(AFTERSALES, Priority.LOW).first_response_s == 3600  # added
    assert sla.target("refund", Priority.HIGH) == SlaTarget(resolution_s=60)


def test_a_saved_file_keeps_removed_overrides_removed(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = load_settings(path, env={})
    trimmed = settings.model_copy(
        update={"sla": settings.sla.model_copy(update={"queue_overrides": {}, "promotion": True})}
    )
    save_settings(trimmed, path)
    again = load_settings(path, env={})
    assert again.sla.queue_overrides == {}
    assert again.sla.promotion
    assert again == trimmed
