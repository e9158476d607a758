"""The SLA fields of the snapshot JSON."""

from __future__ import annotations

import json

from cockpit.domain import EscalationLevel, Priority, Status
from cockpit.floor import FloorState
from cockpit.metrics import compute_view
from cockpit.runtime.health import Health, HealthState
from cockpit.settings import SlaSettings
from cockpit.snapshot import view_to_json
from tests.cockpit.factories import QUEUES, at, batch, ticket

LIVE = Health(HealthState.LIVE)


def test_snapshot_carries_the_sla_picture() -> None:
    floor = FloorState(SlaSettings())
    floor.apply(
        batch(
            ticket("u", created=0, priority=Priority.URGENT),  # breached 1 min ago
            ticket("m", created=-100),  # at risk, due in 20 min
            ticket(
                "c",
                "refund",
                created=-600,
                first_response_at=at(-599),
                status=Status.WAITING_OTHER,
                waiting_since=at(-90),
                escalation=EscalationLevel.LEAD,
                escalated_at=at(-120),
            ),
            now=6,
            full=True,
            queues=QUEUES,
        )
    )
    data = view_to_json(compute_view(floor, backend="test"), LIVE, backend="test")
    json.dumps(data)  # plain data only
    logistics = data["queues"][0]
    assert (logistics["breached"], logistics["at_risk"], logistics["service_level_target"]) == (
        1,
        1,
        0.8,
    )
    assert data["at_risk"] == [
        {
            "id": "m",
            "queue": "logistics",
            "priority": "medium",
            "clock": "first_response",
            "due_at": "2026-11-11T16:20:00Z",
            "seconds_to_breach": 840.0,
            "state": "at_risk",
            "kind": "enquiry",
            "age_s": 6360.0,
            "assignee": None,
            "subject": "",
            "clocks": [
                {
                    "clock": "first_response",
                    "state": "at_risk",
                    "due_at": "2026-11-11T16:20:00Z",
                    "seconds_to_breach": 840.0,
                    "paused": False,
                    "stopped": False,
                }
            ],
        }
    ]
    assert data["breached"][0]["id"] == "u"
    assert data["breached"][0]["seconds_to_breach"] == -60
    assert data["escalations"] == [
        {
            "id": "c",
            "queue": "refund",
            "level": "lead",
            "since": "2026-11-11T14:00:00Z",
            "flags": ["collab_no_answer"],
            "priority": "medium",
            "status": "waiting_other",
            "age_at_level_s": 7560.0,
            "owner": None,
            "subject": "",
        },
        {
            "id": "u",
            "queue": "logistics",
            "level": "agent",
            "since": "2026-11-11T16:00:00Z",
            "flags": ["urgent_not_reported"],
            "priority": "urgent",
            "status": "open",
            "age_at_level_s": 360.0,
            "owner": None,
            "subject": "",
        },
    ]
    assert data["escalation_summary"] == {
        "lead": 1,
        "supervisor": 0,
        "pr_legal": 0,
        "collab_no_answer": 1,
        "customer_not_updated": 0,
        "urgent_not_reported": 1,
    }
    heatmap = data["heatmap"]
    assert heatmap["queues"] == ["logistics", "refund"]
    assert heatmap["buckets"][-1] == "2026-11-11T16:00:00Z"
    assert len(heatmap["buckets"]) == 48
    assert heatmap["breaches"][0][-1] == 1
    assert len(heatmap["breaches"][1]) == 48
    assert heatmap["bucket_s"] == 1800
    assert heatmap["due"][0][-1] == 1
    assert heatmap["at_risk"][0][-1] == 1  # "u" warned at +4 min


def test_snapshot_without_a_view_has_empty_sla_fields() -> None:
    data = view_to_json(None, Health(HealthState.OFFLINE, reason="unreachable"), backend="x")
    assert (data["at_risk"], data["breached"], data["escalations"]) == ([], [], [])
    assert data["heatmap"] == {
        "buckets": [],
        "bucket_s": 1800.0,
        "queues": [],
        "breaches": [],
        "due": [],
        "at_risk": [],
    }
    assert data["escalation_summary"]["lead"] == 0


def test_snapshot_gives_each_clock_and_the_service_level_parts_per_queue() -> None:
    floor = FloorState(SlaSettings())
    floor.apply(
        batch(
            # high: answer in 30 min, resolve in 4 h. Late on both clocks.
            ticket("both", created=-300, priority=Priority.HIGH),
            # answered late (40 min), resolution still running and fine
            ticket("late", created=-50, priority=Priority.HIGH, first_response_at=at(-10)),
            # answered in time, resolved late
            ticket(
                "fixed",
                created=-250,
                priority=Priority.HIGH,
                first_response_at=at(-245),
                status=Status.RESOLVED,
                resolved_at=at(-5),
            ),
            now=0,
            full=True,
            queues=QUEUES,
        )
    )
    data = view_to_json(compute_view(floor, backend="test"), LIVE, backend="test")
    logistics = data["queues"][0]
    assert (logistics["breached"], logistics["at_risk"]) == (1, 0)
    assert logistics["first_response"] == {"breached": 1, "at_risk": 0, "met": 0, "missed": 1}
    assert logistics["resolution"] == {"breached": 1, "at_risk": 0, "met": 0, "missed": 1}
    parts = [
        logistics[k]
        for k in (
            "answered_in_target",
            "answered_late",
            "waiting_past_target",
            "abandoned_past_target",
        )
    ]
    assert parts == [0, 1, 1, 0]
    assert logistics["service_level"] == 0.0
    (row,) = data["breached"]
    assert row["id"] == "both"
    assert [(c["clock"], c["state"], c["seconds_to_breach"]) for c in row["clocks"]] == [
        ("first_response", "breached", -270 * 60.0),
        ("resolution", "breached", -60 * 60.0),
    ]
