"""One reply to many tickets: the selection, its preview, each ticket's
outcome in the log, and answering only the newcomers later."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.backends.base import Capabilities, Capability, ReplyOutcome
from cockpit.clock import ManualClock
from cockpit.domain import Channel, Status, TicketId
from cockpit.incidents.engine import IncidentEngine
from cockpit.incidents.matching import TicketFilter, preview_matches
from cockpit.incidents.model import Action
from cockpit.incidents.playbook import load_library
from cockpit.incidents.webhooks import WebhookSender
from cockpit.store.incidents import IncidentStore, Outcome
from tests.cockpit.factories import T0, at, ticket
from tests.cockpit.fakes import FakeBackend

FLOOR = [
    ticket("T1", "account", topic="login", subject="登不上去了", created=-30),
    ticket("T2", "payment", topic="payment", subject="付款一直转圈", created=-20),
    ticket("T3", "logistics", topic="logistics", subject="包裹到哪了", created=-10),
    ticket("T4", "logistics", topic="other", subject="APP 闪退，没法查物流", created=-5),
    ticket("T5", "account", topic="login", subject="验证码收不到", created=-200),  # too old
    ticket("T6", "payment", topic="payment", status=Status.RESOLVED, created=-15),  # finished
]


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[IncidentEngine, FakeBackend, ManualClock]]:
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'c.db'}")
    backend = FakeBackend()
    clock = ManualClock(T0)
    webhooks = WebhookSender(secrets=lambda name: None)
    engine = IncidentEngine(store, backend, library=load_library(), clock=clock, webhooks=webhooks)
    yield engine, backend, clock
    webhooks.close()
    store.close()


def test_the_filter_matches_topics_or_keywords_within_queues_and_window() -> None:
    flt = TicketFilter(topics=frozenset({"login"}), keywords=("闪退",), since=at(-60))
    assert preview_matches(FLOOR, flt).ticket_ids == ("T1", "T4")
    narrowed = TicketFilter(
        topics=frozenset({"login", "payment"}), queues=frozenset({"payment"}), since=at(-60)
    )
    assert preview_matches(FLOOR, narrowed).ticket_ids == ("T2",)
    social = TicketFilter(channels=frozenset({"social"}))
    assert preview_matches(FLOOR, social).count == 0
    everything_open = TicketFilter()
    assert preview_matches(FLOOR, everything_open).count == 5
    by_case = TicketFilter(keywords=("app",))
    assert preview_matches(FLOOR, by_case).ticket_ids == ("T4",)
    until = TicketFilter(until=at(-25))
    assert preview_matches(FLOOR, until).ticket_ids == ("T5", "T1")


def test_bulk_reply_reaches_exactly_the_matching_tickets(
    setup: tuple[IncidentEngine, FakeBackend, ManualClock],
) -> None:
    engine, backend, clock = setup
    incident = engine.declare("service_outage", summary="登录故障", who="li", auto=False).incident
    preview = engine.preview_bulk_reply(incident.id, FLOOR)
    assert preview.ticket_ids == ("T1", "T2", "T4")
    assert preview.count == 3
    change = engine.bulk_reply(
        incident.id, "outage_ack", tickets=FLOOR, who="li", variables={"eta": "15:30"}
    )
    assert [r.target for r in change.results] == ["T1", "T2", "T4"]
    assert all(r.ok for r in change.results)
    assert [tid for tid, _ in backend.replies] == ["T1", "T2", "T4"]
    body = backend.replies[0][1]
    assert body.startswith("亲爱的顾客，您好！")
    assert "预计15:30恢复" in body
    intents = [e for e in change.events if e.phase == "intent"]
    assert [e.payload["ticket"] for e in intents] == ["T1", "T2", "T4"]

    # Later: a newcomer arrives; one click answers only it.
    clock.advance(timedelta(minutes=10))
    floor = [*FLOOR, ticket("T7", "account", topic="login", created=5)]
    assert engine.preview_bulk_reply(incident.id, floor).ticket_ids == ("T7",)
    assert engine.preview_bulk_reply(incident.id, floor).already_answered == 3
    again = engine.bulk_reply(incident.id, "outage_ack", tickets=floor, who="li", language="en")
    assert [r.target for r in again.results] == ["T7"]
    assert backend.replies[-1][1].startswith("Hello there, we are very sorry")
    assert engine.answered_tickets(incident.id) == {TicketId(t) for t in ("T1", "T2", "T4", "T7")}


def test_a_refused_reply_is_logged_and_can_be_tried_again(
    setup: tuple[IncidentEngine, FakeBackend, ManualClock],
) -> None:
    engine, backend, _ = setup
    incident = engine.declare("service_outage", summary="x", who="li", auto=False).incident
    answer = backend.reply

    def closed_t2(ticket_id: TicketId, body: str) -> ReplyOutcome:
        if ticket_id == "T2":
            return ReplyOutcome(ticket_id, ok=False, error="ticket_closed")
        return answer(ticket_id, body)

    backend.reply = closed_t2  # type: ignore[method-assign]
    change = engine.bulk_reply(incident.id, "outage_ack", tickets=FLOOR, who="li")
    outcomes = {r.target: (r.outcome, r.reason) for r in change.results}
    assert outcomes["T2"] == (Outcome.FAILED, "ticket_closed")
    assert engine.preview_bulk_reply(incident.id, FLOOR).ticket_ids == ("T2",)


def test_only_chosen_tickets_and_only_scripts_meant_for_tickets(
    setup: tuple[IncidentEngine, FakeBackend, ManualClock],
) -> None:
    engine, backend, _ = setup
    incident = engine.declare("public_opinion", summary="微博发酵", who="li", auto=False).incident
    social = [
        ticket("S1", "complaints", channel=Channel.SOCIAL, subject="我要曝光你们"),
        ticket("S2", "complaints", channel=Channel.SOCIAL, subject="看到微博了吗"),
    ]
    change = engine.bulk_reply(incident.id, "holding_reply", tickets=social, who="li", only={"S2"})
    assert [r.target for r in change.results] == ["S2"]
    missing = engine.bulk_reply(incident.id, "agreed_statement", tickets=social, who="li")
    (refused,) = missing.results
    assert (refused.outcome, refused.reason) == (Outcome.FAILED, "missing_variables")
    assert missing.events[0].payload["missing"] == ["statement"]
    assert [tid for tid, _ in backend.replies] == ["S2"]


def test_a_backend_that_cannot_reply_says_why(tmp_path: Path) -> None:
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'c.db'}")
    backend = FakeBackend()
    backend.capabilities = Capabilities(  # type: ignore[misc]
        frozenset(Capability) - {Capability.TICKET_REPLY},
        {Capability.TICKET_REPLY: "api_has_no_reply_endpoint"},
    )
    webhooks = WebhookSender(secrets=lambda name: None)
    engine = IncidentEngine(store, backend, library=load_library(), webhooks=webhooks)
    try:
        incident = engine.declare("service_outage", summary="x", who="li", auto=False).incident
        change = engine.bulk_reply(
            incident.id, "outage_ack", tickets=FLOOR, who="li", flt=TicketFilter()
        )
        (result,) = change.results
        assert (result.action, result.outcome, result.reason) == (
            Action.TICKET_REPLY,
            Outcome.NOT_SUPPORTED,
            "api_has_no_reply_endpoint",
        )
        assert backend.replies == []
    finally:
        webhooks.close()
        store.close()


def test_a_ticket_read_twice_while_the_floor_changes_is_listed_and_answered_once(
    setup: tuple[IncidentEngine, FakeBackend, ManualClock],
) -> None:
    """A full load pages through the change feed: a ticket that changes while
    the pages are read comes back on a later page, in its newer version."""
    engine, backend, _ = setup
    incident = engine.declare("service_outage", summary="x", who="li", auto=False).incident
    t1_again = ticket("T1", "account", topic="login", subject="登不上去了", created=-30,
                      updated_at=at(-1))  # fmt: skip
    t2_closed = ticket("T2", "payment", topic="payment", created=-20, status=Status.RESOLVED,
                       updated_at=at(-1))  # fmt: skip
    pages = [*FLOOR, t1_again, t2_closed]
    preview = engine.preview_bulk_reply(incident.id, pages)
    assert preview.ticket_ids == ("T1", "T4")  # T1 once; T2 is closed by now
    change = engine.bulk_reply(incident.id, "outage_ack", tickets=pages, who="li")
    assert [r.target for r in change.results] == ["T1", "T4"]
    assert [tid for tid, _ in backend.replies] == ["T1", "T4"]
    # An older copy read after the newer one does not bring the old state back.
    assert preview_matches([t2_closed, FLOOR[1]], TicketFilter()).count == 0
