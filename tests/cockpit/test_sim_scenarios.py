"""Scenario descriptions: command-line specs, JSON and validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.sim import Scenario, ScenarioError, ScenarioKind, parse_scenario
from cockpit.sim.scenarios import scenario_from_json, scenario_to_json

NOW = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)


def test_parse_compact_spec() -> None:
    scenario = parse_scenario("outage@10:4/60", now=NOW)
    assert scenario.kind is ScenarioKind.OUTAGE
    assert scenario.start == NOW + timedelta(minutes=10)
    assert scenario.multiplier == 4
    assert scenario.duration == timedelta(minutes=60)
    assert scenario.effective_topics == ("payment", "login", "app_crash")


def test_parse_without_now_keeps_a_delay() -> None:
    scenario = parse_scenario("public_opinion@5#refund,logistics")
    assert scenario.start is None
    assert scenario.delay == timedelta(minutes=5)
    assert scenario.topics == ("refund", "logistics")
    assert scenario.multiplier == 3
    assert parse_scenario("promotion_peak").duration == timedelta(hours=1)


@pytest.mark.parametrize("spec", ["", "flood", "outage@x", "outage:0.5", "outage/0", "outage@1@2"])
def test_bad_specs_are_refused(spec: str) -> None:
    with pytest.raises(ScenarioError):
        parse_scenario(spec)


def test_json_round_trip() -> None:
    scenario = Scenario(
        ScenarioKind.OUTAGE, start=NOW, duration=timedelta(minutes=45), multiplier=2.5,
        topics=("payment",), id="S1",
    )  # fmt: skip
    payload = scenario_to_json(scenario)
    assert payload["start"] == "2026-11-11T16:00:00Z"
    back = scenario_from_json(payload)
    assert back == Scenario(
        ScenarioKind.OUTAGE, start=NOW, duration=timedelta(minutes=45), multiplier=2.5,
        topics=("payment",),
    )  # fmt: skip


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"kind": "flood"},
        {"kind": "outage", "multiplier": 0.5},
        {"kind": "outage", "duration_s": 0},
        {"kind": "outage", "duration_s": "long"},
        {"kind": "outage", "start": "yesterday"},
        {"kind": "outage", "start": "2026-11-11T16:00:00"},
        {"kind": "outage", "topics": "payment"},
    ],
)
def test_bad_json_is_refused(payload: object) -> None:
    with pytest.raises(ScenarioError):
        scenario_from_json(payload)
