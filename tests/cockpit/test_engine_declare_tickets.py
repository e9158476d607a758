"""Declaring a suggested incident with its surge's tickets: they belong to
the incident's match whatever their topic or words, also on a join."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.domain import TicketId
from cockpit.incidents.model import Action
from tests.cockpit.factories import ticket
from tests.cockpit.test_engine import Harness

# Not a topic or keyword of the outage playbook: only the explicit ids match.
FLOOR = [
    ticket("S1", "logistics", created=-5, topic="logistics", subject="物流信息好几天没更新"),
    ticket("S2", "logistics", created=-4, topic="logistics", subject="什么时候能发货"),
    ticket("S3", "logistics", created=-3, topic="logistics", subject="包裹外箱压坏了"),
]


@pytest.fixture
def h(tmp_path: Path) -> Iterator[Harness]:
    harness = Harness(tmp_path)
    yield harness
    harness.close()


def test_the_declared_tickets_are_in_the_incident_match(h: Harness) -> None:
    change = h.engine.declare(
        "service_outage", summary="surge", who="lead", tickets=[TicketId("S2"), TicketId("S1")]
    )
    assert change.events[0].payload["tickets"] == ["S1", "S2"]
    preview = h.engine.preview_bulk_reply(change.incident.id, FLOOR)
    assert preview.ticket_ids == ("S1", "S2")


def test_a_join_adds_its_tickets(h: Harness) -> None:
    first = h.engine.declare("service_outage", summary="a", who="lead", tickets=[TicketId("S1")])
    joined = h.engine.declare("service_outage", summary="b", who="lead", tickets=[TicketId("S3")])
    assert joined.joined
    assert joined.events[0].action == Action.JOIN
    preview = h.engine.preview_bulk_reply(first.incident.id, FLOOR)
    assert preview.ticket_ids == ("S1", "S3")


def test_without_tickets_the_match_is_the_playbooks(h: Harness) -> None:
    change = h.engine.declare("service_outage", summary="plain", who="lead")
    assert "tickets" not in change.events[0].payload
    assert h.engine.preview_bulk_reply(change.incident.id, FLOOR).ticket_ids == ()
